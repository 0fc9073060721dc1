"""Realisasi per triwulan: kinerja per indikator, anggaran per sub kegiatan, and the
OPD's quarterly narrative (faktor pendorong, penghambat, tindak lanjut) with evidence."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renstra.models import MONEY, VALUE


class Triwulan(models.IntegerChoices):
    I = 1, "Triwulan I"  # noqa: E741 - the quarter's Roman numeral
    II = 2, "Triwulan II"
    III = 3, "Triwulan III"
    IV = 4, "Triwulan IV"


def triwulan_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(_("triwulan"), choices=Triwulan.choices)


def triwulan_check(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(triwulan__gte=1, triwulan__lte=4), name=f"{prefix}_triwulan_1_to_4"
    )


class RealisasiKinerja(models.Model):
    """The value of an indikator for a triwulan (for non_kumulatif ones: at its end)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    triwulan = triwulan_field()
    value = models.DecimalField(_("realisasi"), **VALUE)
    note = models.TextField(_("catatan"), blank=True)
    revision = models.PositiveIntegerField(_("revisi"), default=1, editable=False)

    class Meta:
        verbose_name = _("realisasi kinerja")
        verbose_name_plural = _("realisasi kinerja")
        ordering = ["indikator", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "triwulan"], name="realisasikinerja_one_per_triwulan"
            ),
            triwulan_check("realisasikinerja"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} TW {self.triwulan}: {self.value}"


class RealisasiAnggaran(models.Model):
    """Rupiah spent by a sub kegiatan in a triwulan."""

    item = models.ForeignKey(RenjaItem, on_delete=models.CASCADE, related_name="realisasi_anggaran")
    triwulan = triwulan_field()
    amount = models.DecimalField(_("realisasi anggaran"), **MONEY)
    revision = models.PositiveIntegerField(_("revisi"), default=1, editable=False)

    class Meta:
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        ordering = ["item", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "triwulan"], name="realisasianggaran_one_per_triwulan"
            ),
            triwulan_check("realisasianggaran"),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="realisasianggaran_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} TW {self.triwulan}: {self.amount}"


class LaporanTriwulan(models.Model):
    """The OPD's report of one triwulan of a Renja: its narrative and its review status."""

    class Status(models.TextChoices):
        """draf → diajukan → dikembalikan (with the verifier's note) or diverifikasi (locked)."""

        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="laporan")
    triwulan = triwulan_field()
    faktor_pendorong = models.TextField(_("faktor pendorong"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut triwulan berikutnya"), blank=True)
    tindak_lanjut_renja = models.TextField(_("tindak lanjut Renja berikutnya"), blank=True)
    is_example = models.BooleanField(
        _("data contoh"), default=False, help_text=_("Realisasi triwulan ini adalah data contoh.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAF
    )
    catatan_verifikasi = models.TextField(_("catatan verifikator"), blank=True)
    status_changed_at = models.DateTimeField(_("status berubah"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revisi"), default=1, editable=False)

    class Meta:
        verbose_name = _("laporan triwulan")
        verbose_name_plural = _("laporan triwulan")
        ordering = ["renja", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["renja", "triwulan"], name="laporan_one_per_triwulan"),
            triwulan_check("laporan"),
        ]

    def __str__(self) -> str:
        return f"{self.renja} {self.get_triwulan_display()}"


class Bukti(models.Model):
    """An evidence file attached to a quarterly report."""

    laporan = models.ForeignKey(LaporanTriwulan, on_delete=models.CASCADE, related_name="bukti")
    file = models.FileField(_("berkas"), upload_to="bukti/%Y/")
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis berkas"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")

    def __str__(self) -> str:
        return self.description or self.file.name
