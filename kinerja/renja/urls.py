"""URLs of the Renja pages (namespace `renja`); the home page is routed at the root."""

from django.urls import path

from kinerja.renja import views

app_name = "renja"

urlpatterns = [
    path("<int:renja_id>/", views.detail, name="detail"),
]
