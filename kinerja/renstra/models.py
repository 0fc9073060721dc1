"""Renstra, its tujuan and sasaran, its item tree, and indikator with yearly targets and realisasi.

Also the two shapes the Renja reuses: `PlanItem` (a program, kegiatan or sub kegiatan row
pointing to its nomenclature entry) and `IndikatorSemantics` (how an indikator is measured).
"""

from decimal import Decimal
from typing import TypedDict

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import PerangkatDaerah
from kinerja.evaluation.values import negative_refusal
from kinerja.nomenclature import models as nomenclature


class DecimalSpec(TypedDict):
    max_digits: int
    decimal_places: int


MONEY = DecimalSpec(max_digits=20, decimal_places=2)  # rupiah, NUMERIC(20,2)
VALUE = DecimalSpec(max_digits=24, decimal_places=6)  # indikator values


class Level(models.TextChoices):
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan")


class Jenis(models.TextChoices):
    JUMLAH = "jumlah", _("Jumlah")
    PERSENTASE = "persentase", _("Persentase")
    RASIO = "rasio", _("Rasio")
    INDEKS = "indeks", _("Indeks")
    KUALITATIF = "kualitatif", _("Kualitatif")


class Polaritas(models.TextChoices):
    POSITIF = "positif", _("Positif (makin tinggi makin baik)")
    NEGATIF = "negatif", _("Negatif (makin rendah makin baik)")


class Sifat(models.TextChoices):
    KUMULATIF = "kumulatif", _("Kumulatif (dijumlahkan)")
    NON_KUMULATIF = "non_kumulatif", _("Non kumulatif (nilai terakhir)")
    RATA_RATA = "rata_rata", _("Rata-rata")


# The fields that make an indikator's semantics, in the order forms and plan files show them.
SEMANTIC_FIELDS = (
    "name",
    "satuan",
    "jenis",
    "polaritas",
    "sifat",
    "decimals",
    "allows_negative",
    "scale",
)


class IndikatorSemantics(models.Model):
    """What an indikator measures and how its periods combine (DESIGN §4); all required."""

    name = models.TextField(_("indikator"))
    satuan = models.CharField(_("satuan"), max_length=100, blank=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    polaritas = models.CharField(_("polaritas"), max_length=20, choices=Polaritas.choices)
    sifat = models.CharField(_("sifat"), max_length=20, choices=Sifat.choices)
    decimals = models.PositiveSmallIntegerField(
        _("desimal"), default=0, validators=[MaxValueValidator(6)]
    )
    allows_negative = models.BooleanField(
        _("boleh negatif"),
        default=False,
        help_text=_(
            "Centang bila nilainya dapat kurang dari 0, mis. tingkat penurunan atau "
            "pertumbuhan yang berbalik arah. Selain itu target dan realisasi negatif ditolak."
        ),
    )
    revision = models.PositiveIntegerField(
        _("revisi"),
        default=1,
        editable=False,
        help_text=_("Naik pada setiap simpan (kunci optimistis)."),
    )
    scale = models.JSONField(
        _("skala kualitatif"),
        default=list,
        blank=True,
        help_text=_(
            "Untuk indikator kualitatif: urutan nilai dari terendah, mis. D, C, CC, B, BB, A."
        ),
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    def negative_refusal(self, value: Decimal | None, what: str) -> str | None:
        """Why `value` may not be this indikator's `what` (None: it may); ADR 0012."""
        return negative_refusal(
            value,
            what=what,
            name=self.name,
            jenis=self.jenis,
            allows_negative=self.allows_negative,
        )


def semantics_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Database guards shared by every indikator table."""
    return [
        models.CheckConstraint(condition=Q(jenis__in=Jenis.values), name=f"{prefix}_jenis_valid"),
        models.CheckConstraint(
            condition=Q(polaritas__in=Polaritas.values), name=f"{prefix}_polaritas_valid"
        ),
        models.CheckConstraint(condition=Q(sifat__in=Sifat.values), name=f"{prefix}_sifat_valid"),
        # A kualitatif value is a position on its scale (1, 2, …), never below 0.
        models.CheckConstraint(
            condition=~Q(jenis=Jenis.KUALITATIF, allows_negative=True),
            name=f"{prefix}_kualitatif_not_negative",
        ),
    ]


def non_negative_unless_allowed(prefix: str, *fields: str) -> models.CheckConstraint:
    """The indikator's own values (targets, kondisi) are ≥ 0 unless it allows negatives."""
    each = Q()
    for name in fields:
        each &= Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0})
    return models.CheckConstraint(
        condition=Q(allows_negative=True) | each, name=f"{prefix}_non_negative_unless_allowed"
    )


class PlanItem(models.Model):
    """A program, kegiatan or sub kegiatan row of a plan, as the plan names it.

    `code` and `name` are as the plan states them (the code may be empty while unknown);
    the nomenclature link of the row's own level points to the edition's entry.
    """

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.CharField(_("tingkat"), max_length=20, choices=Level.choices)
    code = models.CharField(_("kode"), max_length=40, blank=True)
    name = models.TextField(_("nama"))
    order = models.PositiveIntegerField(_("urutan"), default=0)
    revision = models.PositiveIntegerField(
        _("revisi"),
        default=1,
        editable=False,
        help_text=_("Naik pada setiap simpan (kunci optimistis)."),
    )
    nomenclature_program = models.ForeignKey(
        nomenclature.Program, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nomenclature_kegiatan = models.ForeignKey(
        nomenclature.Kegiatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nomenclature_sub_kegiatan = models.ForeignKey(
        nomenclature.SubKegiatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


def plan_item_constraints(prefix: str) -> list[models.BaseConstraint]:
    """A row links only to the nomenclature entry of its own level."""
    return [
        models.CheckConstraint(condition=Q(level__in=Level.values), name=f"{prefix}_level_valid"),
        models.CheckConstraint(
            condition=(
                Q(level="program", nomenclature_kegiatan=None, nomenclature_sub_kegiatan=None)
                | Q(level="kegiatan", nomenclature_program=None, nomenclature_sub_kegiatan=None)
                | Q(level="sub_kegiatan", nomenclature_program=None, nomenclature_kegiatan=None)
            ),
            name=f"{prefix}_nomenclature_matches_level",
        ),
    ]


class Renstra(models.Model):
    """The strategic plan of one OPD over its period (e.g. 2021–2026)."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="renstra"
    )
    first_year = models.PositiveSmallIntegerField(_("tahun awal"))
    last_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    edition = models.ForeignKey(
        nomenclature.Edition, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["perangkat_daerah", "-first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "first_year"], name="renstra_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year"))
                & Q(last_year__lte=models.F("first_year") + 10),
                name="renstra_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.perangkat_daerah} {self.first_year}–{self.last_year}"

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    name = models.TextField(_("tujuan"))
    order = models.PositiveIntegerField(_("urutan"), default=0)
    revision = models.PositiveIntegerField(
        _("revisi"),
        default=1,
        editable=False,
        help_text=_("Naik pada setiap simpan (kunci optimistis)."),
    )

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Sasaran(models.Model):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    name = models.TextField(_("sasaran"))
    order = models.PositiveIntegerField(_("urutan"), default=0)
    revision = models.PositiveIntegerField(
        _("revisi"),
        default=1,
        editable=False,
        help_text=_("Naik pada setiap simpan (kunci optimistis)."),
    )

    class Meta:
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class RenstraItem(PlanItem):
    """A program, kegiatan or sub kegiatan the Renstra plans for."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="items")

    class Meta(PlanItem.Meta):
        verbose_name = _("program/kegiatan Renstra")
        verbose_name_plural = _("program/kegiatan Renstra")
        constraints = plan_item_constraints("renstraitem")


class Indikator(IndikatorSemantics):
    """An indikator of a tujuan, a sasaran or a Renstra item, with its period's figures."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indikator")
    tujuan = models.ForeignKey(
        Tujuan, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        Sasaran, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    item = models.ForeignKey(
        RenstraItem, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    key = models.SlugField(
        _("kunci"), max_length=80, blank=True, help_text=_("Dirujuk oleh indikator Renja.")
    )
    kondisi_awal = models.DecimalField(_("kondisi awal"), null=True, blank=True, **VALUE)
    kondisi_akhir = models.DecimalField(_("kondisi akhir"), null=True, blank=True, **VALUE)

    class Meta(IndikatorSemantics.Meta):
        verbose_name = _("indikator Renstra")
        verbose_name_plural = _("indikator Renstra")
        constraints = [
            *semantics_constraints("renstraindikator"),
            non_negative_unless_allowed("renstraindikator", "kondisi_awal", "kondisi_akhir"),
            models.CheckConstraint(
                condition=(
                    Q(tujuan__isnull=False, sasaran=None, item=None)
                    | Q(tujuan=None, sasaran__isnull=False, item=None)
                    | Q(tujuan=None, sasaran=None, item__isnull=False)
                ),
                name="renstraindikator_one_owner",
            ),
            models.UniqueConstraint(
                fields=["renstra", "key"], condition=~Q(key=""), name="renstraindikator_key_unique"
            ),
        ]


class YearFigure(models.Model):
    """A figure of one Renstra year; a database trigger keeps the year inside the period."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    revision = models.PositiveIntegerField(
        _("revisi"),
        default=1,
        editable=False,
        help_text=_("Naik pada setiap simpan (kunci optimistis)."),
    )

    class Meta:
        abstract = True
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class Target(YearFigure):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(_("target"), **VALUE)

    class Meta(YearFigure.Meta):
        verbose_name = _("target Renstra")
        verbose_name_plural = _("target Renstra")
        constraints = [
            models.UniqueConstraint(fields=["indikator", "year"], name="renstratarget_one_per_year")
        ]


class RealisasiTahunan(YearFigure):
    """Realisasi of a year before the system was used, as the documents printed it."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    value = models.DecimalField(_("realisasi"), null=True, blank=True, **VALUE)
    note = models.TextField(_("catatan"), blank=True)

    class Meta(YearFigure.Meta):
        verbose_name = _("realisasi tahunan")
        verbose_name_plural = _("realisasi tahunan")
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "year"], name="renstrarealisasi_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(note=""),
                name="renstrarealisasi_value_or_note",
            ),
        ]


class Pagu(YearFigure):
    """Yearly pagu of a Renstra item; only leaf items carry pagu, parents are computed."""

    item = models.ForeignKey(RenstraItem, on_delete=models.CASCADE, related_name="pagu")
    amount = models.DecimalField(_("pagu"), **MONEY, validators=[MinValueValidator(0)])

    class Meta(YearFigure.Meta):
        verbose_name = _("pagu Renstra")
        verbose_name_plural = _("pagu Renstra")
        constraints = [
            models.UniqueConstraint(fields=["item", "year"], name="renstrapagu_one_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="renstrapagu_non_negative"),
        ]
