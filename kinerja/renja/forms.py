"""Input shapes of the Renja pages: the narasi (prose of BAB I–V) of a Renja document."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.renja.models import NARASI_FIELDS, RenjaNarasi

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
