"""pagu-sum, pagu-rounding, missing totals and target-sum, on figures from real files."""

from decimal import Decimal

from kinerja.evaluation.checks import check_pagu_sum, check_target_sum
from kinerja.evaluation.source import Location, Printed, SourceItem, SourceRenja
from kinerja.evaluation.tests.test_checks_builders import d, of, one, renja

# The seed's Tabel 4.1, kegiatan "Perencanaan, …": 2024 adds up (3 × 50.000.000), but in
# 2025 the Evaluasi Kinerja row holds 9.860.123.518 (an amount shifted from another row).
PERENCANAAN = """
level | name                                                             | indikator                                        | satuan  | target | target_n1 | pagu        | pagu_n1       | line
k     | Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah  | Persentase Kelengkapan Dokumen dan Laporan       | %       | 100%   | 100%      | 150.000.000 | 115.000.000   | 403
s     | Penyusunan Dokumen Perencanaan Perangkat Daerah                  | Jumlah Dokumen Perencanaan Perangkat Daerah      | Dok     | 18     | 18        | 50.000.000  | 57.500.000    | 404
s     | Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD | Jumlah Laporan Capaian Kinerja | Laporan | 15 | 15 | 50.000.000 | 57.500.000 | 405
s     | Evaluasi Kinerja Perangkat Daerah                                | Jumlah Laporan Evaluasi Kinerja Perangkat Daerah | Laporan | 5      | 5         | 50.000.000  | 9.860.123.518 | 406
"""  # noqa: E501 - a text table reads best unwrapped


def test_seed_2024_kegiatan_adds_up_and_2025_does_not() -> None:
    findings = check_pagu_sum(renja(PERENCANAAN))
    assert [item.year for item in findings] == [2025]
    found = one(findings, "pagu-sum")
    assert (found.severity, found.table, found.column, found.line) == (
        "error",
        "Tabel 4.1",
        "10",
        403,
    )
    assert found.row == "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah"
    assert (found.expected, found.actual) == (d("9975123518"), d("115000000"))
    for figure in ("Rp115.000.000", "Rp9.975.123.518", "Rp9.860.123.518", "lebih kecil"):
        assert figure in found.message
    assert "Evaluasi Kinerja Perangkat Daerah Rp9.860.123.518" in found.message


# The seed's PROGRAM PENUNJANG: 2024 total 10.179.230.831 is the sum of its kegiatan;
# a program total that is not (here 2025: 1.000.000.000 too much) is reported on the program.
PROGRAM = """
level | name                                                    | pagu           | pagu_n1        | line
p     | PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KABUPATEN/ KOTA | 10.179.230.831 | 11.855.738.311 | 400
k     | Administrasi Keuangan Perangkat Daerah                  | 8.287.010.225  | 9.530.061.759  | 410
s     | Penyediaan Gaji dan Tunjangan ASN                        | 8.287.010.225  | 9.530.061.759  | 411
k     | Kegiatan lainnya (jumlah tujuh kegiatan)                 | 1.892.220.606  | 1.325.676.552  | 420
s     | Sub kegiatan lainnya                                     | 1.892.220.606  | 1.325.676.552  | 421
"""  # noqa: E501 - a text table reads best unwrapped


def test_program_total_against_its_kegiatan() -> None:
    findings = check_pagu_sum(renja(PROGRAM))
    found = one(findings, "pagu-sum")
    assert (found.year, found.line, found.column) == (2025, 400, "10")
    assert found.expected == d("10855738311")
    assert "program 'PROGRAM PENUNJANG" in found.message
    assert "Rp1.000.000.000" in found.message
    assert "lebih besar" in found.message


def test_grand_total_against_programs() -> None:
    doc = renja(PROGRAM, total="10.179.230.831", total_n1="11.855.738.311")
    findings = check_pagu_sum(doc)
    assert [item.row for item in findings] == [
        "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KABUPATEN/ KOTA"
    ]
    wrong_total = renja(PROGRAM, total="10.179.230.830")
    found = [item for item in check_pagu_sum(wrong_total) if item.row == "Jumlah"]
    assert [(item.rule, item.year) for item in found] == [("pagu-rounding", 2024)]


def test_rounding_within_one_rupiah_per_part() -> None:
    doc = renja(
        """
        level | name       | pagu        | pagu_n1
        k     | Kegiatan A | 100.000.001 | 100.000.005
        s     | Sub 1      | 33.333.333  | 33.333.333
        s     | Sub 2      | 33.333.333  | 33.333.333
        s     | Sub 3      | 33.333.333  | 33.333.333
        """
    )
    findings = check_pagu_sum(doc)
    assert [(item.rule, item.severity, item.year) for item in findings] == [
        ("pagu-rounding", "warning", 2024),
        ("pagu-sum", "error", 2025),
    ]
    assert "Rp2" in findings[0].message
    assert "pembulatan" in findings[0].message
    assert "kinerja-checks/2025.1" in findings[0].message


def test_missing_total_while_parts_have_amounts() -> None:
    # The seed's "Administrasi Umum Perangkat Daerah" has no 2025 total.
    doc = renja(
        """
        level | name                              | pagu        | pagu_n1     | line
        k     | Administrasi Umum Perangkat Daerah | 643.000.000 | -           | 420
        s     | Penyediaan Bahan Logistik Kantor   | 11.500.000  | 13.225.000  | 421
        s     | Penyelenggaraan Rapat Koordinasi   | 631.500.000 | 252.597.500 | 422
        """
    )
    found = one(check_pagu_sum(doc), "missing-value")
    assert (found.severity, found.year, found.column, found.line) == ("warning", 2025, "10", 420)
    assert found.expected == d("265822500")
    assert "Rp265.822.500" in found.message
    assert "tidak tercetak" in found.message


def test_parts_without_amounts_and_typo_totals_are_not_compared() -> None:
    doc = renja(
        """
        level | name | pagu       | pagu_n1
        k     | K1   | 10.000.000 | 1O.000.000
        s     | S1   | -          | 4.000.000
        k     | K2   | -          | -
        s     | S2   | -          | -
        """
    )
    assert check_pagu_sum(doc) == []


def test_a_kegiatan_without_total_counts_as_its_parts_in_the_program() -> None:
    doc = renja(
        """
        level | name | pagu
        p     | P    | 30
        k     | K1   | -
        s     | S1   | 10
        s     | S2   | 20
        """
    )
    assert of(check_pagu_sum(doc), "pagu-sum") == []
    assert [item.row for item in of(check_pagu_sum(doc), "missing-value")] == ["K1"]


def _cell(text: str, cell: str) -> Printed:
    return Printed(text=text, location=Location(sheet="RENJA", cell=cell))


def test_penajam_kegiatan_p_is_a_copy_of_o_in_a_spreadsheet() -> None:
    # Penajam Paser Utara Renja 2024, col P (RKPD Perubahan) of kegiatan 5.01.01.2.06
    # copies col O (APBD) while its sub kegiatan P add up to 2.420.111.255.
    subs = tuple(
        SourceItem(level="sub_kegiatan", name=name, code=code, pagu=_cell(amount, cell))
        for name, code, amount, cell in (
            ("Sub kegiatan A", "5.01.01.2.06.0001", "1.420.111.255,00", "P31"),
            ("Sub kegiatan B", "5.01.01.2.06.0002", "1.000.000.000,00", "P32"),
        )
    )
    kegiatan = SourceItem(
        level="kegiatan",
        name="Administrasi Umum Perangkat Daerah",
        code="5.01.01.2.06",
        pagu=_cell("1.658.377.025,00", "P30"),
        children=subs,
    )
    found = one(
        check_pagu_sum(SourceRenja(source="ppu.xlsx", year=2024, items=(kegiatan,))), "pagu-sum"
    )
    assert (found.table, found.column, found.line, found.code) == ("RENJA", "P", 30, "5.01.01.2.06")
    assert (found.expected, found.actual) == (d("2420111255"), d("1658377025"))
    assert "Rp1.658.377.025" in found.message
    assert "Rp2.420.111.255" in found.message
    assert "Rp761.734.230" in found.message
    assert "(sel RENJA!P30)" in found.message


# target-sum: the seed's counts. Pengadaan, Pemberhentian …: 146 = 5 + 132 + 9, but in 2025
# one target is missing; Pemeliharaan BMD: 56 Unit against 21 + 34 + 2 = 57.
TARGETS = """
level | name                                                | indikator                          | satuan  | target | target_n1 | line
k     | Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN | Jumlah Dokumen Pengadaan          | Dokumen | 146    | 192       | 450
s     | Pengelolaan Sistem Informasi Kepegawaian             | Jumlah Dokumen Hasil Pengelolaan   | Dokumen | 5      | 5         | 451
s     | Koordinasi Pelaksanaan Administrasi Pemberhentian    | Jumlah Dokumen Hasil Koordinasi    | Dokumen | 132    | 178       | 452
s     | Koordinasi dan Fasilitas Pengadaan PNS dan PPPK      | Jumlah Dokumen Kegiatan            | Dokumen | 9      | -         | 453
k     | Pemeliharaan Barang Milik Daerah Penunjang           | Jumlah Pemeliharaan BMD            | Unit    | 56     | 56        | 430
s     | Pemeliharaan Kendaraan Dinas                          | Jumlah Kendaraan yang Dipelihara   | Unit    | 21     | 20        | 431
s     | Pemeliharaan Peralatan dan Mesin Lainnya              | Jumlah Peralatan yang Dipelihara   | Unit    | 34     | 34        | 432
s     | Pemeliharaan Gedung Kantor                            | Jumlah Gedung yang Dipelihara      | Unit    | 2      | 2         | 433
k     | Perencanaan                                           | Persentase Kelengkapan Dokumen     | %       | 100%   | 100%      | 403
s     | Penyusunan Dokumen Perencanaan                        | Jumlah Dokumen                     | Dok     | 18     | 18        | 404
k     | Pengadaan BMD                                         | Jumlah Pengadaan BMD               | Unit    | 30     | 18        | 440
s     | Pengadaan Peralatan dan Mesin Lainnya                 | Jumlah Unit Peralatan              | Unit    | 15     | 15        | 441
s     | Pengadaan Kendaraan Dinas                             | Jumlah Unit Kendaraan              | Unit    | 7      | 3         | 442
"""  # noqa: E501 - a text table reads best unwrapped


def test_target_sum_only_for_counts_in_one_unit() -> None:
    findings = check_target_sum(renja(TARGETS))
    assert [(item.row, item.year, item.severity) for item in findings] == [
        ("Pemeliharaan Barang Milik Daerah Penunjang", 2024, "info"),
        ("Pengadaan BMD", 2024, "warning"),
    ]
    below, above = findings
    assert (below.expected, below.actual, below.column, below.line) == (d("57"), d("56"), "5", 430)
    assert "21 + 34 + 2 = 57 Unit" in below.message
    assert "56 Unit" in below.message
    assert "15 + 7 = 22 Unit" in above.message
    assert "melebihi" in above.message


def test_target_sum_needs_the_same_unit() -> None:
    doc = renja(
        """
        level | name | indikator   | satuan  | target
        k     | K    | Jumlah Dok  | Dokumen | 10
        s     | S1   | Jumlah Dok  | Dokumen | 4
        s     | S2   | Jumlah Org  | Orang   | 5
        """
    )
    assert check_target_sum(doc) == []
    assert Decimal(9) != Decimal(10)  # would have differed had the units matched
