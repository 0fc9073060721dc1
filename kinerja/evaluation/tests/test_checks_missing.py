"""missing-value: empty targets, satuan and pagu on sub kegiatan; whole empty rows."""

from kinerja.evaluation.checks import (
    check_missing_value,
    check_missing_value_plan,
    check_missing_value_renstra,
)
from kinerja.evaluation.tests.test_checks_builders import of, renja, renstra
from kinerja.evaluation.types import IndikatorInput, ItemInput, PlanInput, Semantics

# From the seed: "Koordinasi dan Fasilitas Pengadaan PNS dan PPPK" has no 2025 target,
# "Mutasi dan Promosi ASN" (a kegiatan) no 2024 target; the Penajam file repeats a
# kegiatan whose copy holds a sub kegiatan row with no values at all.
TABLE = """
level | name                                             | indikator                          | satuan  | target | target_n1 | pagu          | pagu_n1       | line
k     | Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN | Jumlah Dokumen Pengadaan     | Dokumen | 146    | 192       | 1.590.078.504 | 1.828.590.280 | 450
s     | Pengelolaan Sistem Informasi Kepegawaian          | Jumlah Dokumen Hasil Pengelolaan   | Dokumen | 5      | 5         | 40.245.752    | 46.282.615    | 451
s     | Koordinasi dan Fasilitas Pengadaan PNS dan PPPK   | Jumlah Dokumen Kegiatan            | Dokumen | 9      | -         | 1.520.352.752 | 1.748.405.665 | 453
k     | Mutasi dan Promosi ASN                            | Jumlah Pengelolaan Dokumen Mutasi  | -       | -      | -         | 462.844.820   | 532.271.543   | 454
s     | Pengelolaan Mutasi ASN                            | Jumlah Dokumen Hasil Mutasi        | -       | 5      | 6         | -             | 344.981.916   | 455
s     | Sub kegiatan tanpa nilai                          | -                                  | -       | -      | -         | -             | -             | 456
s     | Penyediaan Gaji dan Tunjangan ASN                 | Persentase gaji terbayar           | -       | 100%   | 100%      | 8.000.000.000 | -             | 457
"""  # noqa: E501 - a text table reads best unwrapped


def test_empty_cells_of_sub_kegiatan_and_parent_targets() -> None:
    findings = check_missing_value(renja(TABLE))
    got = [(item.line, item.column, item.year, item.severity) for item in findings]
    assert got == [
        (453, "9", 2025, "warning"),  # target n+1
        (454, "5", 2024, "warning"),  # kegiatan target
        (455, "6", 2024, "error"),  # pagu n
        (455, "5", 2024, "warning"),  # satuan of "5" (no % sign)
        (456, "", None, "warning"),  # a row with nothing
        (457, "10", 2025, "warning"),  # pagu n+1; the target "100%" needs no satuan
    ]
    target_n1, _, pagu, satuan, empty, _ = findings
    assert "Target prakiraan maju tahun 2025" in target_n1.message
    assert "'Koordinasi dan Fasilitas Pengadaan PNS dan PPPK'" in target_n1.message
    assert "Pagu tahun 2024 untuk sub kegiatan 'Pengelolaan Mutasi ASN'" in pagu.message
    assert "Satuan untuk sub kegiatan 'Pengelolaan Mutasi ASN'" in satuan.message
    assert "tidak berisi target maupun pagu" in empty.message


def test_complete_rows_have_nothing_missing() -> None:
    complete = "\n".join(TABLE.strip().splitlines()[:3])
    assert check_missing_value(renja(complete)) == []


def test_stored_plan_missing_values() -> None:
    sem = Semantics(jenis="jumlah", polaritas="positif", sifat="kumulatif")
    plan = PlanInput(
        pemda="Kab. X",
        opd_name="BKPSDM",
        year=2024,
        renstra_first_year=2021,
        renstra_last_year=2026,
        items=(
            ItemInput(id=1, level="kegiatan", name="K"),
            ItemInput(
                id=2,
                parent_id=1,
                level="sub_kegiatan",
                name="S",
                indikator=(IndikatorInput(id=1, name="Jumlah Dokumen", semantics=sem, satuan=""),),
            ),
            ItemInput(id=3, parent_id=1, level="sub_kegiatan", name="T", pagu=None),
        ),
    )
    findings = check_missing_value_plan(plan)
    assert [(item.row, item.severity, item.message.split(" untuk")[0]) for item in findings] == [
        ("S", "error", "Pagu tahun 2024"),
        ("S", "warning", "Pagu prakiraan maju tahun 2025"),
        ("S", "error", "Target tahun 2024"),
        ("S", "warning", "Target prakiraan maju tahun 2025"),
        ("S", "warning", "Satuan"),
        ("T", "error", "Pagu tahun 2024"),
        ("T", "warning", "Pagu prakiraan maju tahun 2025"),
        ("T", "warning", "Sub kegiatan 'T' tidak mempunyai indikator kinerja."),
    ]


def test_renstra_row_with_a_gap_and_without_satuan() -> None:
    doc = renstra(
        """
        sub               | nama      | indikator    | satuan  | v1 | v2 | v3 | v4 | v5 | v6 | line
        4.01.02.2.01.0001 | Penataan  | Jumlah Dok   | Dokumen | 4  | 4  | -  | 4  | 4  | -  | 2
        4.01.02.2.01.0002 | Kewilayah | Jumlah Dok   | -       | 7  | 7  | 7  | 7  | 7  | -  | 3
        4.01.02.2.01.0003 | Lengkap   | Jumlah Dok   | Dokumen | 1  | 1  | 1  | 1  | 1  | -  | 4
        """
    )
    findings = check_missing_value_renstra(doc)
    assert [(item.line, item.message) for item in findings] == [
        (
            2,
            "Target (volume) indikator 'Jumlah Dok' untuk tahun 2027 kosong, padahal tahun lain "
            "terisi. Isi target setiap tahun Renstra.",
        ),
        (3, "Satuan indikator 'Jumlah Dok' belum diisi. Lengkapi satuannya."),
    ]
    assert of(findings, "missing-value") == findings
