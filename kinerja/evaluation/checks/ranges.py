"""`value-range`: figures outside what they can be.

- a share (a "Persentase/Proporsi/Cakupan …" indikator in %) above
  `Thresholds.percentage_max` (warning);
- a negative count or a negative pagu (error);
- a realisasi above `Thresholds.realisation_over_target` × its target (warning): more
  often a different unit or a misplaced figure than real over-achievement.
"""

from collections.abc import Iterable, Iterator
from dataclasses import replace
from decimal import Decimal

from kinerja.evaluation.achievement import CONTEXT, HUNDRED, combine
from kinerja.evaluation.checks.cells import (
    TABEL_21,
    PrintedCell,
    item_cells,
    renstra_cells,
    shifted,
    tc29_cells,
    where_at,
)
from kinerja.evaluation.checks.judge import is_count, is_share, non_cumulative, reading
from kinerja.evaluation.checks.report import (
    ERROR,
    WARNING,
    Where,
    angka,
    finding,
    printed_column,
    rupiah,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.source import SourceRenja, SourceRenstra
from kinerja.evaluation.types import (
    JUMLAH,
    NEGATIF,
    PERSENTASE,
    Finding,
    IndikatorInput,
    ItemInput,
    PlanInput,
)

RULE = "value-range"


def _share(where: Where, name: str, value: Decimal, thresholds: Thresholds) -> Finding:
    message = (
        f"Indikator '{name}' ({where.row}) bernilai {angka(value)}%, padahal persentase "
        f"bagian dari keseluruhan paling tinggi {angka(thresholds.percentage_max)}%. Periksa "
        f"angka atau satuannya. [ambang {thresholds.id}]"
    )
    return finding(RULE, WARNING, where, message, expected=thresholds.percentage_max, actual=value)


def _negative_count(where: Where, name: str, value: Decimal) -> Finding:
    message = (
        f"Indikator '{name}' ({where.row}) bernilai negatif ({angka(value)}), padahal berupa "
        "jumlah. Periksa tanda minus atau angkanya."
    )
    return finding(RULE, ERROR, where, message, expected=Decimal(0), actual=value)


def _negative_pagu(where: Where, value: Decimal) -> Finding:
    message = (
        f"Pagu '{where.row}' bernilai negatif ({rupiah(value)}). Pagu tidak boleh kurang "
        "dari 0; periksa tanda minus atau angkanya."
    )
    return finding(RULE, ERROR, where, message, expected=Decimal(0), actual=value)


def _over_target(
    where: Where, name: str, target: Decimal, realised: Decimal, thresholds: Thresholds
) -> Finding:
    ratio = CONTEXT.multiply(CONTEXT.divide(realised, target), HUNDRED)
    message = (
        f"Realisasi indikator '{name}' ({where.row}) {angka(realised)} adalah "
        f"{angka(ratio, 2)}% dari targetnya {angka(target)}, lebih dari "
        f"{angka(thresholds.realisation_over_target * 100)}%. Periksa apakah satuan target "
        f"dan realisasi sama dan angkanya tidak tertukar. [ambang {thresholds.id}]"
    )
    limit = thresholds.realisation_over_target * target
    return finding(RULE, WARNING, where, message, expected=limit, actual=realised)


def cell_findings(cells: Iterable[PrintedCell], thresholds: Thresholds) -> Iterator[Finding]:
    """Negative pagu; for indikator values a share above the maximum, a negative count
    (capaian percentages are not judged: above 100 is allowed, negative is a result)."""
    for cell in cells:
        value = reading(cell.printed)
        if value is None or cell.capaian:
            continue
        percent = cell.printed.parsed.percent
        if cell.money:
            if value < 0:
                yield _negative_pagu(cell.where, value)
        elif is_share(cell.indikator, cell.satuan, percent) and value > thresholds.percentage_max:
            yield _share(cell.where, cell.indikator, value, thresholds)
        elif value < 0 and _counted(cell, percent):
            yield _negative_count(cell.where, cell.indikator, value)


def _counted(cell: PrintedCell, percent: bool) -> bool:
    if cell.satuan:
        return is_count(cell.indikator, cell.satuan, percent)
    # Tabel 2.1 prints no satuan: a count is whatever the name does not mark as a level.
    return not percent and non_cumulative(cell.indikator) is None


def check_value_range(doc: SourceRenja, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """Tabel 4.1 and 2.1 (see the module docstring); realisasi is Tabel 2.1 col 7
    against col 6."""
    findings = list(cell_findings((*item_cells(doc), *tc29_cells(doc)), thresholds))
    for row in doc.tc29:
        target, realised = reading(row.column("6")), reading(row.column("7"))
        if target is None or realised is None or target <= 0:
            continue
        if realised > thresholds.realisation_over_target * target:
            printed = row.column("7")
            where = where_at(
                printed.location if printed else row.location,
                table=TABEL_21,
                row=row.name or row.indikator,
                code=row.code,
                column=printed_column(printed, "7"),
                year=shifted(doc.year, -2),
                fallback=row.location,
            )
            findings.append(_over_target(where, row.indikator, target, realised, thresholds))
    return findings


def check_value_range_renstra(
    doc: SourceRenstra, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """A Renstra extract's volumes (share above the maximum, negative count) and pagu
    (negative)."""
    return list(cell_findings(renstra_cells(doc), thresholds))


def check_value_range_plan(plan: PlanInput, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """A stored Renja: negative pagu; per indikator, targets n and n+1 that are a share
    above the maximum or a negative jumlah, and realisasi so far (combined by sifat)
    above `realisation_over_target` × target (positif indikator only)."""
    findings: list[Finding] = []
    for item in plan.items:
        base = Where(table="Renja", row=item.name, code=item.code, year=plan.year)
        for value, offset in ((item.pagu, 0), (item.pagu_n1, 1)):
            if value is not None and value < 0:
                findings.append(_negative_pagu(replace(base, year=plan.year + offset), value))
        for ind in item.indikator:
            findings += _plan_indikator(item, ind, base, thresholds)
    return findings


def _plan_indikator(
    item: ItemInput, ind: IndikatorInput, base: Where, thresholds: Thresholds
) -> list[Finding]:
    findings = []
    sem = ind.semantics
    satuan = "%" if sem.jenis == PERSENTASE else ind.satuan
    for value, offset in ((ind.target, 0), (ind.target_n1, 1)):
        where = replace(base, year=(base.year or 0) + offset)
        if value is None:
            continue
        if is_share(ind.name, satuan, False) and value > thresholds.percentage_max:
            findings.append(_share(where, ind.name, value, thresholds))
        elif sem.jenis == JUMLAH and value < 0 and not sem.allows_negative:
            findings.append(_negative_count(where, ind.name, value))
    realised = combine(ind.realisasi, sem.sifat)
    target = ind.target
    if realised is None or not target or target < 0 or sem.polaritas == NEGATIF:
        return findings
    if realised > thresholds.realisation_over_target * target:
        findings.append(_over_target(base, ind.name, target, realised, thresholds))
    return findings
