"""Renja (OPD, year, stage, version), RenjaItem tree and the Renja's Indikator.

Pagu is stored on sub kegiatan only; kegiatan, program and grand totals are always
computed (ADR 0003), so a total can never disagree with its parts.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import PerangkatDaerah
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.nomenclature.models import Edition
from kinerja.renstra import models as renstra
from kinerja.renstra.models import (
    MONEY,
    VALUE,
    IndikatorSemantics,
    PlanItem,
    non_negative_unless_allowed,
    plan_item_constraints,
    semantics_constraints,
)


class Renja(models.Model):
    """The work plan of one OPD for year n, at one stage, in one version (perubahan)."""

    class Status(models.TextChoices):
        """Where the Renja is in its review: draf → diajukan → dikembalikan (with the
        verifier's note) or disetujui (locked; changes only in a new version)."""

        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
        DISETUJUI = "disetujui", _("Disetujui")

    class Stage(models.TextChoices):
        RANCANGAN_AWAL = "rancangan_awal", _("Rancangan awal")
        RANCANGAN = "rancangan", _("Rancangan")
        RANCANGAN_AKHIR = "rancangan_akhir", _("Rancangan akhir")
        FINAL = "final", _("Final")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="renja"
    )
    renstra = models.ForeignKey(renstra.Renstra, on_delete=models.PROTECT, related_name="renja")
    year = models.PositiveSmallIntegerField(_("tahun"))
    stage = models.CharField(_("tahap"), max_length=20, choices=Stage.choices)
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    edition = models.ForeignKey(
        Edition, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAF
    )
    catatan_verifikasi = models.TextField(_("catatan verifikator"), blank=True)
    status_changed_at = models.DateTimeField(_("status berubah"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revisi"), default=1, editable=False)

    class Meta:
        verbose_name = _("Renja")
        verbose_name_plural = _("Renja")
        ordering = ["perangkat_daerah", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "year", "stage", "version"], name="renja_unique"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="renja_version_positive"),
            models.CheckConstraint(
                condition=Q(stage__in=["rancangan_awal", "rancangan", "rancangan_akhir", "final"]),
                name="renja_stage_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Renja {self.perangkat_daerah} {self.year}"


class RenjaItem(PlanItem):
    """A program, kegiatan or sub kegiatan of a Renja; only sub kegiatan carry pagu."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="items")
    lokasi = models.CharField(_("lokasi"), max_length=300, blank=True)
    sumber_dana = models.CharField(_("sumber dana"), max_length=100, blank=True)
    catatan_penting = models.TextField(_("catatan penting"), blank=True)
    pagu = models.DecimalField(
        _("pagu indikatif tahun n"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **MONEY,
    )
    pagu_n1 = models.DecimalField(
        _("prakiraan maju pagu n+1"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **MONEY,
    )

    class Meta(PlanItem.Meta):
        verbose_name = _("program/kegiatan Renja")
        verbose_name_plural = _("program/kegiatan Renja")
        constraints = [
            *plan_item_constraints("renjaitem"),
            models.CheckConstraint(
                condition=Q(level="sub_kegiatan") | Q(pagu=None, pagu_n1=None),
                name="renjaitem_pagu_only_on_sub_kegiatan",
            ),
            models.CheckConstraint(
                condition=(Q(pagu=None) | Q(pagu__gte=0)) & (Q(pagu_n1=None) | Q(pagu_n1__gte=0)),
                name="renjaitem_pagu_non_negative",
            ),
        ]


class Indikator(IndikatorSemantics):
    """An indikator of a Renja item with its target for year n and n+1."""

    item = models.ForeignKey(RenjaItem, on_delete=models.CASCADE, related_name="indikator")
    renstra_indikator = models.ForeignKey(
        renstra.Indikator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renja_indikator",
    )
    target = models.DecimalField(_("target tahun n"), null=True, blank=True, **VALUE)
    target_n1 = models.DecimalField(_("target tahun n+1"), null=True, blank=True, **VALUE)

    class Meta(IndikatorSemantics.Meta):
        verbose_name = _("indikator Renja")
        verbose_name_plural = _("indikator Renja")
        constraints = [
            *semantics_constraints("renjaindikator"),
            non_negative_unless_allowed("renjaindikator", "target", "target_n1"),
        ]


# The prose sections of the Renja document in document order (Permendagri 86/2017, BAB I–V).
NARASI_FIELDS = (
    "kata_pengantar",
    "latar_belakang",
    "landasan_hukum",
    "maksud_tujuan",
    "sistematika",
    "evaluasi_renja",
    "analisis_kinerja",
    "isu_penting",
    "review_rkpd",
    "usulan_masyarakat",
    "telaahan_kebijakan",
    "tujuan_sasaran",
    "program_kegiatan",
    "penutup",
)


class RenjaNarasi(models.Model):
    """The prose an OPD writes for its Renja document (BAB I–V) and where and when it signs.

    Text convention of every prose field, so the document builder can lay it out:
    paragraphs are separated by a blank line; a line starting with "- " is a bullet item;
    a line starting with "1. " or "a. " (a number or a letter, then a dot and a space) is a
    numbered item. Headings are not part of the prose; the document prints them.

    `evaluasi_renja` (2.1) may stay empty: the document then generates it from the figures.
    `version` is the optimistic lock: `renja.actions.save_narasi` bumps it on every save
    and refuses a save made from an older version.
    """

    renja = models.OneToOneField(Renja, on_delete=models.CASCADE, related_name="narasi")
    kata_pengantar = models.TextField(_("kata pengantar"), blank=True)
    latar_belakang = models.TextField(_("latar belakang"), blank=True)
    landasan_hukum = models.TextField(_("landasan hukum"), blank=True)
    maksud_tujuan = models.TextField(_("maksud dan tujuan"), blank=True)
    sistematika = models.TextField(_("sistematika penulisan"), blank=True)
    evaluasi_renja = models.TextField(_("evaluasi pelaksanaan Renja tahun lalu"), blank=True)
    analisis_kinerja = models.TextField(_("analisis kinerja pelayanan"), blank=True)
    isu_penting = models.TextField(
        _("isu-isu penting penyelenggaraan tugas dan fungsi"), blank=True
    )
    review_rkpd = models.TextField(_("review terhadap rancangan awal RKPD"), blank=True)
    usulan_masyarakat = models.TextField(
        _("penelaahan usulan program dan kegiatan masyarakat"), blank=True
    )
    telaahan_kebijakan = models.TextField(_("telaahan terhadap kebijakan nasional"), blank=True)
    tujuan_sasaran = models.TextField(_("tujuan dan sasaran Renja"), blank=True)
    program_kegiatan = models.TextField(_("rencana kerja dan pendanaan"), blank=True)
    penutup = models.TextField(_("penutup"), blank=True)
    tempat = models.CharField(
        _("tempat penandatanganan"),
        max_length=100,
        blank=True,
        help_text=_("Misalnya Kuala Tungkal."),
    )
    tanggal = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    cetak_hari = models.BooleanField(
        _("cetak tanggal lengkap"),
        default=True,
        help_text=_("Jika tidak dicentang, hanya bulan dan tahun yang dicetak (September 2023)."),
    )
    version = models.PositiveIntegerField(_("versi"), default=1)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("narasi Renja")
        verbose_name_plural = _("narasi Renja")
        constraints = [
            models.CheckConstraint(
                condition=Q(version__gte=1), name="renjanarasi_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Narasi {self.renja}"


class Jadwal(models.Model):
    """A schedule window of a pemda: when OPD operators may edit their Renja of `year`
    (tahap renja) or report triwulan `triwulan` of it (tahap triwulan), both days included."""

    class Tahap(models.TextChoices):
        RENJA = "renja", _("Penyusunan Renja")
        TRIWULAN = "triwulan", _("Laporan triwulan")

    pemda = models.ForeignKey("accounts.Pemda", on_delete=models.CASCADE, related_name="jadwal")
    year = models.PositiveSmallIntegerField(_("tahun Renja"))
    tahap = models.CharField(_("tahap"), max_length=20, choices=Tahap.choices)
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), null=True, blank=True)
    opens_on = models.DateField(_("dibuka"))
    closes_on = models.DateField(_("ditutup"))

    class Meta:
        verbose_name = _("jadwal")
        verbose_name_plural = _("jadwal")
        ordering = ["pemda", "-year", "tahap", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "year", "tahap"],
                condition=Q(triwulan=None),
                name="jadwal_one_renja_window",
            ),
            models.UniqueConstraint(
                fields=["pemda", "year", "tahap", "triwulan"],
                condition=Q(triwulan__isnull=False),
                name="jadwal_one_window_per_triwulan",
            ),
            models.CheckConstraint(
                condition=Q(tahap="renja", triwulan=None)
                | Q(tahap="triwulan", triwulan__gte=1, triwulan__lte=4),
                name="jadwal_triwulan_matches_tahap",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="jadwal_closes_after_opens"
            ),
        ]

    def __str__(self) -> str:
        what = self.get_tahap_display() + (f" TW {ROMAN[self.triwulan]}" if self.triwulan else "")
        return f"{what} {self.year}: {self.opens_on} s/d {self.closes_on}"


class JadwalPengecualian(models.Model):
    """An audited exception: one OPD may edit until `until` although the window is closed."""

    jadwal = models.ForeignKey(Jadwal, on_delete=models.CASCADE, related_name="pengecualian")
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="jadwal_pengecualian"
    )
    until = models.DateField(_("dibuka sampai"))
    reason = models.TextField(_("alasan"))
    granted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengecualian jadwal")
        verbose_name_plural = _("pengecualian jadwal")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah} s/d {self.until}"
