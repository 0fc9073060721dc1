"""An evaluation table as a ReportLab table: header rows with their spans and the numbering
row, repeated on every page; body rows with figures right-aligned. Column widths follow the
content; the font shrinks while figures and words do not fit, and past that the widest
figures fold at their thousands dots.
"""

import re
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from kinerja.documents.pdf_styles import BOLD, FONT, cell_styles, markup, register_fonts
from kinerja.evaluation.tables import Cell, HeaderCell, Row, Table
from kinerja.evaluation.tables.model import BOLD_ROWS, placed_headers
from kinerja.monitoring.display import DASH, cell_text

TABLE_FONT_SIZE = 7.5
MIN_TABLE_FONT_SIZE = 5.5
CELL_PADDING = 1.5
TEXT_COLUMN_SHARE = 0.28  # a text column's natural width is at most this share of the frame
HEADER_FILL = colors.HexColor("#d9d9d9")
NUMBERING_FILL = colors.HexColor("#f2f2f2")


@dataclass(frozen=True)
class TableLayout:
    """How a table is set: its font size and its column widths (points)."""

    font_size: float
    widths: tuple[float, ...]


def pdf_table(table: Table, width: float) -> Any:
    """The table as a ReportLab table `width` wide: header rows with their spans and the
    numbering row (repeated on every page), the body, footer rows spanning."""
    layout = table_layout(table, width)
    data, commands = _header_rows(table, cell_styles(layout.font_size))
    heading = len(data)
    for row in table.rows:
        cells, row_commands = _body_row(row, len(data), layout)
        data.append(cells)
        commands += row_commands
    result = RLTable(data, colWidths=layout.widths, repeatRows=heading, hAlign="CENTER")
    result.setStyle(TableStyle(_base_commands(layout.font_size, heading) + commands))
    return result


def _base_commands(size: float, heading: int) -> list[tuple[Any, ...]]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.2),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, heading - 1), "MIDDLE"),
        ("ALIGN", (0, heading), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, heading - 2), HEADER_FILL),
        ("BACKGROUND", (0, heading - 1), (-1, heading - 1), NUMBERING_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]


def _heads(table: Table) -> list[tuple[int, int, HeaderCell]]:
    """The header cells and, in the row under them, the numbering cells, placed."""
    numbering = len(table.header_rows)
    heads = placed_headers(table.header_rows)
    return heads + [(numbering, c, cell) for _, c, cell in placed_headers((table.numbering_row(),))]


def _header_rows(
    table: Table, styles: dict[str, ParagraphStyle]
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """The header rows and the numbering row under them, with their spans."""
    numbering = len(table.header_rows)
    grid: list[list[Any]] = [[""] * table.width for _ in range(numbering + 1)]
    commands: list[tuple[Any, ...]] = []
    for r, c, cell in _heads(table):
        style = styles["numbering" if r == numbering else "header"]
        grid[r][c] = RLParagraph(markup(cell.text), style)
        if cell.colspan > 1 or cell.rowspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    return grid, commands


def _body_row(row: Row, r: int, layout: TableLayout) -> tuple[list[Any], list[tuple[Any, ...]]]:
    bold = row.kind in BOLD_ROWS
    cells: list[Any] = []
    commands: list[tuple[Any, ...]] = []
    if bold:
        commands.append(("FONTNAME", (0, r), (-1, r), BOLD))
    for cell in row.cells:
        c = len(cells)
        text = cell_text(cell)
        if cell.colspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r)))
        if text == DASH:
            commands.append(("ALIGN", (c, r), (c, r), "CENTER"))
        room = layout.widths[c] - 2 * CELL_PADDING
        cells.append(_cell_content(cell, text, bold, layout.font_size, room))
        cells += [""] * (cell.colspan - 1)
    return cells, commands


def _figure(cell: Cell, text: str) -> bool:
    """True when the cell prints as one unbreakable string (a figure, a dash)."""
    return cell.colspan == 1 and (text == DASH or (cell.kind != "text" and " " not in text))


def _cell_content(cell: Cell, text: str, bold: bool, size: float, room: float) -> Any:
    """A figure as a plain string (folded at its thousands dots only when it does not fit
    its column), anything else as a wrapping paragraph."""
    styles = cell_styles(size)
    font = BOLD if bold else FONT
    if not text:
        return text
    if _figure(cell, text):
        lines = _fold(text, font, size, room)
        if len(lines) == 1:
            return text
        folded = "<br/>".join(markup(line) for line in lines)
        return RLParagraph(folded, styles["number_bold" if bold else "number"])
    kind = "text" if cell.kind == "text" or cell.colspan > 1 else "number"
    return RLParagraph(markup(text), styles[f"{kind}_bold" if bold else kind])


def _fold(text: str, font: str, size: float, room: float) -> list[str]:
    """A figure in lines no wider than `room`, broken only after its thousands dots."""
    lines: list[str] = []
    for group in re.findall(r"[^.]*\.|[^.]+$", text):
        if lines and pdfmetrics.stringWidth(lines[-1] + group, font, size) <= room:
            lines[-1] += group
        else:
            lines.append(group)
    return lines


def _folded_width(text: str, font: str, size: float) -> float:
    """The width of a figure folded in two lines at the best of its thousands dots."""
    groups = re.findall(r"[^.]*\.|[^.]+$", text)
    best = pdfmetrics.stringWidth(text, font, size)
    for index in range(1, len(groups)):
        parts = ("".join(groups[:index]), "".join(groups[index:]))
        best = min(best, max(pdfmetrics.stringWidth(part, font, size) for part in parts))
    return best


def table_layout(table: Table, width: float) -> TableLayout:
    """Column widths from the content, filling `width`: text columns get the room left after
    the figures and the longest words. The font shrinks (down to `MIN_TABLE_FONT_SIZE`)
    while the figures and words do not fit; if they still do not, the widest figures fold
    at their thousands dots."""
    register_fonts()
    size = TABLE_FONT_SIZE
    widths = _measure(table, size, width)
    while sum(widths.fixed) > width and size > MIN_TABLE_FONT_SIZE:
        size = max(MIN_TABLE_FONT_SIZE, size - 0.25)
        widths = _measure(table, size, width)
    return TableLayout(font_size=size, widths=_fit(widths, width))


@dataclass(frozen=True)
class _Widths:
    """Per column, padding included: `least` (the longest word, a figure folded in two),
    `fixed` (the longest word or whole figure) and `natural` (text on one line, capped)."""

    least: list[float]
    fixed: list[float]
    natural: list[float]


def _fit(widths: _Widths, width: float) -> tuple[float, ...]:
    if sum(widths.natural) <= width:
        return tuple(n * width / sum(widths.natural) for n in widths.natural)
    if sum(widths.fixed) <= width:
        return _between(widths.fixed, widths.natural, width)
    if sum(widths.least) <= width:
        return _between(widths.least, widths.fixed, width)
    return tuple(x * width / sum(widths.least) for x in widths.least)


def _between(low: list[float], high: list[float], width: float) -> tuple[float, ...]:
    """Widths from `low` towards `high`, each gaining the same share of its slack."""
    slack = sum(high) - sum(low)
    share = (width - sum(low)) / slack if slack else 0
    return tuple(a + (b - a) * share for a, b in zip(low, high, strict=True))


def _measure(table: Table, size: float, width: float) -> _Widths:
    count = table.width
    least, fixed, natural = [2 * size] * count, [2 * size] * count, [0.0] * count
    spans: list[tuple[int, int, float]] = []
    numbering = len(table.header_rows)
    for r, c, head in _heads(table):
        font = FONT if r == numbering else BOLD
        need = _text_width(head.text, font, size, whole=r == numbering)
        if head.colspan == 1:
            least[c] = fixed[c] = max(fixed[c], need)
            natural[c] = max(natural[c], _text_width(head.text, font, size, whole=True) / 3)
        else:
            spans.append((c, head.colspan, need))
    for row in table.rows:
        _measure_row(row, size, width * TEXT_COLUMN_SHARE, _Widths(least, fixed, natural))
    pad = 2 * CELL_PADDING
    least = [x + pad for x in least]
    fixed = [x + pad for x in fixed]
    natural = [max(x + pad, f) for x, f in zip(natural, fixed, strict=True)]
    for c, span, need in spans:
        for widths in (least, fixed, natural):
            _widen(widths, c, span, need + pad)
    return _Widths(least, fixed, natural)


def _measure_row(row: Row, size: float, cap: float, widths: _Widths) -> None:
    font = BOLD if row.kind in BOLD_ROWS else FONT
    c = 0
    for cell in row.cells:
        text = cell_text(cell)
        if cell.colspan == 1 and text:
            whole = _text_width(text, font, size, whole=True)
            if _figure(cell, text):
                widths.least[c] = max(widths.least[c], _folded_width(text, font, size))
                widths.fixed[c] = max(widths.fixed[c], whole)
            else:
                longest = _text_width(text, font, size)
                widths.least[c] = max(widths.least[c], longest)
                widths.fixed[c] = max(widths.fixed[c], longest)
            widths.natural[c] = max(widths.natural[c], min(cap, whole))
        c += cell.colspan


def _widen(widths: list[float], start: int, span: int, need: float) -> None:
    have = sum(widths[start : start + span])
    if need > have:
        for c in range(start, start + span):
            widths[c] += (need - have) / span


def _text_width(text: str, font: str, size: float, *, whole: bool = False) -> float:
    """The width of `text` on one line, or (unless `whole`) of its longest word."""
    parts = [text] if whole else text.split()
    return max((pdfmetrics.stringWidth(part, font, size) for part in parts), default=0.0)
