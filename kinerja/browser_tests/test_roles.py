"""What each demo role sees, in a real browser: the operator and pimpinan of BKPSDM, the
verifikator of Bappeda, and an operator of another OPD of the same pemda."""

import re
from typing import Any

from playwright.sync_api import APIResponse, Page, expect

GRAND_TOTAL = "15.119.920.991"  # Tabel 4.1 of the demo's Renja 2024, pagu tahun n
EDIT_CONTROLS = ".renja-table .row-actions"  # "Ubah", "+ Indikator", "Hapus" on each row


def post_form(page: Page, url: str, data: dict[str, Any]) -> APIResponse:
    """POST `data` as the page's signed-in user (session and CSRF cookie), bypassing the UI."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    return page.request.post(url, form=data, headers={"X-CSRFToken": token})


def test_operator_sees_their_renja_and_edits_narasi(page, demo, login, shot, live_server):
    login(page, "operator")
    expect(page.get_by_text("BKPSDM", exact=True)).to_be_visible()
    shot(page, "beranda")

    page.get_by_role("link", name="Renja 2024").click()
    expect(page.get_by_role("heading", name="Rencana Kerja (Renja) Tahun 2024")).to_be_visible()
    expect(page.locator("table.renja-table tr.total td.money").first).to_have_text(GRAND_TOTAL)
    expect(page.locator(".review-status")).to_contain_text("Draf")
    expect(page.locator(EDIT_CONTROLS).first).to_be_visible()
    expect(page.get_by_role("link", name="+ Program")).to_be_visible()
    shot(page, "renja")

    page.get_by_role("link", name="E.81 · Evaluasi Triwulan").click()
    expect(page.get_by_role("heading", name="Evaluasi Hasil Renja per Triwulan")).to_be_visible()
    shot(page, "e81")
    # E.81's 29 columns scroll sideways on a screen; for the record, one picture of them all.
    # Through the CSSOM, which the Content-Security-Policy allows (a <style> it refuses).
    page.evaluate(
        """() => {
            document.querySelector(".page").style.maxWidth = "none";
            const wraps = document.querySelectorAll(".table-wrap");
            wraps.forEach((wrap) => { wrap.style.overflow = "visible"; });
        }"""
    )
    page.set_viewport_size({"width": 2900, "height": 900})
    shot(page, "e81-lebar")
    page.set_viewport_size({"width": 1366, "height": 900})

    # The narasi page: the operator writes; "Isi dari angka" is HTMX, run by the browser.
    page.goto(f"{live_server.url}/dokumen/renja/{demo.renja.pk}/narasi/")
    expect(page.get_by_role("heading", name="Narasi Dokumen Renja")).to_be_visible()
    field = page.locator("textarea[name=evaluasi_renja]")
    field.fill("")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Isi dari angka").click()
    expect(page.locator("textarea[name=evaluasi_renja]")).to_have_value(
        re.compile("^Evaluasi pelaksanaan Renja Badan Kepegawaian")
    )
    expect(page.get_by_role("button", name="Simpan narasi")).to_be_enabled()
    shot(page, "narasi")


def test_pimpinan_reads_only(page, demo, login, shot, live_server):
    login(page, "pimpinan")
    page.get_by_role("link", name="Renja 2024").click()
    expect(page.locator("table.renja-table tr.total td.money").first).to_have_text(GRAND_TOTAL)
    expect(page.locator(".edit-refusal")).to_contain_text("tidak berwenang mengubah Renja")
    expect(page.locator(EDIT_CONTROLS)).to_have_count(0)
    expect(page.get_by_role("link", name="+ Program")).to_have_count(0)
    shot(page, "renja")

    # A target change posted anyway is refused, and nothing changes.
    indikator = demo.renja.items.get(code="5.03.01.2.01.0007").indikator.get()
    url = f"{live_server.url}/renja/{demo.renja.pk}/indikator/{indikator.pk}/ubah/"
    data = {
        "revision": str(indikator.revision),
        "name": indikator.name,
        "target": "99",
    }
    response = post_form(page, url, data)
    assert response.status == 403
    assert "Anda tidak berwenang mengubah Renja perangkat daerah ini." in response.text()
    indikator.refresh_from_db()
    assert indikator.target == 5

    page.goto(f"{live_server.url}/dokumen/renja/{demo.renja.pk}/narasi/")
    expect(page.get_by_text("Narasi ini hanya dapat dibaca")).to_be_visible()
    expect(page.get_by_role("button", name="Simpan narasi")).to_have_count(0)
    expect(page.get_by_role("button", name="Isi dari angka")).to_have_count(0)
    textareas = page.locator("form.narasi textarea")
    expect(textareas.first).to_be_disabled()
    assert textareas.count() == page.locator("form.narasi textarea[disabled]").count()
    shot(page, "narasi")

    # Even with the controls forced open, the server refuses the POST.
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.evaluate(
            """() => {
                const form = document.querySelector("form.narasi");
                form.querySelectorAll("[disabled]").forEach((el) => el.removeAttribute("disabled"));
                form.submit();
            }"""
        )
    assert posted.value.status == 403


def test_verifikator_sees_the_bappeda_page(page, demo, login, shot, live_server):
    login(page, "verifikator")
    page.get_by_role("link", name=re.compile("Rekap evaluasi seluruh perangkat daerah")).click()
    expect(page).to_have_url(re.compile(rf"/evaluasi/pemda/{demo.opd.pemda_id}/"))
    expect(page.get_by_role("heading", name=re.compile("Rekap Evaluasi Renja"))).to_be_visible()
    row = page.locator("tr", has=page.get_by_role("link", name="BKPSDM"))
    expect(row).to_contain_text(GRAND_TOTAL)
    shot(page, "bappeda")

    # The verifikator reads every OPD's Renja but does not write it.
    page.goto(f"{live_server.url}/renja/{demo.renja.pk}/")
    expect(page.locator("table.renja-table tr.total td.money").first).to_have_text(GRAND_TOTAL)
    expect(page.locator(".edit-refusal")).to_contain_text("tidak berwenang mengubah Renja")
    expect(page.locator(EDIT_CONTROLS)).to_have_count(0)
    page.goto(f"{live_server.url}/dokumen/renja/{demo.renja.pk}/narasi/")
    expect(page.get_by_role("button", name="Simpan narasi")).to_have_count(0)


def test_operator_of_another_opd_gets_404(page, demo, other_operator, login, live_server):
    login(page, "operator_dinkes")
    expect(page.get_by_text("Dinkes", exact=True)).to_be_visible()
    expect(page.get_by_text("BKPSDM", exact=True)).to_have_count(0)
    for path in (
        f"/renja/{demo.renja.pk}/",
        f"/evaluasi/renja/{demo.renja.pk}/e81/",
        f"/dokumen/renja/{demo.renja.pk}/narasi/",
        f"/evaluasi/pemda/{demo.opd.pemda_id}/",
    ):
        response = page.goto(live_server.url + path)
        assert response is not None
        assert response.status == 404, path
