"""Input shapes of the documents pages: a pemda's Word template and a batch export."""

from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kinerja.documents.produce import WHATS
from kinerja.renja.forms import NarasiForm

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
FORMAT_LABELS = {"docx": _("Word (DOCX)"), "pdf": _("PDF"), "xlsx": _("Excel (XLSX)")}

# The narasi page: NarasiForm's fields under the headings of the document, each with what
# the section holds (Permendagri 86/2017, the Renja's outline).
NARASI_SECTIONS: tuple[tuple[Any, tuple[tuple[str, Any], ...]], ...] = (
    (_("Kata Pengantar"), (
        ("kata_pengantar", _("Dasar penyusunan Renja dan harapan atas dokumen ini; kosong: "
                             "kalimat baku Kinerja.")),
    )),
    (_("BAB I Pendahuluan"), (
        ("latar_belakang", _("Pengertian Renja, proses penyusunannya, dan keterkaitannya "
                             "dengan Renstra perangkat daerah dan RKPD.")),
        ("landasan_hukum", _("Peraturan yang menjadi dasar penyusunan, satu per butir.")),
        ("maksud_tujuan", _("Maksud dan tujuan penyusunan Renja.")),
        ("sistematika", _("Susunan bab dokumen beserta isi singkatnya; kosong: susunan baku.")),
    )),
    (_("BAB II Hasil Evaluasi Renja Perangkat Daerah Tahun Lalu"), (
        ("evaluasi_renja", _("Capaian kinerja Renja tahun lalu dan Renstra (Tabel 2.1) serta "
                             "serapan anggaran; “Isi dari angka” menyusun drafnya.")),
        ("analisis_kinerja", _("Kinerja pelayanan menurut indikator SPM dan IKK (Tabel 2.2).")),
        ("isu_penting", _("Permasalahan, tantangan dan peluang pelayanan; faktor pendorong "
                          "dan penghambat.")),
        ("review_rkpd", _("Perbandingan rancangan awal RKPD dengan rumusan program dan "
                          "kegiatan perangkat daerah.")),
        ("usulan_masyarakat", _("Usulan musrenbang dan pemangku kepentingan serta "
                                "tindak lanjutnya.")),
    )),
    (_("BAB III Tujuan dan Sasaran Perangkat Daerah"), (
        ("telaahan_kebijakan", _("Arah kebijakan nasional dan provinsi yang terkait dengan "
                                 "tugas dan fungsi.")),
        ("tujuan_sasaran", _("Tujuan dan sasaran tahun rencana serta indikatornya "
                             "(Tabel 3.1).")),
    )),
    (_("BAB IV Rencana Kerja dan Pendanaan Perangkat Daerah"), (
        ("program_kegiatan", _("Pengantar bab; daftar program dan kegiatan (4.1) dan Tabel 4.1 "
                               "disusun dari Renja.")),
    )),
    (_("BAB V Penutup"), (
        ("penutup", _("Catatan penting, kaidah pelaksanaan dan tindak lanjut; kosong: "
                      "kalimat baku Kinerja.")),
    )),
    (_("Penandatanganan"), (
        ("tempat", _("Kota tempat dokumen ditandatangani; kosong: ibu kota pemda.")),
        ("tanggal", _("Kosong: tanggal dibiarkan untuk diisi tangan.")),
        ("cetak_hari", _("Tanpa centang hanya bulan dan tahun yang dicetak.")),
    )),
)  # fmt: skip


def narasi_sections(form: NarasiForm) -> list[tuple[Any, list[tuple[forms.BoundField, Any]]]]:
    """The form's bound fields grouped as NARASI_SECTIONS, each with its hint."""
    return [
        (title, [(form[name], hint) for name, hint in fields]) for title, fields in NARASI_SECTIONS
    ]


class WordTemplateForm(forms.Form):
    """One DOCX of at most 5 MB; what it must hold is `word_template.check_template`'s job."""

    file = forms.FileField(
        label=_("Berkas templat Word (.docx)"),
        help_text=_("Berkas .docx, paling besar 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document"
            }
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() != ".docx":
            raise forms.ValidationError(
                _("Templat harus berupa dokumen Word .docx (bukan .doc, PDF atau lainnya).")
            )
        if (upload.size or 0) > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 5 MB; kecilkan gambar di dalamnya."))
        return upload


class BatchForm(forms.Form):
    """Which document, in which format, of every OPD's Renja of the year."""

    what = forms.ChoiceField(label=_("Dokumen"), choices=list(WHATS.items()), initial="renja")
    fmt = forms.ChoiceField(label=_("Format"), choices=list(FORMAT_LABELS.items()), initial="docx")
