"""App config for dashboard."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "kinerja.dashboard"
    verbose_name = "Dasbor"
