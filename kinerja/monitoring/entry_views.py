"""The quarterly cycle of one Renja: the realisasi page of one triwulan (realisasi per
indikator and sub kegiatan), its narrative (laporan) and its evidence files (bukti).

The rows the page reads come from `kinerja.monitoring.entry`; every write goes through
`kinerja.monitoring.actions`.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from kinerja.lib.numbers import format_money
from kinerja.lib.revisions import StaleEdit
from kinerja.monitoring.actions import (
    LAPORAN_FIELDS,
    ValueRefused,
    add_bukti,
    remove_bukti,
    save_laporan,
    save_realisasi_anggaran,
    save_realisasi_kinerja,
)
from kinerja.monitoring.entry import (
    ROMAN,
    AnggaranRow,
    Entry,
    KinerjaRow,
    anggaran_row,
    entry_rows,
    kinerja_row,
    with_entry,
)
from kinerja.monitoring.forms import (
    BuktiForm,
    LaporanForm,
    RealisasiAnggaranForm,
    RealisasiKinerjaForm,
)
from kinerja.monitoring.models import (
    Bukti,
    LaporanTriwulan,
    RealisasiAnggaran,
    RealisasiKinerja,
)
from kinerja.renja.access import access_renja
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renja.workflow import Locked, may_write, report_edit_refusal
from kinerja.renstra.models import Level
from kinerja.renstra.templatetags.figures import format_figure


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (typing only)."""

    htmx: HtmxDetails


def _triwulan(triwulan: int) -> int:
    if triwulan not in ROMAN:
        raise Http404("Triwulan harus 1, 2, 3 atau 4.")
    return triwulan


def _report(user: Any, renja: Renja, triwulan: int) -> tuple[LaporanTriwulan | None, str | None]:
    """The stored laporan of the triwulan (None: not yet, a draf) and why `user` may not
    change it now (None: they may)."""
    laporan = LaporanTriwulan.objects.filter(renja=renja, triwulan=triwulan).first()
    status = laporan.status if laporan else LaporanTriwulan.Status.DRAF
    return laporan, report_edit_refusal(user, renja, triwulan, status)


def _writer(request: HttpRequest, renja_id: int, triwulan: int) -> tuple[Renja, str | None]:
    """The Renja of a POST to its report, and why the report may not change now (None: it
    may). Who sees the OPD but never writes it (pimpinan, verifikator) gets 403."""
    renja = access_renja(request.user, renja_id)
    _triwulan(triwulan)
    if not may_write(request.user, renja):
        raise PermissionDenied(_("Anda tidak berwenang mengisi laporan perangkat daerah ini."))
    return renja, _report(request.user, renja, triwulan)[1]


@login_required
def realisasi(request: HttpRequest, renja_id: int, triwulan: int) -> HttpResponse:
    """The report of one triwulan: realisasi per indikator and sub kegiatan, the narrative
    and the evidence; editable by the OPD's operator while the report is open."""
    renja = access_renja(request.user, renja_id)
    return _realisasi_page(request, renja, _triwulan(triwulan))


def _realisasi_page(
    request: HttpRequest,
    renja: Renja,
    triwulan: int,
    *,
    row: KinerjaRow | AnggaranRow | None = None,
    laporan_form: LaporanForm | None = None,
    stored: LaporanTriwulan | None = None,
    bukti_form: BuktiForm | None = None,
    status: int = 200,
) -> HttpResponse:
    laporan, refusal = _report(request.user, renja, triwulan)
    items = entry_rows(renja, triwulan)
    if row is not None:
        with_entry(items, row)
    form = laporan_form or LaporanForm(
        instance=laporan or LaporanTriwulan(renja=renja, triwulan=triwulan)
    )
    if refusal:
        # Read-only, not disabled: a refused POST keeps showing what was typed.
        for field in form.fields.values():
            field.widget.attrs["readonly"] = True
    context = {
        "renja": renja,
        "triwulan": triwulan,
        "triwulan_roman": ROMAN[triwulan],
        "triwulan_choices": ROMAN.items(),
        "laporan": laporan,
        "report_status": laporan.get_status_display() if laporan else _("Draf"),
        "refusal": refusal,
        "editable": refusal is None,
        "items": items,
        "laporan_form": form,
        "laporan_fields": [(form[name], getattr(stored, name, None)) for name in LAPORAN_FIELDS],
        "stale_laporan": stored is not None,
        "bukti_form": bukti_form or BuktiForm(),
        "bukti": laporan.bukti.select_related("uploaded_by").order_by("uploaded_at", "id")
        if laporan
        else [],
        "is_example": bool(laporan and laporan.is_example),
        "active": "realisasi",
    }
    return render(request, "monitoring/realisasi.html", context, status=status)


def _row_entry(
    form: RealisasiKinerjaForm | RealisasiAnggaranForm,
    name: str,
    refusal: str | None,
    save: Callable[[Any, int], object],
    shown: Callable[[Any], str],
) -> Entry:
    """Validate a row's form and `save(value, expected_revision)`; how it went, for the row.

    A stale save shows the value stored now (`shown(current row)`) and takes its revision,
    so saving again deliberately overwrites it; the typed text stays in the input.
    """
    posted = form.data.get("revision", "")
    revision = int(posted) if posted.isdigit() else 0
    entry = Entry(typed=form.data.get(name, ""), revision=revision)
    if refusal:
        entry.refusal = refusal
    elif not form.is_valid():
        entry.errors = [str(error) for errors in form.errors.values() for error in errors]
    else:
        try:
            save(form.cleaned_data[name], form.cleaned_data["revision"])
        except StaleEdit as stale:
            entry.stale, entry.stored_now = str(stale), shown(stale.current)
            entry.revision = stale.current.revision  # type: ignore[attr-defined]
        except Locked as locked:
            entry.refusal = str(locked.args[0])
        except ValueRefused as refused:
            entry.errors = [str(refused)]
        else:
            return Entry(saved=True)
    return entry


def _row_response(
    request: HtmxHttpRequest, renja: Renja, triwulan: int, row: KinerjaRow | AnggaranRow
) -> HttpResponse:
    """HTMX: the row alone (saved tick or problem). A plain POST: back to the page."""
    if request.htmx:
        partial = "kinerja-row" if isinstance(row, KinerjaRow) else "anggaran-row"
        context = {
            "row": row,
            "renja": renja,
            "triwulan": triwulan,
            "triwulan_roman": ROMAN[triwulan],
            "editable": True,
        }
        return render(request, f"monitoring/realisasi.html#{partial}", context)
    if row.entry.saved:
        messages.success(request, _("Realisasi disimpan."))
        url = reverse("monitoring:realisasi", args=[renja.pk, triwulan])
        return redirect(f"{url}#{row.dom_id}")
    status = 403 if row.entry.refusal else 200
    return _realisasi_page(request, renja, triwulan, row=row, status=status)


@login_required
@require_POST
def realisasi_kinerja(
    request: HtmxHttpRequest, renja_id: int, triwulan: int, indikator_id: int
) -> HttpResponse:
    """Save (or clear) the realisasi of one indikator in the triwulan."""
    renja, refusal = _writer(request, renja_id, triwulan)
    indikator = get_object_or_404(
        Indikator.objects.select_related("item__renja"), pk=indikator_id, item__renja=renja
    )
    form = RealisasiKinerjaForm(request.POST, indikator=indikator, triwulan=triwulan)

    def save(value: Decimal | None, revision: int) -> object:
        return save_realisasi_kinerja(
            indikator, triwulan, value, acting_user=request.user, expected_revision=revision
        )

    def shown(current: RealisasiKinerja) -> str:
        return format_figure(current.value, indikator)

    entry = _row_entry(form, "value", refusal, save, shown)
    return _row_response(request, renja, triwulan, kinerja_row(indikator, triwulan, entry))


@login_required
@require_POST
def realisasi_anggaran(
    request: HtmxHttpRequest, renja_id: int, triwulan: int, item_id: int
) -> HttpResponse:
    """Save (or clear) the rupiah one sub kegiatan spent in the triwulan."""
    renja, refusal = _writer(request, renja_id, triwulan)
    item = get_object_or_404(
        RenjaItem.objects.select_related("renja"),
        pk=item_id,
        renja=renja,
        level=Level.SUB_KEGIATAN,
    )
    form = RealisasiAnggaranForm(request.POST, item=item, triwulan=triwulan)

    def save(amount: Decimal | None, revision: int) -> object:
        return save_realisasi_anggaran(
            item, triwulan, amount, acting_user=request.user, expected_revision=revision
        )

    def shown(current: RealisasiAnggaran) -> str:
        return format_money(current.amount)

    entry = _row_entry(form, "amount", refusal, save, shown)
    return _row_response(request, renja, triwulan, anggaran_row(item, triwulan, entry))


@login_required
@require_POST
def laporan(request: HttpRequest, renja_id: int, triwulan: int) -> HttpResponse:
    """Save the narrative of the triwulan report (faktor pendorong … tindak lanjut Renja)."""
    renja, refusal = _writer(request, renja_id, triwulan)
    blank = LaporanTriwulan(renja=renja, triwulan=triwulan)
    form = LaporanForm(request.POST, instance=blank)
    if refusal:
        return _realisasi_page(request, renja, triwulan, laporan_form=form, status=403)
    stored = None
    if form.is_valid():
        try:
            save_laporan(
                renja,
                triwulan,
                acting_user=request.user,
                expected_revision=form.cleaned_data["revision"],
                **form.laporan_fields(),
            )
        except StaleEdit as stale:
            stored = cast(LaporanTriwulan, stale.current)
            form = _stale_laporan_form(request, blank, stored.revision, str(stale))
        except Locked:
            return _realisasi_page(request, renja, triwulan, laporan_form=form, status=403)
        else:
            messages.success(request, _("Narasi laporan triwulan disimpan."))
            url = reverse("monitoring:realisasi", args=[renja.pk, triwulan])
            return redirect(f"{url}#laporan")
    return _realisasi_page(request, renja, triwulan, laporan_form=form, stored=stored)


def _stale_laporan_form(
    request: HttpRequest, blank: LaporanTriwulan, revision: int, message: str
) -> LaporanForm:
    """The typed text, at the stored revision (saving again overwrites on purpose)."""
    data = request.POST.copy()
    data["revision"] = str(revision)
    form = LaporanForm(data, instance=blank)
    form.add_error(None, message)
    return form


@login_required
@require_POST
def bukti_add(request: HttpRequest, renja_id: int, triwulan: int) -> HttpResponse:
    """Upload an evidence file to the triwulan report."""
    renja, refusal = _writer(request, renja_id, triwulan)
    if refusal:
        return _realisasi_page(request, renja, triwulan, status=403)
    form = BuktiForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            bukti = add_bukti(
                renja,
                triwulan,
                form.cleaned_data["file"],
                acting_user=request.user,
                content_type=form.content_type,
                description=form.cleaned_data["description"],
            )
        except Locked:
            return _realisasi_page(request, renja, triwulan, status=403)
        messages.success(request, _("Bukti %(name)s diunggah.") % {"name": bukti.original_name})
        return redirect(reverse("monitoring:realisasi", args=[renja.pk, triwulan]) + "#bukti")
    return _realisasi_page(request, renja, triwulan, bukti_form=form)


def _bukti(renja: Renja, triwulan: int, bukti_id: int) -> Bukti:
    """An evidence file of the report of `renja` (already reached through access_renja)."""
    return get_object_or_404(
        Bukti.objects.select_related("laporan__renja"),
        pk=bukti_id,
        laporan__renja=renja,
        laporan__triwulan=triwulan,
    )


@login_required
def bukti_file(request: HttpRequest, renja_id: int, triwulan: int, bukti_id: int) -> FileResponse:
    """Download an evidence file under its original name; only for who sees the Renja."""
    renja = access_renja(request.user, renja_id)
    bukti = _bukti(renja, _triwulan(triwulan), bukti_id)
    try:
        handle = bukti.file.storage.open(bukti.file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404("Berkas bukti tidak ada di penyimpanan.") from missing
    name = bukti.original_name or bukti.file.name.rsplit("/", 1)[-1]
    content_type = bukti.content_type or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


@login_required
@require_POST
def bukti_remove(request: HttpRequest, renja_id: int, triwulan: int, bukti_id: int) -> HttpResponse:
    """Delete an evidence file while the report is editable."""
    renja, refusal = _writer(request, renja_id, triwulan)
    bukti = _bukti(renja, triwulan, bukti_id)
    if refusal:
        return _realisasi_page(request, renja, triwulan, status=403)
    try:
        remove_bukti(bukti, acting_user=request.user)
    except Locked:
        return _realisasi_page(request, renja, triwulan, status=403)
    messages.success(request, _("Bukti %(name)s dihapus.") % {"name": bukti.original_name})
    return redirect(reverse("monitoring:realisasi", args=[renja.pk, triwulan]) + "#bukti")
