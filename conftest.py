"""Root pytest configuration: the personas and builders of `kinerja.testing` for every test."""

pytest_plugins = ["kinerja.testing"]

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords cheaply; production keeps Django's slow, safe default."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
