"""E.81: cols 12–14 and the Renja rate by sifat over triwulan I–IV, Rp roll-ups, the footer."""

from decimal import Decimal

import pytest

from kinerja.evaluation.achievement import rounded
from kinerja.evaluation.tables import build_e81
from kinerja.evaluation.tests.plans import PLAN, cell
from kinerja.evaluation.tests.text_tables import Case, cases, dec

# K columns; "12/7" is the extra Renja rate. 301 Dokumen: kumulatif, Renstra 90 and
# 18 a year 2021–2023 (col 6 = 54). 303 IP ASN: non_kumulatif, TW III not reported,
# Renstra 77 with 50.9 as the latest yearly realisasi. 302 Laporan: no Renstra link.
K_COLUMNS = """
tw | id  | 6    | 7  | 12   | 13   | 14     | predikat 14   | 12/7   | predikat 12/7
1  | 301 | 54   | 18 | 4    | 58   | 64.44  | Rendah        | 22.22  | Sangat Rendah
2  | 301 | 54   | 18 | 8    | 62   | 68.89  | Sedang        | 44.44  | Sangat Rendah
3  | 301 | 54   | 18 | 12   | 66   | 73.33  | Sedang        | 66.67  | Sedang
4  | 301 | 54   | 18 | 18   | 72   | 80.00  | Tinggi        | 100.00 | Sangat Tinggi
1  | 303 | 50.9 | 73 | 70   | 70   | 90.91  | Tinggi        | 95.89  | Sangat Tinggi
2  | 303 | 50.9 | 73 | 71.5 | 71.5 | 92.86  | Sangat Tinggi | 97.95  | Sangat Tinggi
3  | 303 | 50.9 | 73 | 71.5 | 71.5 | 92.86  | Sangat Tinggi | 97.95  | Sangat Tinggi
4  | 303 | 50.9 | 73 | 74   | 74   | 96.10  | Sangat Tinggi | 101.37 | Sangat Tinggi
2  | 302 | -    | 18 | 7    | -    | -      | -             | 38.89  | Sangat Rendah
4  | 306 | -    | 5  | 5    | -    | -      | -             | 100.00 | Sangat Tinggi
4  | 304 | -    | 64 | -    | -    | -      | -             | -      | -
"""


def rounded_or_none(value: Decimal | str | None) -> Decimal | None:
    assert not isinstance(value, str)
    return None if value is None else rounded(value)


@pytest.mark.parametrize("case", cases(K_COLUMNS), ids=lambda c: f"tw{c['tw']}-{c['id']}")
def test_k_columns_12_to_14_and_the_renja_rate(case: Case) -> None:
    table = build_e81(PLAN, case.integer("tw"))
    key = case.integer("id")
    for column in ("6", "7", "12", "13", "14", "(12/7)"):
        expected = case["12/7" if column == "(12/7)" else column]
        assert rounded_or_none(cell(table, key, column).value) == dec(expected), f"kolom {column}"
    assert cell(table, key, "14").predikat == case["predikat 14"]
    assert cell(table, key, "(12/7)").predikat == case["predikat 12/7"]
    predikat_column = cell(table, key, "(predikat)")
    assert predikat_column.value == case["predikat 12/7"]


def test_a_triwulan_2_evaluation_ignores_later_quarters() -> None:
    table = build_e81(PLAN, 2)
    row = next(r for r in table.rows if r.indikator_id == 301)
    for column in ("10", "11"):  # Triwulan III and IV, K and Rp
        for offset in (0, 1):
            later = row.cells[table.column(column) + offset]
            assert (later.value, later.reason) == (None, None)
    assert cell(table, 301, "9").value == Decimal(4)
    assert rounded_or_none(cell(table, 301, "12").value) == Decimal(8)


def test_an_unreported_quarter_up_to_q_is_a_dash() -> None:
    table = build_e81(PLAN, 3)
    assert cell(table, 303, "10").reason == "realisasi-kosong"


def test_unlinked_indikator_have_no_renstra_columns() -> None:
    table = build_e81(PLAN, 4)
    for column in ("5", "6", "13", "14"):
        assert cell(table, 302, column).reason == "tidak-terhubung-renstra"


RP_PLANNED = """
tw | item | 5        | 6         | 7
2  | 12   | 93000000 | 140000000 | 50000000
2  | 11   | 93000000 | 140000000 | 90010225
2  | 20   | -        | -         | 1590078504
"""
RP_REALISED = """
tw | item | 8         | 9        | 12        | 13        | 14     | 12/7
2  | 12   | 8164000   | 10699000 | 18863000  | 158863000 | 170.82 | 37.73
2  | 11   | 15208000  | 18397000 | 33605000  | 173605000 | 186.67 | 37.33
2  | 20   | 300000000 | -        | 300000000 | 300000000 | -      | 18.87
4  | 20   | 300000000 | -        | 800000000 | 800000000 | -      | 50.31
"""


@pytest.mark.parametrize(
    "case", cases(RP_PLANNED) + cases(RP_REALISED), ids=lambda c: f"tw{c['tw']}-{c['item']}"
)
def test_rp_columns_roll_up_the_sub_kegiatan(case: Case) -> None:
    table = build_e81(PLAN, case.integer("tw"))
    row = next(r for r in table.rows if r.item_id == case.integer("item") and r.kind != "indikator")
    for column in ("5", "6", "7", "8", "9", "12", "13", "14", "(12/7)"):
        key = "12/7" if column == "(12/7)" else column
        if key not in case:
            continue
        rp = row.cells[table.column(column) + 1]
        assert rp.kind in {"money", "percent"}
        assert rounded_or_none(rp.value) == dec(case[key]), column


def test_rp_is_shown_once_per_item() -> None:
    table = build_e81(PLAN, 4)
    further = next(r for r in table.rows if r.indikator_id == 303)  # program 10's second indikator
    assert further.kind == "indikator"
    assert all(further.cells[table.column(c) + 1].value is None for c in ("7", "12"))


AVERAGES = """
tw | level        | renja | predikat renja | renstra | predikat renstra
4  | sub_kegiatan | 79.63 | Tinggi         | 80.00   | Tinggi
2  | sub_kegiatan | 47.78 | Sangat Rendah  | 68.89   | Sedang
4  | program      | 101.37| Sangat Tinggi  | 96.10   | Sangat Tinggi
4  | kegiatan     | -     | -              | -       | -
4  | semua        | 85.06 | Tinggi         | 88.05   | Tinggi
"""


@pytest.mark.parametrize("case", cases(AVERAGES), ids=lambda c: f"tw{c['tw']}-{c['level']}")
def test_footer_rata_rata_capaian_and_predikat(case: Case) -> None:
    table = build_e81(PLAN, case.integer("tw"), rata_rata_level=case.text("level"))
    average, predikat = table.rows[-6], table.rows[-5]
    assert (average.kind, predikat.kind) == ("footer", "footer")
    assert str(average.cells[0].value).startswith("Rata-rata capaian kinerja (%)")
    # cells: label(4) | blank(18) | 14 K | 14 Rp | 12/7 K | 12/7 Rp | blank(3)
    assert rounded_or_none(average.cells[2].value) == case.dec("renstra")
    assert rounded_or_none(average.cells[4].value) == case.dec("renja")
    assert predikat.cells[2].value == case["predikat renstra"]
    assert predikat.cells[3].value == case["predikat renja"]
    if case["renja"] is None:
        assert average.cells[4].reason == "tidak-ada-capaian"


def test_footer_narrative_comes_from_the_laporan_of_the_triwulan() -> None:
    table = build_e81(PLAN, 2)
    narrative = {row.cells[0].value: row.cells[1] for row in table.rows[-4:]}
    assert (
        narrative["Faktor pendorong keberhasilan pencapaian"].value
        == "Koordinasi antarbidang lancar."
    )
    assert narrative["Faktor penghambat pencapaian kinerja"].value == "Pengadaan lebih lama."
    assert (
        narrative["Tindak lanjut yang diperlukan dalam triwulan berikutnya"].value
        == "Mempercepat pengadaan."
    )
    assert (
        narrative["Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya"].value
        == "Jadwal pengadaan sejak awal tahun."
    )
    missing = build_e81(PLAN, 3).rows[-1].cells[1]
    assert missing.reason == "laporan-kosong"


def test_header_numbering_title_and_footnotes() -> None:
    table = build_e81(PLAN, 2)
    assert table.width == 29
    assert len(table.header_rows) == 3
    numbering = [(c.text, c.colspan) for c in table.numbering_row()]
    assert numbering[:6] == [("1", 1), ("2", 1), ("3", 1), ("4", 1), ("5", 2), ("6", 2)]
    assert numbering[-5:] == [("14", 2), ("(12/7)", 2), ("(predikat)", 1), ("15", 1), ("16", 1)]
    assert table.subtitle.endswith("Triwulan II Tahun 2024")
    notes = "\n".join(table.footnotes)
    assert "bukan kolom resmi formulir E.81" in notes
    kumulatif = next(f for f in table.footnotes if f.startswith("Indikator kumulatif"))
    assert "kolom 12 = jumlah realisasi triwulan I–II" in kumulatif
    assert "kolom 6 = jumlah realisasi Renstra tahun 2021–2023; kolom 13 = 6 + 12" in kumulatif
    assert "kolom 12 = realisasi triwulan terakhir yang dilaporkan s/d triwulan II" in notes
    assert "indikator sub kegiatan yang berangka" in notes
    assert "DATA CONTOH: realisasi dan laporan triwulan II" in notes
    assert "DATA CONTOH" not in "\n".join(build_e81(PLAN, 1).footnotes)


def test_triwulan_and_level_are_checked() -> None:
    with pytest.raises(ValueError, match="triwulan"):
        build_e81(PLAN, 5)
    with pytest.raises(ValueError, match="tingkat"):
        build_e81(PLAN, 1, rata_rata_level="urusan")
