"""URLs of the nomenclature (namespace `nomenclature`), included under `nomenklatur/`."""

from django.urls import path

from kinerja.nomenclature import views

app_name = "nomenclature"

urlpatterns = [
    path("cari/", views.search, name="search"),
]
