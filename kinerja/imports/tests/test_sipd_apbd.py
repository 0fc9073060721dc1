"""The SIPD-RI flat APBD Excel, on workbooks built here with the quirks importers report.

No real export is public (sipd-formats.md §1); these tables reproduce what two importers'
comments describe: UPPER CASE or snake_case headers, codes read as numbers, names blank
on some rows of a code, pagu with separators, a `tahun` column that disagrees.
"""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook

from kinerja.imports.parsers import sipd_apbd

UPPER = [
    "TAHUN", "KODE URUSAN", "NAMA URUSAN", "KODE SKPD", "NAMA SKPD",
    "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "KODE SUMBER DANA", "NAMA SUMBER DANA",
    "KODE REKENING", "NAMA REKENING", "KODE STANDAR HARGA", "NAMA STANDAR HARGA", "PAGU",
]  # fmt: skip
SUB = "5.03.02.2.02.0001"
SKPD = "5.03.0.00.0.00.01.0000"


def workbook(header: list[str], rows: list[list[object]], *, title: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def apbd_rows() -> list[list[object]]:
    return [
        [2026, 5.0, "UNSUR PENUNJANG", SKPD, "BKPSDM", SUB, f"{SUB} Pengelolaan Mutasi ASN",
         1.1, "DAU", "5.1.02.01.001.00052", "Belanja ATK", 1.0, "Kertas", "1,500,000"],
        [2026, 5.0, "", SKPD, "", SUB, "", 1.1, "DAU", "5.1.02.01.001.00052", "Belanja ATK",
         2.0, "", "2 500 000"],
        [2026, 5.0, "", SKPD, "BKPSDM", SUB, "Pengelolaan Mutasi ASN", 1.1, "DAU",
         "5.1.02.01.001.00024", "Belanja Cetak", 3.0, "Map", 4000000.0],
        [2027, 5.0, "", SKPD, "BKPSDM", "5.03.02.2.02.0002", "Pengelolaan Kenaikan Pangkat",
         1.1, "PAD", "5.1.02.02.001.00001", "Honor", None, None, "3.000.000,00"],
        [2026, 5.0, "", SKPD, "BKPSDM", None, None, None, None, None, "Subtotal", None, None, "0"],
    ]  # fmt: skip


def test_upper_case_headers_blank_names_and_separators():
    doc = sipd_apbd.read(workbook(UPPER, apbd_rows(), title="RINCIAN APBD 2026"), "apbd.xlsx")

    assert len(doc.rows) == 4
    first, second, third, fourth = doc.rows
    assert second.nama_sub_kegiatan == "Pengelolaan Mutasi ASN"  # from the rows of its code
    assert second.nama_skpd == "BKPSDM"
    assert first.nama_sub_kegiatan == "Pengelolaan Mutasi ASN"  # code prefix stripped
    assert [row.pagu.value for row in doc.rows] == [
        Decimal(1500000), Decimal(2500000), Decimal(4000000), Decimal("3000000.00"),
    ]  # fmt: skip
    assert first.sumber_dana == "DAU"
    assert first.tahun is not None
    assert first.tahun.text == "2026"
    assert (first.location.sheet, first.location.line) == ("Sheet", 3)
    assert first.pagu.location.cell == "N3"


def test_reported_quirks() -> None:
    doc = sipd_apbd.read(workbook(UPPER, apbd_rows()), "apbd.xlsx", year=2026)
    by_rule: dict[str, list] = {}
    for finding in doc.findings:
        by_rule.setdefault(finding.rule, []).append(finding)

    [skipped] = [f for f in by_rule["layout"] if "dilewati" in f.message]
    assert skipped.line == 6
    [named] = [f for f in by_rule["layout"] if "diberi nama" in f.message]
    assert named.line == 3
    [years, wrong_year] = by_rule["title-year"]
    assert "2026 (3 baris), 2027 (1 baris)" in years.message
    assert (wrong_year.severity, wrong_year.expected, wrong_year.actual) == (
        "error",
        "2026",
        "2027",
    )
    assert wrong_year.line == 5
    [text] = by_rule["number-as-text"]
    assert text.column == "N"
    assert "3 angka" in text.message
    [codes] = by_rule["code-format"]
    assert codes.severity == "info"  # 1.0 → "1": whole numbers lose nothing


def test_snake_case_headers_and_sipd_json_names():
    header = ["tahun_anggaran", "kode_skpd", "nama_skpd", "kode_sub_giat", "nama_sub_giat",
              "nama_dana", "kode_akun", "rincian"]  # fmt: skip
    rows = [[2026, SKPD, "BKPSDM", SUB, "Pengelolaan Mutasi ASN", "DAU", "5.1.02", 1000.0]]

    doc = sipd_apbd.read(workbook(header, rows), "apbd.xlsx", year=2026)

    [row] = doc.rows
    assert (row.kode_sub_kegiatan, row.sumber_dana, row.pagu.value) == (SUB, "DAU", Decimal(1000))
    assert doc.findings == ()


def test_codes_read_as_fractions_are_reported():
    header = ["kode_skpd", "nama_skpd", "kode_sub_kegiatan", "nama_sub_kegiatan", "pagu"]
    doc = sipd_apbd.read(workbook(header, [[1.1, "Dinas", SUB, "Sub", 10]]), "apbd.xlsx")

    assert doc.rows[0].kode_skpd == "1.1"
    [codes] = [f for f in doc.findings if f.rule == "code-format"]
    assert codes.severity == "warning"
    assert "A2 (1.1)" in codes.message


def test_a_workbook_without_the_columns_is_an_error():
    doc = sipd_apbd.read(workbook(["kode", "nama"], [["1", "a"]]), "lain.xlsx")

    assert doc.rows == ()
    assert [f.severity for f in doc.findings] == ["error"]
