"""What imports keep: the archive of every plan an import replaced (restorable by the admin
pemda, ADR 0011) and the findings of agency files imported with their errors acknowledged."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import Pemda, PerangkatDaerah
from kinerja.renja.models import Renja
from kinerja.renstra.models import Renstra


class ReplacedPlan(models.Model):
    """A Renja or Renstra (with its Renja) as it was just before an import replaced it.

    `plan_file` is its plan file (kinerja-plan YAML, `imports/export.py`) and `manifest`
    what the plan file cannot hold: review statuses and notes, evidence files (name, size,
    sha256, where they were and where the archive keeps them), import findings. Both are
    also written, once the replacing transaction commits, to `folder` under MEDIA_ROOT,
    where the evidence files are moved (ADR 0011).
    """

    class Kind(models.TextChoices):
        RENJA = "renja", _("Renja")
        RENSTRA = "renstra", _("Renstra")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="replaced_plans"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("rencana"), max_length=300)
    year = models.PositiveSmallIntegerField(_("tahun (awal)"))
    last_year = models.PositiveSmallIntegerField(_("tahun akhir"), null=True, blank=True)
    stage = models.CharField(_("tahap"), max_length=20, blank=True)
    version = models.PositiveSmallIntegerField(_("versi"), null=True, blank=True)
    plan_file = models.TextField(_("berkas rencana"))
    manifest = models.JSONField(_("manifes"), default=dict)
    folder = models.CharField(_("folder arsip"), max_length=200, unique=True)
    source = models.CharField(_("diganti oleh berkas"), max_length=300, blank=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replaced_at = models.DateTimeField(_("diganti"), auto_now_add=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    restored_at = models.DateTimeField(_("dipulihkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("rencana yang diganti")
        verbose_name_plural = _("arsip rencana yang diganti")
        ordering = ["-replaced_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["renja", "renstra"]), name="replacedplan_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} (arsip {self.replaced_at:%d-%m-%Y %H:%M})"


class ImportFinding(models.Model):
    """A finding of an agency file that was imported with its errors acknowledged: kept
        with the Renja or Renstra it made, because a printed total or an unreadable cell of the
        file cannot be recomputed from the stored plan. Shown on the Pemeriksaan page, open
    until a writer of the plan marks it resolved."""

    renja = models.ForeignKey(
        Renja, null=True, blank=True, on_delete=models.CASCADE, related_name="import_findings"
    )
    renstra = models.ForeignKey(
        Renstra, null=True, blank=True, on_delete=models.CASCADE, related_name="import_findings"
    )
    source = models.CharField(_("berkas"), max_length=300)
    severity = models.CharField(_("tingkat"), max_length=10)
    rule = models.CharField(_("aturan"), max_length=60)
    message = models.TextField(_("keterangan"))
    # Where the finding points and its figures, as `monitoring.display.finding_json` writes.
    details = models.JSONField(_("letak"), default=dict)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("diimpor"), auto_now_add=True)
    # Open until someone who writes the plan marks it resolved, saying how.
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolution = models.TextField(_("penyelesaian"), blank=True)

    class Meta:
        verbose_name = _("temuan berkas impor")
        verbose_name_plural = _("temuan berkas impor")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(renja__isnull=False, renstra=None)
                | Q(renja=None, renstra__isnull=False),
                name="importfinding_one_plan",
            ),
            models.CheckConstraint(
                condition=Q(severity__in=["error", "warning", "info"]),
                name="importfinding_severity_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.rule} {self.message[:80]}"
