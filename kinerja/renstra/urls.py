"""URLs of the Renstra pages (namespace `renstra`)."""

from django.urls import path

from kinerja.renstra import views

app_name = "renstra"

urlpatterns = [
    path("<int:renstra_id>/", views.detail, name="detail"),
]
