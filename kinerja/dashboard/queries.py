"""The figures of the dashboards, read from the engine's tables, and the chart data the
pages hand to `static/kinerja/dashboard.js` through `json_script`.

Nothing is recomputed here: capaian per indikator is Formulir E.81's column (12/7) K with
its target (column 7) and realisasi (column 12); serapan per triwulan is the total row of
the serapan table at that triwulan; the rata-rata and predikat are the E.81 footer's. The
only figure of the dashboards' own is the plan line of serapan, pagu × triwulan / 4 (no
disbursement plan is stored).

Chart data are plain JSON: numbers as decimal strings rounded as the tables print them
(no float ever holds a figure on the server), `null` where the table prints "–".
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kinerja.evaluation.bands import PERMENDAGRI86_2017
from kinerja.evaluation.tables import Cell, Table, build_serapan
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.evaluation.types import PlanInput
from kinerja.lib.numbers import quantize
from kinerja.monitoring.queries import OpdSummary, cell_at

LABEL_LENGTH = 60  # characters of an indikator or OPD name under a bar; the tooltip has all
NO_PREDIKAT = "Tanpa predikat"
PREDIKAT_ORDER = [label for _, label in PERMENDAGRI86_2017.bands] + [PERMENDAGRI86_2017.below]


def chart_number(cell: Cell) -> str | None:
    """A cell's number as chart data: rounded as printed, as a decimal string; None for "–"."""
    if not isinstance(cell.value, Decimal):
        return None
    return str(quantize(cell.value, cell.decimals))


def short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


# --- OPD --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndikatorLine:
    """One indikator's E.81 figures: target (col 7 K), realisasi (col 12 K), capaian (12/7)."""

    indikator_id: int
    item_id: int
    level: str
    code: str
    item_name: str
    name: str
    target: Cell
    realisasi: Cell
    capaian: Cell


def indikator_lines(plan: PlanInput, e81: Table) -> list[IndikatorLine]:
    """Every indikator row of `e81`, in the form's order."""
    items = {item.id: item for item in plan.items}
    name, target = e81.column("4"), e81.column("7")
    realised, rate = e81.column("12"), e81.column("(12/7)")
    lines = []
    for row in e81.rows:
        if row.indikator_id is None or row.item_id is None:
            continue
        item = items[row.item_id]
        lines.append(
            IndikatorLine(
                indikator_id=row.indikator_id,
                item_id=item.id,
                level=item.level,
                code=item.code,
                item_name=item.name,
                name=str(cell_at(row, name).value or ""),
                target=cell_at(row, target),
                realisasi=cell_at(row, realised),
                capaian=cell_at(row, rate),
            )
        )
    return lines


def capaian_chart(lines: list[IndikatorLine]) -> dict[str, Any]:
    """Horizontal bars of capaian (%) per indikator, coloured by predikat, a line at 100."""
    return {
        "type": "bar",
        "horizontal": True,
        "unit": "percent",
        "labels": [short(line.name) for line in lines],
        "titles": [f"{line.code} {line.name}".strip() for line in lines],
        "ids": [line.indikator_id for line in lines],
        "series": [
            {
                "label": _("Capaian terhadap target (%)"),
                "values": [chart_number(line.capaian) for line in lines],
                "predikat": [line.capaian.predikat for line in lines],
            }
        ],
        "reference": {"value": "100", "label": _("Target (100%)")},
    }


@dataclass(frozen=True)
class SerapanPoint:
    """Serapan s/d one triwulan: the plan (pagu × q/4) and what the serapan table says."""

    triwulan: int
    roman: str
    pagu: Cell
    rencana: Decimal | None
    rencana_persen: Decimal
    realisasi: Cell | None  # None after the evaluated triwulan
    serapan: Cell | None


def serapan_points(plan: PlanInput, triwulan: int) -> list[SerapanPoint]:
    """Triwulan I–IV; realisasi and serapan only up to `triwulan`."""
    points = []
    for q in ROMAN:
        table = build_serapan(plan, q)
        total = next(row for row in table.rows if row.kind == "total")
        pagu = cell_at(total, table.column("3"))
        budget = pagu.value if isinstance(pagu.value, Decimal) else None
        reported = q <= triwulan
        points.append(
            SerapanPoint(
                triwulan=q,
                roman=ROMAN[q],
                pagu=pagu,
                rencana=None if budget is None else quantize(budget * q / 4, 2),
                rencana_persen=Decimal(25 * q),
                realisasi=cell_at(total, table.column("8")) if reported else None,
                serapan=cell_at(total, table.column("9")) if reported else None,
            )
        )
    return points


def serapan_chart(points: list[SerapanPoint]) -> dict[str, Any]:
    """Realisasi kumulatif per triwulan as bars, the plan as a line, the pagu as reference."""
    pagu = points[0].pagu if points else None
    return {
        "type": "bar",
        "horizontal": False,
        "unit": "money",
        "labels": [f"TW {point.roman}" for point in points],
        "series": [
            {
                "label": _("Realisasi kumulatif (Rp)"),
                "values": [chart_number(p.realisasi) if p.realisasi else None for p in points],
                "color": "--chart-bar",
            },
            {
                "label": _("Rencana: pagu × triwulan/4 (Rp)"),
                "values": [None if p.rencana is None else str(p.rencana) for p in points],
                "type": "line",
                "color": "--chart-plan",
            },
        ],
        "reference": (
            {"value": chart_number(pagu), "label": _("Pagu")}
            if pagu is not None and chart_number(pagu)
            else None
        ),
    }


# --- Pemda ------------------------------------------------------------------------------


def opd_label(summary: OpdSummary) -> str:
    opd = summary.renja.perangkat_daerah
    return opd.short_name or opd.code or opd.name


def ranking_chart(summaries: list[OpdSummary], figure: str, label: str) -> dict[str, Any]:
    """Horizontal bars of one figure ("capaian" or "serapan") per OPD, in the given order."""
    cells = [getattr(summary, figure) for summary in summaries]
    return {
        "type": "bar",
        "horizontal": True,
        "unit": "percent",
        "labels": [short(opd_label(summary)) for summary in summaries],
        "titles": [summary.renja.perangkat_daerah.name for summary in summaries],
        "ids": [summary.renja.perangkat_daerah_id for summary in summaries],
        "series": [
            {
                "label": label,
                "values": [chart_number(cell) for cell in cells],
                "predikat": [cell.predikat for cell in cells],
                "color": "--chart-bar",
            }
        ],
        "reference": {"value": "100", "label": "100%"},
    }


def predikat_counts(summaries: list[OpdSummary]) -> list[tuple[str, int]]:
    """How many OPDs have each predikat (highest first), then those without one."""
    counts = Counter(summary.capaian.predikat or NO_PREDIKAT for summary in summaries)
    return [(label, counts[label]) for label in [*PREDIKAT_ORDER, NO_PREDIKAT]]


def distribution_chart(counts: list[tuple[str, int]]) -> dict[str, Any]:
    """Vertical bars: the number of OPDs per predikat."""
    return {
        "type": "bar",
        "horizontal": False,
        "unit": "count",
        "labels": [label for label, _count in counts],
        "series": [
            {
                "label": _("Jumlah perangkat daerah"),
                "values": [str(count) for _label, count in counts],
                "predikat": [label if label != NO_PREDIKAT else None for label, _c in counts],
                "color": "--chart-bar",
            }
        ],
        "reference": None,
    }
