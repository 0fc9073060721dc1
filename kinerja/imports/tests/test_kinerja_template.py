"""Kinerja's Renja template: built, filled the way a planner would, read back."""

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from kinerja.imports.parsers import kinerja_template
from kinerja.imports.parsers.xlsx_renja import walk

# Kode, Uraian, Indikator, Lokasi, Target, Satuan, Pagu, Sumber dana, Catatan, Target n+1,
# Satuan n+1, Pagu n+1, Tingkat — as typed into rows 10 onwards.
ROWS: list[list[Any]] = [
    ["5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", "Indeks Profesionalitas ASN", None, 73, "Indeks",
     None, None, None, 75, "Indeks", None, None],
    [None, None, "Persentase ASN tanpa hukuman disiplin", None, 97.5, "%",
     None, None, None, 98, "%", None, None],
    ["5.03.02.2.02", "Mutasi dan Promosi ASN", "Jumlah dokumen mutasi dan promosi", None, 25,
     "Dokumen", None, None, None, 26, "Dokumen", None, None],
    ["5.03.02.2.02.0001", "Pengelolaan Mutasi ASN", "Jumlah dokumen mutasi", "BKPSDM", 5,
     "Dokumen", 299984275, "DAU", "prioritas", 6, "Dokumen", 344981916.5, None],
    [None, "Pengelolaan Promosi ASN", "Jumlah dokumen promosi", None, 20, "Dokumen",
     "135.418.345", None, None, None, None, None, "sub kegiatan"],
]  # fmt: skip


def filled(year: int = 2025, rows: list[list[Any]] = ROWS, tahun: Any = None) -> bytes:
    workbook = load_workbook(BytesIO(kinerja_template.build_template(year)))
    sheet = workbook[kinerja_template.SHEET]
    sheet["B2"] = "Badan Kepegawaian dan Pengembangan SDM"
    if tahun is not None:
        sheet["B3"] = tahun
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=kinerja_template.FIRST_DATA_ROW + offset, column=column, value=value)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_template_has_the_official_columns_numbering_and_formats():
    workbook = load_workbook(BytesIO(kinerja_template.build_template(2025)))
    sheet = workbook[kinerja_template.SHEET]

    assert workbook.sheetnames == [kinerja_template.SHEET, kinerja_template.GUIDE]
    assert "TAHUN 2025 DAN PRAKIRAAN MAJU TAHUN 2026" in sheet["A1"].value
    assert kinerja_template.MARKER in sheet["A4"].value
    assert workbook[kinerja_template.GUIDE]["A1"].value == kinerja_template.MARKER
    assert [sheet.cell(row=9, column=c).value for c in range(1, 14)] == [
        1, 2, 3, 4, 5, None, 6, 7, 8, 9, None, 10, "–",
    ]  # fmt: skip
    assert "E9:F9" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["D6"].value == "Rencana Tahun 2025"
    assert sheet["J6"].value == "Prakiraan Maju Rencana Tahun 2026"
    assert sheet["G10"].number_format == kinerja_template.MONEY_FORMAT
    assert sheet["A10"].number_format == "@"
    validations = sheet.data_validations.dataValidation
    assert {v.type for v in validations} == {"decimal", "list"}
    guide = workbook[kinerja_template.GUIDE]
    assert any("Pagu" in (cell.value or "") for cell in guide["A"])


def test_it_reads_a_filled_template_back():
    doc = kinerja_template.read(filled(), "renja-bkpsdm-2025.xlsx")
    items = {item.code or item.name: item for item in walk(doc.items)}

    assert doc.year == 2025
    assert doc.opd_name == "Badan Kepegawaian dan Pengembangan SDM"
    assert [item.level for item in walk(doc.items)] == [
        "program", "kegiatan", "sub_kegiatan", "sub_kegiatan",
    ]  # fmt: skip
    program = items["5.03.02"]
    assert [(i.name, i.target.value, i.satuan) for i in program.indikator if i.target] == [
        ("Indeks Profesionalitas ASN", Decimal(73), "Indeks"),
        ("Persentase ASN tanpa hukuman disiplin", Decimal("97.5"), "%"),
    ]
    assert program.indikator[1].target_n1 is not None
    assert program.indikator[1].target_n1.value == Decimal(98)
    sub = items["5.03.02.2.02.0001"]
    assert sub.pagu is not None
    assert sub.pagu.value == Decimal("299984275")
    assert sub.pagu_n1 is not None
    assert sub.pagu_n1.value == Decimal("344981916.5")
    assert (sub.lokasi, sub.sumber_dana, sub.catatan_penting) == ("BKPSDM", "DAU", "prioritas")
    assert sub.location.cell == "B13"
    promosi = items["Pengelolaan Promosi ASN"]
    assert promosi.code == ""
    assert promosi.level == "sub_kegiatan"
    assert promosi in items["5.03.02.2.02"].children


def test_amounts_typed_as_text_are_reported():
    doc = kinerja_template.read(filled(), "renja.xlsx")

    [text] = [f for f in doc.findings if f.rule == "number-as-text"]
    assert text.column == "G"
    assert text.line == 14
    assert [p.location.cell for p in doc.numbers] == ["G14"]
    assert {f.rule for f in doc.findings} == {"number-as-text"}


def test_a_year_cell_disagreeing_with_the_title_is_reported():
    doc = kinerja_template.read(filled(2025, tahun=2026), "renja.xlsx")

    assert doc.year == 2026
    [finding] = [f for f in doc.findings if f.rule == "title-year"]
    assert (finding.expected, finding.actual) == ("2025", "2026")


@pytest.mark.parametrize("year", [2024, 2030])
def test_template_year_is_read_from_the_sheet(year):
    assert kinerja_template.read(filled(year), "renja.xlsx").year == year


def test_a_filled_template_is_not_blamed_for_its_empty_totals():
    """Kinerja computes program and kegiatan totals; the template leaves them empty."""
    from kinerja.evaluation.checks import check_source_renja

    doc = kinerja_template.read(filled(), "templat.xlsx")
    assert doc.totals_computed
    missing_totals = [
        f
        for f in check_source_renja(doc)
        if f.rule == "missing-value" and "Total pagu" in f.message
    ]
    assert missing_totals == []
