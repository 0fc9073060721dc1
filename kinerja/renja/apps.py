"""App config for the Renja."""

from django.apps import AppConfig


class RenjaConfig(AppConfig):
    name = "kinerja.renja"
    verbose_name = "Renja"
