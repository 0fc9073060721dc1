"""URLs of the accounts pages (namespace `accounts`)."""

from django.urls import URLPattern

app_name = "accounts"
urlpatterns: list[URLPattern] = []
