"""App config for the nomenclature."""

from django.apps import AppConfig


class NomenclatureConfig(AppConfig):
    name = "kinerja.nomenclature"
    verbose_name = "Nomenklatur"
