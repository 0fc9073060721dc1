"""Root URL configuration: home, sign in and out, the plan and evaluation pages, and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kinerja.renja import views as renja_views

urlpatterns = [
    path("", renja_views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("renstra/", include("kinerja.renstra.urls")),
    path("renja/", include("kinerja.renja.urls")),
    path("nomenklatur/", include("kinerja.nomenclature.urls")),
    path("evaluasi/", include("kinerja.monitoring.urls")),
    path("impor/", include("kinerja.imports.urls")),
    path("dokumen/", include("kinerja.documents.urls")),
    path("verifikasi/", include("kinerja.review.urls")),
    path("dasbor/", include("kinerja.dashboard.urls")),
    path("pengaturan/", include("kinerja.accounts.urls")),
    path("admin/", admin.site.urls),
]
