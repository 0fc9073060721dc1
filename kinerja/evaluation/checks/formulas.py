"""`formula-mismatch` and `cumulative-misuse`: printed derived columns recomputed.

Tabel 2.1 (T-C.29): col 8 = 7/6 × 100, col 10 = 5 + 7 + 9 (the form's rule, right for
counts), col 11 = 10/4 × 100. E.81: col 12 = 8 + 9 + 10 + 11, col 13 = 6 + 12, col 14 =
13/5 × 100. A recomputed figure is rounded half-up to the decimals the printed one shows
(`100,3` is compared with 100,32… rounded to one decimal). A part printed with letters
(`6I`) is read as its likely value (61) and the message says so.

For an indikator that is not kumulatif (an index, a percentage, a ratio: see
`judge.non_cumulative`) summing the years is itself the mistake: when the printed col 10
(E.81 col 12 or 13) equals that sum, the finding is `cumulative-misuse`, and the
expected value is the latest one (col 9, else 7, else 5), as DESIGN §5 prescribes.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.evaluation.achievement import CONTEXT, HUNDRED
from kinerja.evaluation.checks.cells import TABEL_21, TC29_YEARS, shifted, tc29_label, where_at
from kinerja.evaluation.checks.judge import non_cumulative, norm_text, reading
from kinerja.evaluation.checks.report import (
    ERROR,
    Where,
    angka,
    finding,
    places,
    printed_column,
    quantize,
    shown,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.source import Location, Printed, SourceRenja
from kinerja.evaluation.types import NEGATIF, Finding, Semantics


@dataclass(frozen=True, kw_only=True)
class PrintedRow:
    """A table row of printed figures by official column number (T-C.29 or E.81)."""

    name: str
    indikator: str
    columns: tuple[tuple[str, Printed], ...] = ()
    code: str = ""
    satuan: str = ""
    kind: str = "K"  # E.81: "K" (kinerja) or "Rp" (anggaran, always summed)
    location: Location = field(default_factory=Location)

    def printed(self, number: str) -> Printed | None:
        return next((printed for n, printed in self.columns if n == number), None)

    def value(self, number: str) -> Decimal | None:
        return reading(self.printed(number))


E81Row = PrintedRow  # an E.81 row as a reader (or a test) prints it: K or Rp columns 5–14


def _percent(numerator: Decimal, denominator: Decimal, negatif: bool) -> Decimal:
    """numerator / denominator × 100; negatif: (2 × denominator − numerator) / denominator
    × 100, floored at 0 (DESIGN §4)."""
    if negatif:
        numerator = max(Decimal(0), 2 * denominator - numerator)
    return CONTEXT.multiply(CONTEXT.divide(numerator, denominator), HUNDRED)


def _matches(computed: Decimal, printed: Decimal) -> bool:
    return quantize(computed, places(printed)) == printed


def _typo_note(row: PrintedRow, numbers: Sequence[str]) -> str:
    notes = []
    for number in numbers:
        printed = row.printed(number)
        if printed is not None and printed.value is None and printed.parsed.likely is not None:
            notes.append(f"kolom {number} '{shown(printed)}' dibaca {angka(printed.parsed.likely)}")
    return f" ({'; '.join(notes)})" if notes else ""


@dataclass(frozen=True)
class _Context:
    """Where a row's findings go: the table, the document year and the column offsets."""

    table: str
    year: int | None
    years: Mapping[str, int | None]

    def where(self, row: PrintedRow, number: str) -> Where:
        printed = row.printed(number)
        return where_at(
            printed.location if printed is not None else row.location,
            table=self.table,
            row=row.name or row.indikator,
            code=row.code,
            column=printed_column(printed, number),
            year=shifted(self.year, self.years.get(number)),
            fallback=row.location,
        )


def _tc29_rows(doc: SourceRenja) -> list[PrintedRow]:
    return [
        PrintedRow(
            name=tc29_label(row),
            indikator=row.indikator,
            columns=row.columns,
            code=row.code,
            location=row.location,
        )
        for row in doc.tc29
    ]


def _judged(
    row: PrintedRow, numbers: Sequence[str], semantics: Mapping[str, Semantics] | None
) -> str | None:
    """Why the row's indikator is not kumulatif (None: kumulatif, or a Rp row)."""
    if row.kind == "Rp":
        return None
    percent = any(
        (printed := row.printed(number)) is not None and printed.parsed.percent
        for number in numbers
    )
    return non_cumulative(row.indikator, row.satuan, percent=percent, semantics=semantics)


def _negatif(row: PrintedRow, semantics: Mapping[str, Semantics] | None) -> bool:
    stored = (semantics or {}).get(norm_text(row.indikator))
    return stored is not None and stored.polaritas == NEGATIF


def _ratio_finding(
    row: PrintedRow,
    ctx: _Context,
    result: str,
    parts: tuple[str, str],
    label: str,
    negatif: bool,
) -> Finding | None:
    """A printed percentage column `result` = `parts[0]` / `parts[1]` × 100, recomputed."""
    printed = row.value(result)
    numerator, denominator = row.value(parts[0]), row.value(parts[1])
    if printed is None or numerator is None or not denominator:
        return None
    computed = _percent(numerator, denominator, negatif)
    if _matches(computed, printed):
        return None
    shown_value = quantize(computed, places(printed))
    formula = f"(2×{parts[1]} − {parts[0]})/{parts[1]}" if negatif else f"{parts[0]}/{parts[1]}"
    message = (
        f"Kolom {result} ({label}) indikator '{row.indikator}' tercetak {angka(printed)}, "
        f"padahal {formula} × 100 = {angka(numerator)} / {angka(denominator)} × 100 = "
        f"{angka(shown_value)}{_typo_note(row, parts)}. Hitung ulang kolom {result}."
    )
    where = ctx.where(row, result)
    return finding("formula-mismatch", ERROR, where, message, expected=shown_value, actual=printed)


def _sum_parts(row: PrintedRow, numbers: Sequence[str]) -> list[tuple[str, Decimal]]:
    return [(n, value) for n in numbers if (value := row.value(n)) is not None]


def _sum_finding(
    row: PrintedRow,
    ctx: _Context,
    result: str,
    numbers: Sequence[str],
    reason: str | None,
) -> Finding | None:
    """A printed sum column recomputed (kumulatif), or its misuse (not kumulatif)."""
    printed = row.value(result)
    parts = _sum_parts(row, numbers)
    if printed is None or not parts:
        return None
    computed = sum((value for _, value in parts), Decimal(0))
    equal = _matches(computed, printed)
    if reason is None and not equal:
        return _sum_mismatch(row, ctx, result, numbers, parts, computed, printed)
    if reason is not None and equal and len(parts) >= 2:
        return _misuse(row, ctx, result, numbers, parts, printed, reason)
    return None


def _sum_mismatch(
    row: PrintedRow,
    ctx: _Context,
    result: str,
    numbers: Sequence[str],
    parts: list[tuple[str, Decimal]],
    computed: Decimal,
    printed: Decimal,
) -> Finding:
    formula = " + ".join(numbers)
    figures = " + ".join(angka(value) for _, value in parts)
    message = (
        f"Kolom {result} indikator '{row.indikator}' tercetak {angka(printed)}, padahal "
        f"{formula} = {figures} = {angka(computed)}{_typo_note(row, numbers)}. "
        f"Hitung ulang kolom {result}."
    )
    where = ctx.where(row, result)
    return finding("formula-mismatch", ERROR, where, message, expected=computed, actual=printed)


def _misuse(
    row: PrintedRow,
    ctx: _Context,
    result: str,
    numbers: Sequence[str],
    parts: list[tuple[str, Decimal]],
    printed: Decimal,
    reason: str,
) -> Finding:
    latest_column, latest = parts[-1]
    figures = " + ".join(angka(value) for _, value in parts)
    message = (
        f"Indikator '{row.indikator}' tidak bersifat kumulatif ({reason}), tetapi kolom "
        f"{result} tercetak {angka(printed)} = {figures} (kolom {' + '.join(numbers)})"
        f"{_typo_note(row, numbers)}. Nilai tahunan indeks, persentase atau rasio tidak "
        f"boleh dijumlahkan: isi kolom {result} dengan nilai terakhir, "
        f"{angka(latest)} (kolom {latest_column})."
    )
    message += _consequence(row, result, latest)
    where = ctx.where(row, result)
    return finding("cumulative-misuse", ERROR, where, message, expected=latest, actual=printed)


# The percentage column computed from a sum column, and its denominator column.
CONSEQUENCES = {"10": ("11", "4"), "13": ("14", "5")}


def _consequence(row: PrintedRow, result: str, latest: Decimal) -> str:
    if result not in CONSEQUENCES:
        return ""
    column, denominator_column = CONSEQUENCES[result]
    percent, denominator = row.value(column), row.value(denominator_column)
    if percent is None or not denominator:
        return ""
    fixed = _percent(latest, denominator, False)
    return (
        f" Akibatnya kolom {column} ({angka(percent)}%) ikut keliru; dengan nilai terakhir "
        f"menjadi {angka(fixed, 2)}%."
    )


def check_formula_mismatch(
    doc: SourceRenja,
    thresholds: Thresholds = DEFAULT,
    *,
    semantics: Mapping[str, Semantics] | None = None,
) -> list[Finding]:
    """Tabel 2.1 col 8 (7/6 × 100; (2×6 − 7)/6 for a stored negatif indikator), col 10
    (5 + 7 + 9, kumulatif indikator only) and col 11 (10/4 × 100) against the printed
    values, at their printed precision. Each mismatch is an error. Col 11 of a row whose
    col 10 is a `cumulative-misuse` is not judged again (that finding names it)."""
    ctx = _Context(TABEL_21, doc.year, TC29_YEARS)
    findings: list[Finding] = []
    for row in _tc29_rows(doc):
        negatif = _negatif(row, semantics)
        reason = _judged(row, ("4", "5", "6", "7", "9", "10"), semantics)
        misused = reason is not None and _sum_finding(row, ctx, "10", ("5", "7", "9"), reason)
        candidates = [
            _ratio_finding(row, ctx, "8", ("7", "6"), "tingkat realisasi", negatif),
            None if reason else _sum_finding(row, ctx, "10", ("5", "7", "9"), None),
            None
            if misused
            else _ratio_finding(row, ctx, "11", ("10", "4"), "tingkat capaian Renstra", negatif),
        ]
        findings += [item for item in candidates if item is not None]
    return findings


def check_cumulative_misuse(
    doc: SourceRenja,
    thresholds: Thresholds = DEFAULT,
    *,
    semantics: Mapping[str, Semantics] | None = None,
) -> list[Finding]:
    """Tabel 2.1 col 10 printed as 5 + 7 + 9 (at least two parts present) for an
    indikator judged not kumulatif: error, expected the latest value (col 9, 7 or 5)."""
    ctx = _Context(TABEL_21, doc.year, TC29_YEARS)
    findings: list[Finding] = []
    for row in _tc29_rows(doc):
        reason = _judged(row, ("4", "5", "6", "7", "9", "10"), semantics)
        if reason is not None:
            found = _sum_finding(row, ctx, "10", ("5", "7", "9"), reason)
            findings += [found] if found is not None else []
    return findings


E81_QUARTERS = ("8", "9", "10", "11")


def check_e81_formulas(
    rows: Sequence[PrintedRow],
    thresholds: Thresholds = DEFAULT,
    *,
    year: int | None = None,
    table: str = "E.81",
    semantics: Mapping[str, Semantics] | None = None,
) -> list[Finding]:
    """E.81 rows as printed: col 12 = 8 + 9 + 10 + 11 and col 13 = 6 + 12 for kumulatif
    indikator and every Rp row (`formula-mismatch`); the same sums printed for an
    indikator that is not kumulatif (`cumulative-misuse`); col 14 = 13/5 × 100 (not
    judged again after a misused col 13)."""
    ctx = _Context(table, year, {})
    findings: list[Finding] = []
    for row in rows:
        reason = _judged(row, ("5", "6", "7", *E81_QUARTERS, "12", "13"), semantics)
        total = _sum_finding(row, ctx, "13", ("6", "12"), reason)
        misused = total is not None and total.rule == "cumulative-misuse"
        negatif = _negatif(row, semantics)
        candidates = [
            _sum_finding(row, ctx, "12", E81_QUARTERS, reason),
            total,
            None
            if misused
            else _ratio_finding(row, ctx, "14", ("13", "5"), "tingkat capaian Renstra", negatif),
        ]
        findings += [item for item in candidates if item is not None]
    return findings
