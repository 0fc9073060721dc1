"""URLs of the evaluation pages and of the triwulan reports (namespace `monitoring`), included
under `evaluasi/`."""

from django.urls import path

from kinerja.monitoring import entry_views, views

app_name = "monitoring"
REPORT = "renja/<int:renja_id>/triwulan/<int:triwulan>"

urlpatterns = [
    path("renja/<int:renja_id>/tc29/", views.tc29, name="tc29"),
    path("renja/<int:renja_id>/tc30/", views.tc30, name="tc30"),
    path("renja/<int:renja_id>/tc33/", views.tc33, name="tc33"),
    path("renja/<int:renja_id>/e81/", views.e81, name="e81"),
    path("renja/<int:renja_id>/serapan/", views.serapan, name="serapan"),
    path("renja/<int:renja_id>/pemeriksaan/", views.pemeriksaan, name="pemeriksaan"),
    path("pemda/<int:pemda_id>/", views.pemda_latest, name="pemda_latest"),
    path("pemda/<int:pemda_id>/<int:year>/", views.pemda, name="pemda"),
    # The quarterly cycle: the realisasi of one triwulan, its narrative and evidence.
    path(f"{REPORT}/isi/", entry_views.realisasi, name="realisasi"),
    path(
        f"{REPORT}/isi/kinerja/<int:indikator_id>/",
        entry_views.realisasi_kinerja,
        name="realisasi_kinerja",
    ),
    path(
        f"{REPORT}/isi/anggaran/<int:item_id>/",
        entry_views.realisasi_anggaran,
        name="realisasi_anggaran",
    ),
    path(f"{REPORT}/isi/laporan/", entry_views.laporan, name="laporan"),
    path(f"{REPORT}/bukti/", entry_views.bukti_add, name="bukti_add"),
    path(f"{REPORT}/bukti/<int:bukti_id>/", entry_views.bukti_file, name="bukti_file"),
    path(f"{REPORT}/bukti/<int:bukti_id>/hapus/", entry_views.bukti_remove, name="bukti_remove"),
]
