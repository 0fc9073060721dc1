"""`growth-outlier` and `digit-slip`: a pagu that jumps far from the usual change.

Renja (printed or stored): every sub kegiatan's ratio pagu n+1 / pagu n is compared with
the document's median ratio (prakiraan maju usually grow by one rate for the whole OPD).
Renstra: each sub kegiatan's pagu from one year to the next, against a fixed factor. A
jump near a power of ten (×10, ×100, ×0,1, …) is a `digit-slip`; any other jump outside
the band a `growth-outlier`. Both are warnings: the planner confirms or corrects.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from kinerja.evaluation.achievement import CONTEXT
from kinerja.evaluation.checks.cells import (
    TABEL_41,
    TC33_COLUMNS,
    in_period,
    period_year,
    shifted,
    walk_items,
    where_at,
)
from kinerja.evaluation.checks.judge import reading
from kinerja.evaluation.checks.report import (
    WARNING,
    Where,
    angka,
    finding,
    kali,
    level_label,
    line_of,
    printed_column,
    rupiah,
    year_label,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.source import SourceRenja, SourceRenstra, SourceRenstraRow
from kinerja.evaluation.types import SUB_KEGIATAN, Finding, PlanInput

ONE, TEN = Decimal(1), Decimal(10)


@dataclass(frozen=True, kw_only=True)
class Step:
    """One change of a pagu: from `before` (period `first`) to `after` (period `second`)."""

    where: Where
    name: str
    kind: str
    first: str  # "tahun 2024", "tahun n", "periode 1"
    second: str
    before: Decimal
    after: Decimal

    @property
    def ratio(self) -> Decimal:
        return CONTEXT.divide(self.after, self.before)


def median(values: Sequence[Decimal]) -> Decimal:
    """The median of non-empty `values`."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return CONTEXT.divide(ordered[middle - 1] + ordered[middle], Decimal(2))


def usual_ratio(steps: Sequence[Step], thresholds: Thresholds) -> Decimal:
    """The document's median ratio, or 1 when too few sub kegiatan have both amounts."""
    if len(steps) < thresholds.growth_min_ratios:
        return ONE
    return median([step.ratio for step in steps])


def slip_power(ratio: Decimal, thresholds: Thresholds) -> int | None:
    """k (±1, ±2, ±3) when `ratio` lies within ×/÷ (1 + tolerance) of 10^k, else None."""
    spread = ONE + thresholds.digit_slip_tolerance
    for power in thresholds.digit_slip_powers:
        for signed in (power, -power):
            target = TEN.scaleb(signed - 1)
            if CONTEXT.divide(target, spread) <= ratio <= target * spread:
                return signed
    return None


def judge_steps(
    steps: Iterable[Step], usual: Decimal | None, factor: Decimal, thresholds: Thresholds
) -> list[Finding]:
    """Findings for the steps whose ratio, divided by `usual` (None: by nothing, for
    Renstra years that have no common rate), is outside ×/÷ `factor`."""
    findings = []
    for step in steps:
        relative = CONTEXT.divide(step.ratio, usual or ONE)
        if CONTEXT.divide(ONE, factor) <= relative <= factor:
            continue
        power = slip_power(step.ratio, thresholds) or slip_power(relative, thresholds)
        if power is not None:
            findings.append(_slip(step, usual, power, thresholds))
        else:
            findings.append(_outlier(step, usual, factor, thresholds))
    return findings


def _slip(step: Step, usual: Decimal | None, power: int, thresholds: Thresholds) -> Finding:
    zeros = abs(power)
    digits = "satu angka" if zeros == 1 else f"{zeros} angka"
    side = "kelebihan" if power > 0 else "kekurangan"
    likely = step.after.scaleb(-power).quantize(ONE, context=CONTEXT)
    usual_text = f" (perubahan yang lazim {kali(usual)})" if usual is not None else ""
    message = (
        f"Pagu {step.kind} '{step.name}' berubah dari {rupiah(step.before)} ({step.first}) "
        f"menjadi {rupiah(step.after)} ({step.second}), {kali(step.ratio)}{usual_text}: "
        f"mendekati {angka(TEN.scaleb(power - 1))} kali, kemungkinan {side} {digits} nol; "
        f"mungkin maksudnya {rupiah(likely)}. Periksa angka {step.second}. "
        f"[ambang {thresholds.id}]"
    )
    return finding("digit-slip", WARNING, step.where, message, expected=likely, actual=step.after)


def _outlier(step: Step, usual: Decimal | None, factor: Decimal, thresholds: Thresholds) -> Finding:
    direction = "naik" if step.after > step.before else "turun"
    likely = (step.before * (usual or ONE)).quantize(ONE, context=CONTEXT)
    usual_text = f"perubahan yang lazim {kali(usual)}, " if usual is not None else ""
    message = (
        f"Pagu {step.kind} '{step.name}' {direction} dari {rupiah(step.before)} ({step.first}) "
        f"menjadi {rupiah(step.after)} ({step.second}), {kali(step.ratio)}; {usual_text}"
        f"batas kewajaran ×/÷ {angka(factor)}. Pastikan angka {step.second} tidak tertukar "
        f"dengan baris lain atau salah ketik. [ambang {thresholds.id}]"
    )
    return finding(
        "growth-outlier", WARNING, step.where, message, expected=likely, actual=step.after
    )


def check_growth_outlier(doc: SourceRenja, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """Tabel 4.1: sub kegiatan whose pagu n+1 / pagu n is outside ×/÷ `growth_factor` of
    the document's median ratio; `digit-slip` when near a power of ten. Only sub kegiatan
    with both amounts above 0 count (an empty amount is `missing-value`)."""
    steps = []
    for item, _ in walk_items(doc.items):
        before, after = reading(item.pagu), reading(item.pagu_n1)
        if item.level != SUB_KEGIATAN or not before or not after or before < 0 or after < 0:
            continue
        printed = item.pagu_n1
        where = where_at(
            printed.location if printed is not None else item.location,
            table=TABEL_41,
            row=item.name,
            code=item.code,
            column=printed_column(printed, TC33_COLUMNS["pagu_n1"]),
            year=shifted(doc.year, 1),
            fallback=item.location,
        )
        first, second = year_label(doc.year, 0), year_label(shifted(doc.year, 1), 1)
        steps.append(
            Step(
                where=where,
                name=item.name,
                kind=level_label(item.level),
                first=first,
                second=second,
                before=before,
                after=after,
            )
        )
    usual = usual_ratio(steps, thresholds)
    return judge_steps(steps, usual, thresholds.growth_factor, thresholds)


def check_growth_outlier_plan(plan: PlanInput, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """A stored Renja: as `check_growth_outlier` over its sub kegiatan; and every item's
    Renstra pagu from year to year against `renstra_jump_factor`."""
    steps = []
    for item in plan.items:
        before, after = item.pagu, item.pagu_n1
        if item.level != SUB_KEGIATAN or not before or not after or before < 0 or after < 0:
            continue
        steps.append(
            Step(
                where=Where(table="Renja", row=item.name, code=item.code, year=plan.year + 1),
                name=item.name,
                kind="sub kegiatan",
                first=f"tahun {plan.year}",
                second=f"tahun {plan.year + 1}",
                before=before,
                after=after,
            )
        )
    usual = usual_ratio(steps, thresholds)
    findings = judge_steps(steps, usual, thresholds.growth_factor, thresholds)
    for item in plan.items:
        yearly = [
            (f"tahun {year}", year, value) for year, value in sorted(item.renstra_pagu.items())
        ]
        base = Where(table="Renstra", row=item.name, code=item.code)
        findings += _yearly(yearly, base, item.name, level_label(item.level), thresholds)
    return findings


def _yearly(
    yearly: Sequence[tuple[str, int | None, Decimal]],
    base: Where,
    name: str,
    kind: str,
    thresholds: Thresholds,
) -> list[Finding]:
    """Steps between consecutive periods (label, year, pagu) with both amounts above 0."""
    steps = [
        Step(
            where=replace(base, year=next_year),
            name=name,
            kind=kind,
            first=first,
            second=second,
            before=before,
            after=after,
        )
        for (first, _, before), (second, next_year, after) in pairwise(yearly)
        if before > 0 and after > 0
    ]
    return judge_steps(steps, None, thresholds.renstra_jump_factor, thresholds)


def sub_kegiatan_key(row: SourceRenstraRow) -> str:
    """The sub kegiatan a Renstra row belongs to: its code, else kegiatan code and name."""
    return row.kode_sub_kegiatan or f"{row.kode_kegiatan}|{row.nama_sub_kegiatan}"


def renstra_groups(doc: SourceRenstra) -> dict[str, list[SourceRenstraRow]]:
    """The rows of each sub kegiatan, in file order."""
    groups: defaultdict[str, list[SourceRenstraRow]] = defaultdict(list)
    for row in doc.rows:
        groups[sub_kegiatan_key(row)].append(row)
    return dict(groups)


def sub_kegiatan_pagu(rows: Sequence[SourceRenstraRow], label: str) -> Decimal | None:
    """The pagu of one sub kegiatan for a period, read once however the rows hold it:
    the same amount repeated on several rows counts once; different amounts are a split
    and are added; None when no row has a number."""
    values = [reading(printed) for row in rows for lab, printed in row.pagu if lab == label]
    present = [value for value in values if value is not None]
    if not present:
        return None
    nonzero = [value for value in present if value != 0]
    if len(set(nonzero)) == 1:
        return nonzero[0]
    return sum(nonzero, Decimal(0))


def check_growth_outlier_renstra(
    doc: SourceRenstra, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """A Renstra extract: each sub kegiatan's pagu (read once per sub kegiatan, see
    `sub_kegiatan_pagu`) from one year of the period to the next, outside ×/÷
    `renstra_jump_factor` → `growth-outlier`, near a power of ten → `digit-slip`."""
    findings: list[Finding] = []
    table = doc.source or "Renstra"
    for rows in renstra_groups(doc).values():
        first = rows[0]
        base = Where(
            table=first.location.sheet or table,
            row=first.nama_sub_kegiatan,
            code=first.kode_sub_kegiatan,
            line=line_of(first.location),
        )
        yearly = _renstra_yearly(doc, rows)
        findings += _yearly(yearly, base, first.nama_sub_kegiatan, "sub kegiatan", thresholds)
    return findings


def _renstra_yearly(
    doc: SourceRenstra, rows: Sequence[SourceRenstraRow]
) -> list[tuple[str, int | None, Decimal]]:
    labels = {label for row in rows for label, _ in row.pagu if in_period(label, doc)}
    yearly = []
    for label in sorted(labels, key=int):
        value = sub_kegiatan_pagu(rows, label)
        year = period_year(label, doc.first_year)
        if value is not None:
            yearly.append((f"tahun {year}" if year else f"periode {label}", year, value))
    return yearly
