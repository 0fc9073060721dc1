"""The XLSX renderer: real numbers in formats that print like the screen, the official
headers merged, print setup, and derived cells as formulas that Excel, LibreOffice and
pycel compute to the model's values, and that follow when a planner edits a figure."""

import re
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pycel import ExcelCompiler

from kinerja.documents.model import Document, Section, TableBlock
from kinerja.documents.render_xlsx import (
    FORMULA_NOTE,
    HEADER_ROW,
    PAPER_SIZE,
    Layout,
    excel_number,
    number_format,
    render_xlsx,
    sheet_name,
    tables_xlsx,
)
from kinerja.documents.tests.sample import sample_document, sample_table
from kinerja.evaluation.tables import Cell, Derivation, HeaderCell, Row, Table
from kinerja.lib.numbers import format_number
from kinerja.monitoring.display import DASH, cell_text

SHEET = "Tabel 2.1"
LAYOUT = Layout(sample_table())
FIRST = LAYOUT.first_body_row  # the sample's body starts on row 7
TOTAL = 8  # the sample's grand total row


def sheet_of(content: bytes, name: str = SHEET) -> Worksheet:
    return load_workbook(BytesIO(content))[name]


def compiler(tmp_path: Path, content: bytes) -> ExcelCompiler:
    path = tmp_path / "tabel.xlsx"
    path.write_bytes(content)
    return ExcelCompiler(filename=str(path))


def address(ref: str, name: str = SHEET) -> str:
    return f"'{name}'!{ref}"


def cells_of(table: Table) -> list[tuple[int, int, Cell]]:
    """Every body cell with its row index and starting physical column."""
    found = []
    for index, row in enumerate(table.rows):
        column = 0
        for cell in row.cells:
            found.append((index, column, cell))
            column += cell.colspan
    return found


def close(value: object, expected: D) -> bool:
    return isinstance(value, int | float) and abs(D(str(value)) - expected) < D("0.000001")


def one_table(table: Table, *, number: str = SHEET, landscape: bool = True) -> Document:
    block = TableBlock(number=number, table=table, landscape=landscape)
    return Document(
        kind="renja", title="Uji", sections=(Section(number="", title="", blocks=(block,)),)
    )


def small_table(rows: tuple[Row, ...], width: int) -> Table:
    return Table(
        code="T-U",
        title="Tabel Uji",
        header_rows=(tuple(HeaderCell(text=f"Kolom {i}") for i in range(1, width + 1)),),
        column_numbers=tuple(str(i) for i in range(1, width + 1)),
        rows=rows,
    )


# The sheet


def test_one_sheet_per_table_block_titled_by_number_and_title():
    sheet = sheet_of(render_xlsx(sample_document()))

    assert load_workbook(BytesIO(render_xlsx(sample_document()))).sheetnames == [SHEET]
    assert sheet["A1"].value == "Tabel 2.1 Tabel Contoh Evaluasi Tahun 2024"
    assert sheet["A2"].value == "BKPSDM Kabupaten Contoh"
    assert sheet["A3"].value == "Data realisasi adalah data contoh."  # the notice


def test_headers_are_merged_as_the_official_form_and_numbered_under_them():
    sheet = sheet_of(render_xlsx(sample_document()))

    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A4:A5", "B4:B5", "C4:E4", "F4:H4", "I4:I5", "J4:J5"} <= merged
    assert [sheet.cell(row=5, column=c).value for c in range(3, 9)] == [
        "Target", "Realisasi", "Capaian (%)", "Pagu", "Realisasi", "Serapan (%)",
    ]  # fmt: skip
    numbering = [sheet.cell(row=FIRST - 1, column=c).value for c in range(1, 11)]
    assert numbering == list(sample_table().column_numbers)
    header = sheet["C4"]
    assert header.font.bold
    assert header.alignment.horizontal == "center"
    assert header.alignment.wrap_text
    assert header.fill.fgColor.rgb.endswith("D9D9D9")
    assert header.border.left.style == "thin"
    assert sheet["C6"].font.bold
    assert sheet["C6"].fill.fgColor.rgb.endswith("D9D9D9")


def test_numbering_runs_are_merged():
    table = Table(
        code="E",
        title="Dua bagian",
        header_rows=((HeaderCell(text="Uraian"), HeaderCell(text="Target", colspan=2)),),
        column_numbers=("1", "2", "2"),
        rows=(),
    )

    sheet = sheet_of(render_xlsx(one_table(table)))

    assert "B5:C5" in {str(cell_range) for cell_range in sheet.merged_cells.ranges}


def test_panes_freeze_under_the_numbering_and_after_two_columns():
    sheet = sheet_of(render_xlsx(sample_document()))

    assert FIRST == HEADER_ROW + 3
    assert sheet.freeze_panes == f"C{FIRST}"


def test_print_setup_repeats_the_headers_on_landscape_pages_one_page_wide():
    workbook = load_workbook(BytesIO(render_xlsx(sample_document())))
    sheet = workbook[SHEET]

    assert sheet.print_title_rows == f"${HEADER_ROW}:${FIRST - 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == PAPER_SIZE
    assert int(sheet.page_setup.fitToWidth) == 1
    assert int(sheet.page_setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_options.horizontalCentered
    assert sheet.page_margins.left <= 0.5
    assert sheet.page_margins.right <= 0.5
    assert workbook.calculation.fullCalcOnLoad


def test_a_portrait_block_prints_portrait():
    sheet = sheet_of(render_xlsx(one_table(sample_table(), landscape=False)))

    assert sheet.page_setup.orientation == "portrait"


def test_footnotes_follow_the_table_after_a_blank_row():
    sheet = sheet_of(render_xlsx(sample_document()))
    after = FIRST + len(sample_table().rows)

    assert sheet.cell(row=after, column=1).value is None
    notes = [sheet.cell(row=after + i, column=1).value for i in (1, 2, 3)]
    assert notes == [
        "1) Capaian indikator negatif: (2T − R) / T × 100.",
        "2) – : data belum ada.",
        FORMULA_NOTE,
    ]
    assert f"A{after + 1}:J{after + 1}" in {str(r) for r in sheet.merged_cells.ranges}


def test_a_table_without_derived_cells_has_no_formula_note():
    table = small_table(
        (Row(kind="sub_kegiatan", cells=(Cell(value="A"), Cell(value=D(5), kind="number"))),), 2
    )

    sheet = sheet_of(render_xlsx(one_table(table)))

    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert FORMULA_NOTE not in values
    assert sheet["B6"].value == 5


def test_rows_are_grouped_by_depth():
    sheet = sheet_of(render_xlsx(sample_document()))

    levels = [
        sheet.row_dimensions[FIRST + i].outline_level for i in range(len(sample_table().rows))
    ]
    # program, kegiatan, sub kegiatan + its indikator (twice), program, sub kegiatan, total, footer
    assert levels == [0, 1, 2, 2, 2, 2, 0, 1, 0, 0]
    assert sheet.sheet_properties.outlinePr.summaryBelow is False


def test_names_are_indented_by_depth_and_columns_sized_by_content():
    sheet = sheet_of(render_xlsx(sample_document()))

    assert sheet[f"B{FIRST + 2}"].alignment.indent == 2
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABF"}
    assert widths["B"] > widths["F"] > widths["A"] / 2
    assert widths["A"] >= len("5.01.01.2.01.0001")
    assert widths["F"] >= len("1.593.078.504,50")


# Sheet names


def test_sheet_names_are_legal_short_and_unique():
    assert sheet_name("Tabel 4.1", []) == "Tabel 4.1"
    assert sheet_name("Tabel 4.1", ["tabel 4.1"]) == "Tabel 4.1 (2)"
    assert sheet_name("Tabel 4.1", ["Tabel 4.1", "Tabel 4.1 (2)"]) == "Tabel 4.1 (3)"
    assert sheet_name("a/b:c*d?e[f]g\\h", []) == "a-b-c-d-e-f-g-h"
    assert sheet_name("'kutip'", []) == "kutip"
    assert sheet_name("", []) == "Tabel"
    assert sheet_name("History", []) == "History (1)"
    long = sheet_name("x" * 40, [])
    assert len(long) == 31
    again = sheet_name("x" * 40, [long])
    assert len(again) == 31
    assert again.endswith(" (2)")


def test_repeated_numbers_get_distinct_sheets():
    table = sample_table()
    blocks = tuple(
        TableBlock(number=number, table=table) for number in ("Tabel 4.1", "Tabel 4.1", "Tabel 5/1")
    )
    document = Document(
        kind="renja", title="Uji", sections=(Section(number="", title="", blocks=blocks),)
    )

    names = load_workbook(BytesIO(render_xlsx(document))).sheetnames

    assert names == ["Tabel 4.1", "Tabel 4.1 (2)", "Tabel 5-1"]


def test_a_document_without_tables_still_opens():
    document = Document(
        kind="renja", title="Kosong", sections=(Section(number="BAB I", title="X"),)
    )

    assert load_workbook(BytesIO(render_xlsx(document))).sheetnames == ["Tabel"]


def test_tables_xlsx_names_sheets_by_code():
    content = tables_xlsx([sample_table(), sample_table()])

    workbook = load_workbook(BytesIO(content))
    assert workbook.sheetnames == ["T-X", "T-X (2)"]
    sheet = workbook["T-X"]
    assert sheet["A1"].value == "T-X Tabel Contoh Evaluasi Tahun 2024"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.freeze_panes == f"C{FIRST}"


# Values and formats


def test_figures_are_numbers_and_derived_cells_formulas():
    sheet = sheet_of(render_xlsx(sample_document()))

    checked = 0
    for index, column, cell in cells_of(sample_table()):
        target = sheet.cell(row=FIRST + index, column=column + 1)
        if cell.derived is not None:
            assert target.data_type == "f", target
            assert str(target.value).startswith("="), target
        elif isinstance(cell.value, D):
            assert target.data_type == "n", target
            assert D(str(target.value)) == cell.value
            checked += 1
        elif cell.value:
            assert (target.data_type, target.value) == ("s", cell.value)
    assert checked == 10  # 6 amounts and 4 indikator values


def test_derived_cells_are_shaded_and_inputs_are_not():
    sheet = sheet_of(render_xlsx(sample_document()))

    assert sheet[f"F{FIRST}"].fill.fgColor.rgb.endswith("EAF1FB")
    assert sheet[f"F{FIRST + 2}"].fill.fill_type is None


def test_text_that_looks_like_a_formula_stays_text():
    table = small_table(
        (Row(kind="sub_kegiatan", cells=(Cell(value="=1+1"), Cell(value="a\x01b"))),), 2
    )

    sheet = sheet_of(render_xlsx(one_table(table)))

    assert (sheet["A6"].data_type, sheet["A6"].value) == ("s", "=1+1")
    assert sheet["B6"].value == "ab"


def test_dash_cells_are_centred_text():
    dash = Cell(kind="money", reason="pagu-kosong")
    table = small_table((Row(kind="sub_kegiatan", cells=(Cell(value="A"), dash)),), 2)

    sheet = sheet_of(render_xlsx(one_table(table)))

    assert (sheet["B6"].data_type, sheet["B6"].value) == ("s", DASH)
    assert sheet["B6"].alignment.horizontal == "center"


def displayed(value: D, pattern: str) -> str:
    """`value` as Excel prints it with `pattern` on an Indonesian machine."""
    match = re.fullmatch(r'#,##0(?:\.(0+))?(?:"(.*)")?', pattern)
    assert match, pattern
    places, suffix = len(match.group(1) or ""), match.group(2) or ""
    return format_number(value, places) + suffix


@pytest.mark.parametrize(
    ("cell", "pattern", "printed"),
    [
        (Cell(value=D("1590078504"), kind="money", decimals=2), "#,##0", "1.590.078.504"),
        (Cell(value=D("1000000.50"), kind="money", decimals=2), "#,##0.00", "1.000.000,50"),
        (Cell(value=D("112.5"), kind="percent", decimals=2), "#,##0.00", "112,50"),
        (Cell(value=D("62.2"), kind="number", decimals=1, unit="%"), '#,##0.0"%"', "62,2%"),
        (Cell(value=D("64"), kind="number", decimals=1, unit="%"), '#,##0"%"', "64%"),
        (Cell(value=D("10.25"), kind="number", decimals=1, unit="persen"), '#,##0.0"%"', "10,3%"),
        (Cell(value=D("146"), kind="number", unit="Dokumen"), '#,##0" Dokumen"', "146 Dokumen"),
        (Cell(value=D("1234.5"), kind="number", decimals=2), "#,##0.0", "1.234,5"),
    ],
)
def test_number_formats_print_as_the_screen_does(cell, pattern, printed):
    assert number_format(cell) == pattern
    assert cell_text(cell) == printed
    assert displayed(cell.value, pattern) == printed


def test_sample_formats_on_the_sheet():
    sheet = sheet_of(render_xlsx(sample_document()))

    assert sheet[f"F{FIRST + 2}"].number_format == "#,##0.00"  # 1.000.000,50
    assert sheet[f"F{FIRST + 4}"].number_format == "#,##0"
    assert sheet[f"C{FIRST + 3}"].number_format == '#,##0"%"'  # 80 with one decimal
    assert sheet[f"E{FIRST + 3}"].number_format == "#,##0.00"  # capaian
    assert sheet[f"H{FIRST}"].number_format == "#,##0.00"  # serapan


def test_amounts_keep_their_cents():
    for text in ("1593078504.50", "9999999999999.99", "0.01", "1590078504"):
        value = excel_number(D(text))
        assert D(repr(value)).quantize(D("0.01")) == D(text)
    assert isinstance(excel_number(D("1590078504.00")), int)


# Formulas, computed by pycel


def test_every_derived_cell_computes_the_model_value(tmp_path):
    excel = compiler(tmp_path, render_xlsx(sample_document()))

    checked = 0
    for index, column, cell in cells_of(sample_table()):
        if cell.derived is None:
            continue
        assert isinstance(cell.value, D)
        expected = cell.value
        value = excel.evaluate(address(LAYOUT.ref(index, column)))
        assert close(value, expected), (index, column, value, expected)
        checked += 1
    assert checked == 24


def test_edited_figures_flow_into_the_totals(tmp_path):
    excel = compiler(tmp_path, render_xlsx(sample_document()))
    ref = LAYOUT.ref
    derived = [address(ref(i, c)) for i, c, cell in cells_of(sample_table()) if cell.derived]
    excel.evaluate(derived)  # pycel maps the cells a formula reads as it evaluates it
    before = excel.evaluate(address(ref(TOTAL, 5)))

    excel.set_value(address(ref(2, 5)), 2000000.5)  # the pagu of "Penyusunan Renja"

    assert close(excel.evaluate(address(ref(1, 5))), D("4000000.50"))  # its kegiatan
    assert close(excel.evaluate(address(ref(0, 5))), D("4000000.50"))  # its program
    assert close(excel.evaluate(address(ref(TOTAL, 5))), D("1594078504.50"))
    assert close(before, D("1593078504.50"))
    assert close(excel.evaluate(address(ref(2, 7))), D(500000) / D("2000000.5") * 100)
    assert close(excel.evaluate(address(ref(1, 7))), D(1500000) / D("4000000.5") * 100)
    assert close(excel.evaluate(address(ref(2, 9))), D("2500000.5"))

    excel.set_value(address(ref(3, 3)), 100)  # a realisasi: its capaian and latest follow
    assert close(excel.evaluate(address(ref(3, 4))), D(125))
    assert close(excel.evaluate(address(ref(3, 8))), D(100))
    excel.set_value(address(ref(5, 3)), 50)  # negatif: (2 × 20 − 50) / 20 × 100 < 0 → 0
    assert close(excel.evaluate(address(ref(5, 4))), D(0))


def refs_in(formula: str) -> set[tuple[str, int]]:
    """The cells a formula names, ranges expanded: {("F", 7), …}."""
    found: set[tuple[str, int]] = set()
    for first, start, last, end in re.findall(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?", formula):
        assert last in ("", first)
        found.update((first, row) for row in range(int(start), int(end or start) + 1))
    return found


def test_the_total_sums_exactly_the_programs_of_a_long_table(tmp_path):
    table = sample_document(rows_repeat=5).tables()[0].table
    content = render_xlsx(sample_document(rows_repeat=5))
    sheet = sheet_of(content)
    layout = Layout(table)
    total = next(i for i, row in enumerate(table.rows) if row.kind == "total")
    programs = [i for i, row in enumerate(table.rows) if row.kind == "program"]
    assert len(programs) == 10

    for column, letter in ((5, "F"), (6, "G")):
        formula = sheet[layout.ref(total, column)].value
        assert formula.startswith("=SUM(")
        assert refs_in(formula) == {(letter, layout.row(i)) for i in programs}
    for index, _, cell in cells_of(table):  # every item sum names exactly its children
        if cell.derived is not None and cell.derived.children and index != total:
            formula = sheet[layout.ref(index, 5)].value
            assert refs_in(formula) == {("F", layout.row(i)) for i in table.child_rows(index)}

    excel = compiler(tmp_path, content)
    program_sum = sum(D(str(excel.evaluate(address(layout.ref(i, 5))))) for i in programs)
    assert close(excel.evaluate(address(layout.ref(total, 5))), program_sum)
    assert program_sum == 5 * D("1593078504.50")


CAPAIAN = Derivation(op="capaian", columns=(2, 1))
LATEST = Derivation(op="latest", columns=(1, 2))
AVERAGE = Derivation(op="average", columns=(1, 2))


def indikator(
    name: str, target: D | str | None, realisasi: D | str | None, capaian: D | None
) -> Row:
    def value(v: D | str | None) -> Cell:
        if v is None:
            return Cell(kind="number", reason="realisasi-kosong")
        return Cell(value=v, kind="number" if isinstance(v, D) else "text")

    present = [v for v in (target, realisasi) if v is not None]
    numbers = [v for v in present if isinstance(v, D)]
    latest = present[-1] if present else None
    mean = sum(numbers, D(0)) / len(numbers) if numbers else None
    return Row(
        kind="indikator",
        cells=(
            Cell(value=name),
            value(target),
            value(realisasi),
            Cell(
                value=capaian,
                kind="percent",
                decimals=2,
                reason=None if capaian is not None else "target-nol",
                derived=CAPAIAN,
            ),
            Cell(
                value=latest,
                kind="number" if not isinstance(latest, str) else "text",
                reason=None if latest is not None else "realisasi-kosong",
                derived=LATEST,
            ),
            Cell(value=mean, kind="number", decimals=2, derived=AVERAGE),
        ),
    )


def shown(value: object, cell: Cell) -> bool:
    """Whether pycel's `value` is what the model cell shows."""
    if isinstance(cell.value, D):
        return close(value, cell.value)
    return value == (cell.value if cell.value is not None else cell_text(cell))


def test_formulas_over_dashes_labels_and_zero_show_what_the_model_shows(tmp_path):
    rows = (
        indikator("A", D(80), D(90), D("112.5")),
        indikator("B", None, D(5), None),  # no target
        indikator("C", D(0), D(5), None),  # target 0
        indikator("D", D(-10), D(5), None),  # negative target: no capaian, as the engine
        indikator("E", D(10), None, None),  # no realisasi
        indikator("F", None, None, None),
        indikator("G", "Baik", "Sangat Baik", None),  # kualitatif labels
    )
    table = small_table(rows, 6)
    excel = compiler(tmp_path, render_xlsx(one_table(table)))
    layout = Layout(table)

    checked = 0
    for index, column, cell in cells_of(table):
        if cell.derived is not None:
            value = excel.evaluate(address(layout.ref(index, column)))
            assert shown(value, cell), (index, column, value, cell)
            checked += 1
    assert checked == 3 * len(rows)


def test_a_sum_with_nothing_to_add_shows_a_dash_until_a_figure_comes(tmp_path):
    pagu = Derivation(op="sum", children=True)
    rows = (
        Row(
            kind="program",
            depth=0,
            cells=(Cell(value="P"), Cell(kind="money", reason="pagu-kosong", derived=pagu)),
        ),
        Row(
            kind="sub_kegiatan",
            depth=1,
            cells=(Cell(value="S1"), Cell(kind="money", reason="pagu-kosong")),
        ),
        Row(kind="sub_kegiatan", depth=1, cells=(Cell(value="S2"), Cell(kind="money"))),
    )
    table = small_table(rows, 2)
    content = render_xlsx(one_table(table))
    excel = compiler(tmp_path, content)
    layout = Layout(table)

    children = f"B{layout.row(1)}:B{layout.row(2)}"  # consecutive rows: one range
    formula = f'=IF(COUNT({children})=0,"{DASH}",SUM({children}))'
    assert sheet_of(content)[layout.ref(0, 1)].value == formula
    assert excel.evaluate(address(layout.ref(0, 1))) == DASH
    excel.set_value(address(layout.ref(2, 1)), 700)
    assert excel.evaluate(address(layout.ref(0, 1))) == 700


def test_a_difference_follows_both_columns(tmp_path):
    difference = Derivation(op="difference", columns=(0, 1))
    rows = (
        Row(
            kind="sub_kegiatan",
            cells=(
                Cell(value=D(10), kind="money"),
                Cell(value=D(4), kind="money"),
                Cell(value=D(6), kind="money", derived=difference),
            ),
        ),
        Row(
            kind="sub_kegiatan",
            cells=(
                Cell(value=D(10), kind="money"),
                Cell(kind="money", reason="realisasi-kosong"),
                Cell(kind="money", reason="realisasi-kosong", derived=difference),
            ),
        ),
    )
    table = small_table(rows, 3)
    excel = compiler(tmp_path, render_xlsx(one_table(table)))
    layout = Layout(table)

    assert excel.evaluate(address(layout.ref(0, 2))) == 6
    assert excel.evaluate(address(layout.ref(1, 2))) == DASH


def test_a_total_over_many_programs_stays_within_excel_argument_limit(tmp_path):
    rows = []
    for number in range(300):  # programs apart, so no two make one range
        money = Cell(value=D(number), kind="money")
        rows.append(Row(kind="program", cells=(Cell(value=f"P{number}"), money)))
        rows.append(Row(kind="indikator", cells=(Cell(value="indikator"), Cell(kind="money"))))
    total = Cell(
        value=D(sum(range(300))), kind="money", derived=Derivation(op="sum", children=True)
    )
    rows.append(Row(kind="total", cells=(Cell(value="Jumlah"), total)))
    table = small_table(tuple(rows), 2)
    content = render_xlsx(one_table(table))
    layout = Layout(table)

    formula = sheet_of(content)[layout.ref(600, 1)].value
    calls = re.findall(r"SUM\(([A-Z0-9,:]+)\)", formula)
    assert len(calls) == 2
    assert all(len(call.split(",")) <= 255 for call in calls)
    assert refs_in(formula) == {("B", layout.row(i)) for i in range(0, 600, 2)}
    excel = compiler(tmp_path, content)
    assert excel.evaluate(address(layout.ref(600, 1))) == sum(range(300))
