"""How a cell of an evaluation table reads for a planner: Indonesian numbers, "–" for none.

One function for the web, the terminal and every document, so a figure prints the same
everywhere: `1.590.078.504`, `10,3%`, `146 Dokumen`, capaian `100,32`.
"""

from decimal import Decimal
from typing import Any

from kinerja.evaluation.tables import Cell, Table
from kinerja.evaluation.types import Finding
from kinerja.lib.numbers import format_money, format_number, format_value

DASH = "–"
PERCENT_UNITS = {"%", "persen"}


def cell_text(cell: Cell, *, with_unit: bool = True) -> str:
    """The cell as printed: its text, its number formatted by kind, or a dash."""
    if cell.is_dash:
        return DASH
    if cell.value is None:
        return ""
    if isinstance(cell.value, str):
        return cell.value
    return _number(cell.value, cell, with_unit)


def _number(value: Decimal, cell: Cell, with_unit: bool) -> str:
    if cell.kind == "money":
        return format_money(value)
    if cell.kind == "percent":
        return format_number(value, cell.decimals)
    text = format_value(value, cell.decimals)
    unit = cell.unit.strip()
    if unit.lower() in PERCENT_UNITS:
        return f"{text}%"
    return f"{text} {unit}" if with_unit and unit else text


def flat_headers(table: Table) -> list[str]:
    """One label per physical column: the header texts above it, top to bottom."""
    labels: list[list[str]] = [[] for _ in range(table.width)]
    taken: dict[int, set[int]] = {}
    for r, row in enumerate(table.header_rows):
        column = 0
        for cell in row:
            while column in taken.get(r, set()):
                column += 1
            for c in range(column, column + cell.colspan):
                labels[c].append(cell.text)
                for dr in range(cell.rowspan):
                    taken.setdefault(r + dr, set()).add(c)
            column += cell.colspan
    return [" / ".join(dict.fromkeys(text for text in parts if text)) for parts in labels]


FINDING_FIELDS = ("rule", "severity", "table", "row", "code", "column", "year", "line")


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as stable JSON (docs/check-json.md): exact decimals as strings."""
    data: dict[str, Any] = {name: getattr(finding, name) for name in FINDING_FIELDS}
    for name in ("expected", "actual"):
        value = getattr(finding, name)
        data[name] = None if value is None else str(value)
    data["message"] = finding.message
    return data
