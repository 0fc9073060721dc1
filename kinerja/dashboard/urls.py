"""URLs of the dashboards (namespace `dashboard`), included under `dasbor/`."""

from django.urls import URLPattern

app_name = "dashboard"
urlpatterns: list[URLPattern] = []
