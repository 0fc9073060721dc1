"""The Bappeda review pages: the overview of every OPD's statuses for a year, the review
page of a Renja and of a triwulan report (status, history, the buttons the user's role
and the status allow), and the pemda admin's jadwal page.

Every change goes through a POST to an action (`kinerja.renja.transitions`,
`kinerja.monitoring.workflow`, `kinerja.review.actions`); a refusal is shown on the page
in words, never as a server error.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.accounts.models import Pemda
from kinerja.monitoring.access import access_pemda_review, reviewable_pemdas
from kinerja.monitoring.models import LaporanTriwulan, Triwulan
from kinerja.monitoring.queries import renja_years
from kinerja.monitoring.workflow import (
    approve_report,
    report_subject,
    return_report,
    submit_report,
)
from kinerja.renja.access import access_renja
from kinerja.renja.models import Renja
from kinerja.renja.transitions import (
    APPROVE,
    RETURN,
    SUBMIT,
    TRANSITIONS,
    TransitionRefused,
    approve_renja,
    create_perubahan,
    newer_version,
    perubahan_refusal,
    previous_version,
    return_renja,
    role_refusal,
    submit_renja,
    transition_refusal,
)
from kinerja.renja.workflow import EDITABLE_REPORT, may_write
from kinerja.review import queries
from kinerja.review.access import checked_year
from kinerja.review.forms import DecisionForm, PerubahanForm

ACTIONS = {"ajukan": SUBMIT, "kembalikan": RETURN, "setujui": APPROVE}
RENJA_DONE = {
    SUBMIT: "Renja diajukan untuk verifikasi.",
    RETURN: "Renja dikembalikan kepada perangkat daerah dengan catatan.",
    APPROVE: "Renja disetujui dan kini terkunci.",
}
REPORT_DONE = {
    SUBMIT: "Laporan triwulan diajukan untuk verifikasi.",
    RETURN: "Laporan triwulan dikembalikan kepada perangkat daerah dengan catatan.",
    APPROVE: "Laporan triwulan diverifikasi dan kini terkunci.",
}
RENJA_TRANSITION: dict[str, Callable[..., Renja]] = {
    SUBMIT: submit_renja,
    RETURN: return_renja,
    APPROVE: approve_renja,
}
REPORT_TRANSITION: dict[str, Callable[..., LaporanTriwulan]] = {
    SUBMIT: submit_report,
    RETURN: return_report,
    APPROVE: approve_report,
}


def default_year(pemda: Pemda) -> int:
    """The latest year some OPD has a Renja for, or this year."""
    years = renja_years(pemda)
    return years[0] if years else timezone.localdate().year


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The overview of the user's pemda (a list when they review several)."""
    pemdas = list(reviewable_pemdas(request.user).order_by("name"))
    if not pemdas:
        raise Http404("Halaman verifikasi hanya untuk verifikator Bappeda dan admin pemda.")
    if len(pemdas) == 1:
        return redirect("review:overview", pemda_id=pemdas[0].pk, year=default_year(pemdas[0]))
    choices = [(pemda, default_year(pemda)) for pemda in pemdas]
    return render(request, "review/index.html", {"choices": choices})


@login_required
def overview(request: HttpRequest, pemda_id: int, year: int) -> HttpResponse:
    """Every OPD of the pemda: its Renja of `year` and reports, who changed them, what is late."""
    pemda = access_pemda_review(request.user, pemda_id)
    today = timezone.localdate()
    rows = queries.overview(pemda, checked_year(year), today)
    chosen = request.GET.get("status", "")
    chosen = chosen if chosen in queries.FILTERS else ""
    spans = queries.windows(pemda, year, today)
    context = {
        "pemda": pemda,
        "year": year,
        "years": queries.review_years(pemda, today),
        "rows": [row for row in rows if row.matches(chosen)],
        "all_rows": len(rows),
        "filters": queries.filter_counts(rows),
        "chosen": chosen,
        "renja_window": spans.jadwal.get(("renja", None)),
        "report_windows": [(q, spans.jadwal.get(("triwulan", q))) for q in queries.TRIWULAN],
        "today": today,
    }
    return render(request, "review/overview.html", context)


# --- Renja ------------------------------------------------------------------------------


@login_required
def renja_review(request: HttpRequest, renja_id: int) -> HttpResponse:
    renja = access_renja(request.user, renja_id)
    return _renja_page(request, renja, {})


def _buttons(user: Any, renja: Renja, status: str, subject: Any = None) -> dict[str, Any]:
    """Per transition: None (hidden: the role does not allow it), "" (shown) or why not now."""
    extra = (subject,) if subject else ()
    buttons: dict[str, Any] = {}
    for transition in TRANSITIONS:
        if role_refusal(user, renja, transition, *extra):
            buttons[transition] = None
        else:
            buttons[transition] = transition_refusal(user, renja, transition, status, *extra) or ""
    return buttons


def _decision_forms(revision: int, bound: dict[str, Any]) -> dict[str, Any]:
    return {
        transition: bound.get(transition)
        or DecisionForm(initial={"revision": revision}, note_required=transition == RETURN)
        for transition in TRANSITIONS
    }


def _renja_page(
    request: HttpRequest, renja: Renja, bound: dict[str, Any], error: str = "", status: int = 200
) -> HttpResponse:
    perubahan = perubahan_refusal(request.user, renja)
    buttons = _buttons(request.user, renja, renja.status)
    context: dict[str, Any] = {
        "renja": renja,
        "history": queries.history(renja),
        "buttons": buttons,
        "forms": _decision_forms(renja.revision, bound),
        "perubahan_form": bound.get("perubahan") or PerubahanForm(),
        "may_perubahan": perubahan is None,
        "perubahan_refusal": perubahan,
        "newer": newer_version(renja),
        "previous": previous_version(renja),
        "error": error,
        "unsent_note": _unsent_note(bound, error),
    }
    context["nothing_to_do"] = (
        _nothing_to_do(context["buttons"], renja.status) and not (context["may_perubahan"])
    )
    return render(request, "review/renja.html", context, status=status)


def _unsent_note(bound: dict[str, Any], error: str) -> str:
    """What the user typed in a refused decision, shown again so it is not lost."""
    if not error:
        return ""
    return next((form.data.get("note", "").strip() for form in bound.values() if form), "")


def _nothing_to_do(buttons: dict[str, Any], status: str) -> bool:
    """No button is shown and no reason why submitting is not possible yet."""
    shown = any(value == "" for value in buttons.values())
    return not shown and not (buttons[SUBMIT] and status in EDITABLE_REPORT)


@login_required
@require_POST
def renja_act(request: HttpRequest, renja_id: int, action: str) -> HttpResponse:
    """Ajukan, kembalikan, setujui: the role decides 403, the status a message."""
    renja = access_renja(request.user, renja_id)
    if action == "perubahan":
        return _perubahan(request, renja)
    transition = _transition(action)
    refusal = role_refusal(request.user, renja, transition)
    if refusal:
        raise PermissionDenied(refusal)
    form = DecisionForm(request.POST, note_required=transition == RETURN)
    if not form.is_valid():
        return _renja_page(request, renja, {transition: form})
    try:
        RENJA_TRANSITION[transition](renja, acting_user=request.user, **_decision(form))
    except TransitionRefused as refused:
        renja.refresh_from_db()
        return _renja_page(request, renja, {transition: form}, str(refused), status=409)
    messages.success(request, RENJA_DONE[transition])
    return redirect("review:renja", renja_id=renja.pk)


def _transition(action: str) -> str:
    if action not in ACTIONS:
        raise Http404("Tindakan tidak dikenal.")
    return ACTIONS[action]


def _decision(form: DecisionForm) -> dict[str, Any]:
    return {"note": form.cleaned_data["note"], "expected_revision": form.cleaned_data["revision"]}


def _perubahan(request: HttpRequest, renja: Renja) -> HttpResponse:
    if not may_write(request.user, renja):
        raise PermissionDenied(perubahan_refusal(request.user, renja))
    form = PerubahanForm(request.POST)
    if not form.is_valid():
        return _renja_page(request, renja, {"perubahan": form})
    try:
        new = create_perubahan(renja, acting_user=request.user, reason=form.cleaned_data["reason"])
    except TransitionRefused as refused:
        return _renja_page(request, renja, {"perubahan": form}, str(refused), status=409)
    messages.success(
        request,
        f"Renja perubahan versi {new.version} dibuat sebagai draf. Realisasi dan laporan "
        f"triwulan tetap tercatat pada versi {renja.version}.",
    )
    return redirect("renja:detail", renja_id=new.pk)


# --- Triwulan report --------------------------------------------------------------------


def _triwulan(triwulan: int) -> int:
    if triwulan not in Triwulan.values:
        raise Http404("Triwulan harus 1, 2, 3 atau 4.")
    return triwulan


@login_required
def report_review(request: HttpRequest, renja_id: int, triwulan: int) -> HttpResponse:
    renja = access_renja(request.user, renja_id)
    return _report_page(request, renja, _triwulan(triwulan), {})


def _report_page(
    request: HttpRequest,
    renja: Renja,
    triwulan: int,
    bound: dict[str, Any],
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    laporan = LaporanTriwulan.objects.filter(renja=renja, triwulan=triwulan).first()
    report_status = laporan.status if laporan else LaporanTriwulan.Status.DRAF
    subject = report_subject(triwulan)
    buttons = _buttons(request.user, renja, report_status, subject)
    context: dict[str, Any] = {
        "renja": renja,
        "triwulan": triwulan,
        "roman": Triwulan(triwulan).label.removeprefix("Triwulan "),
        "laporan": laporan,
        "status": report_status,
        "status_label": LaporanTriwulan.Status(report_status).label,
        "history": queries.history(laporan) if laporan else [],
        "buttons": buttons,
        "forms": _decision_forms(laporan.revision if laporan else 0, bound),
        "newer": newer_version(renja),
        "error": error,
        "unsent_note": _unsent_note(bound, error),
    }
    context["nothing_to_do"] = _nothing_to_do(buttons, report_status)
    return render(request, "review/report.html", context, status=status)


@login_required
@require_POST
def report_act(request: HttpRequest, renja_id: int, triwulan: int, action: str) -> HttpResponse:
    renja = access_renja(request.user, renja_id)
    triwulan = _triwulan(triwulan)
    transition = _transition(action)
    refusal = role_refusal(request.user, renja, transition, report_subject(triwulan))
    if refusal:
        raise PermissionDenied(refusal)
    form = DecisionForm(request.POST, note_required=transition == RETURN)
    if not form.is_valid():
        return _report_page(request, renja, triwulan, {transition: form})
    decision = _decision(form)
    if not decision["expected_revision"]:  # 0: the report had no row when the page was shown
        decision["expected_revision"] = None
    try:
        REPORT_TRANSITION[transition](renja, triwulan, acting_user=request.user, **decision)
    except TransitionRefused as refused:
        return _report_page(request, renja, triwulan, {transition: form}, str(refused), 409)
    messages.success(request, REPORT_DONE[transition])
    return redirect("review:report", renja_id=renja.pk, triwulan=triwulan)
