"""Nomenclature decree tables (XLSX and CSV) and their plan-file section.

The rows are those of permendagri86.md §5 for the demo OPD (Kepegawaian, 5.03).
"""

from io import BytesIO
from typing import Any

from openpyxl import Workbook

from kinerja.evaluation.source import SourceNomenclature
from kinerja.imports.mapping_nomenclature import to_plan_nomenclature
from kinerja.imports.parsers import nomenclature_table
from kinerja.imports.plan_rules import rule_errors
from kinerja.imports.plan_schema import schema_errors

TITLE = "LAMPIRAN KEPUTUSAN MENTERI DALAM NEGERI NOMOR 900.1.15.5-1317 /2023"
TEXTS = ["NOMENKLATUR URUSAN KABUPATEN/KOTA", "KETERANGAN", "KINERJA", "INDIKATOR", "SATUAN"]
# urusan, bidang, program, kegiatan, sub kegiatan, nomenklatur, keterangan, kinerja,
# indikator, satuan; parents left blank on child rows, numbers where Excel made them.
PERENCANAAN = "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
KINERJA = "Tersusunnya Dokumen Perencanaan Perangkat Daerah"
INDIKATOR = "Jumlah Dokumen Perencanaan Perangkat Daerah"
SPLIT_ROWS: list[list[Any]] = [
    ["5", None, None, None, None, "UNSUR PENUNJANG URUSAN PEMERINTAHAN"],
    ["5", 3, None, None, None, "KEPEGAWAIAN"],
    ["5", "03", "01", None, None, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"],
    [None, None, None, "2.01", None, PERENCANAAN],
    [None, None, None, None, "0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", None,
     KINERJA, INDIKATOR, "Dokumen"],
    [None, None, None, None, 7, "Evaluasi Kinerja Perangkat Daerah"],
    ["5", "03", 2, None, None, "PROGRAM KEPEGAWAIAN DAERAH"],
    ["5", "03", "02", 2.02, None, "Mutasi dan Promosi ASN"],
    ["5", "03", "02", "2.02", "0001", "Pengelolaan Mutasi ASN"],
    ["5", "03", "02", "2.02", "0002", "Pengelolaan Kenaikan Pangkat ASN"],
    ["5", "03", "02", "2.02", "0002", "Pengelolaan Kenaikan Pangkat ASN (lagi)"],
    [None, None, None, None, None, "catatan kaki tanpa kode"],
]  # fmt: skip


def xlsx_table() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([TITLE])
    sheet.append(["KODE", None, None, None, None, *TEXTS])
    sheet.append(["URUSAN", "BIDANG URUSAN", "PROGRAM", "KEGIATAN", "SUB KEGIATAN"])
    sheet.merge_cells("A2:E2")
    for column in "FGHIJ":
        sheet.merge_cells(f"{column}2:{column}3")
    for row in SPLIT_ROWS:
        sheet.append(row)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def codes(doc: SourceNomenclature) -> dict[str, str]:
    return {row.code: row.level for row in doc.rows}


def test_split_codes_with_parents_from_the_rows_above():
    doc = nomenclature_table.read(xlsx_table(), "kepmendagri.xlsx")

    assert codes(doc) == {
        "5": "urusan",
        "5.03": "bidang_urusan",
        "5.03.01": "program",
        "5.03.01.2.01": "kegiatan",
        "5.03.01.2.01.0001": "sub_kegiatan",
        "5.03.01.2.01.0007": "sub_kegiatan",
        "5.03.02": "program",
        "5.03.02.2.02": "kegiatan",
        "5.03.02.2.02.0001": "sub_kegiatan",
        "5.03.02.2.02.0002": "sub_kegiatan",
    }
    first = next(row for row in doc.rows if row.code == "5.03.01.2.01.0001")
    assert (first.kinerja, first.satuan) == (KINERJA, "Dokumen")
    assert first.location.cell == "F8"
    assert first.location.line == 8
    assert doc.edition == "900.1.15.5-1317/2023"


def test_numbers_padded_repeats_and_codeless_rows_reported():
    doc = nomenclature_table.read(xlsx_table(), "kepmendagri.xlsx")
    by_rule = {(f.rule, f.severity): f for f in doc.findings}

    padded = by_rule[("code-format", "info")]
    assert "4 sel kode" in padded.message
    assert "bidang 3→03" in padded.message
    assert "kegiatan 2.02→2.02" in padded.message
    repeat = by_rule[("code-format", "warning")]
    assert repeat.code == "5.03.02.2.02.0002"
    assert repeat.line == 14
    assert by_rule[("layout", "info")].line == 15


def test_csv_with_full_codes():
    text = (
        "kode;nomenklatur;kinerja;indikator;satuan\n"
        "5;UNSUR PENUNJANG URUSAN PEMERINTAHAN;;;\n"
        "5.03;KEPEGAWAIAN;;;\n"
        "5.03.02;PROGRAM KEPEGAWAIAN DAERAH;;;\n"
        "5.03.02.2.02;Mutasi dan Promosi ASN;;;\n"
        "5.03.02.2.02.0001;Pengelolaan Mutasi ASN;Terkelolanya Mutasi ASN;Jumlah Dokumen;Dokumen\n"
        "5.03.02.2;Kode yang tidak lengkap;;;\n"
    )
    doc = nomenclature_table.read(text.encode(), "nomenklatur.csv", edition="uji")

    assert doc.edition == "uji"
    assert list(codes(doc)) == ["5", "5.03", "5.03.02", "5.03.02.2.02", "5.03.02.2.02.0001"]
    assert doc.rows[-1].location.line == 6
    [bad] = doc.findings
    assert (bad.rule, bad.line) == ("code-format", 7)


def test_plan_nomenclature_section_is_valid():
    doc = nomenclature_table.read(xlsx_table(), "kepmendagri.xlsx")
    section = to_plan_nomenclature(doc, "")
    data = {
        "format": "kinerja-plan",
        "version": 1,
        "pemda": {"name": "Kabupaten Contoh"},
        "perangkat_daerah": {"code": "BKPSDM", "name": "BKPSDM"},
        "nomenclature": section,
    }

    assert schema_errors(data) == []
    assert rule_errors(data) == []
    assert section["edition"] == {"code": "900.1.15.5-1317/2023", "sub_kegiatan_digits": 4}
    assert [e["code"] for e in section["program"]] == ["5.03.01", "5.03.02"]
    assert section["sub_kegiatan"][0] == {
        "code": "5.03.01.2.01.0001",
        "name": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "kinerja": KINERJA,
        "indikator": INDIKATOR,
        "satuan": "Dokumen",
    }
    assert to_plan_nomenclature(doc, "lain")["edition"]["code"] == "lain"


def test_a_table_without_nomenklatur_is_an_error():
    doc = nomenclature_table.read(b"a,b\n1,2\n", "lain.csv")

    assert doc.rows == ()
    assert [f.severity for f in doc.findings] == ["error"]
