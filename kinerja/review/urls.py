"""URLs of the review pages (namespace `review`), included under `verifikasi/`."""

from django.urls import path

from kinerja.review import jadwal_views, views

app_name = "review"
urlpatterns = [
    path("", views.index, name="index"),
    path("pemda/<int:pemda_id>/<int:year>/", views.overview, name="overview"),
    path("pemda/<int:pemda_id>/<int:year>/jadwal/", jadwal_views.jadwal, name="jadwal"),
    path(
        "pemda/<int:pemda_id>/<int:year>/jadwal/pengecualian/",
        jadwal_views.jadwal_exception,
        name="jadwal_exception",
    ),
    path("renja/<int:renja_id>/", views.renja_review, name="renja"),
    path("renja/<int:renja_id>/<slug:action>/", views.renja_act, name="renja_act"),
    path("renja/<int:renja_id>/triwulan/<int:triwulan>/", views.report_review, name="report"),
    path(
        "renja/<int:renja_id>/triwulan/<int:triwulan>/<slug:action>/",
        views.report_act,
        name="report_act",
    ),
]
