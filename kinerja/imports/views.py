"""Upload a plan or an agency file: check it, preview what would be written, then import."""

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.accounts.access import opds_to_edit
from kinerja.accounts.models import PerangkatDaerah
from kinerja.imports.actions import ImportResult, import_data
from kinerja.imports.check import (
    PLAN,
    CheckReport,
    UnreadableFile,
    check_file,
    summary,
    to_plan_data,
    unreadable_net,
)
from kinerja.imports.forms import UploadForm

SESSION_KEY = "kinerja_uploads"


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    opds = opds_to_edit(request.user).select_related("pemda")
    form = UploadForm(request.POST or None, request.FILES or None, opds=opds)
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        name = Path(form.cleaned_data["file"].name).name
        token = _keep(request, content, name, form.cleaned_data)
        return _preview(request, token)
    return render(request, "imports/upload.html", {"form": form})


@login_required
def preview(request: HttpRequest, token: str) -> HttpResponse:
    return _preview(request, token)


@login_required
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    upload, content = _kept(request, token)
    opd = opds_to_edit(request.user).get(pk=upload["opd_id"])
    try:
        report, data = _plan(content, upload["name"], opd)
    except UnreadableFile as problem:
        messages.error(request, str(problem))
        return redirect("imports:upload")
    result = import_data(
        data, source=upload["name"], acting_user=request.user, replace=upload["replace"]
    )
    if result.errors:
        return _render_preview(request, token, upload, report, result)
    _forget(request, token)
    messages.success(request, f"{upload['name']} diimpor untuk {result.perangkat_daerah}.")
    return redirect("home")


def _preview(request: HttpRequest, token: str) -> HttpResponse:
    upload, content = _kept(request, token)
    opd = opds_to_edit(request.user).filter(pk=upload["opd_id"]).first()
    if opd is None:
        raise Http404
    try:
        report, data = _plan(content, upload["name"], opd)
    except UnreadableFile as problem:
        _forget(request, token)
        form = UploadForm(opds=opds_to_edit(request.user))
        return render(request, "imports/upload.html", {"form": form, "problem": str(problem)})
    result = import_data(
        data, source=upload["name"], acting_user=request.user, replace=upload["replace"],
        dry_run=True,
    )  # fmt: skip
    return _render_preview(request, token, upload, report, result)


def _render_preview(
    request: HttpRequest,
    token: str,
    upload: dict[str, Any],
    report: CheckReport,
    result: ImportResult,
) -> HttpResponse:
    context = {
        "token": token,
        "upload": upload,
        "report": report,
        "summary": summary(report.findings),
        "result": result,
        # A list, not the Counter: a template's `counts.items` would look up the key "items".
        "counts": list(result.counts.items()),
        "can_import": not result.errors,
    }
    return render(request, "imports/preview.html", context)


def _plan(content: bytes, name: str, opd: PerangkatDaerah) -> tuple[CheckReport, dict[str, Any]]:
    """Check the file and map it to plan data for `opd` (a plan file must name that OPD)."""
    report = check_file(content, name)
    with unreadable_net(name):
        data, mapped = to_plan_data(
            report, pemda=opd.pemda.name, opd_code=opd.code, opd_name=opd.name
        )
    report.findings += mapped
    if report.kind == PLAN and _names_other_opd(data, opd):
        raise UnreadableFile(
            f"{name} berisi rencana {data['perangkat_daerah']['code']} "
            f"({data['pemda']['name']}), bukan {opd.code} ({opd.pemda.name})"
        )
    return report, data


def _names_other_opd(data: Any, opd: PerangkatDaerah) -> bool:
    if not isinstance(data, dict) or "perangkat_daerah" not in data:
        return False
    return (data["pemda"]["name"], data["perangkat_daerah"]["code"]) != (opd.pemda.name, opd.code)


# Uploads wait between preview and confirmation in MEDIA_ROOT/impor, named by a random
# token that only the uploading user's session knows.


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "impor"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _keep(request: HttpRequest, content: bytes, name: str, cleaned: dict[str, Any]) -> str:
    token = secrets.token_urlsafe(16)
    (_upload_dir() / token).write_bytes(content)
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = {
        "name": name,
        "opd_id": cleaned["perangkat_daerah"].pk,
        "replace": cleaned["replace"],
    }
    request.session[SESSION_KEY] = uploads
    return token


def _kept(request: HttpRequest, token: str) -> tuple[dict[str, Any], bytes]:
    upload = request.session.get(SESSION_KEY, {}).get(token)
    path = _upload_dir() / token
    if upload is None or not path.exists():
        raise Http404("Unggahan tidak ditemukan atau sudah diproses.")
    return upload, path.read_bytes()


def _forget(request: HttpRequest, token: str) -> None:
    (_upload_dir() / token).unlink(missing_ok=True)
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """Kinerja's Renja XLSX template for the coming year."""
    from django.utils import timezone

    from kinerja.imports.parsers.kinerja_template import build_template

    asked = request.GET.get("tahun", "")
    year = int(asked) if asked.isdigit() and 2000 <= int(asked) <= 2100 else None
    year = year or timezone.localdate().year + 1
    response = HttpResponse(
        build_template(year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="templat-renja-{year}.xlsx"'
    return response
