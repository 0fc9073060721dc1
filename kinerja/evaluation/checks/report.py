"""How findings are worded and located: Indonesian numbers, places in a file, ordering.

`kinerja.lib` is off-limits to the engine, so the tiny formatter lives here: `angka`
prints `1.590.078.504` and `138,2`, `rupiah` prints `Rp1.590.078.504` (EYD: no space).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kinerja.evaluation.achievement import CONTEXT
from kinerja.evaluation.source import Location, Printed
from kinerja.evaluation.types import Finding

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
LEVEL_LABELS = {
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub kegiatan",
    "urusan": "urusan",
    "bidang_urusan": "bidang urusan",
}
_CELL = re.compile(r"^\$?([A-Za-z]+)\$?(\d+)$")


def quantize(value: Decimal, places: int) -> Decimal:
    """`value` rounded half-up to `places` decimals (how printed figures are compared);
    a value too long for that many places (a ratio of absurd figures) keeps its digits."""
    if value.is_finite() and value.adjusted() + 1 + places > CONTEXT.prec:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=CONTEXT)


def places(value: Decimal) -> int:
    """The decimals `value` was printed with: 100,3 → 1; 126 → 0; 50,00 → 2."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def angka(value: Decimal, decimals: int | None = None) -> str:
    """`value` in Indonesian format, trailing zeros of the fraction dropped.

    >>> angka(Decimal("1590078504")), angka(Decimal("138.20")), angka(Decimal("-12.5"))
    ('1.590.078.504', '138,2', '-12,5')
    """
    if decimals is not None:
        value = quantize(value, decimals)
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value), "f").partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def rupiah(value: Decimal) -> str:
    """`Rp1.590.078.504` (cents only when there are some)."""
    return f"-Rp{angka(-value)}" if value < 0 else f"Rp{angka(value)}"


def kali(ratio: Decimal) -> str:
    """A ratio for a message: `×10,55`."""
    return f"×{angka(ratio, 2)}"


def year_label(year: int | None, offset: int) -> str:
    """`tahun 2025`, or `tahun n+1` when the document's year is not known."""
    if year is not None:
        return f"tahun {year}"
    return "tahun n" if offset == 0 else f"tahun n{offset:+d}"


def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, level.replace("_", " "))


def line_of(location: Location) -> int | None:
    """The text line, else the spreadsheet row of the cell, else None."""
    if location.line:
        return location.line
    match = _CELL.match(location.cell)
    return int(match.group(2)) if match else None


def cell_column(location: Location) -> str:
    """The column letter of a spreadsheet cell (`O12` → `O`), else ""."""
    match = _CELL.match(location.cell)
    return match.group(1).upper() if match else ""


def printed_column(printed: Printed | None, default: str) -> str:
    """The table column a printed number stood in: as the reader named it, else the
    spreadsheet column letter, else the official column number `default`."""
    if printed is None:
        return default
    return printed.column or cell_column(printed.location) or default


def place(location: Location) -> str:
    """Where, for a message: ` (sel Renja!O12)`, ` (baris 412)`, or ""."""
    if location.cell:
        sheet = f"{location.sheet}!" if location.sheet else ""
        return f" (sel {sheet}{location.cell})"
    return f" (baris {location.line})" if location.line else ""


def shown(printed: Printed) -> str:
    """A printed cell's text as it stood, for quoting in a message."""
    return " ".join(printed.text.split())


@dataclass(frozen=True, kw_only=True)
class Where:
    """The location fields of a finding (see `Finding`)."""

    table: str = ""
    row: str = ""
    code: str = ""
    column: str = ""
    year: int | None = None
    line: int | None = None


def finding(
    rule: str,
    severity: str,
    where: Where,
    message: str,
    *,
    expected: Decimal | str | None = None,
    actual: Decimal | str | None = None,
) -> Finding:
    """A `Finding` at `where`."""
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        table=where.table,
        row=where.row,
        code=where.code,
        column=where.column,
        year=where.year,
        expected=expected,
        actual=actual,
        line=where.line,
    )


def _column_key(column: str) -> tuple[int, int, str]:
    digits = re.match(r"\d+", column)
    if digits:
        return (0, int(digits.group()), column)
    return (1, len(column), column)


def location_key(item: Finding) -> tuple[object, ...]:
    """Sort key: by line (findings without one last), then table, row, column, rule."""
    return (
        item.line is None,
        item.line or 0,
        item.table,
        item.row,
        _column_key(item.column),
        item.year or 0,
        item.rule,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in reading order of the file (see `location_key`); stable otherwise."""
    return sorted(findings, key=location_key)
