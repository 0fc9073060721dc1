"""AuditEvent: who did what to which object, when, before and after, and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One append-only row per state change; database triggers refuse UPDATE, DELETE, TRUNCATE."""

    class Type(models.TextChoices):
        PLAN_IMPORTED = "plan_imported", _("Rencana diimpor")
        DEMO_LOADED = "demo_loaded", _("Data demo dimuat")
        NOMENCLATURE_IMPORTED = "nomenclature_imported", _("Nomenklatur diimpor")
        USER_CREATED = "user_created", _("Pengguna dibuat")
        USER_UPDATED = "user_updated", _("Pengguna diubah")
        MEMBERSHIP_SET = "membership_set", _("Peran pengguna ditetapkan")
        NARASI_SAVED = "narasi_saved", _("Narasi Renja disimpan")
        WORD_TEMPLATE_SAVED = "word_template_saved", _("Templat Word pemda disimpan")
        WORD_TEMPLATE_DELETED = "word_template_deleted", _("Templat Word pemda dihapus")
        PLAN_EDITED = "plan_edited", _("Rencana diubah")
        PLAN_ITEM_ADDED = "plan_item_added", _("Baris rencana ditambahkan")
        PLAN_ITEM_REMOVED = "plan_item_removed", _("Baris rencana dihapus")
        REALISASI_SAVED = "realisasi_saved", _("Realisasi disimpan")
        LAPORAN_SAVED = "laporan_saved", _("Laporan triwulan disimpan")
        BUKTI_ADDED = "bukti_added", _("Bukti diunggah")
        BUKTI_REMOVED = "bukti_removed", _("Bukti dihapus")
        STATUS_CHANGED = "status_changed", _("Status diubah")
        RENJA_VERSION_CREATED = "renja_version_created", _("Perubahan Renja dibuat")
        JADWAL_SET = "jadwal_set", _("Jadwal ditetapkan")
        JADWAL_EXCEPTION = "jadwal_exception", _("Pengecualian jadwal diberikan")
        OPD_SAVED = "opd_saved", _("Perangkat daerah disimpan")
        LOGIN_LOCKED_OUT = "login_locked_out", _("Masuk dikunci sementara (kata sandi salah)")
        LOGIN_UNLOCKED = "login_unlocked", _("Kunci masuk dibuka")
        PLAN_REPLACED = "plan_replaced", _("Rencana diganti (diarsipkan)")
        PLAN_RESTORED = "plan_restored", _("Rencana dipulihkan dari arsip")
        IMPORT_FINDING_RESOLVED = "import_finding_resolved", _("Temuan berkas impor diselesaikan")

    event_time = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event_type = models.CharField(_("jenis"), max_length=40, choices=Type.choices)
    object_type = models.CharField(_("jenis objek"), max_length=60)
    object_id = models.CharField(_("id objek"), max_length=40)
    object_label = models.CharField(_("objek"), max_length=300, blank=True)
    extra_data = models.JSONField(_("sebelum/sesudah"), default=dict, blank=True)
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-event_time", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "event_time"])]

    def __str__(self) -> str:
        return f"{self.event_time:%Y-%m-%d %H:%M} {self.event_type} {self.object_label}"
