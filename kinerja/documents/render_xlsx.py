"""Tables as an XLSX workbook (openpyxl): one sheet per table, numbers as numbers, and
derived cells as live formulas, so a planner who edits a figure sees the totals follow.

`render_xlsx(document)` writes one sheet per `TableBlock` of a `Document` (sheet named by
the block's number, "Tabel 4.1"); `tables_xlsx(tables)` does the same for a bare list of
tables (sheet named by the table's code, "T-C.33"), as `kinerja evaluate --format xlsx`.

Each sheet: the title and subtitle rows (and the document's notice), the header rows
merged as in the official form, the column-number row, the body, then the footnotes. The
header and column-number rows stay frozen on screen and are printed on every page
(landscape unless the block says otherwise, `PAPER_SIZE`, one page wide, centred).

Values and formats mirror `kinerja.monitoring.display.cell_text`, the text the web and
the terminal show, but keep numbers numeric (Excel shows them with the reader's own
separators, `1.590.078.504` on an Indonesian machine):

- money: `#,##0`, or `#,##0.00` when the value has cents;
- number (an indikator value): `#,##0` with as many decimals as the printed value has
  (at most `decimals`, no trailing zeros: `#,##0.0` for 62.2, `#,##0` for 64), then the
  satuan as a literal suffix, as `cell_text` prints it: `#,##0"%"`, `#,##0" Dokumen"`;
- percent (capaian, serapan): `#,##0.00` with `decimals` places and no "%": the value is
  already a percentage (112.5), so Excel's own % format (which multiplies by 100) would
  be wrong, and `cell_text` prints it bare too (the header says "(%)");
- "–" (no value, for a reason) and kualitatif labels are text.

A cell with a `Derivation` becomes a formula over the cells it follows from, using only
functions both Excel and LibreOffice Calc know (SUM, COUNT, AVERAGE, IF, AND, ISNUMBER,
MAX). Referenced cells may hold "–", a label or nothing: the formula then yields what the
cell showed ("–" or blank) instead of an error. Formula cells carry a light fill and the
footnotes say so; the workbook asks Excel and Calc to recompute everything on open.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from math import ceil

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import Outline, PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.documents.model import Document
from kinerja.evaluation.tables import Cell, Derivation, HeaderCell, Table
from kinerja.evaluation.tables.model import BOLD_ROWS, placed_headers
from kinerja.lib.numbers import quantize
from kinerja.monitoring.display import DASH, PERCENT_UNITS, cell_text

PAPER_A4 = 9  # Excel's paperSize codes
PAPER_F4 = 14  # Folio, 8.5 × 13 in (215 × 330 mm): the F4 of Indonesian offices
PAPER_SIZE = PAPER_A4

TITLE_ROW, SUBTITLE_ROW, NOTICE_ROW, HEADER_ROW = 1, 2, 3, 4
FORMULA_NOTE = "Sel berwarna dihitung dengan rumus."
EMPTY_NOTE = "Dokumen ini tidak memuat tabel."

SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_ARGS = 255  # arguments of one Excel function call
MAX_OUTLINE = 7  # Excel's deepest row group
LINE_HEIGHT = 15  # points per line of 11 pt text
MIN_WIDTH, MONEY_WIDTH, MAX_WIDTH = 6, 12, 50  # column widths, in characters

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=12)
NOTE_FONT = Font(italic=True, size=9)
NOTICE_FONT = Font(bold=True, italic=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
DERIVED_FILL = PatternFill("solid", fgColor="EAF1FB")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP = Alignment(vertical="top")
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
TOP_CENTER = Alignment(horizontal="center", vertical="top")
LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
ITEM_ROWS = {"program", "kegiatan", "sub_kegiatan"}
NAME_COLUMN = 1  # the column of names, indented by depth (as in the terminal)


def render_xlsx(document: Document) -> bytes:
    """The document's tables as a workbook, one sheet per table block, named by its number."""
    workbook = _workbook(document.title)
    for block in document.tables():
        table = block.table
        sheet = workbook.create_sheet(sheet_name(block.number, workbook.sheetnames))
        heading = f"{block.number} {table.title}".strip()
        write_table(sheet, table, heading, notice=document.notice, landscape=block.landscape)
    return _saved(workbook)


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    """The tables as a workbook, one sheet per table, named by its code ("T-C.33")."""
    workbook = _workbook("")
    for table in tables:
        sheet = workbook.create_sheet(sheet_name(table.code, workbook.sheetnames))
        write_table(sheet, table, f"{table.code} {table.title}".strip())
    return _saved(workbook)


def sheet_name(wanted: str, taken: Sequence[str]) -> str:
    """A legal sheet name for `wanted`: no `[]:*?/\\`, at most 31 characters, not starting
    or ending with an apostrophe, not Excel's reserved "History", and unlike every name in
    `taken` (Excel ignores case); a repeated name gets " (2)", " (3)", …"""
    base = SHEET_NAME_FORBIDDEN.sub("-", _clean(wanted)).strip().strip("'").strip() or "Tabel"
    if base.casefold() == "history":  # reserved by Excel
        base += " (1)"
    used = {name.casefold() for name in taken}
    name, number = base[:SHEET_NAME_MAX].rstrip("'").rstrip(), 1
    while name.casefold() in used:
        number += 1
        suffix = f" ({number})"
        name = base[: SHEET_NAME_MAX - len(suffix)].rstrip("'").rstrip() + suffix
    return name


def _workbook(title: str) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    workbook.properties.title = title or None
    workbook.calculation.fullCalcOnLoad = True
    return workbook


def _saved(workbook: Workbook) -> bytes:
    if not workbook.worksheets:  # a workbook needs a sheet
        workbook.create_sheet("Tabel").cell(row=1, column=1, value=EMPTY_NOTE)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Layout:
    """Where a table's parts sit on its sheet (1-based rows and columns)."""

    table: Table

    @property
    def numbering_row(self) -> int:
        return HEADER_ROW + len(self.table.header_rows)

    @property
    def first_body_row(self) -> int:
        return self.numbering_row + 1

    def row(self, index: int) -> int:
        """The sheet row of body row `index`."""
        return self.first_body_row + index

    def ref(self, index: int, column: int) -> str:
        """The address of body row `index`, physical column `column` (0-based): "F7"."""
        return f"{get_column_letter(column + 1)}{self.row(index)}"


def write_table(
    sheet: Worksheet, table: Table, heading: str, *, notice: str = "", landscape: bool = True
) -> None:
    """Write one table on `sheet`: headings, headers, numbering, body, footnotes, layout."""
    layout = Layout(table)
    widths = _widths(table)
    _headings(sheet, table, heading, notice, widths)
    _headers(sheet, table, widths)
    formulas = _body(sheet, table, layout, widths)
    notes = [f"{index}) {note}" for index, note in enumerate(table.footnotes, start=1)]
    if formulas:
        notes.append(FORMULA_NOTE)
    _notes(sheet, table.width, layout.row(len(table.rows)), notes, widths)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _outline(sheet, table, layout)
    _print_setup(sheet, table, layout, landscape=landscape)


# Headings, headers and notes


def _headings(
    sheet: Worksheet, table: Table, heading: str, notice: str, widths: list[float]
) -> None:
    lines = ((TITLE_ROW, heading, TITLE_FONT), (SUBTITLE_ROW, table.subtitle, BOLD))
    for row, text, font in (*lines, (NOTICE_ROW, notice, NOTICE_FONT)):
        if text:
            target = _text(_at(sheet, row=row, column=1), text)
            target.font = font
            target.alignment = CENTER
            _merge(sheet, row, 1, 1, table.width)
            _fit_height(sheet, row, text, sum(widths))


def _header_cells(table: Table) -> Iterator[tuple[int, int, HeaderCell]]:
    """Every header cell with its sheet row and 1-based column, spans taken into account;
    the numbering row last."""
    for r, column, cell in placed_headers(table.header_rows):
        yield HEADER_ROW + r, column + 1, cell
    column = 1
    for number in table.numbering_row():
        yield HEADER_ROW + len(table.header_rows), column, number
        column += number.colspan


def _headers(sheet: Worksheet, table: Table, widths: list[float]) -> None:
    for row, column, cell in _header_cells(table):
        _text(_at(sheet, row=row, column=column), cell.text)
        for r in range(row, row + cell.rowspan):
            for c in range(column, column + cell.colspan):
                target = _at(sheet, row=r, column=c)
                target.font = BOLD
                target.alignment = CENTER
                target.fill = HEADER_FILL
                target.border = BOX
        _merge(sheet, row, column, cell.rowspan, cell.colspan)
        width = sum(widths[column - 1 : column - 1 + cell.colspan])
        _fit_height(sheet, row, cell.text, width, rows=cell.rowspan, bold=True)


def _notes(sheet: Worksheet, width: int, row: int, notes: list[str], widths: list[float]) -> None:
    """The footnotes under the table, after a blank row, each across the table's width."""
    for offset, note in enumerate(notes, start=1):
        target = _text(_at(sheet, row=row + offset, column=1), note)
        target.font = NOTE_FONT
        target.alignment = LEFT_WRAP
        _merge(sheet, row + offset, 1, 1, width)
        _fit_height(sheet, row + offset, note, sum(widths), size=9)


# The body


def _body(sheet: Worksheet, table: Table, layout: Layout, widths: list[float]) -> int:
    """Write the body rows; returns how many cells became formulas."""
    formulas = 0
    for index, row in enumerate(table.rows):
        for column, cell in _starts(row.cells):
            formulas += _body_cell(sheet, table, layout, (index, column), cell, widths)
    return formulas


def _body_cell(
    sheet: Worksheet,
    table: Table,
    layout: Layout,
    at: tuple[int, int],
    cell: Cell,
    widths: list[float],
) -> bool:
    """Write `cell`, at body row and physical column `at`; True when it became a formula."""
    index, column = at
    row = table.rows[index]
    target = _at(sheet, row=layout.row(index), column=column + 1)
    formula = _formula(table, layout, index, column, cell)
    if formula is not None:
        target.value = formula
        target.fill = DERIVED_FILL
    else:
        _value(target, cell)
    _style(target, cell, bold=row.kind in BOLD_ROWS)
    indent = row.depth if column == NAME_COLUMN and not cell.is_dash else 0
    if indent:
        target.alignment = Alignment(vertical="top", wrap_text=True, indent=indent)
    _merge(sheet, layout.row(index), column + 1, 1, cell.colspan)
    width = sum(widths[column : column + cell.colspan]) - 3 * indent
    _fit_height(sheet, layout.row(index), cell_text(cell), width)
    return formula is not None


def _starts(cells: Sequence[Cell]) -> Iterator[tuple[int, Cell]]:
    """Each cell with the physical column (0-based) it starts at."""
    column = 0
    for cell in cells:
        yield column, cell
        column += cell.colspan


def _value(target: SheetCell, cell: Cell) -> None:
    if cell.is_dash:
        _text(target, DASH)
    elif isinstance(cell.value, Decimal):
        target.value = excel_number(cell.value)
    elif cell.value:
        _text(target, cell.value)


def excel_number(value: Decimal) -> int | float:
    """A Decimal as Excel stores it: an int when integral, else the nearest double (exact
    to the cent for rupiah below 10^13, and to 6 places for any percentage)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _style(target: SheetCell, cell: Cell, *, bold: bool) -> None:
    target.border = BOX
    if bold:
        target.font = BOLD
    if cell.kind != "text":
        target.number_format = number_format(cell)
    if cell.is_dash:
        target.alignment = TOP_CENTER
    elif cell.kind == "text" or isinstance(cell.value, str):
        target.alignment = TOP_WRAP
    else:
        target.alignment = TOP


def number_format(cell: Cell) -> str:
    """The Excel number format that prints the cell as `cell_text` does (module docstring)."""
    value = cell.value if isinstance(cell.value, Decimal) else None
    if cell.kind == "money":
        has_cents = value is not None and value != value.to_integral_value()
        return "#,##0.00" if has_cents else "#,##0"
    if cell.kind == "percent":
        return _places(cell.decimals)
    places = cell.decimals
    if value is not None:  # as printed: at most `decimals` places, no trailing zeros
        exponent = quantize(value, cell.decimals).normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    unit = cell.unit.strip().replace('"', "")
    if unit.lower() in PERCENT_UNITS:
        return _places(places) + '"%"'
    return _places(places) + (f'" {unit}"' if unit else "")


def _places(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


# Formulas


def _formula(table: Table, layout: Layout, index: int, column: int, cell: Cell) -> str | None:
    """The cell's derivation as an Excel formula; None when it has none (or no inputs)."""
    derived = cell.derived
    if derived is None:
        return None
    if derived.children:
        rows = [layout.row(i) for i in table.child_rows(index)]
        refs = _ranges(get_column_letter(column + 1), rows)
    else:
        refs = [layout.ref(index, c) for c in derived.columns]
    if not refs:
        return None
    # What the cell showed without a value: "–" for a reason, else blank.
    empty = f'"{DASH}"' if cell.is_dash else '""'
    body = _expression(derived, refs, empty, guard=cell.value is None)
    return None if body is None else "=" + body


def _expression(derived: Derivation, refs: list[str], empty: str, *, guard: bool) -> str | None:
    op = derived.op
    if op == "sum":
        total = _call("SUM", refs)
        # A sum of nothing shows what the cell showed; a sum with a value stays a plain SUM.
        return f"IF({_call('COUNT', refs)}=0,{empty},{total})" if guard else total
    if op == "average":
        return f"IF({_call('COUNT', refs)}=0,{empty},AVERAGE({','.join(refs)}))"
    if op == "latest":
        expression = empty
        for ref in refs:  # the last non-empty: the rightmost column tested first
            expression = f'IF(AND({ref}<>"",{ref}<>"{DASH}"),{ref},{expression})'
        return expression
    if op == "difference":
        a, b = refs
        return f"IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}-{b},{empty})"
    if op == "ratio":
        a, b = refs
        return f"IF(AND(ISNUMBER({a}),ISNUMBER({b}),{b}<>0),{a}/{b}*100,{empty})"
    if op == "capaian":
        return _capaian(refs, derived.polaritas, empty)
    return None


def _capaian(refs: list[str], polaritas: str, empty: str) -> str:
    """Capaian of realisasi `refs[0]` against target `refs[1]`, as the engine computes it:
    none when the target is empty, 0 or negative."""
    r, t = refs
    value = f"MAX(0,(2*{t}-{r})/{t}*100)" if polaritas == "negatif" else f"{r}/{t}*100"
    return f"IF(AND(ISNUMBER({r}),ISNUMBER({t}),{t}>0),{value},{empty})"


def _ranges(letter: str, rows: list[int]) -> list[str]:
    """References to `rows` of one column, consecutive rows as one range: F7, F9:F11."""
    refs: list[str] = []
    start = previous = None
    for row in [*rows, None]:
        if previous is not None and row == previous + 1:
            previous = row
            continue
        if start is not None and previous is not None:
            refs.append(
                f"{letter}{start}" if start == previous else f"{letter}{start}:{letter}{previous}"
            )
        start = previous = row
    return refs


def _call(function: str, args: list[str]) -> str:
    """`function(args)`; beyond Excel's 255 arguments, the sum of calls over chunks (right
    for SUM and COUNT)."""
    if len(args) <= MAX_ARGS:
        return f"{function}({','.join(args)})"
    chunks = [args[i : i + MAX_ARGS] for i in range(0, len(args), MAX_ARGS)]
    return _call("SUM", [_call(function, chunk) for chunk in chunks])


# Layout


def _widths(table: Table) -> list[float]:
    """Column widths in characters: each column as wide as its longest printed value and
    its longest header word, between MIN_WIDTH (MONEY_WIDTH for rupiah) and MAX_WIDTH
    (longer text wraps)."""
    widths = [float(MIN_WIDTH)] * table.width
    for row in table.rows:
        for column, cell in _starts(row.cells):
            if cell.colspan == 1:
                indent = 3 * row.depth if column == NAME_COLUMN else 0
                least = MONEY_WIDTH if cell.kind == "money" else 0  # room for totals to come
                widths[column] = max(widths[column], len(cell_text(cell)) + 2 + indent, least)
    for _, column, header in _header_cells(table):
        if header.colspan == 1:
            word = max((len(part) for part in header.text.split()), default=0)
            widths[column - 1] = max(widths[column - 1], word + 3)
    return [min(width, MAX_WIDTH) for width in widths]


def _fit_height(
    sheet: Worksheet,
    row: int,
    text: str,
    width: float,
    *,
    rows: int = 1,
    bold: bool = False,
    size: int = 11,
) -> None:
    """Make `row` tall enough for `text` wrapped in `width` characters over `rows` rows
    (Excel does not grow rows for wrapped or merged text by itself)."""
    per_line = max(1.0, (width - 1) / (1.1 if bold else 1.0))
    lines = sum(max(1, ceil(len(part) / per_line)) for part in text.split("\n"))
    height = LINE_HEIGHT * size / 11 * ceil(lines / rows)
    if lines > rows and height > (sheet.row_dimensions[row].height or LINE_HEIGHT):
        sheet.row_dimensions[row].height = height


def _outline(sheet: Worksheet, table: Table, layout: Layout) -> None:
    """Group rows by depth: a program's kegiatan fold under it, their sub kegiatan under
    them; an indikator row folds with its item."""
    level = deepest = 0
    for index, row in enumerate(table.rows):
        if row.kind in ITEM_ROWS:
            level = min(row.depth, MAX_OUTLINE)
        elif row.kind != "indikator":
            level = 0
        if level:
            sheet.row_dimensions[layout.row(index)].outlineLevel = level
            deepest = max(deepest, level)
    sheet.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=True)
    sheet.sheet_format.outlineLevelRow = deepest


def _print_setup(sheet: Worksheet, table: Table, layout: Layout, *, landscape: bool) -> None:
    frozen_column = get_column_letter(3) if table.width > 2 else "A"
    sheet.freeze_panes = f"{frozen_column}{layout.first_body_row}"
    sheet.print_title_rows = f"{HEADER_ROW}:{layout.numbering_row}"
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = PAPER_SIZE
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, footer=0.3)
    sheet.print_options.horizontalCentered = True
    if sheet.oddFooter is not None:
        sheet.oddFooter.center.text = "Halaman &P dari &N"


# Cells


def _at(sheet: Worksheet, *, row: int, column: int) -> SheetCell:
    """The cell at `row`, `column`: never the covered part of a merged range."""
    target = sheet.cell(row=row, column=column)
    if not isinstance(target, SheetCell):
        raise ValueError(f"sel {target.coordinate} tertutup sel gabungan")
    return target


def _text(target: SheetCell, text: str) -> SheetCell:
    """Put `text` as text, even when it starts with "=" (never a formula)."""
    target.value = _clean(text)
    target.data_type = "s"
    return target


def _clean(text: str) -> str:
    """`text` without the control characters a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _merge(sheet: Worksheet, row: int, column: int, rows: int, columns: int) -> None:
    if rows > 1 or columns > 1:
        sheet.merge_cells(
            start_row=row,
            start_column=column,
            end_row=row + rows - 1,
            end_column=column + columns - 1,
        )
