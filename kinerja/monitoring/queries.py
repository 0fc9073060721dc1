"""Reads for the evaluation pages: the Renja that counts for each OPD of a pemda and year,
and the per-OPD summary the Bappeda compares (rata-rata capaian, predikat, serapan).

Every figure of a summary is read from the tables the engine builds for that OPD (the
footer of Formulir E.81 and the total row of the serapan table), so the Bappeda page
always prints what the OPD's own pages print; nothing is recomputed here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.accounts.models import Pemda
from kinerja.evaluation.achievement import serapan, total
from kinerja.evaluation.tables import Cell, Row, Table, build_e81, build_serapan
from kinerja.evaluation.types import SUB_KEGIATAN, Finding, PlanInput
from kinerja.monitoring.display import finding_json
from kinerja.monitoring.evaluate import latest_triwulan, load_input
from kinerja.renja.models import Renja
from kinerja.renja.queries import STAGE_RANK

# The E.81 footer averages the indikator of this level; the counts use the same level.
AVERAGED_LEVEL = SUB_KEGIATAN
RENJA_RATE_COLUMN = "(12/7)"


@dataclass(frozen=True)
class OpdSummary:
    """One OPD's line on the Bappeda page, for one triwulan.

    `capaian` is the E.81 footer's rata-rata capaian of the Renja rate (12/7) with its
    predikat; `pagu`, `realisasi` and `serapan` are the serapan table's total row
    (columns 3, 8 and 9). The counts are of the averaged indikator with and without a
    realisasi up to the triwulan.
    """

    renja: Renja
    triwulan: int
    capaian: Cell
    pagu: Cell
    realisasi: Cell
    serapan: Cell
    with_realisasi: int
    without_realisasi: int
    is_example: bool


def renjas_of_year(pemda: Pemda, year: int) -> list[Renja]:
    """The Renja that counts for each OPD of `pemda` in `year` (one query), by OPD name.

    Of several Renja of one OPD and year the furthest stage wins, then the latest version,
    as `renja.queries.current_renja` decides for one OPD.
    """
    rows = Renja.objects.filter(perangkat_daerah__pemda=pemda, year=year).select_related(
        "perangkat_daerah"
    )
    best: dict[int, Renja] = {}
    for renja in rows:
        current = best.get(renja.perangkat_daerah_id)
        if current is None or _rank(renja) > _rank(current):
            best[renja.perangkat_daerah_id] = renja
    return sorted(best.values(), key=lambda r: (r.perangkat_daerah.name, r.perangkat_daerah_id))


def _rank(renja: Renja) -> tuple[int, int]:
    return STAGE_RANK[renja.stage], renja.version


def renja_years(pemda: Pemda) -> list[int]:
    """The years for which some OPD of `pemda` has a Renja, latest first (one query)."""
    years = Renja.objects.filter(perangkat_daerah__pemda=pemda).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def load_plans(renjas: list[Renja]) -> list[tuple[Renja, PlanInput]]:
    """Each Renja with its engine input (a fixed number of queries per Renja)."""
    return [(renja, load_input(renja)) for renja in renjas]


def default_triwulan(plans: list[tuple[Renja, PlanInput]]) -> int:
    """The latest triwulan any of the plans has a realisasi or laporan for (1 if none)."""
    return max((latest_triwulan(plan) for _, plan in plans), default=1)


def summarize(renja: Renja, plan: PlanInput, triwulan: int) -> OpdSummary:
    """The Bappeda's line for one OPD, read from its E.81 and serapan tables."""
    e81 = build_e81(plan, triwulan, rata_rata_level=AVERAGED_LEVEL)
    absorption = build_serapan(plan, triwulan)
    totals = next(row for row in absorption.rows if row.kind == "total")
    indikator = [
        ind for item in plan.items if item.level == AVERAGED_LEVEL for ind in item.indikator
    ]
    reported = sum(1 for ind in indikator if any(q <= triwulan for q in ind.realisasi))
    return OpdSummary(
        renja=renja,
        triwulan=triwulan,
        capaian=footer_average(e81),
        pagu=cell_at(totals, absorption.column("3")),
        realisasi=cell_at(totals, absorption.column("8")),
        serapan=cell_at(totals, absorption.column("9")),
        with_realisasi=reported,
        without_realisasi=len(indikator) - reported,
        is_example=any(lap.is_example and lap.triwulan <= triwulan for lap in plan.laporan),
    )


def cell_at(row: Row, column: int) -> Cell:
    """The cell of `row` covering physical column `column` (footer cells span columns)."""
    start = 0
    for cell in row.cells:
        if start <= column < start + cell.colspan:
            return cell
        start += cell.colspan
    raise IndexError(column)


def footer_average(e81: Table, column: str = RENJA_RATE_COLUMN) -> Cell:
    """A rata-rata capaian of an E.81 table: the footer's percent cell in `column`.

    Column "(12/7)" holds the average of the Renja rate, column "14" of the Renstra rate.
    """
    index = e81.column(column)
    footer = (cell_at(row, index) for row in e81.rows if row.kind == "footer")
    return next(cell for cell in footer if cell.kind == "percent")


def pemda_totals(summaries: list[OpdSummary]) -> dict[str, Cell]:
    """Pagu, realisasi and serapan of all the listed OPDs together (engine sums and rate)."""
    pagu = total(_number(s.pagu) for s in summaries)
    spent = total(_number(s.realisasi) for s in summaries)
    rate = serapan(spent, pagu)
    return {
        "pagu": Cell(value=pagu, kind="money", decimals=2),
        "realisasi": Cell(value=spent, kind="money", decimals=2),
        "serapan": Cell(
            value=rate.value, kind="percent", decimals=2, reason=rate.reason, formula=rate.formula
        ),
    }


def _number(cell: Cell) -> Decimal | None:
    return cell.value if isinstance(cell.value, Decimal) else None


SORT_KEYS: dict[str, Callable[[OpdSummary], Any]] = {
    "opd": lambda s: s.renja.perangkat_daerah.name.lower(),
    "capaian": lambda s: _number(s.capaian),
    # The predikat follows the capaian it was decided on, so it sorts the same way.
    "predikat": lambda s: _number(s.capaian),
    "pagu": lambda s: _number(s.pagu),
    "realisasi": lambda s: _number(s.realisasi),
    "serapan": lambda s: _number(s.serapan),
    "dengan": lambda s: s.with_realisasi,
    "tanpa": lambda s: s.without_realisasi,
}


def sort_summaries(summaries: list[OpdSummary], order: str) -> list[OpdSummary]:
    """`summaries` sorted by a key of `SORT_KEYS`, descending with a leading "-".

    OPDs without a figure for the key come last in either direction.
    """
    key = SORT_KEYS[order.removeprefix("-")]
    present = [s for s in summaries if key(s) is not None]
    missing = [s for s in summaries if key(s) is None]
    return sorted(present, key=key, reverse=order.startswith("-")) + missing


def located_findings(
    plan: PlanInput, findings: list[Finding]
) -> list[tuple[dict[str, object], int | None]]:
    """Each finding as JSON with a `link` to its item's row (`#item-<id>`), and that id.

    A finding names its row by code when the row has one, else by name.
    """
    by_code = {item.code: item.id for item in plan.items if item.code}
    by_name = {item.name: item.id for item in plan.items}
    located = []
    for finding in findings:
        item_id = by_code.get(finding.code) or by_name.get(finding.row)
        data = finding_json(finding)
        data["link"] = f"#item-{item_id}" if item_id else ""
        located.append((data, item_id))
    return located


def kept_import_findings(renja: Renja, plan: PlanInput) -> list[dict[str, object]]:
    """The open findings kept from the files the Renja and its Renstra were imported
    from (printed totals, unreadable cells: nothing the stored plan can recompute), each as
    JSON with its link to a row, its id and its file. Read through the reverse relations
    of `imports.ImportFinding`."""
    rows = [
        *renja.import_findings.filter(resolved_at=None).order_by("id"),
        *renja.renstra.import_findings.filter(resolved_at=None).order_by("id"),
    ]
    findings = [_kept_finding(row) for row in rows]
    located = located_findings(plan, findings)
    return [
        data | {"id": row.pk, "source": row.source, "plan": "Renja" if row.renja_id else "Renstra"}
        for (data, _item), row in zip(located, rows, strict=True)
    ]


def _kept_finding(row: Any) -> Finding:
    where = row.details
    return Finding(
        rule=row.rule,
        severity=row.severity,
        message=row.message,
        table=where.get("table") or "",
        row=where.get("row") or "",
        code=where.get("code") or "",
        column=where.get("column") or "",
        year=where.get("year"),
        line=where.get("line"),
        expected=where.get("expected"),
        actual=where.get("actual"),
    )
