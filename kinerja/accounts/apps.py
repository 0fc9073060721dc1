"""App config for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kinerja.accounts"
    verbose_name = "Pemda, Perangkat Daerah dan pengguna"
