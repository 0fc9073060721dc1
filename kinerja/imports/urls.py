"""URLs of the upload pages."""

from django.urls import path

from kinerja.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("templat-renja.xlsx", views.template, name="template"),
    path("<str:token>/", views.preview, name="preview"),
    path("<str:token>/impor/", views.confirm, name="confirm"),
]
