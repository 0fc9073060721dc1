"""App config for imports."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "kinerja.imports"
    verbose_name = "Impor dan ekspor"
