"""URLs of the audit pages (namespace `audit`)."""

from django.urls import URLPattern

app_name = "audit"
urlpatterns: list[URLPattern] = []
