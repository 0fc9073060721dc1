"""growth-outlier and digit-slip: the seed's 2025 prakiraan maju, Bantul's Renstra pagu."""

from dataclasses import replace
from decimal import Decimal

from kinerja.evaluation.checks import (
    DEFAULT,
    check_growth_outlier,
    check_growth_outlier_plan,
    check_growth_outlier_renstra,
)
from kinerja.evaluation.tests.test_checks_builders import d, renja, renstra
from kinerja.evaluation.types import ItemInput, PlanInput

# Sub kegiatan of the seed's Tabel 4.1 (2024 → 2025); most grow by 15%.
SEED = """
level | name                                               | pagu          | pagu_n1       | line
k     | Kegiatan                                           | -             | -             | 400
s     | Penyusunan Dokumen Perencanaan Perangkat Daerah    | 50.000.000    | 57.500.000    | 404
s     | Evaluasi Kinerja Perangkat Daerah                  | 50.000.000    | 9.860.123.518 | 406
s     | Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD | 40.000.000 | 46.000.000 | 409
s     | Penyediaan Administrasi Pelaksanaan Tugas ASN      | 207.000.000   | 238.050.000   | 410
s     | Penyediaan Gaji dan Tunjangan ASN                  | 8.000.000.000 | 307.078.994   | 411
s     | Penyediaan Komponen Instalasi Listrik              | 7.590.000     | 8.728.500     | 418
s     | Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD | 632.500.000 | 252.597.500   | 423
s     | Penyediaan Jasa Pelayanan Umum Kantor              | 72.450.000    | 764.175.000   | 428
s     | Pemeliharaan Peralatan dan Mesin Lainnya           | 29.750.000    | 34.212.500    | 431
s     | Sosialisasi Peraturan Perundang-undangan           | 70.000.000    | 138.000.000   | 414
s     | Tanpa prakiraan maju                               | 10.000.000    | -             | 440
"""


def test_seed_prakiraan_maju_against_the_usual_growth() -> None:
    findings = check_growth_outlier(renja(SEED))
    got = [(item.rule, item.line) for item in findings]
    assert got == [("growth-outlier", 406), ("growth-outlier", 411), ("digit-slip", 428)]
    shifted, gaji, slip = findings
    assert (slip.year, slip.column, slip.severity) == (2025, "10", "warning")
    assert (slip.expected, slip.actual) == (d("76417500"), d("764175000"))
    for text in ("Rp72.450.000", "Rp764.175.000", "×10,55", "kelebihan satu angka nol", "×1,15"):
        assert text in slip.message
    assert "mungkin maksudnya Rp76.417.500" in slip.message
    assert "turun dari Rp8.000.000.000 (tahun 2024) menjadi Rp307.078.994" in gaji.message
    assert "×0,04" in gaji.message
    assert "×/÷ 3" in gaji.message
    assert "naik" in shifted.message
    assert "×197,2" in shifted.message


def test_usual_changes_and_rapat_within_the_band_pass() -> None:
    lines = [line for line in SEED.strip().splitlines() if "9.860" not in line]
    lines = [line for line in lines if "307.078" not in line and "764.175" not in line]
    assert check_growth_outlier(renja("\n".join(lines))) == []


def test_threshold_is_data() -> None:
    strict = replace(DEFAULT, id="ketat", growth_factor=Decimal("1.5"))
    findings = check_growth_outlier(renja(SEED), strict)
    assert {item.line for item in findings} >= {414, 423}  # Sosialisasi ×1,97, Rapat ×0,4
    assert all("[ambang ketat]" in item.message for item in findings)


def test_too_few_sub_kegiatan_compare_with_no_growth() -> None:
    doc = renja(
        """
        level | name | pagu       | pagu_n1
        s     | A    | 10.000.000 | 100.000.000
        s     | B    | 10.000.000 | 25.000.000
        """
    )
    findings = check_growth_outlier(doc)
    assert [(item.rule, item.row) for item in findings] == [("digit-slip", "A")]
    assert "×10" in findings[0].message


# Bantul DINKOPUKMPERINDAG Renstra 2025–2029 (real rows, p1…p5 = 2025…2029).
BANTUL = """
sub               | nama                          | indikator | satuan   | p1          | p2          | p3          | p4          | p5          | line
3.31.02.2.01.0001 | Penyusunan Dokumen Perencanaan | Jumlah    | Dokumen  | 850000.0    | 200000000.0 | 10000000.0  | 5000000.0   | 0.0         | 40
3.30.07.2.01.0005 | Fasilitasi UMKM               | Jumlah    | UMKM     | 30000000.0  | 550000000.0 | 553011250.0 | 552021360.0 | 555924150.0 | 38
3.30.07.2.01.0006 | Pendampingan UMKM             | Jumlah    | UMKM     | 570000000.0 | 51320000.0  | 51600977.0  | 51508611.0  | 51872777.0  | 39
2.22.08.5.06.0003 | Pengelolaan Objek             | Jumlah    | Unit     | 914700000.0 | 139650000.0 | 140000000.0 | 140000000.0 | 140000000.0 | 17
3.30.02.2.01.0001 | Penyusunan Dokumen            | Jumlah    | Dokumen  | 154224872.0 | 154564166.0 | 155410405.0 | 155146207.0 | 156244642.0 | 19
"""  # noqa: E501 - a text table reads best unwrapped


def test_bantul_erratic_renstra_pagu() -> None:
    findings = check_growth_outlier_renstra(renstra(BANTUL))
    got = [(item.line, item.rule, item.year) for item in findings]
    assert got == [
        (40, "growth-outlier", 2026),  # 850.000 → 200.000.000
        (40, "growth-outlier", 2027),  # 200.000.000 → 10.000.000
        (38, "growth-outlier", 2026),  # ×18,33
        (39, "digit-slip", 2026),  # ×0,09: a zero lost
        (17, "growth-outlier", 2026),  # ×0,15
    ]
    first = findings[0]
    assert "naik dari Rp850.000 (tahun 2025) menjadi Rp200.000.000 (tahun 2026)" in first.message
    assert "×235,29" in first.message
    assert "×/÷ 5" in first.message
    assert "kekurangan satu angka nol" in findings[3].message


def test_stored_plan_growth_and_renstra_years() -> None:
    subs = tuple(
        ItemInput(id=i, level="sub_kegiatan", name=f"S{i}", pagu=d("100"), pagu_n1=d("115"))
        for i in range(1, 6)
    )
    odd = ItemInput(
        id=9,
        level="sub_kegiatan",
        name="Jasa",
        pagu=d("72450000"),
        pagu_n1=d("764175000"),
        renstra_pagu={2023: d("100"), 2024: d("120"), 2025: d("1300")},
    )
    plan = PlanInput(
        pemda="X",
        opd_name="Y",
        year=2024,
        renstra_first_year=2021,
        renstra_last_year=2026,
        items=(*subs, odd),
    )
    findings = check_growth_outlier_plan(plan)
    assert [(item.rule, item.table, item.year) for item in findings] == [
        ("digit-slip", "Renja", 2025),
        ("digit-slip", "Renstra", 2025),
    ]
