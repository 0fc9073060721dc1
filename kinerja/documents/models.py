"""A pemda's own Word template and the batch exports Bappeda runs."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import Pemda

# One OPD's document takes seconds; minutes without progress mean the worker is gone.
STALL_AFTER = timedelta(minutes=10)


class WordTemplate(models.Model):
    """The DOCX a pemda prints its documents with (letterhead, cover, fonts), holding the
    placeholders of docs/templates/README.md; kept in the database with its backups."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="word_template")
    filename = models.CharField(_("nama berkas"), max_length=200)
    data = models.BinaryField(_("isi berkas"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now=True)

    class Meta:
        verbose_name = _("templat Word pemda")
        verbose_name_plural = _("templat Word pemda")

    def __str__(self) -> str:
        return f"{self.pemda}: {self.filename}"


class BatchExport(models.Model):
    """A batch export of every OPD's document of one year, run in the background; the
    page polls `done` of `total` until the ZIP is ready (or `error` says why not)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="batch_exports")
    year = models.PositiveSmallIntegerField(_("tahun"))
    what = models.CharField(_("dokumen"), max_length=20)
    fmt = models.CharField(_("format"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    done = models.PositiveIntegerField(_("selesai"), default=0)
    current = models.CharField(_("sedang diproses"), max_length=300, blank=True)
    error = models.TextField(_("galat"), blank=True)
    data = models.BinaryField(_("arsip ZIP"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    # Set at every step (progress writes use update(), which skips auto_now): a running
    # export whose process died stops changing, and the page then says so.
    updated_at = models.DateTimeField(_("diperbarui"), default=timezone.now)

    class Meta:
        verbose_name = _("ekspor massal")
        verbose_name_plural = _("ekspor massal")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.pemda} {self.year} {self.what}.{self.fmt}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        """Progress in whole percent."""
        return 100 if not self.total else self.done * 100 // self.total

    @property
    def stalled(self) -> bool:
        """Still "running" but without progress for STALL_AFTER: its process has died."""
        running = self.status == self.Status.RUNNING
        return running and timezone.now() - self.updated_at > STALL_AFTER
