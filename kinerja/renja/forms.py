"""Input shapes of the Renja pages: the narasi (prose of BAB I–V) of a Renja document, and
the inline editing of Tabel 4.1 (an item, an indikator, a new indikator)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kinerja.evaluation.numbers import parse_number
from kinerja.lib.numbers import format_number
from kinerja.renja.actions import REASON_REQUIRED
from kinerja.renja.models import NARASI_FIELDS, Indikator, RenjaItem, RenjaNarasi
from kinerja.renstra.models import Indikator as RenstraIndikator
from kinerja.renstra.models import Jenis, Level, Polaritas, Sifat

PROSE_HELP = _(
    "Pisahkan paragraf dengan satu baris kosong. Baris yang diawali “- ” menjadi butir; "
    "baris yang diawali “1. ” atau “a. ” menjadi butir bernomor."
)
# Rows of each textarea: long sections get room, short ones stay short.
ROWS = {
    "kata_pengantar": 8,
    "latar_belakang": 16,
    "landasan_hukum": 16,
    "maksud_tujuan": 8,
    "sistematika": 10,
    "evaluasi_renja": 6,
    "analisis_kinerja": 10,
    "isu_penting": 12,
    "review_rkpd": 10,
    "usulan_masyarakat": 6,
    "telaahan_kebijakan": 8,
    "tujuan_sasaran": 12,
    "program_kegiatan": 8,
    "penutup": 8,
}


class NarasiForm(forms.ModelForm):
    """The narasi of one Renja with the version it was loaded at (for `save_narasi`)."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = RenjaNarasi
        fields = [*NARASI_FIELDS, "tempat", "tanggal", "cetak_hari"]
        labels = {
            "kata_pengantar": _("Kata Pengantar"),
            "latar_belakang": _("1.1 Latar Belakang"),
            "landasan_hukum": _("1.2 Landasan Hukum"),
            "maksud_tujuan": _("1.3 Maksud dan Tujuan"),
            "sistematika": _("1.4 Sistematika Penulisan"),
            "evaluasi_renja": _("2.1 Evaluasi Pelaksanaan Renja Tahun Lalu"),
            "analisis_kinerja": _("2.2 Analisis Kinerja Pelayanan"),
            "isu_penting": _("2.3 Isu-isu Penting Penyelenggaraan Tugas dan Fungsi"),
            "review_rkpd": _("2.4 Review terhadap Rancangan Awal RKPD"),
            "usulan_masyarakat": _("2.5 Penelaahan Usulan Program dan Kegiatan Masyarakat"),
            "telaahan_kebijakan": _("3.1 Telaahan terhadap Kebijakan Nasional"),
            "tujuan_sasaran": _("3.2 Tujuan dan Sasaran Renja"),
            "program_kegiatan": _("BAB IV Rencana Kerja dan Pendanaan (pengantar)"),
            "penutup": _("BAB V Penutup"),
            "tempat": _("Tempat penandatanganan"),
            "tanggal": _("Tanggal penandatanganan"),
            "cetak_hari": _("Cetak tanggal lengkap (tanpa centang: hanya bulan dan tahun)"),
        }
        help_texts = {
            **dict.fromkeys(NARASI_FIELDS, PROSE_HELP),
            "evaluasi_renja": _("Biarkan kosong agar teks disusun dari angka evaluasi."),
            "program_kegiatan": _(
                "Paragraf pembuka saja; daftar program dan kegiatan disusun dari Renja."
            ),
        }
        widgets = {
            **{name: forms.Textarea(attrs={"rows": rows}) for name, rows in ROWS.items()},
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A narasi not saved yet is version 0: saving it must find none stored.
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Browsers send textarea lines ending in CRLF; the text convention counts LF only.
        for name in NARASI_FIELDS:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].replace("\r\n", "\n").replace("\r", "\n")
        return cleaned

    def narasi_fields(self) -> dict[str, Any]:
        """The cleaned values to pass to `save_narasi(..., **form.narasi_fields())`."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


# --- Inline editing of Tabel 4.1 -------------------------------------------------------
# Numbers are typed the Indonesian way (`1.590.078.504`, `10,3`) and read by the one
# parser; a field shows its stored value the same way, so what is seen is what is typed.

MONEY_EXAMPLE = "1.590.078.504"
VALUE_EXAMPLE = "10,3"
# RenjaItem.pagu is NUMERIC(20,2) and indikator values NUMERIC(24,6): (integer digits, places).
MONEY_DIGITS = (18, 2)
VALUE_DIGITS = (18, 6)


def number_text(value: Decimal | None) -> str:
    """A stored number as a planner types it: `1.590.078.504`, `10,3`, empty for None."""
    if value is None:
        return ""
    return format_number(value.normalize() if value != value.to_integral() else value, None)


class IndonesianNumberField(forms.CharField):
    """A number typed the Indonesian way; cleans to a Decimal, or None when left empty.

    `what` names the field in messages ("Pagu harus angka, mis. 1.590.078.504").
    """

    def __init__(
        self,
        *,
        what: str,
        example: str,
        digits: tuple[int, int],
        allow_negative: bool = True,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.what, self.example, self.digits = what, example, digits
        self.allow_negative = allow_negative

    def prepare_value(self, value: Any) -> Any:
        return number_text(value) if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        parsed = parse_number(text)
        if parsed.value is None:
            hint = f" Maksud Anda {number_text(parsed.likely)}?" if parsed.likely else ""
            raise ValidationError(f"{self.what} harus angka, mis. {self.example}.{hint}")
        return self.checked(parsed.value)

    def checked(self, value: Decimal) -> Decimal:
        whole, places = self.digits
        if value < 0 and not self.allow_negative:
            raise ValidationError(f"{self.what} tidak boleh negatif.")
        exponent = int(value.normalize().as_tuple().exponent)
        if -exponent > places:
            raise ValidationError(f"{self.what} paling banyak {places} angka di belakang koma.")
        if abs(value) >= Decimal(10) ** whole:
            raise ValidationError(f"{self.what} terlalu besar.")
        return value


def money_field(what: str, label: Any) -> IndonesianNumberField:
    return IndonesianNumberField(
        what=what, example=MONEY_EXAMPLE, digits=MONEY_DIGITS, allow_negative=False, label=label
    )


class ItemForm(forms.Form):
    """Lokasi, sumber dana, catatan penting of an item and, on a sub kegiatan only, its pagu
    of years n and n+1; with the revision it was loaded at (for `update_item`)."""

    revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    lokasi = forms.CharField(label=_("Lokasi"), max_length=300, required=False)
    sumber_dana = forms.CharField(label=_("Sumber dana"), max_length=100, required=False)
    pagu = money_field("Pagu", _("Pagu indikatif tahun n (Rp)"))
    pagu_n1 = money_field("Pagu n+1", _("Prakiraan maju pagu n+1 (Rp)"))
    catatan_penting = forms.CharField(
        label=_("Catatan penting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, item: RenjaItem, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_item{item.pk}_%s")
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("initial", {name: getattr(item, name) for name in ITEM_FIELDS})
        kwargs["initial"].setdefault("revision", item.revision)
        super().__init__(*args, **kwargs)
        self.item = item
        year = item.renja.year
        if item.level != Level.SUB_KEGIATAN:
            # Pagu of a program or kegiatan is the sum below it, never typed (ADR 0003).
            del self.fields["pagu"], self.fields["pagu_n1"]
            self.fields["lokasi"].widget.attrs["autofocus"] = True
        else:
            self.fields["pagu"].label = _("Pagu indikatif %(year)d (Rp)") % {"year": year}
            self.fields["pagu_n1"].label = _("Prakiraan maju %(year)d (Rp)") % {"year": year + 1}
            self.fields["pagu"].widget.attrs["autofocus"] = True

    def item_fields(self) -> dict[str, Any]:
        """The cleaned values to pass to `update_item(..., **form.item_fields())`."""
        return {name: self.cleaned_data[name] for name in ITEM_FIELDS if name in self.fields}


ITEM_FIELDS = ("lokasi", "sumber_dana", "pagu", "pagu_n1", "catatan_penting")
INDIKATOR_FIELDS = ("name", "satuan", "target", "target_n1", "allows_negative")
ALLOWS_NEGATIVE_HELP = _(
    "Centang bila target dan realisasinya dapat kurang dari 0, mis. tingkat penurunan atau "
    "pertumbuhan yang berbalik arah. Tanpa centang, angka negatif ditolak."
)


class TargetField(IndonesianNumberField):
    """A target: a number, or for a kualitatif indikator with a scale, one of its labels."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        super().__init__(what=what, example=VALUE_EXAMPLE, digits=VALUE_DIGITS, **kwargs)
        self.scale: list[str] = []

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and self.scale and value == value.to_integral():
            position = int(value)
            if 1 <= position <= len(self.scale):
                return self.scale[position - 1]
        return super().prepare_value(value)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        labels = {label.strip().lower(): n for n, label in enumerate(self.scale, start=1)}
        text = str(value or "").strip().lower()
        if text in labels:
            return Decimal(labels[text])
        return super().to_python(value)


class IndikatorForm(forms.Form):
    """Name, satuan and targets of years n and n+1 of a Renja indikator, with the revision
    it was loaded at; `alasan` appears (and is required for a changed target) once the
    indikator has realisasi."""

    revision = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Indikator"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Nama indikator wajib diisi.")},
    )
    satuan = forms.CharField(label=_("Satuan"), max_length=100, required=False)
    target = TargetField(what="Target", label=_("Target tahun n"))
    target_n1 = TargetField(what="Target n+1", label=_("Target tahun n+1"))
    allows_negative = forms.BooleanField(
        label=_("Boleh negatif"), required=False, help_text=ALLOWS_NEGATIVE_HELP
    )
    alasan = forms.CharField(
        label=_("Alasan perubahan target"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila target diubah: realisasi indikator ini sudah diisi."),
    )

    def __init__(
        self,
        indikator: Indikator,
        *args: Any,
        year: int,
        renstra_targets: tuple[Decimal | None, Decimal | None] = (None, None),
        with_realisasi: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", f"id_indikator{indikator.pk}_%s")
        kwargs.setdefault("label_suffix", "")
        initial = {name: getattr(indikator, name) for name in INDIKATOR_FIELDS}
        # A target not set yet starts from the linked Renstra's target of that year.
        for name, renstra in zip(("target", "target_n1"), renstra_targets, strict=True):
            if initial[name] is None:
                initial[name] = renstra
        kwargs.setdefault("initial", {**initial, "revision": indikator.revision})
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.fields["target"].label = _("Target %(year)d") % {"year": year}
        self.fields["target_n1"].label = _("Target %(year)d") % {"year": year + 1}
        for name in ("target", "target_n1"):
            field = self.fields[name]
            assert isinstance(field, TargetField)
            field.scale = list(indikator.scale) if indikator.jenis == Jenis.KUALITATIF else []
        if indikator.pk and indikator.jenis == Jenis.KUALITATIF:
            del self.fields["allows_negative"]  # a position on a scale is never below 0
        if not with_realisasi:
            del self.fields["alasan"]
        # The panel replaces the row the user was on: the cursor goes where work starts.
        self.fields["target" if indikator.pk else "name"].widget.attrs["autofocus"] = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "alasan" in self.fields and self.target_changed() and not cleaned.get("alasan"):
            self.add_error("alasan", REASON_REQUIRED)
        return cleaned

    def target_changed(self) -> bool:
        return any(
            name in self.cleaned_data and self.cleaned_data[name] != getattr(self.indikator, name)
            for name in ("target", "target_n1")
        )

    def indikator_fields(self) -> dict[str, Any]:
        """The cleaned values to pass to `update_indikator(..., **form.indikator_fields())`."""
        return {name: self.cleaned_data[name] for name in INDIKATOR_FIELDS if name in self.fields}


COPIED_SEMANTICS = ("jenis", "polaritas", "sifat", "decimals", "allows_negative")


class NewIndikatorForm(IndikatorForm):
    """A new indikator of an item: what it measures (jenis, polaritas, sifat, decimals) and,
    optionally, the Renstra indikator it carries into the Renja."""

    renstra_indikator = forms.ModelChoiceField(
        label=_("Indikator Renstra"),
        queryset=RenstraIndikator.objects.none(),
        required=False,
        empty_label=_("(tidak ditautkan)"),
        help_text=_("Memilih indikator Renstra mengisi nama, satuan dan target dari Renstra."),
    )
    jenis = forms.ChoiceField(label=_("Jenis"), choices=Jenis.choices, initial=Jenis.JUMLAH)
    polaritas = forms.ChoiceField(
        label=_("Polaritas"), choices=Polaritas.choices, initial=Polaritas.POSITIF
    )
    sifat = forms.ChoiceField(label=_("Sifat"), choices=Sifat.choices, initial=Sifat.KUMULATIF)
    decimals = forms.IntegerField(
        label=_("Jumlah desimal"),
        min_value=0,
        max_value=6,
        initial=0,
        error_messages={"max_value": _("Jumlah desimal paling banyak 6.")},
    )

    field_order = ["renstra_indikator", "name", "satuan", "jenis", "polaritas", "sifat"]

    def __init__(
        self, item: RenjaItem, *args: Any, year: int, renstra_indikator: Any = None, **kwargs: Any
    ) -> None:
        draft = Indikator(item=item, revision=1)
        if renstra_indikator is not None:
            for name in (*COPIED_SEMANTICS, "name", "satuan", "scale"):
                setattr(draft, name, getattr(renstra_indikator, name))
        elif item.nomenclature_sub_kegiatan_id is not None:
            # The decree names a sub kegiatan's indikator and satuan: a starting point.
            entry = item.nomenclature_sub_kegiatan
            draft.name, draft.satuan = entry.indikator, entry.satuan  # type: ignore[union-attr]
        kwargs.setdefault("auto_id", f"id_baru{item.pk}_%s")
        super().__init__(draft, *args, year=year, **kwargs)
        self.fields["revision"].required = False
        queryset = RenstraIndikator.objects.filter(renstra_id=item.renja.renstra_id)
        self.fields["renstra_indikator"].queryset = queryset.order_by("order", "id")  # type: ignore[attr-defined]
        self.fields["renstra_indikator"].label_from_instance = renstra_label  # type: ignore[attr-defined]
        if renstra_indikator is not None:
            self.initial.update(
                renstra_indikator=renstra_indikator.pk,
                **{n: getattr(draft, n) for n in COPIED_SEMANTICS},
            )

    def indikator_fields(self) -> dict[str, Any]:
        names = (*INDIKATOR_FIELDS, "renstra_indikator", *COPIED_SEMANTICS)
        return {name: self.cleaned_data[name] for name in names}


def renstra_label(indikator: RenstraIndikator) -> str:
    key = f" [{indikator.key}]" if indikator.key else ""
    return f"{indikator.name}{key}"
