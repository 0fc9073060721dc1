"""`renstra-consistency`: how a Renstra holds its pagu, and Renja against Renstra.

A SIPD-style Renstra extract has one row per indikator, while pagu belongs to the sub
kegiatan. The rows of one sub kegiatan may repeat the pagu (a naive sum counts it
several times), split it (the sum is right), hold it on one row with 0 on the others
(taking "the first row" loses it), or leave it blank while a target (volume) is set.
`check_renstra_consistency` says which, per sub kegiatan, and what the totals would
be each way. The Renja-against-Renstra checks compare year n's target and pagu.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from kinerja.evaluation.achievement import CONTEXT
from kinerja.evaluation.checks.cells import (
    TABEL_41,
    in_period,
    period_year,
    walk_items,
    where_at,
)
from kinerja.evaluation.checks.growth import renstra_groups, sub_kegiatan_pagu
from kinerja.evaluation.checks.judge import norm_text, reading
from kinerja.evaluation.checks.report import (
    INFO,
    WARNING,
    Where,
    angka,
    finding,
    line_of,
    rupiah,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.rollup import build_tree, rollup
from kinerja.evaluation.source import Printed, SourceRenja, SourceRenstra, SourceRenstraRow
from kinerja.evaluation.types import SUB_KEGIATAN, Finding, PlanInput

RULE = "renstra-consistency"


def _value(pairs: tuple[tuple[str, Printed], ...], label: str) -> Decimal | None:
    return next((reading(printed) for lab, printed in pairs if lab == label), None)


@dataclass(frozen=True, kw_only=True)
class _Period:
    """How one sub kegiatan holds its pagu in one period."""

    label: str
    year: int | None
    values: tuple[Decimal | None, ...]  # per row, in file order
    volumes: tuple[Decimal | None, ...]

    @property
    def nonzero(self) -> list[Decimal]:
        return [value for value in self.values if value]

    @property
    def repeated(self) -> bool:
        return len(self.nonzero) >= 2 and len(set(self.nonzero)) == 1

    @property
    def unfunded(self) -> bool:
        return not self.nonzero and any(volume and volume > 0 for volume in self.volumes)

    @property
    def zero_rows(self) -> int:
        """Rows with a volume but pagu 0 or blank, beside a row that holds the pagu."""
        if len(self.nonzero) != 1:
            return 0
        pairs = zip(self.values, self.volumes, strict=True)
        return sum(1 for value, volume in pairs if not value and volume and volume > 0)

    @property
    def label_text(self) -> str:
        return f"tahun {self.year}" if self.year else f"periode {self.label}"


def _periods(doc: SourceRenstra, rows: Sequence[SourceRenstraRow]) -> list[_Period]:
    labels = sorted({lab for row in rows for lab, _ in row.pagu if in_period(lab, doc)}, key=int)
    return [
        _Period(
            label=label,
            year=period_year(label, doc.first_year),
            values=tuple(_value(row.pagu, label) for row in rows),
            volumes=tuple(_value(row.volume, label) for row in rows),
        )
        for label in labels
    ]


def _base(doc: SourceRenstra, row: SourceRenstraRow) -> Where:
    return Where(
        table=row.location.sheet or doc.source or "Renstra",
        row=row.nama_sub_kegiatan,
        code=row.kode_sub_kegiatan,
        line=line_of(row.location),
    )


def _repeated(base: Where, name: str, periods: list[_Period]) -> Finding | None:
    hits = [period for period in periods if period.repeated]
    if not hits:
        return None
    first = hits[0]
    once, naive = first.nonzero[0], sum(first.nonzero, Decimal(0))
    years = ", ".join(period.label_text for period in hits)
    message = (
        f"Pagu sub kegiatan '{name}' tercatat di beberapa baris indikator dengan angka sama "
        f"({years}; {first.label_text}: {len(first.nonzero)} baris × {rupiah(once)}). Bila "
        f"dijumlah per baris, pagunya terhitung {rupiah(naive)}, padahal pagu sub kegiatan "
        f"{rupiah(once)}. Catat pagu sekali per sub kegiatan."
    )
    where = replace(base, year=first.year)
    return finding(RULE, WARNING, where, message, expected=once, actual=naive)


def _unfunded(base: Where, name: str, periods: list[_Period]) -> Finding | None:
    hits = [period for period in periods if period.unfunded]
    if not hits:
        return None
    years = ", ".join(period.label_text for period in hits)
    message = (
        f"Sub kegiatan '{name}' mempunyai target (volume) pada {years}, tetapi pagunya 0 atau "
        "kosong di semua barisnya. Isi pagunya, atau kosongkan targetnya bila tidak "
        "dilaksanakan."
    )
    where = replace(base, year=hits[0].year)
    return finding(RULE, WARNING, where, message, expected=None, actual=Decimal(0))


def _single(base: Where, name: str, rows: int, periods: list[_Period]) -> Finding | None:
    cells = sum(period.zero_rows for period in periods)
    if not cells:
        return None
    message = (
        f"Pagu sub kegiatan '{name}' hanya dicatat pada satu dari {rows} baris indikatornya; "
        f"{cells} sel lain bervolume tetapi berpagu 0. Pagu dibaca sekali per sub kegiatan: "
        "jangan mengambil baris pertama saja, dan jangan menjumlah per baris."
    )
    return finding(RULE, INFO, base, message, actual=str(cells))


def check_renstra_consistency(
    doc: SourceRenstra, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """Per sub kegiatan of a Renstra extract:

    - the same pagu on several indikator rows (warning, "pagu tercatat di beberapa
      baris": expected the pagu once, actual the naive sum);
    - a volume above 0 with pagu 0 or blank on every row of a year (warning);
    - pagu on one row and 0 on the other rows that have a volume (info);
    and per year, when reading the pagu per row or by first row would give another total
    than reading it once per sub kegiatan, one info finding with the three totals.
    Different amounts on several rows are a split: their sum is the pagu; no finding.
    """
    findings: list[Finding] = []
    for rows in renstra_groups(doc).values():
        first = rows[0]
        base, periods = _base(doc, first), _periods(doc, rows)
        name = first.nama_sub_kegiatan or first.kode_sub_kegiatan
        candidates = (
            _repeated(base, name, periods),
            _unfunded(base, name, periods),
            _single(base, name, len(rows), periods),
        )
        findings += [item for item in candidates if item is not None]
    return findings + _totals(doc)


def _totals(doc: SourceRenstra) -> list[Finding]:
    groups = renstra_groups(doc)
    labels = sorted(
        {lab for row in doc.rows for lab, _ in row.pagu if in_period(lab, doc)}, key=int
    )
    findings = []
    for label in labels:
        naive = sum((_value(row.pagu, label) or Decimal(0) for row in doc.rows), Decimal(0))
        first_rows = sum(
            (_value(rows[0].pagu, label) or Decimal(0) for rows in groups.values()), Decimal(0)
        )
        once = sum(
            (sub_kegiatan_pagu(rows, label) or Decimal(0) for rows in groups.values()), Decimal(0)
        )
        if naive == once == first_rows:
            continue
        year = period_year(label, doc.first_year)
        when = f"tahun {year}" if year else f"periode {label}"
        message = (
            f"Jumlah pagu {when}: {rupiah(once)} bila dibaca sekali per sub kegiatan; "
            f"{rupiah(naive)} bila semua baris dijumlah; {rupiah(first_rows)} bila hanya "
            "baris pertama tiap sub kegiatan yang diambil. Gunakan angka yang pertama."
        )
        where = Where(table=doc.source or "Renstra", row="Jumlah", year=year)
        findings.append(finding(RULE, INFO, where, message, expected=once, actual=naive))
    return findings


def _gap(renja: Decimal, renstra: Decimal) -> Decimal:
    return abs(CONTEXT.divide(renja - renstra, renstra)) if renstra else Decimal(1)


def _pagu_finding(
    where: Where, name: str, renja: Decimal, renstra: Decimal, thresholds: Thresholds
) -> Finding | None:
    if renja == renstra:
        return None
    gap = _gap(renja, renstra)
    severity = WARNING if gap > thresholds.renstra_pagu_tolerance else INFO
    message = (
        f"Pagu '{name}' tahun {where.year} di Renja {rupiah(renja)}, di Renstra "
        f"{rupiah(renstra)} (selisih {rupiah(abs(renja - renstra))}, "
        f"{angka(gap * 100, 1)}%). Sesuaikan, atau jelaskan perubahannya. "
        f"[ambang {thresholds.id}]"
    )
    return finding(RULE, severity, where, message, expected=renstra, actual=renja)


def _target_finding(
    where: Where, name: str, indikator: str, renja: Decimal, renstra: Decimal
) -> Finding | None:
    if renja == renstra:
        return None
    message = (
        f"Target indikator '{indikator}' ({name}) tahun {where.year} di Renja "
        f"{angka(renja)}, di Renstra {angka(renstra)}. Samakan dengan Renstra, atau "
        "jelaskan perubahannya."
    )
    return finding(RULE, WARNING, where, message, expected=renstra, actual=renja)


def check_renstra_consistency_plan(
    plan: PlanInput, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """A stored Renja against its linked Renstra for year n: every indikator target ≠
    the Renstra target of year n (warning); every item with a Renstra pagu for year n
    whose Renja pagu (sub kegiatan rolled up) differs (warning above
    `renstra_pagu_tolerance`, else info)."""
    findings: list[Finding] = []
    nodes, _ = build_tree(plan.items)
    pagu = rollup(nodes, lambda item: item.pagu)
    for item in plan.items:
        where = Where(table="Renja", row=item.name, code=item.code, year=plan.year)
        planned, renstra_pagu = pagu.by_item.get(item.id), item.renstra_pagu.get(plan.year)
        if planned is not None and renstra_pagu is not None:
            found = _pagu_finding(where, item.name, planned, renstra_pagu, thresholds)
            findings += [found] if found else []
        for ind in item.indikator:
            renstra = ind.renstra.targets.get(plan.year) if ind.renstra else None
            if ind.target is not None and renstra is not None:
                found = _target_finding(where, item.name, ind.name, ind.target, renstra)
                findings += [found] if found else []
    return findings


def _renstra_index(
    renstra: SourceRenstra, year: int
) -> tuple[Mapping[str, Decimal], Mapping[tuple[str, str], Decimal]]:
    """Renstra pagu per sub kegiatan code and volume per (code, indikator) for `year`."""
    labels = [
        label
        for label in {lab for row in renstra.rows for lab, _ in row.pagu}
        if period_year(label, renstra.first_year) == year
    ]
    pagu: dict[str, Decimal] = {}
    volume: dict[tuple[str, str], Decimal] = {}
    for code, rows in renstra_groups(renstra).items():
        for label in labels:
            value = sub_kegiatan_pagu(rows, label)
            if value is not None:
                pagu[code] = value
            for row in rows:
                target = _value(row.volume, label)
                if target is not None:
                    volume[(code, norm_text(row.indikator))] = target
    return pagu, volume


def check_renja_against_renstra(
    renja: SourceRenja, renstra: SourceRenstra, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """A Renja's Tabel 4.1 against a Renstra extract for the Renja year, by sub kegiatan
    code: pagu (warning above `renstra_pagu_tolerance`, else info) and each indikator's
    target against the Renstra volume of the same indikator name (warning)."""
    if renja.year is None:
        return []
    pagu, volume = _renstra_index(renstra, renja.year)
    findings: list[Finding] = []
    for item, _ in walk_items(renja.items):
        if item.level != SUB_KEGIATAN or not item.code:
            continue
        where = where_at(
            item.location, table=TABEL_41, row=item.name, code=item.code, year=renja.year
        )
        planned, planned_renstra = reading(item.pagu), pagu.get(item.code)
        if planned is not None and planned_renstra is not None:
            found = _pagu_finding(where, item.name, planned, planned_renstra, thresholds)
            findings += [found] if found else []
        for ind in item.indikator:
            target = reading(ind.target)
            renstra_target = volume.get((item.code, norm_text(ind.name)))
            if target is not None and renstra_target is not None:
                found = _target_finding(where, item.name, ind.name, target, renstra_target)
                findings += [found] if found else []
    return findings
