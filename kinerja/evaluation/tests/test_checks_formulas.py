"""formula-mismatch and cumulative-misuse on the seed's Tabel 2.1, and E.81 rows."""

from kinerja.evaluation.checks import (
    E81Row,
    check_cumulative_misuse,
    check_e81_formulas,
    check_formula_mismatch,
    norm_text,
)
from kinerja.evaluation.source import Printed
from kinerja.evaluation.tests.test_checks_builders import d, one, renja
from kinerja.evaluation.types import Semantics

# The seed's Tabel 2.1 (Renja 2024: col 5 = s/d 2021, 6–8 = 2022, 9 = 2023), as printed.
SEED = """
name                                | indikator                                        | 4    | 5    | 6   | 7     | 8      | 9    | 10    | 11     | line
PROGRAM PENUNJANG URUSAN PEMERINTAHAN | Nilai SAKIP OPD                                | 66   | 6I   | 62  | 62,2  | 100,3  | 15   | 138,2 | 209,39 | 156
-                                   | Indeks Kepuasan Masyarakat                       | 83   | 8I   | 82  | 86,6  | 105,6  | 15   | 182,6 | 220,00 | 157
Koordinasi dan Penyusunan Laporan Capaian Kinerja | Jumlah Laporan LKj, LKPJ, LPPK, LPPD | 90   | 24   | 15  | 15    | 100    | 15   | 54    | 60,00  | 160
Penyusunan Dokumen Perencanaan Perangkat Daerah | Jumlah Dokumen RENSTRA, RENJA, RKA dan DPA | 90 | -  | 15  | 15    | 100    | 15   | 30    | 33,33  | 161
PROGRAM KEPEGAWAIAN DAERAH          | Indeks Profesionalitas ASN                       | 77   | 48,9 | 68  | 50,9  | 74,9   | 71   | 48,9  | 64     | 190
-                                   | Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal | 12 | 8,2 | 8,2 | 10,3 | 126 | 9,2% | 9,1 | 76  | 191
-                                   | Tingkat Penurunan Pelanggaran Disiplin           | 50   | 37,5 | 25  | -12,5 | -50    | 25%  | 40    | 80     | 196
Pelayanan Proses Izin Perceraian Pegawai | Jumlah Izin Perceraian yang di Proses       | 92   | -    | 12  | 13    | 108,3333333 | 12 | 25  | 27,17  | 206
Pengelolaan Kenaikan Pangkat ASN    | Jumlah Pengelolaan Kenaikan Pangkat ASN          | 2500 | 535  | 500 | 802   | 160,40 | 500  | 1837  | 73,48  | 200
"""  # noqa: E501 - a text table reads best unwrapped


def test_the_seeds_index_rows_sum_years_cumulative_misuse() -> None:
    findings = check_cumulative_misuse(renja(tc29_text=SEED))
    assert [(item.line, item.column, item.year) for item in findings] == [
        (156, "10", 2023),
        (157, "10", 2023),
    ]
    sakip = findings[0]
    assert (sakip.rule, sakip.severity, sakip.table) == ("cumulative-misuse", "error", "Tabel 2.1")
    assert (sakip.expected, sakip.actual) == (d("15"), d("138.2"))
    assert sakip.row == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN"
    for text in (
        "'Nilai SAKIP OPD'",
        "namanya diawali 'Nilai'",
        "138,2 = 61 + 62,2 + 15",
        "kolom 5 '6I' dibaca 61",
        "nilai terakhir, 15 (kolom 9)",
        "kolom 11 (209,39%) ikut keliru",
        "22,73%",
    ):
        assert text in sakip.message
    assert "182,6 = 81 + 86,6 + 15" in findings[1].message
    assert findings[1].row == "Indeks Kepuasan Masyarakat"


def test_the_seeds_printed_ratios_and_count_sums_recompute() -> None:
    # Every col 8, 10 (for counts) and 11 of these rows agrees with its formula.
    assert check_formula_mismatch(renja(tc29_text=SEED)) == []


def test_a_col_10_sum_and_col_8_ratio_that_do_not_recompute() -> None:
    doc = renja(
        tc29_text="""
        name | indikator            | 4  | 5  | 6  | 7  | 8     | 9  | 10 | 11    | line
        Gaji | Jumlah gaji ASN      | 72 | 24 | 12 | 12 | 100   | 12 | 50 | 66,67 | 164
        Rapat | Jumlah Rapat        | 72 | 24 | 12 | 9  | 75,01 | 12 | 45 | 62,50 | 170
        """
    )
    findings = check_formula_mismatch(doc)
    got = [(item.line, item.column, item.expected, item.actual) for item in findings]
    assert got == [
        (164, "10", d("48"), d("50")),
        (164, "11", d("69.44"), d("66.67")),
        (170, "8", d("75.00"), d("75.01")),
    ]
    assert (
        "kolom 10 indikator 'Jumlah gaji ASN' tercetak 50, padahal 5 + 7 + 9 = 24 + 12 + 12 = 48"
        in (findings[0].message.replace("Kolom", "kolom", 1))
    )
    assert "7/6 × 100 = 9 / 12 × 100 = 75" in findings[2].message


def test_stored_semantics_decide_and_negatif_uses_its_formula() -> None:
    doc = renja(
        tc29_text="""
        name | indikator                | 4 | 5  | 6  | 7 | 8   | 9 | 10 | 11
        X    | Jumlah pelanggaran       | 5 | 12 | 10 | 9 | 110 | 8 | 29 | 580
        """
    )
    negatif = Semantics(jenis="jumlah", polaritas="negatif", sifat="non_kumulatif")
    semantics = {norm_text("Jumlah pelanggaran"): negatif}
    misuse = one(check_cumulative_misuse(doc, semantics=semantics), "cumulative-misuse")
    assert "sifatnya tercatat non_kumulatif" in misuse.message
    assert check_formula_mismatch(doc, semantics=semantics) == []  # col 8 = (2×10 − 9)/10
    # Without semantics a "Jumlah" is a positif count: col 10 = 29 is right, col 8 is not.
    plain = check_formula_mismatch(doc)
    assert [(item.column, item.expected) for item in plain] == [("8", d("90"))]
    assert check_cumulative_misuse(doc) == []


def _row(indikator: str, satuan: str = "", kind: str = "K", **columns: str) -> E81Row:
    return E81Row(
        name="Sub kegiatan",
        indikator=indikator,
        satuan=satuan,
        kind=kind,
        columns=tuple(
            (number.lstrip("c"), Printed(text=text, column=number.lstrip("c")))
            for number, text in columns.items()
        ),
    )


def test_e81_columns_12_to_14() -> None:
    rows = [
        _row(
            "Jumlah Dokumen",
            "Dokumen",
            c5="20",
            c6="8",
            c8="1",
            c9="2",
            c12="3",
            c13="11",
            c14="56",
        ),
        _row(
            "Jumlah Laporan",
            "Laporan",
            c5="20",
            c6="8",
            c8="1",
            c9="2",
            c12="4",
            c13="12",
            c14="60",
        ),
        _row("Indeks Kepuasan", "Indeks", c5="80", c6="78", c8="79", c9="81", c12="160", c13="238"),
        _row(
            "Anggaran", kind="Rp", c5="100", c6="40", c8="5", c9="6", c12="11", c13="51", c14="51"
        ),
    ]
    findings = check_e81_formulas(rows, year=2024)
    got = [(item.rule, item.column, item.expected) for item in findings]
    assert got == [
        ("formula-mismatch", "14", d("55")),
        ("formula-mismatch", "12", d("3")),
        ("cumulative-misuse", "12", d("81")),
        ("cumulative-misuse", "13", d("160")),
    ]
    assert all(item.table == "E.81" for item in findings)
