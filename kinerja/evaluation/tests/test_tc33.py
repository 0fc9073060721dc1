"""T‑C.33 (Tabel 4.1): rows, computed totals, the grand total, several indikator per item."""

from decimal import Decimal

import pytest

from kinerja.evaluation.tables import Table, build_tc33
from kinerja.evaluation.tests.plans import PLAN, cell
from kinerja.evaluation.tests.text_tables import Case, cases

TOTALS = """
item | level        | pagu n     | pagu n+1   | reason
12   | sub_kegiatan | 50000000   | 57500000   | -
13   | sub_kegiatan | 40010225   | -          | pagu-kosong
11   | kegiatan     | 90010225   | 57500000   | -
14   | kegiatan     | -          | -          | pagu-kosong
10   | program      | 90010225   | 57500000   | -
22   | sub_kegiatan | 1590078504 | 1828590280 | -
21   | kegiatan     | 1590078504 | 1828590280 | -
20   | program      | 1590078504 | 1828590280 | -
"""


@pytest.fixture(scope="module")
def table() -> Table:
    return build_tc33(PLAN)


@pytest.mark.parametrize("case", cases(TOTALS))
def test_program_and_kegiatan_rows_carry_the_totals_of_their_sub_kegiatan(
    table: Table, case: Case
) -> None:
    item = case.integer("item")
    pagu, pagu_n1 = cell(table, item, "6", by="item_id"), cell(table, item, "10", by="item_id")
    assert (pagu.value, pagu_n1.value) == (case.dec("pagu n"), case.dec("pagu n+1"))
    assert pagu.kind == "money"
    if case["reason"]:
        assert case["reason"] in {pagu.reason, pagu_n1.reason}


def test_the_last_row_is_the_grand_total(table: Table) -> None:
    last = table.rows[-1]
    assert last.kind == "total"
    assert last.cells[1].value == "Jumlah"
    assert last.cells[table.column("6")].value == Decimal("1680088729")
    assert last.cells[table.column("10")].value == Decimal("1886090280")


def test_rows_in_tree_order_with_one_row_per_further_indikator(table: Table) -> None:
    assert [(row.kind, row.item_id, row.indikator_id) for row in table.rows] == [
        ("program", 10, 304),
        ("indikator", 10, 303),
        ("kegiatan", 11, 305),
        ("sub_kegiatan", 12, 301),
        ("sub_kegiatan", 13, 302),
        ("kegiatan", 14, None),
        ("program", 20, None),
        ("kegiatan", 21, None),
        ("sub_kegiatan", 22, 306),
        ("total", None, None),
    ]
    program, second = table.rows[0].cells, table.rows[1].cells
    assert [c.value for c in program[:5]] == [
        "5.03.01",
        "PROGRAM PENUNJANG",
        "Nilai SAKIP OPD",
        "BKPSDM",
        Decimal(64),
    ]
    assert [program[6].value, program[8].value] == ["APBD", Decimal(65)]
    assert [c.value for c in second] == [
        "",
        "",
        "Indeks Profesionalitas ASN",
        "",
        Decimal(73),
        None,
        "",
        "",
        Decimal(75),
        None,
    ]
    assert not second[5].is_dash  # no pagu is repeated on a further indikator's row


def test_targets_carry_their_satuan_and_a_missing_target_a_reason(table: Table) -> None:
    target = cell(table, 301, "5")
    assert (target.value, target.unit, target.decimals) == (Decimal(18), "Dok", 0)
    assert cell(table, 302, "9").reason == "target-kosong"


def test_header_numbering_and_footnotes(table: Table) -> None:
    assert table.column_numbers == tuple(str(n) for n in range(1, 11))
    assert [c.text for c in table.header_rows[0]][3] == "Rencana Tahun 2024"
    assert [c.text for c in table.header_rows[0]][5] == "Prakiraan Maju Rencana Tahun 2025"
    assert table.title.endswith("Tahun 2024 dan Prakiraan Maju Tahun 2025")
    assert any("jumlah pagu sub kegiatan" in f for f in table.footnotes)
    assert "“–” (pagu-kosong): pagu atau anggaran tidak diisi." in table.footnotes
    assert "“–” (target-kosong): target tidak diisi." in table.footnotes
