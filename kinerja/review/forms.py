"""Input shapes of the review pages: a decision with its note, a perubahan's reason, a jadwal
window and an exception for one OPD. The rules themselves live in the actions."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import PerangkatDaerah
from kinerja.renja.models import Jadwal
from kinerja.renja.transitions import NOTE_REQUIRED

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
DATE_INVALID = _("Tulis tanggal sebagai hari-bulan-tahun, mis. 31-01-2025.")


def date_field(label: Any, required: Any) -> forms.DateField:
    """A date typed as the browser's date picker sends it, or as dd-mm-yyyy."""
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": required, "invalid": DATE_INVALID},
    )


class DecisionForm(forms.Form):
    """A transition: the note (required to return) and the revision the page showed."""

    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, note_required: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", False)  # several decisions share a page
        super().__init__(*args, **kwargs)
        self.note_required = note_required

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if self.note_required and not note:
            raise forms.ValidationError(NOTE_REQUIRED)
        return note


class PerubahanForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan perubahan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan perubahan wajib diisi.")},
    )


# The jadwal windows of a year: a key per row of the jadwal page.
SLOTS = {
    "renja": (Jadwal.Tahap.RENJA, None),
    "tw1": (Jadwal.Tahap.TRIWULAN, 1),
    "tw2": (Jadwal.Tahap.TRIWULAN, 2),
    "tw3": (Jadwal.Tahap.TRIWULAN, 3),
    "tw4": (Jadwal.Tahap.TRIWULAN, 4),
}


class JadwalForm(forms.Form):
    """One window (its row, a key of SLOTS, is posted beside it as `slot`); `loaded` is the
    window the page showed ("" when there was none)."""

    opens_on = date_field(_("Tanggal dibuka"), _("Tanggal dibuka wajib diisi."))
    closes_on = date_field(_("Tanggal ditutup"), _("Tanggal ditutup wajib diisi."))
    loaded = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on", _("Tanggal ditutup harus sama dengan atau sesudah tanggal dibuka.")
            )
        return data


class PengecualianForm(forms.Form):
    slot = forms.ChoiceField(
        label=_("Jadwal"),
        error_messages={
            "required": _("Pilih jadwal yang dikecualikan."),
            "invalid_choice": _("Pilih jadwal yang sudah ditetapkan untuk tahun ini."),
        },
    )
    perangkat_daerah = forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.none(),
        error_messages={
            "required": _("Pilih perangkat daerah."),
            "invalid_choice": _("Pilih perangkat daerah dari pemda ini."),
        },
    )
    until = date_field(_("Dibuka sampai"), _("Tanggal 'dibuka sampai' wajib diisi."))
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Alasan pengecualian wajib diisi.")},
    )

    def __init__(
        self,
        *args: Any,
        opds: QuerySet[PerangkatDaerah],
        slots: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["perangkat_daerah"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = opds
        slot = self.fields["slot"]
        assert isinstance(slot, forms.ChoiceField)
        slot.choices = [("", "—"), *slots]
