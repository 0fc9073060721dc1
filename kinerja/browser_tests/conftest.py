"""Fixtures of the browser tests: Debian's Chromium driven by Playwright against the live server.

`browser` is one Chromium for the whole session (never a browser downloaded by
`playwright install`: ADR 0008). Each test gets its own context and `page` (15 s default
timeout), pytest-django's `live_server` (so a transactional database) and `demo`, the
embedded demo loaded with a known password for its users admin, verifikator, operator and
pimpinan. `login(page, username)` signs in through the real login form; `shot(page, name)`
saves a full-page screenshot under `var/screenshots/` named after the test, and a failing
test leaves one of each page still open, as it was when the test failed. `open_page()`
gives each further person (verifikator, another operator) a browser of their own. Every
page reports its Content-Security-Policy violations (`csp_violations`); a test whose
pages broke the policy fails, even when everything else worked.
"""

import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from kinerja.accounts.models import Membership, PerangkatDaerah, User
from kinerja.demo import load_demo
from kinerja.renja.models import Renja

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google services, which
# floods a closed network and slows every test.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
DEMO_PASSWORD = "demo-peramban-123"  # noqa: S105 (test-only password of the demo users)
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


@dataclass(frozen=True)
class Demo:
    """The demo as loaded for a browser test: its Renja 2024 and that Renja's OPD (BKPSDM)."""

    renja: Renja

    @property
    def opd(self) -> PerangkatDaerah:
        return self.renja.perangkat_daerah


@pytest.fixture(scope="session")
def browser(django_db_setup: None) -> Iterator[Browser]:
    """Chromium for the whole session, started after (so closed before) the test database.

    Playwright's sync API keeps an event loop running in the test thread while the browser
    lives; Django would refuse the tests' own ORM calls (plain synchronous code: setting up
    data, reading what the browser saved) unless told they are safe, for that time only.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} tidak ada: jalankan `tools/system-deps` (memasang chromium).")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember each phase's report on the test item, so `open_page` knows when a test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _test_slug(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")


# Every Content-Security-Policy violation in a page is reported to the test (through a
# binding, so it survives navigation). Init scripts run outside the policy; the listener
# only watches what the pages' own scripts, styles and HTMX swaps do.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.kinerjaCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || document.location.href}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def csp_violations() -> list[str]:
    """Every CSP violation seen in this test's pages; the test fails if any remain."""
    return []


@pytest.fixture
def open_page(
    browser: Browser, request: pytest.FixtureRequest, csp_violations: list[str]
) -> Iterator[Callable[[], Page]]:
    """`open_page()` opens a page in a fresh browser context: one person, signed in or not.

    When the test fails, every tab still open is saved as `<test>-GAGAL-<n>.png`. When it
    passed but a page broke the Content-Security-Policy, the test fails at teardown.
    """
    contexts: list[BrowserContext] = []

    def open_one() -> Page:
        context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.expose_binding(
            "kinerjaCspViolation", lambda source, text: csp_violations.append(text)
        )
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        context.on("console", lambda message: _console_violation(message.text, csp_violations))
        return context.new_page()

    yield open_one
    report = getattr(request.node, "report_call", None)
    if report is not None and report.passed and csp_violations:
        pytest.fail("Pelanggaran Content-Security-Policy:\n" + "\n".join(csp_violations))
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tabs = [tab for context in contexts for tab in context.pages]
        for number, tab in enumerate(tabs, start=1):
            path = SCREENSHOTS / f"{_test_slug(request)}-GAGAL-{number}.png"
            tab.screenshot(path=path, full_page=True)
    for context in contexts:
        context.close()


def _console_violation(text: str, violations: list[str]) -> None:
    """Chromium also logs a refusal on the console ("Refused to … Content Security Policy")."""
    if "Content Security Policy" in text:
        violations.append(f"console: {text}")


@pytest.fixture
def page(open_page: Callable[[], Page]) -> Page:
    """A fresh page (and browser context) for the test, 15 s default timeout."""
    return open_page()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """`shot(page, "renja")` saves `var/screenshots/<test>-<n>-renja.png` and returns it."""
    slug = _test_slug(request)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{slug}-*.png"):
        old.unlink()
    taken: list[Path] = []

    def take(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{slug}-{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        taken.append(path)
        return path

    return take


@pytest.fixture
def demo(live_server, monkeypatch: pytest.MonkeyPatch) -> Demo:
    """The embedded demo in the live server's database; its users' password is DEMO_PASSWORD."""
    monkeypatch.setenv("KINERJA_DEMO_PASSWORD", DEMO_PASSWORD)
    result, _users = load_demo()
    assert result.perangkat_daerah is not None
    return Demo(renja=result.perangkat_daerah.renja.get())


@pytest.fixture
def login(live_server) -> Callable[[Page, str], None]:
    """`login(page, "operator")` signs in through the login form (password DEMO_PASSWORD)."""

    def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
        page.goto(f"{live_server.url}/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(f"{live_server.url}/")
        assert page.get_by_role("heading", name="Perangkat Daerah").is_visible()

    return sign_in


@pytest.fixture
def other_operator(demo: Demo) -> User:
    """An operator of another OPD (Dinas Kesehatan) in the demo's pemda."""
    dinkes = PerangkatDaerah.objects.create(
        pemda=demo.opd.pemda, code="DINKES", short_name="Dinkes", name="Dinas Kesehatan"
    )
    user = User.objects.create_user(username="operator_dinkes", password=DEMO_PASSWORD)
    Membership.objects.create(
        user=user, role=Membership.Role.EDITOR, pemda=demo.opd.pemda, perangkat_daerah=dinkes
    )
    return user
