"""The table model guards its shape; records are immutable; the engine stays pure."""

import ast
import dataclasses
import doctest
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.evaluation import achievement, bands
from kinerja.evaluation.tables import Cell, HeaderCell, Row, Table, build_e81, build_tc29
from kinerja.evaluation.tables.cells import value_cell
from kinerja.evaluation.tables.model import header_width
from kinerja.evaluation.tests.plans import PLAN
from kinerja.evaluation.tests.test_achievement import SCALE
from kinerja.evaluation.types import RenstraFigures, Semantics

ENGINE = Path(__file__).resolve().parent.parent


def table(
    header: tuple[tuple[HeaderCell, ...], ...], numbers: tuple[str, ...], rows: tuple[Row, ...] = ()
) -> Table:
    return Table(code="X", title="x", header_rows=header, column_numbers=numbers, rows=rows)


def test_header_width_follows_row_and_column_spans() -> None:
    header = (
        (HeaderCell(text="a", rowspan=2), HeaderCell(text="b", colspan=2)),
        (HeaderCell(text="b1"), HeaderCell(text="b2")),
    )
    assert header_width(header) == 3
    assert (
        header_width(((HeaderCell(text="a"),), (HeaderCell(text="a"), HeaderCell(text="b")))) == -1
    )


def test_a_table_refuses_rows_of_the_wrong_width() -> None:
    header = ((HeaderCell(text="a"), HeaderCell(text="b")),)
    with pytest.raises(ValueError, match="kepala"):
        table(header, ("1",))
    with pytest.raises(ValueError, match="baris"):
        table(header, ("1", "2"), (Row(kind="total", cells=(Cell(),)),))
    assert table(header, ("1", "2"), (Row(kind="footer", cells=(Cell(colspan=2),)),)).width == 2


def test_a_cell_with_a_value_has_no_reason() -> None:
    with pytest.raises(ValueError, match="alasan"):
        Cell(value=Decimal(1), kind="number", reason="target-kosong")
    with pytest.raises(ValueError, match="jenis sel"):
        Cell(kind="date")


def test_every_builder_produces_a_consistent_grid() -> None:
    for built in (build_tc29(PLAN), build_e81(PLAN, 4)):
        assert all(row.width == built.width for row in built.rows)
        assert sum(c.colspan for c in built.numbering_row()) == built.width


def test_records_are_frozen_and_copy_their_mappings() -> None:
    targets = {2022: Decimal(15)}
    figures = RenstraFigures(targets=targets)
    targets[2023] = Decimal(16)
    assert dict(figures.targets) == {2022: Decimal(15)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        figures.kondisi_akhir = Decimal(1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        figures.targets[2024] = Decimal(1)  # type: ignore[index]


def imported_modules(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_the_engine_imports_neither_django_nor_other_kinerja_packages_nor_floats() -> None:
    for path in ENGINE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for module in imported_modules(path):
            assert not module.startswith("django"), path
            assert not module.startswith("kinerja.") or module.startswith("kinerja.evaluation"), (
                path
            )
        assert "float(" not in path.read_text(), path


def test_a_kualitatif_value_prints_as_its_label() -> None:
    sakip = Semantics(jenis="kualitatif", polaritas="positif", sifat="non_kumulatif", scale=SCALE)
    assert value_cell(Decimal(5), sakip) == Cell(value="BB", kind="text")
    off_scale = value_cell(Decimal(9), sakip)
    assert (off_scale.value, off_scale.kind) == (Decimal(9), "number")
    assert value_cell(None, sakip).reason == "realisasi-kosong"


def test_the_docstring_examples_hold() -> None:
    for module in (achievement, bands):
        assert doctest.testmod(module).failed == 0
