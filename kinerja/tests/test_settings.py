"""The production settings, each started in a fresh Python with an environment of its own:
no start without a secret key when DEBUG is off, `check --deploy` clean for the documented
production environment (and honest warnings for an intranet without TLS), the proxy
switch, and the one-machine defaults of the `kinerja` command (docs/security.md §7)."""

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from kinerja.lib import local_install

ROOT = Path(settings.BASE_DIR)
# What the test run itself exports (kinerja.settings_test, a developer's shell): never
# passed on, so each case starts from nothing but what it names.
OWN = ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL")
PRODUCTION_KEY = "8cJ2vQ-" + "pX9wL3mZ0aT7rB4nE6yU1iO5sD8fG2hK" * 2  # 71 characters
# The production environment docs/security.md §7 documents, behind one TLS proxy.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": PRODUCTION_KEY,
    "ALLOWED_HOSTS": "kinerja.tanjabbarkab.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://kinerja.tanjabbarkab.go.id",
    "KINERJA_PROXY_COUNT": "1",
}


def run(args, tmp_path, timeout=120, **env):
    clean = {
        name: value
        for name, value in os.environ.items()
        if name not in OWN and not name.startswith(("SECRET_KEY", "KINERJA_", "DJANGO_"))
    }
    clean |= {"DJANGO_SETTINGS_MODULE": "kinerja.settings", "KINERJA_VAR_DIR": str(tmp_path)}
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def django_says(expression, tmp_path, **env):
    """Start Django and print `expression` (of `settings`)."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return run(["-c", code], tmp_path, **env)


# --- The secret key --------------------------------------------------------------------


def test_without_a_key_and_with_debug_off_django_refuses_to_start(tmp_path):
    done = django_says("'started'", tmp_path, DEBUG="false")
    assert done.returncode != 0
    assert "started" not in done.stdout
    assert "ImproperlyConfigured" in done.stderr
    assert "SECRET_KEY is not set and DEBUG is off" in done.stderr
    assert "SECRET_KEY belum diatur dan DEBUG mati" in done.stderr
    assert not (tmp_path / "secret_key").exists()


def test_debug_off_is_the_default(tmp_path):
    done = django_says("'started'", tmp_path)
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr


def test_with_a_key_it_starts_on_that_key(tmp_path):
    done = django_says("settings.SECRET_KEY", tmp_path, DEBUG="false", SECRET_KEY=PRODUCTION_KEY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == PRODUCTION_KEY


def test_a_key_file_is_read_and_a_missing_one_is_named(tmp_path):
    key_file = tmp_path / "kunci"
    key_file.write_text(PRODUCTION_KEY + "\n")
    done = django_says("settings.SECRET_KEY", tmp_path, SECRET_KEY_FILE=str(key_file))
    assert done.stdout.strip() == PRODUCTION_KEY
    missing = django_says("1", tmp_path, SECRET_KEY_FILE=str(tmp_path / "tidak-ada"))
    assert missing.returncode != 0
    assert f"SECRET_KEY_FILE={tmp_path / 'tidak-ada'}" in missing.stderr


def test_with_debug_on_a_key_is_made_once_for_this_machine_only(tmp_path):
    first = django_says("settings.SECRET_KEY", tmp_path, DEBUG="true")
    second = django_says("settings.SECRET_KEY", tmp_path, DEBUG="true")
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50
    assert second.stdout.strip() == key
    assert (tmp_path / "secret_key").read_text().strip() == key
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


# --- check --deploy --------------------------------------------------------------------


def check_deploy(tmp_path, **env):
    return run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **env)


def test_the_documented_production_settings_pass_check_deploy(tmp_path):
    done = check_deploy(tmp_path, **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_https_is_the_default_and_sets_every_secure_setting(tmp_path):
    names = [
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_HTTPONLY",
        "X_FRAME_OPTIONS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "CSRF_TRUSTED_ORIGINS",
    ]
    expression = "[" + ", ".join(f"settings.{name}" for name in names) + "]"
    done = django_says(expression, tmp_path, **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(
        [
            *[True, True, True, 31536000, True, True],
            ("HTTP_X_FORWARDED_PROTO", "https"),
            *[True, "DENY", True, "same-origin", ["https://kinerja.tanjabbarkab.go.id"]],
        ]
    )


def test_an_intranet_without_tls_is_warned_about_exactly_what_it_gives_up(tmp_path):
    done = check_deploy(tmp_path, **PRODUCTION, KINERJA_HTTPS="false")
    assert done.returncode != 0
    # HSTS, the redirect to HTTPS, and secure session and CSRF cookies: nothing else.
    codes = re.findall(r"\((security\.W\d+)\)", done.stdout + done.stderr)
    assert sorted(codes) == ["security.W004", "security.W008", "security.W012", "security.W016"]


def test_behind_a_proxy_the_address_and_the_scheme_come_from_its_headers(tmp_path):
    expression = (
        "(settings.SECURE_PROXY_SSL_HEADER, settings.AXES_IPWARE_META_PRECEDENCE_ORDER, "
        "settings.AXES_IPWARE_PROXY_COUNT)"
    )
    done = django_says(expression, tmp_path, **PRODUCTION | {"KINERJA_PROXY_COUNT": "2"})
    assert done.stdout.strip() == str(
        (("HTTP_X_FORWARDED_PROTO", "https"), ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), 1)
    )
    direct = django_says(
        "(settings.SECURE_PROXY_SSL_HEADER, settings.AXES_IPWARE_META_PRECEDENCE_ORDER)",
        tmp_path,
        **PRODUCTION | {"KINERJA_PROXY_COUNT": "0"},
    )
    assert direct.stdout.strip() == str((None, ("REMOTE_ADDR",)))


# --- The `kinerja` command on one machine ------------------------------------------------


def test_kinerja_makes_a_key_once_for_a_command_that_needs_no_server(tmp_path):
    template = tmp_path / "templat.xlsx"
    done = run(["-m", "kinerja", "template", "--year", "2025", "-o", str(template)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert template.exists()
    assert f"Kunci rahasia dibuat di {tmp_path / 'secret_key'}" in done.stderr
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    again = run(["-m", "kinerja", "template", "--year", "2025", "-o", str(template)], tmp_path)
    assert again.returncode == 0
    assert "Kunci rahasia dibuat" not in again.stderr


def test_kinerja_serve_without_any_key_refuses_to_start(tmp_path):
    done = run(["-m", "kinerja", "serve", "--port", "8765"], tmp_path, timeout=60)
    assert done.returncode != 0
    assert "SECRET_KEY is not set and DEBUG is off" in done.stderr
    assert not (tmp_path / "secret_key").exists()


@pytest.fixture
def bare_environment(tmp_path):
    """This process's environment without a key or the HTTPS switch, var/ in tmp_path;
    restored afterwards (`prepare` writes to os.environ)."""
    saved = dict(os.environ)
    for name in ("SECRET_KEY", "SECRET_KEY_FILE", "KINERJA_HTTPS"):
        os.environ.pop(name, None)
    os.environ["KINERJA_VAR_DIR"] = str(tmp_path)
    yield tmp_path
    os.environ.clear()
    os.environ.update(saved)


def test_the_demo_gets_a_key_and_plain_http(bare_environment):
    local_install.prepare("demo", "127.0.0.1")
    assert os.environ["SECRET_KEY_FILE"] == str(bare_environment / "secret_key")
    assert os.environ["KINERJA_HTTPS"] == "false"


def test_serve_reuses_the_demos_key_and_keeps_https_on_the_network(bare_environment):
    local_install.prepare("serve", "0.0.0.0")  # noqa: S104 (a host name, not a bind)
    assert "SECRET_KEY_FILE" not in os.environ
    assert "KINERJA_HTTPS" not in os.environ
    local_install.read_or_create(bare_environment / "secret_key")
    local_install.prepare("serve", "10.20.1.5")
    assert os.environ["SECRET_KEY_FILE"] == str(bare_environment / "secret_key")
    assert "KINERJA_HTTPS" not in os.environ
    local_install.prepare("serve", "localhost")
    assert os.environ["KINERJA_HTTPS"] == "false"


def test_a_configured_key_is_left_alone(bare_environment):
    os.environ["SECRET_KEY"] = PRODUCTION_KEY
    local_install.prepare("demo", "127.0.0.1")
    assert "SECRET_KEY_FILE" not in os.environ
    assert not (bare_environment / "secret_key").exists()
