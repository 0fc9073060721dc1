"""URLs of the review pages (namespace `review`), included under `verifikasi/`."""

from django.urls import URLPattern

app_name = "review"
urlpatterns: list[URLPattern] = []
