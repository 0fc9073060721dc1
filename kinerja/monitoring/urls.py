"""URLs of the evaluation pages (namespace `monitoring`), included under `evaluasi/`."""

from django.urls import path

from kinerja.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("renja/<int:renja_id>/tc29/", views.tc29, name="tc29"),
    path("renja/<int:renja_id>/tc30/", views.tc30, name="tc30"),
    path("renja/<int:renja_id>/tc33/", views.tc33, name="tc33"),
    path("renja/<int:renja_id>/e81/", views.e81, name="e81"),
    path("renja/<int:renja_id>/serapan/", views.serapan, name="serapan"),
    path("renja/<int:renja_id>/pemeriksaan/", views.pemeriksaan, name="pemeriksaan"),
    path("pemda/<int:pemda_id>/", views.pemda_latest, name="pemda_latest"),
    path("pemda/<int:pemda_id>/<int:year>/", views.pemda, name="pemda"),
]
