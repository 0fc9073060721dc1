"""Evaluation tables as stable JSON: format `kinerja-evaluation` v1 (docs/evaluation-json.md).

Numbers are strings of exact decimals ("62.2"), never floats; `display` is the text a
planner reads ("62,2"); cells without a number carry the reason code instead.
"""

from typing import Any

from kinerja.evaluation.tables import Cell, Table
from kinerja.monitoring.display import cell_text, finding_json

FORMAT = {"format": "kinerja-evaluation", "version": 1}


def evaluation_json(tables: list[Table], meta: dict[str, Any]) -> dict[str, Any]:
    """The JSON document for `tables` of one OPD, year and triwulan described by `meta`."""
    return {**FORMAT, **meta, "tables": [table_json(table) for table in tables]}


def table_json(table: Table) -> dict[str, Any]:
    return {
        "code": table.code,
        "title": table.title,
        "subtitle": table.subtitle,
        "column_numbers": list(table.column_numbers),
        "header_rows": [
            [{"text": h.text, "colspan": h.colspan, "rowspan": h.rowspan} for h in row]
            for row in table.header_rows
        ],
        "rows": [
            {
                "kind": row.kind,
                "depth": row.depth,
                "item_id": row.item_id,
                "indikator_id": row.indikator_id,
                "cells": [cell_json(cell) for cell in row.cells],
            }
            for row in table.rows
        ],
        "footnotes": list(table.footnotes),
        "findings": [finding_json(finding) for finding in table.findings],
    }


def cell_json(cell: Cell) -> dict[str, Any]:
    value = cell.value
    return {
        "kind": cell.kind,
        "value": value if isinstance(value, str) or value is None else str(value),
        "display": cell_text(cell),
        "decimals": cell.decimals,
        "unit": cell.unit,
        "reason": cell.reason,
        "predikat": cell.predikat,
        "formula": cell.formula,
        "colspan": cell.colspan,
    }
