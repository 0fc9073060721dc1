"""One Edition per decree, and its five levels of codes, each unique within the edition."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Edition(models.Model):
    """A decree's code list, e.g. Kepmendagri 900.1.15.5-1317/2023."""

    code = models.CharField(_("nomor keputusan"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=300, blank=True)
    sub_kegiatan_digits = models.PositiveSmallIntegerField(
        _("digit sub kegiatan"),
        default=4,
        help_text=_("2 sampai 050-5889/2021, 4 sejak 1317/2023."),
    )

    class Meta:
        verbose_name = _("edisi nomenklatur")
        verbose_name_plural = _("edisi nomenklatur")

    def __str__(self) -> str:
        return self.code


class Entry(models.Model):
    """Fields every level shares: the edition, the full code and the official name."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nomenklatur"), max_length=500)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


def unique_code(model: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["edition", "code"], name=f"{model}_code_unique")


class Urusan(Entry):
    class Meta(Entry.Meta):
        verbose_name = _("urusan")
        verbose_name_plural = _("urusan")
        constraints = [unique_code("urusan")]


class BidangUrusan(Entry):
    urusan = models.ForeignKey(Urusan, on_delete=models.CASCADE, related_name="bidang")

    class Meta(Entry.Meta):
        verbose_name = _("bidang urusan")
        verbose_name_plural = _("bidang urusan")
        constraints = [unique_code("bidangurusan")]


class Program(Entry):
    bidang_urusan = models.ForeignKey(
        BidangUrusan, on_delete=models.CASCADE, related_name="programs"
    )

    class Meta(Entry.Meta):
        verbose_name = _("program")
        verbose_name_plural = _("program")
        constraints = [unique_code("program")]


class Kegiatan(Entry):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")

    class Meta(Entry.Meta):
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        constraints = [unique_code("kegiatan")]


class SubKegiatan(Entry):
    """A sub kegiatan with the decree's kinerja, indikator and satuan."""

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")
    kinerja = models.TextField(_("kinerja"), blank=True)
    indikator = models.TextField(_("indikator"), blank=True)
    satuan = models.CharField(_("satuan"), max_length=100, blank=True)

    class Meta(Entry.Meta):
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")
        constraints = [unique_code("subkegiatan")]
