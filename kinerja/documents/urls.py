"""URLs of the documents (namespace `documents`), included under `dokumen/`."""

from django.urls import path

from kinerja.documents import views

app_name = "documents"

urlpatterns = [
    path("renja/<int:renja_id>/<slug:what>.<slug:fmt>", views.renja_file, name="renja_file"),
    path("renja/<int:renja_id>/narasi/", views.narasi, name="narasi"),
    path("renja/<int:renja_id>/narasi/evaluasi/", views.narasi_evaluasi, name="narasi_evaluasi"),
    path(
        "pemda/<int:pemda_id>/<int:year>/rekap-e81.<slug:fmt>",
        views.pemda_file,
        name="pemda_file",
    ),
    path("pemda/<int:pemda_id>/templat/", views.word_template, name="word_template"),
    path(
        "pemda/<int:pemda_id>/templat/unduh/",
        views.word_template_file,
        name="word_template_file",
    ),
    path(
        "pemda/<int:pemda_id>/templat/hapus/",
        views.word_template_delete,
        name="word_template_delete",
    ),
    path("templat-contoh.docx", views.example_template, name="example_template"),
    path("pemda/<int:pemda_id>/<int:year>/massal/", views.batch, name="batch"),
    path("massal/<int:export_id>/", views.batch_export, name="batch_export"),
    path("massal/<int:export_id>/unduh/", views.batch_download, name="batch_download"),
]
