"""value-range: shares above 100%, negative counts and pagu, realisasi far above target."""

from kinerja.evaluation.checks import (
    check_value_range,
    check_value_range_plan,
    check_value_range_renstra,
)
from kinerja.evaluation.tests.test_checks_builders import d, renja, renstra
from kinerja.evaluation.types import IndikatorInput, ItemInput, PlanInput, Semantics

TABEL_41 = """
level | name      | indikator                               | satuan | target | target_n1 | pagu        | line
s     | Diklat    | Persentase ASN yang mengikuti Diklat    | %      | 110%   | 90%       | 10.000.000  | 1
s     | Gaji      | Jumlah Orang yang menerima Gaji         | Orang  | -50    | 50        | -8.000.000  | 2
s     | Disiplin  | Tingkat Penurunan Pelanggaran Disiplin  | %      | -12,5  | 25        | 1.000.000   | 3
s     | Rasio     | Rasio Pejabat Fungsional Tertentu       | %      | 156,7  | 56,9      | 1.000.000   | 4
"""  # noqa: E501 - a text table reads best unwrapped


def test_shares_negative_counts_and_pagu_in_tabel_41() -> None:
    findings = check_value_range(renja(TABEL_41))
    got = [(item.line, item.column, item.severity, item.actual) for item in findings]
    assert got == [
        (1, "5", "warning", d("110")),  # a share above 100%
        (2, "6", "error", d("-8000000")),  # negative pagu
        (2, "5", "error", d("-50")),  # a negative count of Orang
    ]
    assert "bernilai 110%" in findings[0].message
    assert "paling tinggi 100%" in findings[0].message
    assert "Pagu 'Gaji' bernilai negatif (-Rp8.000.000)" in findings[1].message
    assert "bernilai negatif (-50), padahal berupa jumlah" in findings[2].message


TABEL_21 = """
name      | indikator                              | 4   | 6   | 7   | line
Promosi   | Jumlah ASN yang mengikuti seleksi JPT  | 76  | 20  | 51  | 186
Pangkat   | Jumlah Pengelolaan Kenaikan Pangkat    | 2500 | 500 | 1600 | 187
Disiplin  | Tingkat Penurunan Pelanggaran Disiplin | 50  | 25  | -12,5 | 196
Jabatan   | Persentase Penetapan Jabatan           | 93  | 92  | 101,5% | 194
"""
CAPAIAN = """
name    | indikator                               | 6   | 7    | 8       | 11   | line
Diklat  | Persentase ASN yang mengikuti Diklat    | 7,1 | 16,9 | 238,03% | 86%  | 191
"""


def test_realisation_far_above_target_in_tabel_21() -> None:
    findings = check_value_range(renja(tc29_text=TABEL_21))
    got = [(item.line, item.column, item.year, item.severity) for item in findings]
    assert got == [
        (194, "7", 2022, "warning"),  # 101,5% of a share
        (187, "7", 2022, "warning"),  # 1600 against 500: 320% (the seed's 255% passes)
    ]
    over = findings[1]
    assert "1.600 adalah 320% dari targetnya 500, lebih dari 300%" in over.message
    assert (over.expected, over.actual) == (d("1500"), d("1600"))


def test_ordinary_values_pass() -> None:
    assert check_value_range(renja(tc29_text="\n".join(TABEL_21.splitlines()[:3]))) == []
    assert check_value_range(renja(tc29_text=CAPAIAN)) == []  # capaian may pass 100%


def test_renstra_negative_volume_and_pagu() -> None:
    doc = renstra(
        """
        sub               | nama | indikator | satuan | v1 | v2 | p1     | p2    | line
        3.31.02.2.01.0001 | A    | Jumlah    | Dok    | 2  | -1 | 1000.0 | -5.0  | 7
        """
    )
    findings = check_value_range_renstra(doc)
    assert [(item.column, item.year, item.severity) for item in findings] == [
        ("volume_2", 2026, "error"),
        ("pagu_2", 2026, "error"),
    ]


def test_stored_plan_ranges() -> None:
    persen = Semantics(jenis="persentase", polaritas="positif", sifat="non_kumulatif")
    jumlah = Semantics(jenis="jumlah", polaritas="positif", sifat="kumulatif")
    plan = PlanInput(
        pemda="X",
        opd_name="Y",
        year=2024,
        renstra_first_year=2021,
        renstra_last_year=2026,
        items=(
            ItemInput(
                id=1,
                level="sub_kegiatan",
                name="S",
                pagu=d("-1"),
                indikator=(
                    IndikatorInput(id=1, name="Persentase ASN", semantics=persen, target=d("120")),
                    IndikatorInput(
                        id=2,
                        name="Jumlah Dokumen",
                        semantics=jumlah,
                        target=d("10"),
                        realisasi={1: d("20"), 2: d("15")},
                    ),
                    IndikatorInput(id=3, name="Jumlah Lain", semantics=jumlah, target=d("10")),
                ),
            ),
        ),
    )
    findings = check_value_range_plan(plan)
    assert [(item.severity, item.actual) for item in findings] == [
        ("error", d("-1")),
        ("warning", d("120")),
        ("warning", d("35")),
    ]
