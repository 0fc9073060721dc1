"""Pemda, PerangkatDaerah (with its kepala), User and Membership (role in a pemda or OPD)."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

nip_validator = RegexValidator(r"^\d{18}$", _("NIP terdiri dari 18 angka tanpa spasi."))


class User(AbstractUser):
    """A person who signs in; what they may see comes from their memberships."""

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class Pemda(models.Model):
    """A kabupaten, kota or provinsi government."""

    code = models.CharField(_("kode"), max_length=20, blank=True)
    name = models.CharField(_("nama"), max_length=200, unique=True)
    capital = models.CharField(_("ibu kota"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PerangkatDaerah(models.Model):
    """An agency (OPD) of a pemda and the head who signs its documents."""

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="perangkat_daerah")
    code = models.CharField(
        _("kode"), max_length=40, help_text=_("Kode unit SIPD atau singkatan yang unik di pemda.")
    )
    name = models.CharField(_("nama"), max_length=300)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    bidang_urusan = models.JSONField(
        _("bidang urusan"), default=list, blank=True, help_text=_("Kode bidang urusan, mis. 5.03.")
    )
    kepala_title = models.CharField(_("jabatan kepala"), max_length=300, blank=True)
    kepala_name = models.CharField(_("nama kepala"), max_length=200, blank=True)
    kepala_pangkat = models.CharField(_("pangkat kepala"), max_length=100, blank=True)
    kepala_nip = models.CharField(
        _("NIP kepala"), max_length=18, blank=True, validators=[nip_validator]
    )

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["pemda", "name"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "code"], name="opd_code_unique_in_pemda"),
            models.CheckConstraint(
                condition=Q(kepala_nip="") | Q(kepala_nip__regex=r"^[0-9]{18}$"),
                name="opd_kepala_nip_18_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def kepala_nip_printed(self) -> str:
        """The NIP as documents print it: `19631017 199003 1 005`."""
        nip = self.kepala_nip
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


class Membership(models.Model):
    """A user's role: in the whole pemda (admin, verifier) or in one OPD (editor, viewer)."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin pemda")
        VERIFIER = "verifier", _("Verifikator Bappeda")
        EDITOR = "editor", _("Operator OPD")
        VIEWER = "viewer", _("Pimpinan OPD")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="memberships")
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "pemda", "perangkat_daerah", "role"], name="membership_unique"
            ),
            # NULLs are distinct in a unique index: pemda-wide roles need their own.
            models.UniqueConstraint(
                fields=["user", "pemda", "role"],
                condition=Q(perangkat_daerah__isnull=True),
                name="membership_unique_pemda_wide",
            ),
            # OPD roles need an OPD; pemda-wide roles must not name one.
            models.CheckConstraint(
                condition=(
                    Q(role__in=["editor", "viewer"], perangkat_daerah__isnull=False)
                    | Q(role__in=["admin", "verifier"], perangkat_daerah__isnull=True)
                ),
                name="membership_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.perangkat_daerah or self.pemda}"
