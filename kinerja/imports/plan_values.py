"""Indikator values between the plan file and the database.

Numbers are `Decimal`; a kualitatif value is a label of the indikator's scale in the
file and its 1-based position on that scale in the database.
"""

from decimal import Decimal
from typing import Any


def to_db_or_none(raw: Any, scale: list[str]) -> Decimal | None:
    """`to_db` for an optional value: absent stays None."""
    return None if raw is None else to_db(raw, scale)


def to_db(raw: Any, scale: list[str]) -> Decimal:
    """A file value as stored: `Decimal`, or the scale position of a kualitatif label."""
    if isinstance(raw, str):
        return Decimal(scale.index(raw) + 1)
    return Decimal(raw)


def to_file(value: Decimal | None, scale: list[str]) -> Any:
    """A stored value as written: the label for kualitatif, else the exact number."""
    if value is None:
        return None
    if scale:
        return scale[int(value) - 1]
    return canonical_decimal(value)


def canonical_decimal(value: Decimal) -> Decimal | int:
    """`Decimal("10.300000")` → `Decimal("10.3")`; integral values become `int`."""
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else normal
