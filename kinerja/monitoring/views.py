"""The evaluation pages of a Renja (T-C.29, T-C.30, T-C.33, E.81, serapan, pemeriksaan) and
the Bappeda's comparison of every OPD of a pemda for a year and triwulan. The quarterly entry
(realisasi, laporan, bukti) is in `entry_views`.

Every figure of the evaluation pages comes from the engine through `load_input`; those
pages only choose the tables and the triwulan and render them with one generic fragment.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.evaluation import checks
from kinerja.evaluation.tables import Cell, Table
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.evaluation.types import PlanInput
from kinerja.monitoring import queries
from kinerja.monitoring.access import access_pemda_review
from kinerja.monitoring.evaluate import evaluation_tables, latest_triwulan, load_input
from kinerja.renja.access import access_renja
from kinerja.renja.models import Renja
from kinerja.renja.workflow import may_write

StrOrPromise = str | Promise
TRIWULAN = ROMAN  # the triwulan selector: number → Roman numeral
# The official number of each table in the Renja document, printed above its title.
TABLE_LABELS = {
    "T-C.29": _("Tabel 2.1 (T-C.29)"),
    "T-C.30": _("Tabel 2.2 (T-C.30)"),
    "tujuan-sasaran": _("Bab III — Tujuan dan Sasaran"),
    "T-C.33": _("Tabel 4.1 (T-C.33)"),
    "E.81": _("Formulir E.81"),
}


@dataclass(frozen=True)
class Page:
    """A Renja evaluation page: its title, the engine tables it shows, per triwulan or not."""

    title: StrOrPromise
    tables: tuple[str, ...]
    per_triwulan: bool = False
    legend: bool = False
    averages: bool = False


PAGES = {
    "tc29": Page(_("Evaluasi Renja dan Capaian Renstra"), ("tc29",), legend=True),
    "tc30": Page(_("Pencapaian Kinerja Pelayanan"), ("tc30", "tujuan_sasaran")),
    "tc33": Page(_("Rumusan Rencana Program dan Kegiatan"), ("tc33",)),
    "e81": Page(
        _("Evaluasi Hasil Renja per Triwulan"),
        ("e81",),
        per_triwulan=True,
        legend=True,
        averages=True,
    ),
    "serapan": Page(_("Serapan Anggaran per Triwulan"), ("serapan",), per_triwulan=True),
    "pemeriksaan": Page(_("Pemeriksaan Renja"), ("tc33",)),
}


def chosen_triwulan(request: HttpRequest, default: int) -> int:
    """The `triwulan` GET parameter (1–4), `default` when absent; `Http404` when invalid."""
    raw = request.GET.get("triwulan", "").strip()
    if not raw:
        return default
    if raw not in {str(q) for q in TRIWULAN}:
        raise Http404("Triwulan harus 1, 2, 3 atau 4.")
    return int(raw)


def _renja_page(
    request: HttpRequest,
    renja_id: int,
    name: str,
    extra: Callable[[HttpRequest, Renja, PlanInput], dict] | None = None,
) -> HttpResponse:
    renja = access_renja(request.user, renja_id)
    plan = load_input(renja)
    page = PAGES[name]
    triwulan = chosen_triwulan(request, latest_triwulan(plan)) if page.per_triwulan else None
    tables = evaluation_tables(plan, page.tables, triwulan or 1)
    context = {
        "renja": renja,
        "page": page,
        "active": name,
        "tables": [(TABLE_LABELS.get(table.code, ""), table) for table in tables],
        "triwulan": triwulan,
        "triwulan_roman": TRIWULAN.get(triwulan or 0, ""),
        "triwulan_choices": TRIWULAN.items(),
        "is_example": plan.has_example,
        "averages": _averages(tables[0]) if page.averages else None,
        **(extra(request, renja, plan) if extra else {}),
    }
    return render(request, "monitoring/renja_tables.html", context)


def _averages(e81: Table) -> dict[str, Cell]:
    """The E.81 footer's two averages, repeated above the (very wide) form."""
    return {
        "renja": queries.footer_average(e81, "(12/7)"),
        "renstra": queries.footer_average(e81, "14"),
    }


@login_required
def tc29(request: HttpRequest, renja_id: int) -> HttpResponse:
    return _renja_page(request, renja_id, "tc29")


@login_required
def tc30(request: HttpRequest, renja_id: int) -> HttpResponse:
    return _renja_page(request, renja_id, "tc30")


@login_required
def tc33(request: HttpRequest, renja_id: int) -> HttpResponse:
    return _renja_page(request, renja_id, "tc33")


@login_required
def e81(request: HttpRequest, renja_id: int) -> HttpResponse:
    return _renja_page(request, renja_id, "e81")


@login_required
def serapan(request: HttpRequest, renja_id: int) -> HttpResponse:
    return _renja_page(request, renja_id, "serapan")


@login_required
def pemeriksaan(request: HttpRequest, renja_id: int) -> HttpResponse:
    """The checks of the stored Renja: every finding, linked to its row of Tabel 4.1 below."""
    return _renja_page(request, renja_id, "pemeriksaan", extra=_findings_context)


def _findings_context(request: HttpRequest, renja: Renja, plan: PlanInput) -> dict[str, object]:
    """The checks of the stored plan, and the findings kept from its imported files."""
    located = queries.located_findings(plan, checks.check_plan(plan))
    return {
        "findings": [finding for finding, _ in located],
        "marked": {item_id for _, item_id in located if item_id is not None},
        "file_findings": queries.kept_import_findings(renja, plan),
        "may_resolve": may_write(request.user, renja),
    }


# --- Bappeda ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SortColumn:
    """A column header of the Bappeda table with the link that sorts by it."""

    label: str
    key: str
    href: str
    aria_sort: str
    numeric: bool = True


COLUMNS = (
    ("opd", _("Perangkat Daerah"), False),
    ("capaian", _("Rata-rata capaian kinerja (%)"), True),
    ("predikat", _("Predikat"), False),
    ("pagu", _("Pagu (Rp)"), True),
    ("realisasi", _("Realisasi anggaran s/d Triwulan {roman} (Rp)"), True),
    ("serapan", _("Serapan anggaran (%)"), True),
    ("dengan", _("Indikator dengan realisasi"), True),
    ("tanpa", _("Indikator tanpa realisasi"), True),
)
DEFAULT_ORDER = "opd"


def sort_columns(order: str, triwulan: int) -> list[SortColumn]:
    """The headers: a click sorts by the column, a second click reverses the order."""
    columns = []
    for key, label, numeric in COLUMNS:
        current = order.removeprefix("-") == key
        descending = order.startswith("-")
        # Figures sort highest first on the first click; names alphabetically.
        first = f"-{key}" if numeric else key
        target = (key if descending else f"-{key}") if current else first
        aria = ("descending" if descending else "ascending") if current else "none"
        href = f"?triwulan={triwulan}&urut={target}"
        text = str(label).replace("{roman}", TRIWULAN[triwulan])
        columns.append(SortColumn(text, key, href, aria, numeric))
    return columns


@login_required
def pemda_latest(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """The Bappeda page of the latest year some OPD of the pemda has a Renja for."""
    pemda = access_pemda_review(request.user, pemda_id)
    years = queries.renja_years(pemda)
    year = years[0] if years else timezone.localdate().year
    return redirect("monitoring:pemda", pemda_id=pemda.pk, year=year)


@login_required
def pemda(request: HttpRequest, pemda_id: int, year: int) -> HttpResponse:
    """Every OPD of the pemda with a Renja for `year`, compared at one triwulan."""
    reviewed = access_pemda_review(request.user, pemda_id)
    plans = queries.load_plans(queries.renjas_of_year(reviewed, year))
    triwulan = chosen_triwulan(request, queries.default_triwulan(plans))
    summaries = [queries.summarize(renja, plan, triwulan) for renja, plan in plans]
    order = request.GET.get("urut", DEFAULT_ORDER)
    if order.removeprefix("-") not in queries.SORT_KEYS:
        order = DEFAULT_ORDER
    context = {
        "pemda": reviewed,
        "year": year,
        "years": queries.renja_years(reviewed),
        "triwulan": triwulan,
        "triwulan_roman": TRIWULAN[triwulan],
        "triwulan_choices": TRIWULAN.items(),
        "order": order,
        "columns": sort_columns(order, triwulan),
        "summaries": queries.sort_summaries(summaries, order),
        "totals": queries.pemda_totals(summaries),
        "is_example": any(summary.is_example for summary in summaries),
    }
    return render(request, "monitoring/pemda.html", context)
