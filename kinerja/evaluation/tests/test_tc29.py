"""T‑C.29 (Tabel 2.1): cols 5, 8, 10 and 11 by sifat and polaritas, reasons and footnotes."""

from dataclasses import replace
from decimal import Decimal

import pytest

from kinerja.evaluation.tables import Table, build_tc29, tc29_figures
from kinerja.evaluation.tests.plans import IKM, PLAN, SAKIP, cell, shown
from kinerja.evaluation.tests.text_tables import Case, cases

# Renja 2024: col 5 = s/d 2021, cols 6–8 = 2022, col 9 = 2023; cols 8, 10, 11 shown rounded.
EXPECTED = """
id  | 4  | 5    | 6  | 7     | 8      | 9  | 10    | 11    | predikat 8    | predikat 11
# 103 Laporan (jumlah, kumulatif); 104 Dokumen (realisasi 2021 kosong)
103 | 90 | 24   | 15 | 15    | 100.00 | 15 | 54    | 60.00 | Sangat Tinggi | Rendah
104 | 90 | -    | 15 | 15    | 100.00 | 15 | 30    | 33.33 | Sangat Tinggi | Sangat Rendah
# 101 Nilai SAKIP, 102 IKM ("8I" tercetak): indeks, non kumulatif
101 | 66 | 61   | 62 | 62.2  | 100.32 | 15 | 15    | 22.73 | Sangat Tinggi | Sangat Rendah
102 | 83 | -    | 82 | 86.6  | 105.61 | 15 | 15    | 18.07 | Sangat Tinggi | Sangat Rendah
# 105 tingkat penurunan pelanggaran (realisasi negatif), 106 survei (rata-rata),
# 107 jumlah pelanggaran (negatif, non kumulatif)
105 | 50 | 37.5 | 25 | -12.5 | -50.00 | 25 | 25    | 50.00 | Sangat Rendah | Sangat Rendah
106 | 85 | 78   | 80 | 81    | 101.25 | 82 | 80.33 | 94.51 | Sangat Tinggi | Sangat Tinggi
107 | 5  | 12   | 10 | 9     | 110.00 | 8  | 8     | 40.00 | Sangat Tinggi | Sangat Rendah
"""


@pytest.fixture(scope="module")
def table() -> Table:
    return build_tc29(PLAN)


@pytest.mark.parametrize("case", cases(EXPECTED), ids=lambda case: case["id"])
def test_columns_4_to_11(table: Table, case: Case) -> None:
    key = case.integer("id")
    for column in ("4", "5", "6", "7", "8", "9", "10", "11"):
        assert shown(cell(table, key, column)) == case.dec(column), f"kolom {column}"
    assert cell(table, key, "8").predikat == case["predikat 8"]
    assert cell(table, key, "11").predikat == case["predikat 11"]


def test_the_sakip_forecast_is_col_9_as_the_reference_rule_says(table: Table) -> None:
    # The seed printed 15 as the 2023 target of Nilai SAKIP (itself a mistake); for a
    # non_kumulatif indikator the reference's rule takes col 9 as the forecast of n−1,
    # so col 10 = 15 rather than the printed 5 + 7 + 9 = 138.2.
    figures = tc29_figures(SAKIP, 2024, 2021)
    assert figures.perkiraan_realisasi == Decimal("15")
    assert figures.tingkat_capaian.formula == "positif/permendagri86-2017"


def test_non_kumulatif_falls_back_to_col_7_then_col_5() -> None:
    no_target = replace(SAKIP.figures, targets={2022: Decimal("62")})
    figures = tc29_figures(replace(SAKIP, figures=no_target), 2024, 2021)
    assert figures.perkiraan_realisasi == Decimal("62.2")
    only_2021 = replace(no_target, realisasi={2021: Decimal("61")})
    figures = tc29_figures(replace(SAKIP, figures=only_2021), 2024, 2021)
    assert figures.perkiraan_realisasi == Decimal("61")


def test_missing_pieces_print_a_dash_with_a_reason(table: Table) -> None:
    assert cell(table, 104, "5").reason == "realisasi-kosong"
    assert cell(table, 102, "5").reason == "realisasi-kosong"
    assert cell(table, 102, "5").is_dash


def test_rows_follow_the_tree_and_show_every_indikator(table: Table) -> None:
    kinds = [(row.kind, row.depth, row.item_id, row.indikator_id) for row in table.rows]
    assert kinds == [
        ("program", 0, 1, 101),
        ("indikator", 0, 1, 102),
        ("kegiatan", 1, 2, None),
        ("sub_kegiatan", 2, 3, 103),
        ("sub_kegiatan", 2, 4, 104),
        ("program", 0, 5, 105),
        ("indikator", 0, 5, 106),
        ("indikator", 0, 5, 107),
    ]
    assert [c.value for c in table.rows[0].cells[:3]] == [
        "5.03.01",
        "PROGRAM PENUNJANG",
        "Nilai SAKIP OPD",
    ]
    assert [c.value for c in table.rows[1].cells[:2]] == ["", ""]
    assert all(c.value is None and c.reason is None for c in table.rows[2].cells[2:])


def test_header_and_numbering(table: Table) -> None:
    assert table.code == "T-C.29"
    assert table.column_numbers == (
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8=(7/6)",
        "9",
        "10=(5+7+9)",
        "11=(10/4)",
    )
    assert table.title.endswith("s/d Tahun 2022")
    texts = [h.text for row in table.header_rows for h in row]
    assert "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun 2026" in texts
    assert "Target Program dan Kegiatan Renja Perangkat Daerah Tahun 2023" in texts


def test_footnotes_state_the_rules_formulas_reasons_and_notes(table: Table) -> None:
    notes = "\n".join(table.footnotes)
    kumulatif = next(f for f in table.footnotes if f.startswith("Indikator kumulatif"))
    assert "5 + 7 + 9" in kumulatif
    assert "2021" in kumulatif
    non = next(f for f in table.footnotes if f.startswith("Indikator non kumulatif"))
    assert "nilai terakhir" in non
    assert "target tahun 2023 (kolom 9)" in non
    assert "realisasi tahun 2022 (kolom 7)" in non
    assert "rata-rata nilai tahunan" in next(
        f for f in table.footnotes if f.startswith("Indikator rata-rata")
    )
    assert "[positif/permendagri86-2017]" in notes
    assert "[negatif/permendagri86-2017]" in notes
    assert "band set permendagri86-2017" in notes
    assert "[R]" in notes
    assert "“–” (realisasi-kosong)" in notes
    assert 'Indeks Kepuasan Masyarakat, realisasi 2021: Tercetak "8I"' in notes


def test_only_the_sifat_present_get_a_footnote() -> None:
    plan = replace(PLAN, renstra_items=PLAN.renstra_items[:1])
    notes = build_tc29(plan).footnotes
    assert any(f.startswith("Indikator non kumulatif") for f in notes)
    assert not any(f.startswith("Indikator kumulatif") for f in notes)
    assert not any("[negatif/" in f for f in notes)


def test_a_year_before_the_renstra_is_out_of_period() -> None:
    table = build_tc29(replace(PLAN, year=2023))
    # n−3 = 2020 lies before the Renstra 2021–2026.
    assert cell(table, 103, "5").reason == "tahun-di-luar-renstra"
    assert "“–” (tahun-di-luar-renstra)" in "\n".join(table.footnotes)


def test_a_note_only_realisasi_is_realisasi_kosong_with_its_note() -> None:
    figures = tc29_figures(IKM, 2024, 2021)
    assert figures.realisasi_s_d_n3 is None
    assert figures.tingkat_realisasi.value is not None
