"""Forms of the admin pemda's settings pages: a perangkat daerah, a new user, a role, a
password. Input shape only; the rules (unique codes, the last admin) live in actions."""

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.actions import OPD_ROLES
from kinerja.accounts.models import Membership, PerangkatDaerah, User, nip_validator


class PerangkatDaerahForm(forms.ModelForm):
    """The OPD's identity and its kepala; `loaded` is the fingerprint the page was built from."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PerangkatDaerah
        fields = [
            "code",
            "name",
            "short_name",
            "kepala_title",
            "kepala_name",
            "kepala_pangkat",
            "kepala_nip",
        ]
        help_texts = {
            "kepala_nip": _("18 angka; boleh diketik dengan spasi, mis. 19631017 199003 1 005."),
            "kepala_title": _("Mis. Kepala Badan Kepegawaian dan Pengembangan SDM Daerah."),
            "kepala_pangkat": _("Mis. Pembina Utama Muda (IV/c)."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Typed with spaces as printed (`19631017 199003 1 005`): up to 21 characters.
        nip = self.fields["kepala_nip"]
        assert isinstance(nip, forms.CharField)
        nip.max_length = 30
        nip.widget.attrs.update(maxlength=30, inputmode="numeric")
        nip.validators = []
        if self.instance.kepala_nip:
            self.initial["kepala_nip"] = self.instance.kepala_nip_printed

    def clean_kepala_nip(self) -> str:
        nip = "".join(self.cleaned_data.get("kepala_nip", "").split())
        if nip:
            nip_validator(nip)
        return nip

    def _post_clean(self) -> None:
        """No model validation here: the action checks the code against the pemda (the
        model's constraints would need the pemda, which is not a field) and writes."""

    def opd_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def role_choices() -> list[tuple[str, Any]]:
    return [("", "---------"), *Membership.Role.choices]


class RoleForm(forms.Form):
    """One role: pemda-wide (admin, verifier) or in one OPD of the pemda (operator, pimpinan)."""

    role = forms.ChoiceField(label=_("Peran"), choices=role_choices)
    perangkat_daerah = forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.none(),
        required=False,
        help_text=_(
            "Wajib untuk operator dan pimpinan OPD; kosongkan untuk admin dan verifikator."
        ),
    )

    def __init__(self, *args: Any, opds: QuerySet[PerangkatDaerah], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["perangkat_daerah"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = opds

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, opd = data.get("role"), data.get("perangkat_daerah")
        if role in OPD_ROLES and opd is None:
            self.add_error(
                "perangkat_daerah",
                _("Pilih perangkat daerah: operator dan pimpinan OPD bekerja di satu OPD."),
            )
        elif role and role not in OPD_ROLES and opd is not None:
            self.add_error(
                "perangkat_daerah",
                _("Kosongkan perangkat daerah: admin pemda dan verifikator mencakup pemda."),
            )
        return data


class PasswordForm(forms.Form):
    """A password set by the admin; left empty, Kinerja makes one and shows it once."""

    password = forms.CharField(
        label=_("Kata sandi"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Kosongkan agar Kinerja membuatkan kata sandi acak yang ditampilkan sekali."),
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password", "")
        if password:
            # Django's four validators (settings): length, common, all digits, and too
            # like the user's own name (hence the user).
            validate_password(password, self.password_owner())
        return password

    def password_owner(self) -> User | None:
        return self.user


class UserCreateForm(RoleForm, PasswordForm):
    """A new user of the pemda with their first role."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Untuk masuk; huruf, angka dan @ . + - _ saja, tanpa spasi."),
    )
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)

    field_order = ["username", "full_name", "role", "perangkat_daerah", "password"]

    def password_owner(self) -> User:
        """The user to be: cleaned before the password (field order), so it can be compared."""
        data = self.cleaned_data
        return User(username=data.get("username", ""), first_name=data.get("full_name", ""))
