"""URLs of the Renja pages (namespace `renja`); the home page is routed at the root.

The editing URLs answer HTMX with fragments and plain browsers with the whole page.
"""

from django.urls import path

from kinerja.renja import views

app_name = "renja"

urlpatterns = [
    path("<int:renja_id>/", views.detail, name="detail"),
    path("<int:renja_id>/baris/tambah/", views.item_add, name="item_add"),
    path("<int:renja_id>/baris/<int:item_id>/", views.item_rows, name="item_rows"),
    path("<int:renja_id>/baris/<int:item_id>/ubah/", views.item_edit, name="item_edit"),
    path("<int:renja_id>/baris/<int:item_id>/hapus/", views.item_remove, name="item_remove"),
    path(
        "<int:renja_id>/baris/<int:item_id>/indikator/tambah/",
        views.indikator_add,
        name="indikator_add",
    ),
    path(
        "<int:renja_id>/indikator/<int:indikator_id>/ubah/",
        views.indikator_edit,
        name="indikator_edit",
    ),
    path(
        "<int:renja_id>/indikator/<int:indikator_id>/hapus/",
        views.indikator_remove,
        name="indikator_remove",
    ),
]
