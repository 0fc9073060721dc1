"""The web side of the official documents: downloads of a Renja's documents and of the
pemda summary, the narasi editor, the pemda's Word template and Bappeda's batch export.

Every file comes from `produce`; these views only check access and the asked kind,
format and triwulan (anything unknown is a 404, like a missing page).
"""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from kinerja.documents import prose, queries
from kinerja.documents.access import access_batch_export
from kinerja.documents.actions import (
    TemplateRejected,
    delete_word_template,
    save_word_template,
    start_batch,
)
from kinerja.documents.forms import BatchForm, WordTemplateForm, narasi_sections
from kinerja.documents.models import BatchExport, WordTemplate
from kinerja.documents.produce import (
    FORMATS,
    WHATS,
    DocumentError,
    Produced,
    pemda_summary,
    produce,
)
from kinerja.documents.word_template import BODY, PLACEHOLDERS, check_template
from kinerja.monitoring.access import access_pemda_review
from kinerja.monitoring.queries import renjas_of_year
from kinerja.renja.access import access_renja
from kinerja.renja.actions import NarasiConflict, save_narasi
from kinerja.renja.forms import PROSE_HELP, NarasiForm
from kinerja.renja.models import Renja
from kinerja.renja.workflow import Locked, ensure_renja_editable, renja_edit_refusal

EXAMPLE_TEMPLATE = Path(settings.BASE_DIR) / "docs" / "templates" / "template-pemda-contoh.docx"
DOCX = FORMATS["docx"]


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (typing only)."""

    htmx: HtmxDetails


# --- Downloads -------------------------------------------------------------------------


def asked_triwulan(request: HttpRequest) -> int | None:
    """The `triwulan` GET parameter (1–4), None when absent; `Http404` when invalid."""
    raw = request.GET.get("triwulan", "").strip()
    if not raw:
        return None
    if raw not in {"1", "2", "3", "4"}:
        raise Http404("Triwulan harus 1, 2, 3 atau 4.")
    return int(raw)


def attachment(produced: Produced) -> HttpResponse:
    """The produced file as a download under its own name."""
    response = HttpResponse(produced.data, content_type=produced.content_type)
    header = content_disposition_header(True, produced.filename)
    response["Content-Disposition"] = header or "attachment"
    return response


def _not_produced(request: HttpRequest, error: DocumentError) -> HttpResponse:
    # The request was valid; the document cannot be made (e.g. the pemda's template).
    context = {"message": str(error)}
    return render(request, "documents/not_produced.html", context, status=422)


@login_required
def renja_file(request: HttpRequest, renja_id: int, what: str, fmt: str) -> HttpResponse:
    """`what` (renja, e81, tables) of the Renja as `fmt`, at `?triwulan=` or the latest."""
    renja = access_renja(request.user, renja_id)
    if what not in WHATS or fmt not in FORMATS:
        raise Http404("Dokumen atau format tidak dikenal.")
    triwulan = asked_triwulan(request)
    try:
        produced = produce(renja, what, fmt, triwulan)
    except DocumentError as error:
        return _not_produced(request, error)
    return attachment(produced)


@login_required
def pemda_file(request: HttpRequest, pemda_id: int, year: int, fmt: str) -> HttpResponse:
    """Bappeda's pemda-wide E.81 summary of `year` as `fmt`."""
    pemda = access_pemda_review(request.user, pemda_id)
    if fmt not in FORMATS:
        raise Http404("Format tidak dikenal.")
    triwulan = asked_triwulan(request)
    try:
        produced = pemda_summary(pemda, year, triwulan, fmt)
    except DocumentError as error:
        return _not_produced(request, error)
    return attachment(produced)


# --- Narasi ----------------------------------------------------------------------------


@login_required
def narasi(request: HttpRequest, renja_id: int) -> HttpResponse:
    """The prose of the Renja document: editable by the OPD's writers, readable by the rest."""
    renja = access_renja(request.user, renja_id)
    refusal = renja_edit_refusal(request.user, renja)
    if request.method == "POST" and refusal:
        raise Locked(refusal)
    stored = queries.narasi_of(renja)
    form = NarasiForm(request.POST or None, instance=stored)
    if request.method == "POST" and form.is_valid():
        try:
            save_narasi(
                renja,
                acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                **form.narasi_fields(),
            )
        except NarasiConflict as conflict:
            # The bound form keeps everything the user typed; nothing is lost.
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("Narasi disimpan."))
            return redirect("documents:narasi", renja_id=renja.pk)
    return _narasi_page(request, renja, form, refusal)


def _narasi_page(
    request: HttpRequest, renja: Renja, form: NarasiForm, refusal: str | None
) -> HttpResponse:
    editable = refusal is None
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    context = {
        "renja": renja,
        "form": form,
        "sections": narasi_sections(form),
        "editable": editable,
        "refusal": refusal,
        "prose_help": PROSE_HELP,
        "active": "narasi",
    }
    return render(request, "documents/narasi.html", context)


@login_required
@require_POST
def narasi_evaluasi(request: HttpRequest, renja_id: int) -> HttpResponse:
    """ "Isi dari angka": the textarea of BAB II 2.1 filled with the text the figures give,
    for the planner to edit before saving (nothing is stored here)."""
    renja = access_renja(request.user, renja_id)
    ensure_renja_editable(request.user, renja)
    source = queries.renja_source(renja)
    text = prose.evaluasi_renja(
        source.tables["tc29"],
        source.tables.get("serapan"),
        opd_name=source.opd_name,
        year=source.year,
    )
    form = NarasiForm(initial={"evaluasi_renja": text})
    context = {"field": form["evaluasi_renja"]}
    return render(request, "documents/narasi.html#prose-field", context)


# --- The pemda's Word template ---------------------------------------------------------


@login_required
def word_template(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """The pemda's Word template: the current one and an upload that replaces it."""
    pemda = access_pemda_review(request.user, pemda_id)
    posted = request.method == "POST"
    form = WordTemplateForm(request.POST, request.FILES) if posted else WordTemplateForm()
    problems: list[str] = []
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        name = Path(upload.name).name
        try:
            save_word_template(pemda, acting_user=request.user, filename=name, data=upload.read())
        except TemplateRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, _("Templat %(name)s disimpan.") % {"name": name})
            return redirect("documents:word_template", pemda_id=pemda.pk)
    current = WordTemplate.objects.filter(pemda=pemda).defer("data").first()
    stored = queries.word_template(pemda) if current else None
    context = {
        "pemda": pemda,
        "form": form,
        "problems": problems,
        "current": current,
        # A template stored before a check tightened is refused at every export: say so here.
        "current_problems": check_template(stored) if stored is not None else [],
        "has_example": EXAMPLE_TEMPLATE.is_file(),
        "body_tag": f"{{{{p {BODY} }}}}",
        "placeholders": [(f"{{{{ {name} }}}}", text) for name, text in PLACEHOLDERS.items()],
    }
    return render(request, "documents/word_template.html", context)


@login_required
def word_template_file(request: HttpRequest, pemda_id: int) -> HttpResponse:
    pemda = access_pemda_review(request.user, pemda_id)
    template = WordTemplate.objects.filter(pemda=pemda).first()
    if template is None:
        raise Http404("Pemda ini belum mengunggah templat.")
    return attachment(Produced(template.filename, DOCX, bytes(template.data)))


@login_required
@require_POST
def word_template_delete(request: HttpRequest, pemda_id: int) -> HttpResponse:
    pemda = access_pemda_review(request.user, pemda_id)
    if delete_word_template(pemda, acting_user=request.user):
        messages.success(request, _("Templat dihapus; dokumen Word memakai tata letak Kinerja."))
    return redirect("documents:word_template", pemda_id=pemda.pk)


@login_required
def example_template(request: HttpRequest) -> HttpResponse:
    """The example Word template of the repository, with every placeholder."""
    if not EXAMPLE_TEMPLATE.is_file():
        raise Http404("Contoh templat belum tersedia.")
    return attachment(Produced(EXAMPLE_TEMPLATE.name, DOCX, EXAMPLE_TEMPLATE.read_bytes()))


# --- Batch export ----------------------------------------------------------------------


@login_required
def batch(request: HttpRequest, pemda_id: int, year: int) -> HttpResponse:
    """Start a batch export of every OPD's document of `year`; the latest ones below."""
    pemda = access_pemda_review(request.user, pemda_id)
    form = BatchForm(request.POST or None)
    total = len(renjas_of_year(pemda, year))
    if request.method == "POST" and form.is_valid():
        if not total:
            form.add_error(
                None, _("Belum ada perangkat daerah dengan Renja tahun %(year)d.") % {"year": year}
            )
        else:
            what, fmt = form.cleaned_data["what"], form.cleaned_data["fmt"]
            export = start_batch(pemda, year, what, fmt, acting_user=request.user)
            return redirect("documents:batch_export", export_id=export.pk)
    exports = BatchExport.objects.filter(pemda=pemda, year=year).defer("data")[:10]
    recent = [(export, WHATS.get(export.what, export.what)) for export in exports]
    context = {"pemda": pemda, "year": year, "form": form, "total": total, "recent": recent}
    return render(request, "documents/batch.html", context)


@login_required
def batch_export(request: HtmxHttpRequest, export_id: int) -> HttpResponse:
    """The progress of one export; HTMX polls its `progress` fragment until it ends."""
    export = access_batch_export(request.user, export_id)
    context = {"export": export, "what": WHATS.get(export.what, export.what)}
    if request.htmx:
        return render(request, "documents/batch_export.html#progress", context)
    return render(request, "documents/batch_export.html", context)


@login_required
def batch_download(request: HttpRequest, export_id: int) -> HttpResponse:
    export = access_batch_export(request.user, export_id, with_data=True)
    if export.status != BatchExport.Status.DONE or export.data is None:
        raise Http404("Arsip ekspor belum tersedia.")
    name = f"{export.what}-{export.year}-{export.fmt}-{export.pk}.zip"
    return attachment(Produced(name, "application/zip", bytes(export.data)))
