"""Pages of what imports keep: the archive of replaced plans, where the admin pemda lists
and restores them, and the findings kept from imported files, marked resolved from the
Pemeriksaan page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kinerja.accounts.access import access_pemda_settings, opds_to_edit
from kinerja.imports.access import access_archive, access_import_finding
from kinerja.imports.actions import resolve_import_finding
from kinerja.imports.models import ReplacedPlan
from kinerja.imports.plan_schema import PlanError
from kinerja.imports.replacing import Consent
from kinerja.imports.restore import restore_plan


@login_required
def archive_list(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """Every plan an import replaced in the pemda, newest first."""
    pemda = access_pemda_settings(request.user, pemda_id)
    archives = ReplacedPlan.objects.filter(pemda=pemda).select_related(
        "perangkat_daerah", "replaced_by", "restored_by"
    )
    return render(request, "imports/archive_list.html", {"pemda": pemda, "archives": archives})


@login_required
def archive_detail(request: HttpRequest, archive_id: int) -> HttpResponse:
    return _detail(request, archive_id, problems=[])


def _detail(request: HttpRequest, archive_id: int, problems: list[PlanError]) -> HttpResponse:
    """What the archive holds and what restoring it would replace (a dry run)."""
    archive = access_archive(request.user, archive_id)
    preview = restore_plan(archive, acting_user=request.user, dry_run=True)
    context = {"archive": archive, "preview": preview, "problems": problems}
    return render(request, "imports/archive_detail.html", context)


@login_required
def archive_file(request: HttpRequest, archive_id: int) -> HttpResponse:
    """The archived plan file, as it was exported just before the replace."""
    archive = access_archive(request.user, archive_id)
    response = HttpResponse(archive.plan_file, content_type="application/yaml; charset=utf-8")
    name = f"arsip-{archive.pk}-{archive.kind}-{archive.year}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def archive_restore(request: HttpRequest, archive_id: int) -> HttpResponse:
    """Restore the archive with the confirmations ticked; refused, the page again."""
    archive = access_archive(request.user, archive_id)
    if request.POST.get("confirm_restore") != "ya":
        problem = PlanError("", "Centang konfirmasi pemulihan untuk memulihkan arsip ini.")
        return _detail(request, archive_id, problems=[problem])
    consent = Consent(replace=request.POST.get("confirm_replace", ""))
    result = restore_plan(archive, acting_user=request.user, consent=consent)
    if result.errors:
        return _detail(request, archive_id, problems=result.errors)
    messages.success(request, f"{archive.label} dipulihkan untuk {archive.perangkat_daerah}.")
    return redirect("imports:archive_list", pemda_id=archive.pemda_id)


@login_required
@require_POST
def finding_resolve(request: HttpRequest, finding_id: int) -> HttpResponse:
    """Mark a kept finding resolved; back to the page it was marked on."""
    finding = access_import_finding(request.user, finding_id)
    plan = finding.renja or finding.renstra
    if not opds_to_edit(request.user).filter(pk=plan.perangkat_daerah_id).exists():  # type: ignore[union-attr]
        raise PermissionDenied("Anda hanya dapat membaca rencana perangkat daerah ini.")
    try:
        resolve_import_finding(
            finding, acting_user=request.user, resolution=request.POST.get("resolution", "")
        )
    except ValueError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, "Temuan ditandai selesai.")
    return redirect(_back(request, finding.renja_id))


def _back(request: HttpRequest, renja_id: int | None) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("monitoring:pemeriksaan", args=[renja_id]) if renja_id else reverse("home")
