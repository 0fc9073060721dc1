"""App config for review."""

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "kinerja.review"
    verbose_name = "Verifikasi"
