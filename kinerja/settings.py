"""The one settings file of Kinerja, driven by environment variables (healthchecks style)."""

import contextlib
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from kinerja.lib import local_install

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    """Read a yes/no variable strictly, so a typo fails loudly instead of meaning "no"."""
    value = os.getenv(name, default).lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise ValueError(f"{name} must be true or false, not {value!r}")
    return value in ("true", "1", "yes")


def envsecret(name: str, default: str | None = None) -> str | None:
    """Read a secret from NAME or from the file named by NAME_FILE (container secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as problem:
            raise ImproperlyConfigured(f"{name}_FILE={path}: {problem.strerror}") from problem
    return os.getenv(name, default)


def envchoice(name: str, choices: dict[str, Any], default: str) -> Any:
    """The setting named by NAME's value, one of `choices`; another value fails loudly."""
    value = os.getenv(name, default)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return choices[value]


UNSET_KEY_MESSAGE = (
    "SECRET_KEY is not set and DEBUG is off: Kinerja does not start on a guessable key. "
    "Set SECRET_KEY, or SECRET_KEY_FILE to a file that holds the key; make one with "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'. "
    "/ SECRET_KEY belum diatur dan DEBUG mati: Kinerja tidak berjalan dengan kunci yang "
    "dapat ditebak. Atur SECRET_KEY, atau SECRET_KEY_FILE berisi nama berkas kunci; buat "
    "kunci dengan perintah di atas. (docs/security.md, bagian 7)"
)


def secret_key() -> str:
    """SECRET_KEY or SECRET_KEY_FILE; with DEBUG on and neither set, a key made once under
    var/. With DEBUG off and neither set, refuse to start: a known key lets anyone forge a
    session cookie and sign in as anybody."""
    key = envsecret("SECRET_KEY")
    if key:
        return key
    if DEBUG:
        return local_install.read_or_create(local_install.key_file())[0]
    raise ImproperlyConfigured(UNSET_KEY_MESSAGE)


DEBUG = envbool("DEBUG", "false")
VAR_DIR = local_install.var_dir()
SECRET_KEY = secret_key()
ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
# Batch exports run in a background thread; inline (in the request) for tests and debugging.
KINERJA_BATCH_INLINE = envbool("KINERJA_BATCH_INLINE", "false")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "kinerja.audit",
    "kinerja.accounts",
    "kinerja.nomenclature",
    "kinerja.renstra",
    "kinerja.renja",
    "kinerja.monitoring",
    "kinerja.imports",
    "kinerja.documents",
    "kinerja.review",
    "kinerja.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Before any view reads request.POST/FILES: an oversized body is refused unread (413).
    "kinerja.lib.request_limits.RequestBodyLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]
# Uploads above 2,5 MB stream to a temporary file, never to memory (Django's default
# handlers, spelled out); the body cap is kinerja.lib.limits.MAX_REQUEST_BYTES.
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kinerja.sqlite3'}"),
        conn_max_age=int(os.getenv("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
# One interface language: Kinerja's own text has no other catalog yet.
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "kinerja" / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve static files from the app and static dirs without collectstatic (one-machine installs).
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# --- Sign-in throttling (django-axes; ADR 0013, docs/security.md §7) ---------------------
# After LIMIT wrong passwords for one username from one address, that username is locked
# for COOLOFF minutes from that address. Per username *and* address: a pemda office
# behind one NAT address keeps working while one person mistypes, and nobody elsewhere
# can lock an officer out by guessing their username (KINERJA_LOGIN_LOCKOUT=username
# locks the username from every address instead).
AXES_FAILURE_LIMIT = int(os.getenv("KINERJA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.getenv("KINERJA_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = envchoice(
    "KINERJA_LOGIN_LOCKOUT",
    {"username_ip": [["username", "ip_address"]], "username": ["username"]},
    "username_ip",
)
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout do not extend it: the page can say when to try again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "kinerja.accounts.lockout_views.locked_out"
# Behind N reverse proxies the client's address is taken from X-Forwarded-For (the proxy
# must set it); with none, REMOTE_ADDR, which a client cannot forge.
PROXY_COUNT = int(os.getenv("KINERJA_PROXY_COUNT", "0"))
if PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # python-ipware counts the proxies listed in the header: all but the nearest one.
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1

# --- HTTPS (docs/security.md §7): on unless KINERJA_HTTPS=false (an intranet without TLS,
# where `check --deploy` then warns, rightly: passwords cross the network readable) ----
HTTPS = envbool("KINERJA_HTTPS", "false" if DEBUG else "true")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.getenv("KINERJA_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("KINERJA_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("KINERJA_HSTS_PRELOAD", "true")
if PROXY_COUNT:
    # The proxy terminates TLS and must set (never pass on) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Content-Security-Policy (django-csp): every script, style, image and font from Kinerja
# itself; no inline script or style, no eval, no plugins, never framed ----------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": HTTPS,
    },
}

with contextlib.suppress(ImportError):
    from kinerja.local_settings import *  # noqa: F403
