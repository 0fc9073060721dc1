"""URLs of the Renstra pages (namespace `renstra`): the page and its inline editors."""

from django.urls import path

from kinerja.renstra import edit_views, figure_views, views

app_name = "renstra"

urlpatterns = [
    path("<int:renstra_id>/", views.detail, name="detail"),
    path("<int:renstra_id>/tambah/<slug:what>/", edit_views.add, name="add"),
    path(
        "<int:renstra_id>/<slug:kind>/<int:row_id>/tambah/<slug:what>/",
        edit_views.add,
        name="add_under",
    ),
    path("<int:renstra_id>/<slug:kind>/<int:row_id>/ubah/", edit_views.edit_row, name="edit_row"),
    path("<int:renstra_id>/<slug:kind>/<int:row_id>/hapus/", edit_views.remove, name="remove"),
    path(
        "<int:renstra_id>/indikator/<int:row_id>/target/",
        figure_views.edit_targets,
        name="edit_targets",
    ),
    path(
        "<int:renstra_id>/indikator/<int:row_id>/realisasi/",
        figure_views.edit_realisasi,
        name="edit_realisasi",
    ),
    path("<int:renstra_id>/item/<int:row_id>/pagu/", figure_views.edit_pagu, name="edit_pagu"),
]
