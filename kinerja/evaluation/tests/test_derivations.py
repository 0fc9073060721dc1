"""Every derived cell's `Derivation`, recomputed from the other cells of its table, gives
the value the builder computed: the formulas a spreadsheet receives say the same thing."""

from decimal import Decimal

import pytest

from kinerja.evaluation.tables import (
    Derivation,
    Table,
    build_e81,
    build_serapan,
    build_tc29,
    build_tc33,
)
from kinerja.evaluation.tests.plans import PLAN

Grid = list[list[Decimal | None]]


def numbers(table: Table) -> Grid:
    return [
        [cell.value if isinstance(cell.value, Decimal) else None for cell in row.cells]
        for row in table.rows
    ]


def recompute(table: Table, grid: Grid, r: int, c: int, how: Derivation) -> Decimal | None:
    if how.children:
        parts = [grid[child][c] for child in table.child_rows(r)]
    else:
        parts = [grid[r][column] for column in how.columns]
    present = [value for value in parts if value is not None]
    if how.op == "sum":
        return sum(present, Decimal(0)) if present else None
    if how.op == "latest":
        return present[-1] if present else None
    if how.op == "average":
        return sum(present, Decimal(0)) / len(present) if present else None
    first, second = parts
    if first is None or second is None:
        return None
    if how.op == "difference":
        return first - second
    if second == 0:
        return None
    if how.op == "ratio" or how.polaritas == "positif":
        return first / second * 100
    return max(Decimal(0), (2 * second - first) / second * 100)


def derived_cells(table: Table) -> list[tuple[int, int, Derivation]]:
    return [
        (r, c, cell.derived)
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row.cells)
        if cell.derived is not None and row.cells[c].colspan == 1
    ]


TABLES = {
    "tc29": lambda: build_tc29(PLAN),
    "tc33": lambda: build_tc33(PLAN),
    "e81-tw1": lambda: build_e81(PLAN, 1),
    "e81-tw2": lambda: build_e81(PLAN, 2),
    "serapan-tw2": lambda: build_serapan(PLAN, 2),
}


@pytest.mark.parametrize("name", TABLES)
def test_every_derivation_reproduces_the_builders_value(name: str) -> None:
    table = TABLES[name]()
    grid = numbers(table)
    derived = derived_cells(table)
    assert derived, f"{name} has no derived cells"
    checked = 0
    for r, c, how in derived:
        value = table.rows[r].cells[c].value
        if not isinstance(value, Decimal):
            continue
        again = recompute(table, grid, r, c, how)
        assert again is not None, (name, r, c, how)
        assert abs(again - value) < Decimal("0.000001"), (name, r, c, how, value, again)
        checked += 1
    assert checked >= 5, f"{name}: only {checked} derived values checked"


def test_totals_of_tc33_sum_their_children() -> None:
    table = build_tc33(PLAN)
    total = table.rows[-1]
    assert total.kind == "total"
    pagu = table.column("6")
    assert total.cells[pagu].derived == Derivation(op="sum", children=True)
    programs = table.child_rows(len(table.rows) - 1)
    assert programs
    assert all(table.rows[i].kind == "program" for i in programs)


def test_kualitatif_and_sub_kegiatan_amounts_stay_values() -> None:
    table = build_tc33(PLAN)
    for row in table.rows:
        if row.kind == "sub_kegiatan":
            assert row.cells[table.column("6")].derived is None
