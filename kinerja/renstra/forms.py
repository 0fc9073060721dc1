"""Input shapes of the Renstra editors: tujuan, sasaran, items, indikator, and the yearly
figures of the period in one row of inputs, typed as Indonesian numbers (`10,3`, `1.500`).

Each form carries the revision of every row it loaded (hidden fields), for the action's
stale check, and gives the action what it needs (`values()`, `years()`). Error messages
name the field and the year ("Target 2024 harus angka, mis. 10,3").
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from kinerja.evaluation.numbers import parse_number
from kinerja.lib.numbers import format_number
from kinerja.renstra.actions import KONDISI, MAX_DECIMALS
from kinerja.renstra.figures import YearInput
from kinerja.renstra.models import MONEY, VALUE, Jenis, Polaritas, Sifat

SIFAT_HELP = (
    "Kumulatif: nilai setiap periode dijumlahkan (mis. jumlah dokumen); non kumulatif: "
    "yang dipakai nilai periode terakhir (mis. indeks, persentase); rata-rata: nilai "
    "setiap periode dirata-ratakan."
)


def display_number(value: Decimal | None, scale: list[str] | tuple[str, ...] = ()) -> str:
    """A stored value as an input shows it: `10,3`, `1.500`, or its label on a scale."""
    if value is None:
        return ""
    if scale and value == value.to_integral_value() and 1 <= int(value) <= len(scale):
        return scale[int(value) - 1]
    return format_number(value.normalize())


class NumberField(forms.CharField):
    """An Indonesian number typed by a user, read by `parse_number` into an exact Decimal.

    `example` goes into the error message; `decimal_places` and `max_digits` are those of
    the column; a kualitatif indikator's `scale` labels are accepted as their position.
    """

    def __init__(
        self,
        *,
        example: str = "10,3",
        decimal_places: int = VALUE["decimal_places"],
        max_digits: int = VALUE["max_digits"],
        minimum: Decimal | None = None,
        scale: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("required", False)
        attrs = {"inputmode": "decimal", "autocomplete": "off", "size": 9, "class": "num"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)
        self.example, self.minimum = example, minimum
        self.decimal_places, self.max_digits = decimal_places, max_digits
        self.scale = list(scale)
        # Year inputs sit under a year header; the label names them for screen readers.
        self.widget.attrs.setdefault("aria-label", str(self.label))

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        labels = {label.lower(): position for position, label in enumerate(self.scale, 1)}
        if text.lower() in labels:
            return Decimal(labels[text.lower()])
        parsed = parse_number(text)
        if parsed.value is None:
            raise ValidationError(self._not_a_number(parsed.message), code="invalid")
        self._check_size(parsed.value)
        return parsed.value

    def _not_a_number(self, detail: str) -> str:
        labels = f" atau salah satu dari {', '.join(self.scale)}" if self.scale else ""
        hint = f" ({detail})" if detail else ""
        return f"{self.label} harus angka{labels}, mis. {self.example}{hint}."

    def _check_size(self, value: Decimal) -> None:
        exponent = int(value.normalize().as_tuple().exponent)
        if -exponent > self.decimal_places:
            raise ValidationError(
                f"{self.label} paling banyak {self.decimal_places} angka di belakang koma.",
                code="decimal_places",
            )
        if abs(value) >= Decimal(10) ** (self.max_digits - self.decimal_places):
            raise ValidationError(f"{self.label} terlalu besar.", code="max_digits")
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(f"{self.label} tidak boleh negatif.", code="min_value")

    def prepare_value(self, value: Any) -> Any:
        return display_number(value, self.scale) if isinstance(value, Decimal) else value


def revision_field() -> forms.IntegerField:
    return forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


def name_field(what: str) -> forms.CharField:
    return forms.CharField(
        label=f"Nama {what}",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": f"Nama {what} wajib diisi."},
    )


def order_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="Urutan",
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"size": 4, "class": "order"}),
        error_messages={"invalid": "Urutan harus bilangan bulat, mis. 3."},
        help_text="Urutan tampil di antara baris sejenis; kosongkan untuk menaruh baris baru "
        "paling akhir.",
    )


class RowForm(forms.Form):
    """Fields of a tujuan, sasaran or item (and an indikator's semantics), with the revision
    the row had when loaded."""

    revision = revision_field()

    def values(self) -> dict[str, Any]:
        """The typed fields for the action; an empty order keeps the stored one."""
        values = {k: v for k, v in self.cleaned_data.items() if k != "revision"}
        if values.get("order") is None:
            values.pop("order", None)
        return values


class GoalForm(RowForm):
    """A tujuan or a sasaran: name and order."""

    def __init__(self, *args: Any, what: str = "tujuan", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"] = name_field(what)
        self.fields["order"] = order_field()


class ItemForm(RowForm):
    """A program, kegiatan or sub kegiatan: code, name and order."""

    code = forms.RegexField(
        label="Kode",
        regex=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"size": 18}),
        error_messages={
            "invalid": "Kode berisi angka yang dipisah titik, mis. 5.03.02.2.01.",
            "max_length": "Kode paling panjang 40 karakter.",
        },
        help_text="Boleh kosong bila kodenya belum diketahui.",
    )

    def __init__(self, *args: Any, what: str = "program", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"] = name_field(what)
        self.fields["order"] = order_field()


class IndikatorForm(RowForm):
    """What an indikator measures: name, satuan, jenis, polaritas, sifat, decimals,
    allows_negative, scale."""

    name = name_field("indikator")
    satuan = forms.CharField(
        label="Satuan",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"size": 12}),
        help_text="Mis. Dokumen, Orang, %, Indeks.",
    )
    jenis = forms.ChoiceField(label="Jenis", choices=Jenis.choices, initial=Jenis.JUMLAH)
    polaritas = forms.ChoiceField(
        label="Polaritas", choices=Polaritas.choices, initial=Polaritas.POSITIF
    )
    sifat = forms.ChoiceField(
        label="Sifat", choices=Sifat.choices, initial=Sifat.KUMULATIF, help_text=SIFAT_HELP
    )
    decimals = forms.IntegerField(
        label="Desimal",
        min_value=0,
        max_value=MAX_DECIMALS,
        initial=0,
        widget=forms.NumberInput(attrs={"size": 3}),
        error_messages={
            "required": "Desimal wajib diisi (0 bila bilangan bulat).",
            "invalid": f"Desimal harus bilangan bulat 0 sampai {MAX_DECIMALS}.",
            "min_value": f"Desimal harus 0 sampai {MAX_DECIMALS}.",
            "max_value": f"Desimal harus 0 sampai {MAX_DECIMALS}.",
        },
        help_text="Angka di belakang koma yang dicetak.",
    )
    allows_negative = forms.BooleanField(
        label="Boleh negatif",
        required=False,
        help_text="Centang bila target dan realisasinya dapat kurang dari 0, mis. tingkat "
        "penurunan atau pertumbuhan yang berbalik arah. Tanpa centang, angka negatif ditolak.",
    )
    scale = forms.CharField(
        label="Skala (kualitatif)",
        required=False,
        widget=forms.TextInput(attrs={"size": 24}),
        help_text="Hanya untuk jenis kualitatif: label dari terendah, dipisah koma, "
        "mis. D, C, B, A.",
    )
    order = order_field()

    def __init__(
        self, data: Any = None, *, initial: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        initial = dict(initial or {})
        if isinstance(initial.get("scale"), list):
            initial["scale"] = ", ".join(initial["scale"])
        super().__init__(data, initial=initial, **kwargs)

    def clean_scale(self) -> list[str]:
        labels = [label.strip() for label in self.cleaned_data["scale"].split(",")]
        labels = [label for label in labels if label]
        doubled = sorted({label for label in labels if labels.count(label) > 1})
        if doubled:
            raise ValidationError(f"Skala berisi label ganda: {', '.join(doubled)}.")
        return labels

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("scale") and cleaned.get("jenis") != Jenis.KUALITATIF:
            self.add_error("scale", "Skala hanya diisi untuk indikator berjenis kualitatif.")
        if cleaned.get("allows_negative") and cleaned.get("jenis") == Jenis.KUALITATIF:
            self.add_error("allows_negative", "Indikator kualitatif tidak dapat bernilai negatif.")
        return cleaned


def initial_of(row: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The stored fields of `row` (and its revision) as a form's initial values."""
    return {name: getattr(row, name) for name in (*names, "revision")}


# --- Yearly figures --------------------------------------------------------------------


class YearsForm(forms.Form):
    """One input per Renstra year in one row, each with the revision of its stored row.

    Subclasses name the figure (`label`, `field`) and build its input (`year_field`);
    `rows` are the stored rows by year, for the initial values and revisions.
    """

    label = "Target"
    field = "value"

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        years: Iterable[int],
        rows: Mapping[int, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.year_list = list(years)
        for year in self.year_list:
            row = rows.get(year)
            self.fields[f"v{year}"] = self.year_field(year)
            self.fields[f"v{year}"].initial = getattr(row, self.field) if row else None
            self.fields[f"r{year}"] = revision_field()
            self.fields[f"r{year}"].initial = row.revision if row else 0

    def year_field(self, year: int) -> forms.Field:
        return NumberField(label=f"{self.label} {year}")

    def year_values(self, year: int) -> dict[str, Any] | None:
        """The typed figure of `year` for the action; None when the year is cleared."""
        value = self.cleaned_data[f"v{year}"]
        return None if value is None else {self.field: value}

    def years(self) -> dict[int, YearInput]:
        return {
            year: YearInput(self.year_values(year), self.cleaned_data[f"r{year}"] or 0)
            for year in self.year_list
        }

    def cells(self) -> list[tuple[int, list[forms.BoundField]]]:
        """(year, its visible inputs) in order, for a table of one column per year."""
        return [(year, [self[f"v{year}"]]) for year in self.year_list]

    def refresh(self, rows: Mapping[int, Any]) -> list[str]:
        """After a stale save: keep what was typed, take the revisions stored now (so the
        user can look and save again) and give the stored figures, one text per input column."""
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        for year in self.year_list:
            row = rows.get(year)
            data[self.add_prefix(f"r{year}")] = str(row.revision) if row else "0"
        self.data = data
        return [self.stored_text(rows.get(year)) for year in self.year_list]

    def stored_text(self, row: Any) -> str:
        if row is None:
            return "–"
        return display_number(getattr(row, self.field), self.scale()) or "–"

    def scale(self) -> list[str]:
        return []


class ReasonMixin(forms.Form):
    """Why a figure of a year whose Renja is disetujui changed (the action says when it must)."""

    alasan = forms.CharField(
        label="Alasan perubahan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wajib bila mengubah tahun yang Renja-nya sudah disetujui; dicatat pada "
        "jejak audit.",
    )


class TargetsForm(YearsForm, ReasonMixin):
    """Kondisi awal, the target of every year, kondisi akhir: one row, as the table prints."""

    def __init__(self, data: Any = None, *, indikator: Any, **kwargs: Any) -> None:
        self.indikator = indikator
        super().__init__(data, **kwargs)
        self.fields["kondisi_awal"] = self._number("Kondisi awal", indikator.kondisi_awal)
        self.fields["kondisi_akhir"] = self._number("Kondisi akhir", indikator.kondisi_akhir)
        self.fields["revision"] = revision_field()
        self.fields["revision"].initial = indikator.revision

    def _number(self, label: str, initial: Decimal | None) -> NumberField:
        field = NumberField(label=label, scale=self.indikator.scale)
        field.initial = initial
        return field

    def year_field(self, year: int) -> forms.Field:
        return NumberField(label=f"Target {year}", scale=self.indikator.scale)

    def kondisi(self) -> dict[str, Decimal | None]:
        return {name: self.cleaned_data[name] for name in ("kondisi_awal", "kondisi_akhir")}

    def scale(self) -> list[str]:
        return list(self.indikator.scale)

    def refresh_with(self, rows: Mapping[int, Any], indikator: Any) -> list[str]:
        """`refresh`, with kondisi awal and akhir at both ends as the inputs are."""
        texts = self.refresh(rows)
        self.data[self.add_prefix("revision")] = str(indikator.revision)  # type: ignore[index]
        awal, akhir = (display_number(getattr(indikator, n), self.scale()) or "–" for n in KONDISI)
        return [awal, *texts, akhir]


class RealisasiForm(YearsForm):
    """Realisasi of each year: a number, a note (what the source printed instead), or both."""

    label = "Realisasi"

    def __init__(self, data: Any = None, *, indikator: Any, **kwargs: Any) -> None:
        self.indikator = indikator
        super().__init__(data, **kwargs)
        rows = kwargs["rows"]
        for year in self.year_list:
            note = forms.CharField(label=f"Catatan realisasi {year}", required=False)
            note.widget.attrs.update({"size": 9, "placeholder": "catatan"})
            note.initial = rows[year].note if year in rows else ""
            self.fields[f"n{year}"] = note

    def year_field(self, year: int) -> forms.Field:
        return NumberField(label=f"Realisasi {year}", scale=self.indikator.scale)

    def year_values(self, year: int) -> dict[str, Any] | None:
        value, note = self.cleaned_data[f"v{year}"], self.cleaned_data[f"n{year}"]
        return None if value is None and not note else {"value": value, "note": note}

    def cells(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [(year, [self[f"v{year}"], self[f"n{year}"]]) for year in self.year_list]

    def scale(self) -> list[str]:
        return list(self.indikator.scale)

    def stored_text(self, row: Any) -> str:
        if row is None:
            return "–"
        value = display_number(row.value, self.scale())
        return " · ".join(text for text in (value, row.note) if text) or "–"


class PaguForm(YearsForm, ReasonMixin):
    """Pagu indikatif (rupiah) of each year of a leaf item."""

    label = "Pagu"
    field = "amount"

    def year_field(self, year: int) -> forms.Field:
        return NumberField(
            label=f"Pagu {year}",
            example="1.500.000",
            decimal_places=MONEY["decimal_places"],
            max_digits=MONEY["max_digits"],
            minimum=Decimal(0),
        )
