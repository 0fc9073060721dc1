"""The Content-Security-Policy and sign-in throttling in a real browser: the policy refuses an
inline script (and the tests hear of it), the dashboards still draw their charts, the 403
page's "Kembali" works without a javascript: link, the Django admin runs under the policy,
and a locked-out operator is unlocked by the admin pemda (docs/security.md §7)."""

import re
import time

from playwright.sync_api import Page, expect

from kinerja.browser_tests.conftest import DEMO_PASSWORD


def wait_for(condition, timeout=5.0) -> bool:
    """Poll `condition` (the browser reports violations asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_the_policy_refuses_inline_script_and_style_and_the_tests_hear_of_it(
    page: Page, live_server, csp_violations
) -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.ranInline = true;";
            document.head.append(script);
            document.querySelector("h1").setAttribute("style", "color: red");
        }"""
    )
    assert wait_for(lambda: len(csp_violations) >= 2), csp_violations
    assert page.evaluate("() => window.ranInline") is None
    assert page.evaluate("() => getComputedStyle(document.querySelector('h1')).color") != (
        "rgb(255, 0, 0)"
    )
    assert any(v.startswith("script-src-elem blocked inline") for v in csp_violations)
    assert any(v.startswith("style-src-attr blocked inline") for v in csp_violations)
    csp_violations.clear()  # seen on purpose: the teardown check is for the pages' own


def test_the_dashboards_draw_their_charts_under_the_policy(
    open_page, demo, login, shot, live_server
) -> None:
    operator = open_page()
    login(operator, "operator")
    operator.get_by_role("link", name="Dasbor").click()
    expect(operator).to_have_url(re.compile(r"/dasbor/opd/"))
    charts = operator.locator("canvas[data-chart]")
    expect(charts.first).to_be_visible()
    expect(operator.locator("canvas[data-drawn]")).to_have_count(charts.count())
    shot(operator, "dasbor-opd")

    verifier = open_page()
    login(verifier, "verifikator")
    verifier.goto(f"{live_server.url}/dasbor/pemda/{demo.opd.pemda_id}/{demo.renja.year}/")
    charts = verifier.locator("canvas[data-chart]")
    expect(charts.first).to_be_visible()
    expect(verifier.locator("canvas[data-drawn]")).to_have_count(charts.count())
    shot(verifier, "dasbor-pemda")


def test_the_403_page_goes_back_without_a_javascript_link(page: Page, demo, login, live_server):
    login(page, "pimpinan")
    narasi = f"{live_server.url}/dokumen/renja/{demo.renja.pk}/narasi/"
    page.goto(narasi)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.evaluate(
            """() => {
                const form = document.querySelector("form.narasi");
                form.querySelectorAll("[disabled]").forEach((el) => el.removeAttribute("disabled"));
                form.submit();
            }"""
        )
    assert posted.value.status == 403
    expect(page.get_by_role("heading", name="Perubahan tidak diizinkan")).to_be_visible()
    page.get_by_role("link", name="Kembali").click()
    expect(page).to_have_url(narasi)


def test_the_django_admin_works_under_the_policy(page: Page, demo, login, live_server) -> None:
    login(page, "admin")  # the demo's admin is also a superuser
    page.goto(f"{live_server.url}/admin/")
    expect(
        page.get_by_role("link", name=re.compile("Pengguna|Users", re.IGNORECASE)).first
    ).to_be_visible()
    page.goto(f"{live_server.url}/admin/accounts/user/")
    page.get_by_role("link", name="operator", exact=True).click()
    expect(page.locator("input[name=username]")).to_have_value("operator")


def test_a_locked_out_operator_is_unlocked_by_the_admin(open_page, demo, login, shot, live_server):
    operator = open_page()
    for attempt in range(5):
        operator.goto(f"{live_server.url}/masuk/")
        operator.get_by_label("Nama pengguna").fill("operator")
        operator.get_by_label("Kata sandi").fill(f"salah-{attempt}")
        operator.get_by_role("button", name="Masuk").click()
    expect(operator.get_by_role("heading", name="Masuk dikunci sementara")).to_be_visible()
    expect(operator.get_by_text(re.compile(r"Coba lagi setelah pukul \d\d\.\d\d"))).to_be_visible()
    shot(operator, "terkunci")

    admin = open_page()
    login(admin, "admin")
    admin.get_by_role("link", name="Pengaturan").click()
    admin.get_by_role("link", name=re.compile("Pengguna")).first.click()
    admin.get_by_role("link", name="operator", exact=True).click()
    expect(admin.get_by_text(re.compile("Masuk terkunci sementara dari alamat"))).to_be_visible()
    shot(admin, "pengguna-terkunci")
    admin.get_by_role("button", name="Buka kunci masuk").click()
    expect(admin.get_by_text("Kunci masuk operator dibuka; ia dapat masuk lagi.")).to_be_visible()

    login(operator, "operator", DEMO_PASSWORD)
