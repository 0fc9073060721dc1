"""An evaluation table as a Word table: header rows merged as in the official form and the
column-number row, all repeated on every page; body rows that never split, figures
right-aligned and item names indented by depth. The font size and column widths are
chosen to fill the text width (see `_fitting`)."""

import re
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Pt
from docx.text.paragraph import Paragraph as WordParagraph

from kinerja.documents.docx_xml import mark_size, sub
from kinerja.evaluation.tables import HeaderCell, Row, Table
from kinerja.evaluation.tables.model import BOLD_ROWS, ITEM_KINDS, placed_headers
from kinerja.monitoring.display import cell_text

HEADER_FILL = "D9D9D9"
NUMBERING_FILL = "F2F2F2"
NUMERIC_KINDS = {"number", "money", "percent"}
CELL_MARGIN = 28  # twips left and right in a table cell
INDENT = Cm(0.15)  # of a name in a table, per level of its tree


def write_table(word: WordDocument, table: Table, width: Length) -> None:
    """`table` at the end of the body of `word`, `width` wide."""
    _TableWriter(word, table, width).write()


@dataclass(frozen=True)
class _Slot:
    """One cell of a table row as Word stores it: where it starts, how far it spans, and
    whether it starts (restart) or continues (continue) a vertical merge."""

    column: int
    span: int
    text: str
    merge: str | None = None


class _TableWriter:
    """One evaluation table as a Word table: header rows merged as in the official form,
    the column-number row, all of them repeated on every page; rows never split."""

    def __init__(self, word: WordDocument, table: Table, width: Length) -> None:
        self.word, self.table = word, table
        self.size, self.widths = _fitting(table, width.twips)
        self.name_column = _name_column(table)

    def write(self) -> None:
        table = OxmlElement("w:tbl")
        table.append(self._properties())
        grid = sub(table, "w:tblGrid")
        for width in self.widths:
            sub(grid, "w:gridCol", w=str(width))
        for slots in _header_slots(self.table.header_rows):
            table.append(self._header_row(slots, HEADER_FILL, italic=False))
        numbering = _header_slots((self.table.numbering_row(),))[0]
        table.append(self._header_row(numbering, NUMBERING_FILL, italic=True))
        for row in self.table.rows:
            table.append(self._body_row(row))
        body = self.word.element.body
        end = body.sectPr
        if end is not None:
            end.addprevious(table)
        else:
            body.append(table)

    def _properties(self) -> BaseOxmlElement:
        properties = OxmlElement("w:tblPr")
        sub(properties, "w:tblW", w=str(sum(self.widths)), type="dxa")
        sub(properties, "w:jc", val="center")
        borders = sub(properties, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            sub(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
        sub(properties, "w:tblLayout", type="fixed")
        margins = sub(properties, "w:tblCellMar")
        for side in ("left", "right"):
            sub(margins, f"w:{side}", w=str(CELL_MARGIN), type="dxa")
        return properties

    def _header_row(self, slots: list[_Slot], fill: str, *, italic: bool) -> BaseOxmlElement:
        row = _row(header=True)
        for slot in slots:
            cell = self._cell(slot, fill=fill, valign="center")
            text = "" if slot.merge == "continue" else slot.text
            size = Pt(self.size.pt - 1) if italic else self.size
            center = WD_ALIGN_PARAGRAPH.CENTER
            self._text(cell, text, align=center, size=size, bold=not italic, italic=italic)
            row.append(cell)
        return row

    def _body_row(self, row: Row) -> BaseOxmlElement:
        element = _row(header=False)
        column = 0
        for cell in row.cells:
            slot = _Slot(column=column, span=cell.colspan, text=cell_text(cell))
            tc = self._cell(slot, fill=None, valign="top")
            numeric = cell.kind in NUMERIC_KINDS
            align = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            indent = Length(INDENT * row.depth) if column == self.name_column else None
            bold = row.kind in BOLD_ROWS
            self._text(tc, slot.text, align=align, size=self.size, bold=bold, indent=indent)
            element.append(tc)
            column += cell.colspan
        return element

    def _cell(self, slot: _Slot, *, fill: str | None, valign: str) -> BaseOxmlElement:
        cell = OxmlElement("w:tc")
        properties = sub(cell, "w:tcPr")
        width = sum(self.widths[slot.column : slot.column + slot.span])
        sub(properties, "w:tcW", w=str(width), type="dxa")
        if slot.span > 1:
            sub(properties, "w:gridSpan", val=str(slot.span))
        if slot.merge:
            sub(properties, "w:vMerge", val=slot.merge)
        borders = sub(properties, "w:tcBorders")
        for side in ("top", "left", "bottom", "right"):
            sub(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
        if fill:
            sub(properties, "w:shd", val="clear", color="auto", fill=fill)
        sub(properties, "w:vAlign", val=valign)
        return cell

    def _text(
        self,
        cell: BaseOxmlElement,
        text: str,
        *,
        align: WD_ALIGN_PARAGRAPH,
        size: Length,
        bold: bool,
        italic: bool = False,
        indent: Length | None = None,
    ) -> None:
        paragraph = WordParagraph(sub(cell, "w:p"), self.word)
        paragraph.alignment = align
        layout = paragraph.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        layout.line_spacing = 1.0
        mark_size(paragraph, size)
        if indent:
            layout.left_indent = indent
        if text:
            run = paragraph.add_run(text)
            run.font.size, run.bold, run.italic = size, bold or None, italic or None


def _row(*, header: bool) -> BaseOxmlElement:
    row = OxmlElement("w:tr")
    properties = sub(row, "w:trPr")
    sub(properties, "w:cantSplit")
    if header:
        sub(properties, "w:tblHeader")
    return row


def _header_slots(rows: tuple[tuple[HeaderCell, ...], ...]) -> list[list[_Slot]]:
    """The header grid row by row: each cell where it starts, and under a cell spanning
    rows, a continuing cell in each row below."""
    slots: dict[int, list[_Slot]] = {r: [] for r in range(len(rows))}
    for r, column, cell in placed_headers(rows):
        for dr in range(cell.rowspan):
            merge = None if cell.rowspan == 1 else ("restart" if dr == 0 else "continue")
            slots[r + dr].append(_Slot(column, cell.colspan, cell.text, merge))
    return [sorted(slots[r], key=lambda slot: slot.column) for r in range(len(rows))]


def _fitting(table: Table, total: int) -> tuple[Length, list[int]]:
    """The font size and column widths (twips) that fill `total`: 9 pt for a narrow
    table, else 8; smaller, to 6 pt, while its words and figures do not fit. Then, to
    5,5 pt, the header's words may wrap; then, at 5,5 pt, the body's words too (not its
    figures and codes), each column squeezed by the same share. Past that, the widths
    follow the figures and Word breaks what does not fit."""
    sizes = [9.0, 8.0] if table.width <= 8 else [8.0]
    sizes += [7.5, 7.0, 6.5, 6.0]
    for points in sizes:
        need = _measure(table, Pt(points))
        if sum(need[HEADED]) <= total:
            return Pt(points), _spread(need[HEADED], need[NATURAL], total)
    for points in (*sizes[1:], 5.5):
        need = _measure(table, Pt(points))
        if sum(need[WORDS]) <= total:
            return Pt(points), _spread(need[WORDS], need[HEADED], total)
    if sum(need[FIGURES]) <= total:  # at 5,5 pt, which leaves the words the most room
        return Pt(5.5), _spread(need[FIGURES], need[WORDS], total)
    return Pt(5.5), _spread([0] * table.width, need[FIGURES], total)


FIGURES, WORDS, HEADED, NATURAL = range(4)


def _measure(table: Table, size: Length) -> tuple[list[int], ...]:
    """Per column in twips, what its cells need: the widest figure or code (a word with
    a digit), the widest word of the body, the widest word of the header too, and
    the longest text on one line (at most 60 characters)."""
    figures, words, natural = [0] * table.width, [0] * table.width, [0] * table.width
    names = _name_column(table)
    for row in table.rows:
        column = 0
        for cell in row.cells:
            if cell.colspan == 1:
                text = cell_text(cell)  # a figure is one word; "146 Dokumen" wraps
                indent = INDENT.twips * row.depth if column == names else 0
                figure = _longest(" ".join(w for w in text.split() if re.search(r"\d", w)))
                figures[column] = max(figures[column], _twips(figure, size) + indent)
                words[column] = max(words[column], _twips(_longest(text), size) + indent)
                natural[column] = max(natural[column], _twips(text[:60], size) + indent)
            column += cell.colspan
    headed = list(words)
    for slots in (*_header_slots(table.header_rows), _header_slots((table.numbering_row(),))[0]):
        for slot in slots:
            need = _twips(_longest(slot.text), size, bold=True)
            if slot.span == 1:
                headed[slot.column] = max(headed[slot.column], need)
            elif need > sum(headed[slot.column : slot.column + slot.span]):
                for column in range(slot.column, slot.column + slot.span):
                    headed[column] = max(headed[column], need // slot.span)
    natural = [max(n, h) for n, h in zip(natural, headed, strict=True)]
    return figures, words, headed, natural


def _spread(low: list[int], high: list[int], total: int) -> list[int]:
    """Widths from `low` towards `high`, each column gaining the same share of its
    slack; past `high`, every column grows in proportion."""
    if sum(high) <= total:
        low, high = high, [width * 2 for width in high]
    slack = sum(high) - sum(low)
    share = (total - sum(low)) / slack if slack else 0
    widths = [int(a + (b - a) * share) for a, b in zip(low, high, strict=True)]
    widths[-1] += total - sum(widths)
    return widths


def _longest(text: str) -> str:
    """The longest word: lines break at spaces, and after a slash or a hyphen."""
    return max(re.split(r"\s+|(?<=[/-])", text), key=_em, default="")


def _twips(text: str, size: Length, *, bold: bool = False) -> int:
    """The room a text needs in a cell: its width in Arial (Arial's digits are as wide
    in bold), 8 % to spare for a template's wider font, 6 % more for bold words, and
    the cell margins."""
    spare = 1.08 * (1.06 if bold else 1.0)
    return int(_em(text) * size.pt * 20 * spare) + 2 * CELL_MARGIN + 10


def _em(text: str) -> float:
    """The width of `text` in em, after Arial's metrics, roughly."""
    width = 0.0
    for char in text:
        if char in ".,:;'!|iIjlt ":
            width += 0.278
        elif char in "()[]-–/frJ":
            width += 0.333
        elif char in "mwMW%@":
            width += 0.889
        elif char.isupper():
            width += 0.722
        else:
            width += 0.556
    return width


def _name_column(table: Table) -> int | None:
    """The column of the item names (program, kegiatan …), indented by depth: the first
    column in which most item rows have words, not codes."""
    counts: dict[int, int] = {}
    items = [row for row in table.rows if row.kind in ITEM_KINDS]
    for row in items:
        column = 0
        for cell in row.cells:
            if isinstance(cell.value, str) and re.search(r"[A-Za-z]{2}", cell.value):
                counts[column] = counts.get(column, 0) + 1
            column += cell.colspan
    named = [column for column in sorted(counts) if counts[column] * 2 > len(items)]
    return named[0] if named else None
