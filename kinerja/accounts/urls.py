"""URLs of the admin pemda's settings pages (namespace `accounts`), under `pengaturan/`."""

from django.urls import path

from kinerja.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.index, name="index"),
    path("pemda/<int:pemda_id>/", views.pemda, name="pemda"),
    path("pemda/<int:pemda_id>/perangkat-daerah/", views.opd_list, name="opd_list"),
    path("pemda/<int:pemda_id>/perangkat-daerah/tambah/", views.opd_add, name="opd_add"),
    path("perangkat-daerah/<int:opd_id>/", views.opd_edit, name="opd_edit"),
    path("pemda/<int:pemda_id>/pengguna/", views.user_list, name="user_list"),
    path("pemda/<int:pemda_id>/pengguna/tambah/", views.user_add, name="user_add"),
    path("pemda/<int:pemda_id>/pengguna/<int:user_id>/", views.user_detail, name="user_detail"),
    path("pemda/<int:pemda_id>/pengguna/<int:user_id>/peran/", views.role_add, name="role_add"),
    path(
        "pemda/<int:pemda_id>/pengguna/<int:user_id>/status/",
        views.user_active,
        name="user_active",
    ),
    path(
        "pemda/<int:pemda_id>/pengguna/<int:user_id>/kata-sandi/",
        views.user_password,
        name="user_password",
    ),
    path(
        "pemda/<int:pemda_id>/pengguna/<int:user_id>/buka-kunci/",
        views.user_unlock,
        name="user_unlock",
    ),
    path("peran/<int:membership_id>/hapus/", views.role_remove, name="role_remove"),
]
