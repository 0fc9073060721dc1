"""App config for monitoring."""

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "kinerja.monitoring"
    verbose_name = "Realisasi triwulan"
