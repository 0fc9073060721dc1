"""URLs of the upload pages, the archive of replaced plans and the kept findings."""

from django.urls import path

from kinerja.imports import records_views, views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("templat-renja.xlsx", views.template, name="template"),
    path("arsip/pemda/<int:pemda_id>/", records_views.archive_list, name="archive_list"),
    path("arsip/<int:archive_id>/", records_views.archive_detail, name="archive_detail"),
    path("arsip/<int:archive_id>/rencana.yaml", records_views.archive_file, name="archive_file"),
    path("arsip/<int:archive_id>/pulihkan/", records_views.archive_restore, name="archive_restore"),
    path("temuan/<int:finding_id>/selesai/", records_views.finding_resolve, name="finding_resolve"),
    path("<str:token>/", views.preview, name="preview"),
    path("<str:token>/impor/", views.confirm, name="confirm"),
]
