"""URLs of the dashboards and the history pages (namespace `dashboard`), under `dasbor/`."""

from django.urls import path

from kinerja.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("opd/<int:opd_id>/<int:year>/", views.opd, name="opd"),
    path("pemda/<int:pemda_id>/<int:year>/", views.pemda, name="pemda"),
    path("riwayat/renja/<int:renja_id>/", views.history_renja, name="history_renja"),
    path(
        "riwayat/indikator/<int:indikator_id>/", views.history_indikator, name="history_indikator"
    ),
    path(
        "riwayat/renja/<int:renja_id>/triwulan/<int:triwulan>/",
        views.history_laporan,
        name="history_laporan",
    ),
]
