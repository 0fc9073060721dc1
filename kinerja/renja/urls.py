"""URLs of the Renja pages (namespace `renja`); the home page is routed at the root.

The editing URLs answer HTMX with fragments and plain browsers with the whole page.
"""

from django.urls import path

from kinerja.renja import edit_views, views

app_name = "renja"

urlpatterns = [
    path("<int:renja_id>/", views.detail, name="detail"),
    path("<int:renja_id>/baris/tambah/", edit_views.item_add, name="item_add"),
    path("<int:renja_id>/baris/<int:item_id>/", edit_views.item_rows, name="item_rows"),
    path("<int:renja_id>/baris/<int:item_id>/ubah/", edit_views.item_edit, name="item_edit"),
    path("<int:renja_id>/baris/<int:item_id>/hapus/", edit_views.item_remove, name="item_remove"),
    path(
        "<int:renja_id>/baris/<int:item_id>/indikator/tambah/",
        edit_views.indikator_add,
        name="indikator_add",
    ),
    path(
        "<int:renja_id>/indikator/<int:indikator_id>/ubah/",
        edit_views.indikator_edit,
        name="indikator_edit",
    ),
    path(
        "<int:renja_id>/indikator/<int:indikator_id>/hapus/",
        edit_views.indikator_remove,
        name="indikator_remove",
    ),
]
