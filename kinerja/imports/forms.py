"""The upload form: a file, the OPD it is for (agency files), and whether to replace."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.models import PerangkatDaerah
from kinerja.lib.limits import MAX_FILE_BYTES, megabytes

MAX_UPLOAD_BYTES = MAX_FILE_BYTES
EXTENSIONS = (".yaml", ".yml", ".json", ".txt", ".docx", ".xlsx", ".csv")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas"))
    perangkat_daerah = forms.ModelChoiceField(
        label=_("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.none(),
        help_text=_("Untuk Renja/Renstra dari Word, PDF (teks), Excel atau CSV."),
    )
    replace = forms.BooleanField(
        label=_("Ganti rencana yang sudah ada untuk tahun/periode yang sama"), required=False
    )

    def __init__(self, *args: object, opds: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["perangkat_daerah"].queryset = opds  # type: ignore[attr-defined]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("Jenis berkas tidak dikenal. Yang dapat dibaca: %(ext)s")
                % {"ext": ", ".join(EXTENSIONS)}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Berkas lebih dari %(limit)s; pecah berkasnya atau hapus lembar dan gambar "
                  "yang tidak diperlukan.") % {"limit": megabytes(MAX_FILE_BYTES)}
            )  # fmt: skip
        return upload
