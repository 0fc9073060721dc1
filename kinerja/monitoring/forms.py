"""Input shapes of the realisasi page: a realisasi kinerja or anggaran typed the Indonesian
way (`1.590.078.504`, `10,3`), the laporan's narrative, and an evidence file (its type
checked by extension and by content, its size). Every form carries the revision it was
loaded at, for the action's stale-edit check."""

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from kinerja.evaluation.numbers import parse_number
from kinerja.monitoring.actions import LAPORAN_FIELDS, MAX_BUKTI_BYTES
from kinerja.monitoring.entry import ROMAN, is_scaled
from kinerja.monitoring.models import LaporanTriwulan
from kinerja.renja.models import Indikator, RenjaItem

VALUE_PLACES = 6  # renstra.models.VALUE
MONEY_PLACES = 2  # renstra.models.MONEY
LIMIT = Decimal(10) ** 18  # both leave 18 digits before the decimal point
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Allowed evidence: extension → (content type, name, how the file starts, a member an
# Office file must hold). A file must both carry the extension and start as that type.
BUKTI_TYPES: dict[str, tuple[str, str, bytes, str]] = {
    ".pdf": ("application/pdf", "PDF", b"%PDF-", ""),
    ".jpg": ("image/jpeg", "JPG", b"\xff\xd8\xff", ""),
    ".jpeg": ("image/jpeg", "JPG", b"\xff\xd8\xff", ""),
    ".png": ("image/png", "PNG", b"\x89PNG\r\n\x1a\n", ""),
    ".docx": (DOCX, "DOCX", b"PK\x03\x04", "word/document.xml"),
    ".xlsx": (XLSX, "XLSX", b"PK\x03\x04", "xl/workbook.xml"),
}
ACCEPT = ",".join(BUKTI_TYPES)


def parse_figure(text: str, label: str, *, places: int, negative: bool = True) -> Decimal | None:
    """`text` read as an Indonesian number, None when empty; `ValidationError` naming `label`."""
    text = text.strip()
    if not text:
        return None
    parsed = parse_number(text)
    value = parsed.value
    if value is None:
        problem = parsed.message or _t("'%(text)s' bukan angka") % {"text": text}
        raise forms.ValidationError(
            _t("%(label)s: %(problem)s; tulis angka seperti 1.250 atau 10,5.")
            % {"label": label, "problem": problem}
        )
    if not negative and value < 0:
        raise forms.ValidationError(_t("%(label)s tidak boleh negatif.") % {"label": label})
    if value.as_tuple().exponent < -places:  # type: ignore[operator]
        raise forms.ValidationError(
            _t("%(label)s: paling banyak %(places)d angka di belakang koma.")
            % {"label": label, "places": places}
        )
    if abs(value) >= LIMIT:
        raise forms.ValidationError(_t("%(label)s: angka terlalu besar.") % {"label": label})
    return value


class RealisasiKinerjaForm(forms.Form):
    """The realisasi of one indikator in one triwulan; empty clears it."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    value = forms.CharField(required=False, max_length=60)

    def __init__(self, *args: Any, indikator: Indikator, triwulan: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.label = _t("Realisasi triwulan %(roman)s «%(name)s»") % {
            "roman": ROMAN[triwulan],
            "name": indikator.name,
        }

    def clean_value(self) -> Decimal | None:
        text = self.cleaned_data["value"].strip()
        if text and is_scaled(self.indikator):
            return self._position(text)
        return parse_figure(text, self.label, places=VALUE_PLACES)

    def _position(self, text: str) -> Decimal:
        """A kualitatif value: the label typed (any case), stored as its 1-based position."""
        scale = [str(label) for label in self.indikator.scale]
        for position, label in enumerate(scale, start=1):
            if label.casefold() == text.casefold() or text == str(position):
                return Decimal(position)
        raise forms.ValidationError(
            _t("%(label)s: isi salah satu nilai skala: %(scale)s.")
            % {"label": self.label, "scale": ", ".join(scale)}
        )


class RealisasiAnggaranForm(forms.Form):
    """The rupiah spent by one sub kegiatan in one triwulan; empty clears it."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    amount = forms.CharField(required=False, max_length=60)

    def __init__(self, *args: Any, item: RenjaItem, triwulan: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label = _t("Realisasi anggaran triwulan %(roman)s «%(name)s»") % {
            "roman": ROMAN[triwulan],
            "name": item.name,
        }

    def clean_amount(self) -> Decimal | None:
        text = self.cleaned_data["amount"]
        return parse_figure(text, self.label, places=MONEY_PLACES, negative=False)


class LaporanForm(forms.ModelForm):
    """The narrative of a triwulan report with the revision it was loaded at (0: none yet)."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = LaporanTriwulan
        fields = list(LAPORAN_FIELDS)
        labels = {
            "faktor_pendorong": _("Faktor pendorong"),
            "faktor_penghambat": _("Faktor penghambat"),
            "tindak_lanjut": _("Tindak lanjut pada triwulan berikutnya"),
            "tindak_lanjut_renja": _("Tindak lanjut pada Renja berikutnya"),
        }
        help_texts = {
            "faktor_pendorong": _("Hal yang membantu tercapainya target pada triwulan ini."),
            "faktor_penghambat": _("Hal yang menghambat pencapaian target pada triwulan ini."),
            "tindak_lanjut": _("Langkah yang diambil pada triwulan berikutnya."),
            "tindak_lanjut_renja": _("Perbaikan yang dimasukkan ke Renja tahun berikutnya."),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in LAPORAN_FIELDS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Browsers send textarea lines ending in CRLF; store LF only.
        for name in LAPORAN_FIELDS:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].replace("\r\n", "\n").replace("\r", "\n").strip()
        return cleaned

    def laporan_fields(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in LAPORAN_FIELDS}


class BuktiForm(forms.Form):
    """One evidence file: PDF, JPG, PNG, DOCX or XLSX of at most 10 MB, and a description."""

    file = forms.FileField(
        label=_("Berkas bukti"),
        help_text=_("PDF, JPG, PNG, DOCX atau XLSX, paling besar 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    description = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    content_type = ""

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        self.content_type = check_bukti(upload)
        return upload


def check_bukti(upload: UploadedFile) -> str:
    """The content type of an acceptable evidence file; `ValidationError` saying why not."""
    name = Path(upload.name or "").name
    kind = BUKTI_TYPES.get(Path(name).suffix.lower())
    if kind is None:
        raise forms.ValidationError(
            _t("Berkas bukti «%(name)s» tidak diterima: hanya PDF, JPG, PNG, DOCX atau XLSX.")
            % {"name": name}
        )
    if (upload.size or 0) > MAX_BUKTI_BYTES:
        raise forms.ValidationError(
            _t("Berkas bukti «%(name)s» lebih dari 10 MB; kecilkan atau pecah berkasnya.")
            % {"name": name}
        )
    content_type, label, magic, member = kind
    if not _starts_with(upload, magic) or (member and not _holds(upload, member)):
        raise forms.ValidationError(
            _t(
                "Isi berkas bukti «%(name)s» bukan %(label)s walaupun namanya berakhiran "
                "%(suffix)s; unggah berkas %(label)s yang asli."
            )
            % {"name": name, "label": label, "suffix": Path(name).suffix.lower()}
        )
    return content_type


def _starts_with(upload: UploadedFile, magic: bytes) -> bool:
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    return head == magic


def _holds(upload: UploadedFile, member: str) -> bool:
    """An Office file is a ZIP that holds its main part (a renamed ZIP or JAR does not)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
