"""Dashboards (an OPD's standing in a year, the pemda's ranking of its OPDs, a landing
that sends each user to the one that fits) and the history pages of a Renja, of one of
its indikator and of one triwulan report, read from the audit trail.

Every figure comes from the engine's tables (`kinerja.monitoring`); the pages add charts
drawn by `static/kinerja/dashboard.js` from `json_script` data, each with a table beside.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import access_perangkat_daerah, opds_for
from kinerja.dashboard import history
from kinerja.dashboard import queries as charts
from kinerja.dashboard.access import access_indikator, access_triwulan
from kinerja.evaluation import checks
from kinerja.monitoring import queries
from kinerja.monitoring.access import access_pemda_review, reviewable_pemdas
from kinerja.monitoring.evaluate import evaluation_tables, latest_triwulan, load_input
from kinerja.monitoring.views import TRIWULAN, chosen_triwulan
from kinerja.renja.access import access_renja
from kinerja.renja.models import Renja
from kinerja.renja.queries import current_renja

HISTORY_PAGE_SIZE = 50


# --- Landing ----------------------------------------------------------------------------


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Bappeda roles to their pemda's dashboard, OPD roles to their OPD's, others home."""
    pemda = reviewable_pemdas(request.user).order_by("name").first()
    if pemda is not None:
        years = queries.renja_years(pemda)
        year = years[0] if years else timezone.localdate().year
        return redirect("dashboard:pemda", pemda_id=pemda.pk, year=year)
    opd = opds_for(request.user).order_by("name").first()
    if opd is not None:
        latest = opd.renja.order_by("-year").values_list("year", flat=True).first()
        return redirect("dashboard:opd", opd_id=opd.pk, year=latest or timezone.localdate().year)
    return redirect("home")


# --- OPD --------------------------------------------------------------------------------


@login_required
def opd(request: HttpRequest, opd_id: int, year: int) -> HttpResponse:
    """One OPD's year: capaian per indikator, serapan per triwulan, open findings."""
    unit = access_perangkat_daerah(request.user, opd_id)
    years = sorted(set(unit.renja.values_list("year", flat=True)), reverse=True)
    context = {"opd": unit, "year": year, "years": years}
    renja = current_renja(unit, year)
    if renja is not None:
        context |= _opd_figures(request, renja)
    return render(request, "dashboard/opd.html", context)


def _opd_figures(request: HttpRequest, renja: Renja) -> dict[str, object]:
    plan = load_input(renja)
    triwulan = chosen_triwulan(request, latest_triwulan(plan))
    (e81,) = evaluation_tables(plan, ["e81"], triwulan)
    lines = charts.indikator_lines(plan, e81)
    points = charts.serapan_points(plan, triwulan)
    findings = checks.check_plan(plan)
    pemeriksaan = reverse("monitoring:pemeriksaan", args=[renja.pk])
    located = [data for data, _ in queries.located_findings(plan, findings)]
    for data in located:
        data["link"] = f"{pemeriksaan}{data['link']}" if data["link"] else ""
    return {
        "renja": renja,
        "triwulan": triwulan,
        "triwulan_roman": TRIWULAN[triwulan],
        "triwulan_choices": TRIWULAN.items(),
        "average": queries.footer_average(e81),
        "lines": lines,
        "capaian_chart": charts.capaian_chart(lines),
        "points": points,
        "serapan_chart": charts.serapan_chart(points),
        "current": points[triwulan - 1],
        "findings": located,
        "finding_counts": checks.summary(findings),
        "is_example": plan.has_example,
    }


# --- Pemda ------------------------------------------------------------------------------


@login_required
def pemda(request: HttpRequest, pemda_id: int, year: int) -> HttpResponse:
    """Every OPD of the pemda ranked by rata-rata capaian and by serapan, and the
    distribution of their predikat."""
    reviewed = access_pemda_review(request.user, pemda_id)
    plans = queries.load_plans(queries.renjas_of_year(reviewed, year))
    triwulan = chosen_triwulan(request, queries.default_triwulan(plans))
    summaries = [queries.summarize(renja, plan, triwulan) for renja, plan in plans]
    by_capaian = queries.sort_summaries(summaries, "-capaian")
    by_serapan = queries.sort_summaries(summaries, "-serapan")
    counts = charts.predikat_counts(summaries)
    context = {
        "pemda": reviewed,
        "year": year,
        "years": queries.renja_years(reviewed),
        "triwulan": triwulan,
        "triwulan_roman": TRIWULAN[triwulan],
        "triwulan_choices": TRIWULAN.items(),
        "by_capaian": by_capaian,
        "by_serapan": by_serapan,
        "capaian_chart": charts.ranking_chart(by_capaian, "capaian", _("Rata-rata capaian (%)")),
        "serapan_chart": charts.ranking_chart(by_serapan, "serapan", _("Serapan anggaran (%)")),
        "counts": counts,
        "distribution_chart": charts.distribution_chart(counts),
        "totals": queries.pemda_totals(summaries),
        "is_example": any(summary.is_example for summary in summaries),
    }
    return render(request, "dashboard/pemda.html", context)


# --- History ----------------------------------------------------------------------------


@login_required
def history_renja(request: HttpRequest, renja_id: int) -> HttpResponse:
    """Every change to the Renja and to what belongs to it, newest first."""
    renja = access_renja(request.user, renja_id)
    return _history(request, renja, history.renja_scope(renja), {"scope": "renja"})


@login_required
def history_indikator(request: HttpRequest, indikator_id: int) -> HttpResponse:
    """Every change to one Renja indikator: its target and its realisasi per triwulan."""
    renja, indikator = access_indikator(request.user, indikator_id)
    extra = {"scope": "indikator", "indikator": indikator}
    return _history(request, renja, history.indikator_scope(indikator), extra)


@login_required
def history_laporan(request: HttpRequest, renja_id: int, triwulan: int) -> HttpResponse:
    """Every change to the report of one triwulan: laporan, realisasi, bukti."""
    renja = access_triwulan(request.user, renja_id, triwulan)
    extra = {"scope": "laporan", "triwulan": triwulan, "triwulan_roman": TRIWULAN[triwulan]}
    return _history(request, renja, history.triwulan_scope(renja, triwulan), extra)


def _history(request: HttpRequest, renja: Renja, scope: Q, extra: dict) -> HttpResponse:
    page = Paginator(history.events(scope), HISTORY_PAGE_SIZE).get_page(request.GET.get("hal"))
    context = {
        "renja": renja,
        "page": page,
        "entries": history.entries(list(page), renja.perangkat_daerah.pemda),
        **extra,
    }
    template = "dashboard/history.html"
    if getattr(request, "htmx", False):
        template += "#history"
    return render(request, template, context)
