"""Renja (OPD, year, stage, version), RenjaItem tree and the Renja's Indikator.

Pagu is stored on sub kegiatan only; kegiatan, program and grand totals are always
computed (ADR 0003), so a total can never disagree with its parts.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import PerangkatDaerah
from kinerja.nomenclature.models import Edition
from kinerja.renstra import models as renstra
from kinerja.renstra.models import (
    MONEY,
    VALUE,
    IndikatorSemantics,
    PlanItem,
    plan_item_constraints,
    semantics_constraints,
)


class Renja(models.Model):
    """The work plan of one OPD for year n, at one stage, in one version (perubahan)."""

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
        constraints = semantics_constraints("renjaindikator")
