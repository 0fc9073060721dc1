"""Writes of the documents app: a pemda's Word template (audited) and the batch exports
Bappeda runs (each BatchExport row is its own record: who asked, when, what came out)."""

import hashlib
import logging
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import Pemda
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.documents.models import BatchExport, WordTemplate
from kinerja.documents.produce import DocumentError, Produced, batch, zip_files
from kinerja.documents.word_template import check_template
from kinerja.monitoring.queries import renjas_of_year
from kinerja.renja.models import Renja

logger = logging.getLogger(__name__)


class TemplateRejected(Exception):
    """The uploaded DOCX cannot serve as the pemda's template; `problems` say why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic
def save_word_template(
    pemda: Pemda, *, acting_user: Any, filename: str, data: bytes
) -> WordTemplate:
    """Store `data` as the pemda's Word template, replacing the one before; a file that
    `check_template` finds fault with raises TemplateRejected and nothing is stored."""
    problems = check_template(data)
    if problems:
        raise TemplateRejected(problems)
    template = WordTemplate.objects.select_for_update().filter(pemda=pemda).first()
    old = _described(template) if template else {}
    if template is None:
        template = WordTemplate(pemda=pemda)
    template.filename = filename[:200]
    template.data = data
    template.uploaded_by = acting_user
    if template.pk is None:
        template.save(force_insert=True)
    else:
        template.save(update_fields=["filename", "data", "uploaded_by", "uploaded_at"])
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.WORD_TEMPLATE_SAVED,
        obj=template,
        extra_data={"old": old, "new": _described(template)},
    )
    return template


@transaction.atomic
def delete_word_template(pemda: Pemda, *, acting_user: Any) -> bool:
    """Remove the pemda's Word template (documents go back to Kinerja's own layout);
    False when there was none."""
    template = WordTemplate.objects.select_for_update().filter(pemda=pemda).first()
    if template is None:
        return False
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.WORD_TEMPLATE_DELETED,
        obj=template,
        extra_data={"old": _described(template), "new": {}},
    )
    template.delete()
    return True


def _described(template: WordTemplate) -> dict[str, Any]:
    """What the audit keeps of a template: its name, size and fingerprint, not the bytes."""
    data = bytes(template.data)
    return {
        "filename": template.filename,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


# --- Batch exports ---------------------------------------------------------------------


def start_batch(pemda: Pemda, year: int, what: str, fmt: str, *, acting_user: Any) -> BatchExport:
    """Record a batch export of every OPD's Renja of `year` and start it: in a background
    thread, or inline when settings.KINERJA_BATCH_INLINE (tests, debugging)."""
    export = BatchExport.objects.create(
        pemda=pemda,
        year=year,
        what=what,
        fmt=fmt,
        total=len(renjas_of_year(pemda, year)),
        requested_by=acting_user,
    )
    if settings.KINERJA_BATCH_INLINE:
        run_batch(export.pk)
    else:
        worker = threading.Thread(
            target=_run_in_thread, args=(export.pk,), name=f"kinerja-batch-{export.pk}", daemon=True
        )
        # Started once the row is committed, so the thread always finds it.
        transaction.on_commit(worker.start)
    return export


def _run_in_thread(export_id: int) -> None:
    try:
        run_batch(export_id)
    finally:
        # A thread's connections are its own: left open they would leak one per export.
        connections.close_all()


def run_batch(export_id: int) -> None:
    """Produce every Renja's document of the export, step by step, then store the ZIP.

    `done` and `current` (the OPD in the works) are written after each OPD so the page can
    show progress. Whatever goes wrong ends the export as failed with a message a reviewer
    understands; it is never left running.
    """
    export = BatchExport.objects.select_related("pemda").defer("data").get(pk=export_id)
    renjas: list[Renja] = []
    position = 0
    try:
        renjas = renjas_of_year(export.pemda, export.year)
        _update(export_id, total=len(renjas), done=0, current=_opd_name(renjas, 0))

        def progress(done: int, renja: Renja) -> None:
            nonlocal position
            position = done
            _update(export_id, done=done, current=_opd_name(renjas, done))

        files = batch(renjas, export.what, export.fmt, progress=progress)
        archive = zip_files(_unique_names(files))
    except Exception as error:  # every failure must end the export, never leave it running
        logger.exception("batch export %s failed", export_id)
        failed = _opd_name(renjas, position)
        _update(export_id, status=BatchExport.Status.FAILED, error=_message(error, failed))
        return
    _update(export_id, status=BatchExport.Status.DONE, data=archive, current="")


def _update(export_id: int, **fields: Any) -> None:
    BatchExport.objects.filter(pk=export_id).update(**fields, updated_at=timezone.now())


def _opd_name(renjas: list[Renja], index: int) -> str:
    return renjas[index].perangkat_daerah.name[:300] if index < len(renjas) else ""


def _message(error: Exception, opd: str) -> str:
    if isinstance(error, DocumentError):
        reason = str(error).rstrip(".")
    else:
        reason = _("kesalahan tak terduga (%(kind)s); laporkan kepada admin Kinerja") % {
            "kind": type(error).__name__
        }
    if opd:
        return _("Dokumen %(opd)s tidak dapat dibuat: %(reason)s.") % {
            "opd": opd,
            "reason": reason,
        }
    return _("Ekspor tidak dapat diselesaikan: %(reason)s.") % {"reason": reason}


def _unique_names(files: Iterable[Produced]) -> Iterator[Produced]:
    """The files with names made unique (two OPDs may share a short name): `-2`, `-3`…"""
    seen: set[str] = set()
    for produced in files:
        name = produced.filename
        stem, dot, ext = name.rpartition(".")
        number = 1
        while name in seen:
            number += 1
            name = f"{stem}-{number}{dot}{ext}"
        seen.add(name)
        yield Produced(name, produced.content_type, produced.data)
