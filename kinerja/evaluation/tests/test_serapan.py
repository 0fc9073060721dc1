"""Serapan anggaran: spent vs pagu up to a triwulan for every level and the OPD total."""

import pytest

from kinerja.evaluation.tables import Row, Table, build_serapan
from kinerja.evaluation.tests.plans import PLAN, shown
from kinerja.evaluation.tests.text_tables import Case, cases

# columns: 3 pagu, 4–7 TW I–IV, 8 s/d TW, 9 serapan %, 10 sisa
SERAPAN = """
tw | row   | 3          | 4         | 5        | 6         | 7        | 8         | 9     | 10
2  | 12    | 50000000   | 8164000   | 10699000 | -         | -        | 18863000  | 37.73 | 31137000
2  | 13    | 40010225   | 7044000   | 7698000  | -         | -        | 14742000  | 36.85 | 25268225
2  | 11    | 90010225   | 15208000  | 18397000 | -         | -        | 33605000  | 37.33 | 56405225
2  | 14    | -          | -         | -        | -         | -        | -         | -     | -
2  | 10    | 90010225   | 15208000  | 18397000 | -         | -        | 33605000  | 37.33 | 56405225
2  | 22    | 1590078504 | 300000000 | -        | -         | -        | 300000000 | 18.87 | 1290078504
2  | total | 1680088729 | 315208000 | 18397000 | -         | -        | 333605000 | 19.86 | 1346483729
4  | total | 1680088729 | 315208000 | 18397000 | 509987000 | 11048000 | 854640000 | 50.87 | 825448729
1  | 13    | 40010225   | 7044000   | -        | -         | -        | 7044000   | 17.61 | 32966225
"""  # noqa: E501 - a text table reads best unwrapped


def find(table: Table, key: str) -> Row:
    if key == "total":
        return table.rows[-1]
    return next(row for row in table.rows if row.item_id == int(key))


@pytest.mark.parametrize("case", cases(SERAPAN), ids=lambda c: f"tw{c['tw']}-{c['row']}")
def test_serapan_rows(case: Case) -> None:
    table = build_serapan(PLAN, case.integer("tw"))
    row = find(table, case.text("row"))
    for column in ("3", "4", "5", "6", "7", "8", "9", "10"):
        assert shown(row.cells[table.column(column)]) == case.dec(column), column


def test_later_quarters_are_blank_and_empty_ones_a_dash() -> None:
    table = build_serapan(PLAN, 2)
    sub = find(table, "22")
    assert sub.cells[table.column("5")].reason == "realisasi-kosong"  # TW II reported nothing
    assert sub.cells[table.column("6")].reason is None  # TW III lies after the evaluated one
    assert find(table, "14").cells[table.column("3")].reason == "pagu-kosong"


def test_numbering_title_and_total_row() -> None:
    table = build_serapan(PLAN, 2)
    assert table.column_numbers == (
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8=(4+5)",
        "9=(8/3)",
        "10=(3-8)",
    )
    assert table.title == "Serapan Anggaran s/d Triwulan II Tahun 2024"
    assert table.rows[-1].kind == "total"
    assert table.rows[-1].cells[1].value == "Jumlah BKPSDM"
    assert all(cell.predikat is None for row in table.rows for cell in row.cells)
    assert any("DATA CONTOH" in f for f in table.footnotes)
    assert "serapan = realisasi anggaran / pagu × 100 [serapan/v1]." in table.footnotes
    assert not any("band set" in f for f in table.footnotes)
    with pytest.raises(ValueError, match="triwulan"):
        build_serapan(PLAN, 0)
