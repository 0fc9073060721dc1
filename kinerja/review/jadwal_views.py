"""The jadwal page of a pemda and year: the windows of the Renja and of each triwulan
report, set by the pemda's admin, and the exceptions granted to single OPDs. Verifiers
see it read-only; a POST from them is a 403."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.accounts.models import Pemda
from kinerja.monitoring.access import access_pemda_review
from kinerja.renja.models import Jadwal, JadwalPengecualian
from kinerja.review.access import checked_year
from kinerja.review.actions import (
    UNCHECKED,
    JadwalRefused,
    grant_exception,
    jadwal_label,
    may_manage_jadwal,
    set_jadwal,
)
from kinerja.review.forms import SLOTS, JadwalForm, PengecualianForm


def _loaded(jadwal: Jadwal | None) -> str:
    return f"{jadwal.opens_on:%Y-%m-%d}/{jadwal.closes_on:%Y-%m-%d}" if jadwal else ""


def _expected(loaded: str) -> Any:
    """The window the page showed, as `set_jadwal` compares it (None: there was none)."""
    if not loaded:
        return None
    try:
        opens_on, closes_on = (date.fromisoformat(part) for part in loaded.split("/"))
    except ValueError:
        return UNCHECKED
    return (opens_on, closes_on)


def _stored(pemda: Pemda, year: int) -> dict[str, Jadwal]:
    rows = {(j.tahap, j.triwulan): j for j in Jadwal.objects.filter(pemda=pemda, year=year)}
    return {slot: rows[key] for slot, key in SLOTS.items() if key in rows}


def _slot_label(slot: str, year: int) -> str:
    tahap, triwulan = SLOTS[slot]
    return jadwal_label(tahap, triwulan, year)


def _exception_form(pemda: Pemda, year: int, stored: dict[str, Jadwal], data: Any = None) -> Any:
    slots = [(slot, _slot_label(slot, year)) for slot in SLOTS if slot in stored]
    return PengecualianForm(data, opds=pemda.perangkat_daerah.order_by("name"), slots=slots)


def _page(
    request: HttpRequest,
    pemda: Pemda,
    year: int,
    bound: dict[str, Any] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    stored = _stored(pemda, year)
    rows = []
    for slot in SLOTS:
        jadwal = stored.get(slot)
        initial: dict[str, Any] = {"loaded": _loaded(jadwal)}
        if jadwal:
            initial |= {"opens_on": jadwal.opens_on, "closes_on": jadwal.closes_on}
        form = bound.get(slot) or JadwalForm(initial=initial, prefix=slot)
        label = _slot_label(slot, year)
        rows.append({"slot": slot, "label": label, "jadwal": jadwal, "form": form})
    exceptions = JadwalPengecualian.objects.filter(jadwal__pemda=pemda, jadwal__year=year)
    context = {
        "pemda": pemda,
        "year": year,
        "today": timezone.localdate(),
        "rows": rows,
        "exceptions": exceptions.select_related("jadwal", "perangkat_daerah", "granted_by"),
        "exception_form": bound.get("exception") or _exception_form(pemda, year, stored),
        "may_manage": may_manage_jadwal(request.user, pemda),
        "error": error,
    }
    return render(request, "review/jadwal.html", context, status=status)


@login_required
def jadwal(request: HttpRequest, pemda_id: int, year: int) -> HttpResponse:
    """The windows of `year`; a POST (admin only) sets the window of one row."""
    pemda = access_pemda_review(request.user, pemda_id)
    year = checked_year(year)
    if request.method != "POST":
        return _page(request, pemda, year)
    if not may_manage_jadwal(request.user, pemda):
        raise PermissionDenied("Hanya admin pemda yang dapat mengatur jadwal.")
    slot = request.POST.get("slot", "")
    if slot not in SLOTS:
        return _page(request, pemda, year, error="Pilih baris jadwal yang diubah.", status=400)
    form = JadwalForm(request.POST, prefix=slot)
    if not form.is_valid():
        return _page(request, pemda, year, {slot: form})
    tahap, triwulan = SLOTS[slot]
    try:
        set_jadwal(
            pemda, year=year, tahap=tahap, triwulan=triwulan,
            opens_on=form.cleaned_data["opens_on"], closes_on=form.cleaned_data["closes_on"],
            expected=_expected(form.cleaned_data["loaded"]), acting_user=request.user,
        )  # fmt: skip
    except JadwalRefused as refused:
        return _page(request, pemda, year, {slot: form}, str(refused), status=409)
    messages.success(request, f"Jadwal {_slot_label(slot, year)} disimpan.")
    return redirect("review:jadwal", pemda_id=pemda.pk, year=year)


@login_required
@require_POST
def jadwal_exception(request: HttpRequest, pemda_id: int, year: int) -> HttpResponse:
    """Grant one OPD an exception to a closed window (admin only; reason required)."""
    pemda = access_pemda_review(request.user, pemda_id)
    year = checked_year(year)
    if not may_manage_jadwal(request.user, pemda):
        raise PermissionDenied("Hanya admin pemda yang dapat memberi pengecualian jadwal.")
    stored = _stored(pemda, year)
    form = _exception_form(pemda, year, stored, request.POST)
    if not form.is_valid():
        return _page(request, pemda, year, {"exception": form})
    data = form.cleaned_data
    try:
        grant_exception(
            stored[data["slot"]], data["perangkat_daerah"],
            until=data["until"], reason=data["reason"], acting_user=request.user,
        )  # fmt: skip
    except JadwalRefused as refused:
        return _page(request, pemda, year, {"exception": form}, str(refused), status=409)
    messages.success(request, f"Pengecualian jadwal untuk {data['perangkat_daerah']} disimpan.")
    return redirect("review:jadwal", pemda_id=pemda.pk, year=year)
