"""The Content-Security-Policy (django-csp): every response of every URL carries it, scripts
only from Kinerja's own files (no 'unsafe-inline', no 'unsafe-eval'), and no page or
template holds what the policy would block: an inline <script>, an on…= handler, hx-on,
a style attribute or <style> element, a javascript: link (docs/security.md §7)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import include, path

from kinerja.tests.test_access_matrix import Route, client_as, routes, url_of
from kinerja.tests.test_access_matrix import world as world  # noqa: PLC0414 (a fixture)

pytestmark = pytest.mark.django_db

EXPECTED = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


class InlineFinder(HTMLParser):
    """Collects what the policy would refuse in one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self.problems.append("inline <script>")
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+|(data-)?hx-on.*|style", name):
                self.problems.append(f"{name}= on <{tag}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f'{name}="{value}" on <{tag}>')


def inline_problems(response) -> list[str]:
    if "text/html" not in response.get("Content-Type", "") or response.streaming:
        return []
    finder = InlineFinder()
    finder.feed(response.content.decode())
    return finder.problems


def test_the_policy_is_strict():
    assert policy_of_settings() == EXPECTED


def policy_of_settings() -> dict[str, list[str]]:
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {name: list(value) for name, value in directives.items() if isinstance(value, list)}


def test_every_url_answers_with_the_policy_and_nothing_it_would_block(world):
    # The admin pemda reaches every page of OPD A (the access matrix: 200 for the admin).
    admin, anonymous = client_as(world.users["admin"]), Client()
    problems = []
    for route in [Route("login", "masuk/", ()), *routes()]:
        url = url_of(route, world)
        for who, client in (("admin", admin), ("anonymous", anonymous)):
            response = client.get(url)
            found = policy(response)
            if any(found.get(name) != sources for name, sources in EXPECTED.items()):
                problems.append(f"{url} ({who}, {response.status_code}): policy {found}")
            problems += [f"{url} ({who}): {p}" for p in inline_problems(response)]
    assert problems == []


def test_no_policy_allows_inline_or_eval_scripts(client):
    header = client.get("/masuk/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    assert "'unsafe-hashes'" not in header


# --- Error pages -----------------------------------------------------------------------


def broken(request):
    raise RuntimeError("rusak untuk uji")


urlpatterns = [path("rusak/", broken), path("", include("kinerja.urls"))]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
@pytest.mark.parametrize(("url", "status"), [("/rusak/", 500), ("/tidak-ada/", 404)])
def test_error_pages_carry_the_policy_and_nothing_it_would_block(url, status):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status
    assert policy(response)["script-src"] == ["'self'"]
    assert inline_problems(response) == []


# --- Templates -------------------------------------------------------------------------

TEMPLATE_DIRS = [
    Path(settings.BASE_DIR) / "templates",
    *Path(settings.BASE_DIR).glob("kinerja/*/templates"),
]
FORBIDDEN = {
    "inline <script>": r"<script(?![^>]*\bsrc=)[^>]*>",
    "on…= handler": r"<[^>]*\son[a-z]+\s*=",
    "hx-on": r"hx-on",
    "style attribute": r"<[^>]*\sstyle\s*=",
    "<style> element": r"<style[\s>]",
    "javascript: URL": r"javascript:",
}


def test_no_template_holds_inline_script_handlers_or_styles():
    problems = [
        f"{template.relative_to(settings.BASE_DIR)}: {what}"
        for folder in TEMPLATE_DIRS
        for template in sorted(folder.rglob("*.html"))
        for what, pattern in FORBIDDEN.items()
        if re.search(pattern, template.read_text(), re.IGNORECASE)
    ]
    assert problems == []


def test_the_template_scan_finds_what_it_looks_for():
    samples = {
        "inline <script>": "<script>alert(1)</script>",
        "on…= handler": '<button onclick="go()">',
        "hx-on": '<form hx-on::after-request="x()">',
        "style attribute": '<div style="width: 3em">',
        "<style> element": "<style>p {}</style>",
        "javascript: URL": '<a href="javascript:history.back()">',
    }
    for what, sample in samples.items():
        assert re.search(FORBIDDEN[what], sample, re.IGNORECASE), what
    assert not re.search(FORBIDDEN["inline <script>"], '<script src="/static/x.js" defer>')


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/", "/admin/audit/auditevent/"],
)
def test_the_django_admin_too(superuser, url):
    client = client_as(superuser)
    response = client.get(url)
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert inline_problems(response) == []
