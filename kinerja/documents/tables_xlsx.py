"""Evaluation tables as an XLSX workbook: one sheet per table, numbers kept as numbers.

Headers are merged as in the official form, the column-number row sits under them, the
header rows stay frozen and print on every page (landscape, fit to width).
"""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.evaluation.tables import Cell, Table
from kinerja.monitoring.display import DASH

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(vertical="top", wrap_text=True)


def tables_xlsx(tables: list[Table]) -> bytes:
    """A workbook with one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in tables:
        _sheet(workbook.create_sheet(_sheet_title(table, workbook.sheetnames)), table)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(table: Table, taken: list[str]) -> str:
    title = table.code.replace("/", "-")[:28]
    return title if title not in taken else f"{title} {len(taken)}"


def _sheet(sheet: Worksheet, table: Table) -> None:
    sheet.cell(row=1, column=1, value=f"{table.code} {table.title}").font = Font(bold=True)
    sheet.cell(row=2, column=1, value=table.subtitle)
    first = 4
    row = _headers(sheet, table, first)
    column = 1
    for number in table.numbering_row():
        _put_header(sheet, row, column, number.text, number.colspan, 1)
        column += number.colspan
    row += 1
    sheet.freeze_panes = f"C{row}"
    sheet.print_title_rows = f"{first}:{row - 1}"
    for body in table.rows:
        column = 1
        for cell in body.cells:
            _put_body(sheet, row, column, cell, bold=body.kind in {"program", "total"})
            if cell.colspan > 1:
                sheet.merge_cells(
                    start_row=row,
                    start_column=column,
                    end_row=row,
                    end_column=column + cell.colspan - 1,
                )
            column += cell.colspan
        row += 1
    for index, note in enumerate(table.footnotes, start=1):
        sheet.cell(row=row + index, column=1, value=f"{index}) {note}")
    _layout(sheet, table)


def _headers(sheet: Worksheet, table: Table, first: int) -> int:
    taken: set[tuple[int, int]] = set()
    for r, header_row in enumerate(table.header_rows):
        column = 1
        for cell in header_row:
            while (first + r, column) in taken:
                column += 1
            _put_header(sheet, first + r, column, cell.text, cell.colspan, cell.rowspan)
            taken.update(
                (first + r + dr, column + dc)
                for dr in range(cell.rowspan)
                for dc in range(cell.colspan)
            )
            column += cell.colspan
    return first + len(table.header_rows)


def _put_header(
    sheet: Worksheet, row: int, column: int, text: str, colspan: int, rowspan: int
) -> None:
    target = sheet.cell(row=row, column=column, value=text)
    target.font = Font(bold=True)
    target.alignment = CENTER
    for r in range(row, row + rowspan):
        for c in range(column, column + colspan):
            sheet.cell(row=r, column=c).border = BOX
    if colspan > 1 or rowspan > 1:
        sheet.merge_cells(
            start_row=row,
            start_column=column,
            end_row=row + rowspan - 1,
            end_column=column + colspan - 1,
        )


def _put_body(sheet: Worksheet, row: int, column: int, cell: Cell, *, bold: bool) -> None:
    target = sheet.cell(row=row, column=column)
    target.border = BOX
    target.alignment = TOP_LEFT
    if bold:
        target.font = Font(bold=True)
    if cell.is_dash:
        target.value = DASH
        target.alignment = CENTER
    elif isinstance(cell.value, Decimal):
        target.value = cell.value
        target.number_format = _number_format(cell)
    else:
        target.value = cell.value


def _number_format(cell: Cell) -> str:
    """Excel formats; Excel shows them with the reader's separators (`.` thousands in id-ID)."""
    if cell.kind == "money":
        has_cents = cell.value != Decimal(cell.value or 0).to_integral_value()
        return "#,##0.00" if has_cents else "#,##0"
    places = cell.decimals
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return pattern + ('"%"' if cell.unit.strip() == "%" else "")


def _layout(sheet: Worksheet, table: Table) -> None:
    for index in range(1, table.width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if index in (2, 3) else 14
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
