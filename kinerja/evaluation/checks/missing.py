"""`missing-value`: a target, satuan, pagu, n+1 target or n+1 pagu left empty.

Sub kegiatan carry the figures, so an empty one there is reported cell by cell; a row
with nothing at all (a reader's leftover of a repeated block, or a forgotten line) is
reported once. Program and kegiatan totals are checked by `check_pagu_sum` (a total that
is missing while its parts have amounts).
"""

from collections.abc import Iterator
from dataclasses import replace

from kinerja.evaluation.checks.cells import (
    TABEL_41,
    TC33_COLUMNS,
    in_period,
    period_year,
    shifted,
    walk_items,
    where_at,
)
from kinerja.evaluation.checks.judge import is_blank
from kinerja.evaluation.checks.report import (
    ERROR,
    WARNING,
    Where,
    finding,
    level_label,
    line_of,
    year_label,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.source import (
    Printed,
    SourceIndikator,
    SourceItem,
    SourceRenja,
    SourceRenstra,
)
from kinerja.evaluation.types import SUB_KEGIATAN, Finding, ItemInput, PlanInput

RULE = "missing-value"
WHAT = {
    "pagu": "pagu",
    "pagu_n1": "pagu prakiraan maju",
    "target": "target",
    "target_n1": "target prakiraan maju",
    "satuan": "satuan",
}


def _message(what: str, kind: str, name: str, when: str = "", indikator: str = "") -> str:
    subject = f"{WHAT[what].capitalize()} {when}".strip()
    of = f" (indikator '{indikator}')" if indikator else ""
    return f"{subject} untuk {kind} '{name}'{of} belum diisi. Lengkapi {WHAT[what]} pada baris ini."


def check_missing_value(doc: SourceRenja, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """Empty figures of Tabel 4.1.

    Sub kegiatan: pagu n (error, col 6), pagu n+1 (warning, col 10), no indikator
    (warning), indikator target n (error, col 5), target n+1 (warning, col 9), satuan
    (warning; not asked when the target carries `%`). A sub kegiatan row with no figure
    at all is one warning. Program and kegiatan: an indikator with no target n (warning).
    """
    findings: list[Finding] = []
    for item, _ in walk_items(doc.items):
        if item.level == SUB_KEGIATAN:
            findings += _sub_kegiatan(item, doc.year)
        else:
            findings += _indikator(item, doc.year, parent=True)
    return findings


def _where(item: SourceItem, field: str, year: int | None, printed: Printed | None) -> Where:
    offset = 1 if field.endswith("_n1") else 0
    return where_at(
        printed.location if printed is not None else item.location,
        table=TABEL_41,
        row=item.name,
        code=item.code,
        column=TC33_COLUMNS.get(field, ""),
        year=shifted(year, offset),
        fallback=item.location,
    )


def _figures(item: SourceItem) -> Iterator[Printed | None]:
    yield item.pagu
    yield item.pagu_n1
    for ind in item.indikator:
        yield ind.target
        yield ind.target_n1


def _sub_kegiatan(item: SourceItem, year: int | None) -> list[Finding]:
    kind = level_label(item.level)
    if all(is_blank(printed) for printed in _figures(item)):
        where = _where(item, "", None, None)
        message = (
            f"Baris {kind} '{item.name}' tidak berisi target maupun pagu. Isi angkanya, atau "
            "hapus baris itu bila hanya pengulangan."
        )
        return [finding(RULE, WARNING, where, message)]
    findings = []
    for field, severity in (("pagu", ERROR), ("pagu_n1", WARNING)):
        printed: Printed | None = getattr(item, field)
        if is_blank(printed):
            where = _where(item, field, year, printed)
            when = year_label(where.year, 1 if field == "pagu_n1" else 0)
            message = _message(field, kind, item.name, when)
            findings.append(finding(RULE, severity, where, message))
    if not item.indikator:
        message = f"{kind.capitalize()} '{item.name}' tidak mempunyai indikator kinerja."
        findings.append(finding(RULE, WARNING, _where(item, "", None, None), message))
    return findings + _indikator(item, year, parent=False)


def _indikator(item: SourceItem, year: int | None, *, parent: bool) -> list[Finding]:
    findings = []
    for ind in item.indikator:
        fields = (("target", WARNING),) if parent else (("target", ERROR), ("target_n1", WARNING))
        for field, severity in fields:
            printed: Printed | None = getattr(ind, field)
            if is_blank(printed):
                findings.append(_empty_target(item, ind, field, severity, year, printed))
        if not parent and _needs_satuan(ind):
            where = _where(item, "target", year, ind.target)
            message = _message("satuan", level_label(item.level), item.name, indikator=ind.name)
            findings.append(finding(RULE, WARNING, where, message))
    return findings


def _empty_target(
    item: SourceItem,
    ind: SourceIndikator,
    field: str,
    severity: str,
    year: int | None,
    printed: Printed | None,
) -> Finding:
    where = _where(item, field, year, printed)
    when = year_label(where.year, 1 if field == "target_n1" else 0)
    message = _message(field, level_label(item.level), item.name, when, ind.name)
    return finding(RULE, severity, where, message)


def _needs_satuan(ind: SourceIndikator) -> bool:
    if ind.satuan.strip() or ind.target is None or is_blank(ind.target):
        return False
    return not ind.target.parsed.percent


def check_missing_value_renstra(
    doc: SourceRenstra, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """Renstra rows: an empty satuan (warning), and a volume left empty for a year of
    the period while the row has volumes for other years (warning, one per row)."""
    findings: list[Finding] = []
    table = doc.source or "Renstra"
    for row in doc.rows:
        base = Where(
            table=row.location.sheet or table,
            row=row.nama_sub_kegiatan or row.indikator,
            code=row.kode_sub_kegiatan,
            line=line_of(row.location),
        )
        if not row.satuan.strip():
            message = f"Satuan indikator '{row.indikator}' belum diisi. Lengkapi satuannya."
            findings.append(finding(RULE, WARNING, base, message))
        findings += _volume_gaps(doc, row.volume, row.indikator, base)
    return findings


def _volume_gaps(
    doc: SourceRenstra, volume: tuple[tuple[str, Printed], ...], name: str, base: Where
) -> list[Finding]:
    inside = [(label, printed) for label, printed in volume if in_period(label, doc)]
    empty = [label for label, printed in inside if is_blank(printed)]
    if not empty or len(empty) == len(inside):
        return []
    years = [period_year(label, doc.first_year) for label in empty]
    named = ", ".join(
        f"tahun {year}" if year else f"periode {label}"
        for year, label in zip(years, empty, strict=True)
    )
    message = (
        f"Target (volume) indikator '{name}' untuk {named} kosong, padahal tahun lain terisi. "
        "Isi target setiap tahun Renstra."
    )
    return [finding(RULE, WARNING, base, message)]


def check_missing_value_plan(plan: PlanInput, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """A stored Renja: on sub kegiatan an empty pagu (error), pagu n+1 (warning), no
    indikator (warning); on every indikator an empty target (error on sub kegiatan,
    warning above), satuan (warning) and, on sub kegiatan, target n+1 (warning)."""
    findings: list[Finding] = []
    for item in plan.items:
        findings += _plan_item(item, plan.year)
    return findings


def _plan_item(item: ItemInput, year: int) -> list[Finding]:
    kind = level_label(item.level)
    base = Where(table="Renja", row=item.name, code=item.code)
    findings = []
    sub = item.level == SUB_KEGIATAN
    if sub:
        for field, severity, offset in (("pagu", ERROR, 0), ("pagu_n1", WARNING, 1)):
            if getattr(item, field) is None:
                where = replace(base, year=year + offset)
                message = _message(field, kind, item.name, f"tahun {year + offset}")
                findings.append(finding(RULE, severity, where, message))
        if not item.indikator:
            message = f"{kind.capitalize()} '{item.name}' tidak mempunyai indikator kinerja."
            findings.append(finding(RULE, WARNING, base, message))
    for ind in item.indikator:
        checks = [("target", ind.target is None, ERROR if sub else WARNING, 0)]
        if sub:
            checks.append(("target_n1", ind.target_n1 is None, WARNING, 1))
        checks.append(("satuan", not ind.satuan.strip(), WARNING, 0))
        for field, empty, severity, offset in checks:
            if empty:
                when = "" if field == "satuan" else f"tahun {year + offset}"
                message = _message(field, kind, item.name, when, ind.name)
                findings.append(finding(RULE, severity, replace(base, year=year + offset), message))
    return findings
