"""The review cycle in a real browser (issue 6 §8), two people at two browsers.

The operator of BKPSDM edits and submits; the verifikator of Bappeda returns it with a
note; the operator sees the note, fixes and resubmits; the verifikator approves, and the
page is locked: no edit controls, and a change sent anyway is refused. An operator of
another OPD cannot reach it.
"""

import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja

KINERJA = "Realisasi triwulan IV: Jumlah Laporan Evaluasi Kinerja Perangkat Daerah"
ANGGARAN = "Realisasi anggaran triwulan IV: Pengelolaan Mutasi ASN"
NOTE = "Realisasi anggaran Pengelolaan Mutasi ASN melebihi bukti SP2D; mohon diperiksa."


def entry_row(page: Page, label: str):
    """The table row of the realisasi input labelled `label` (re-found after an HTMX swap)."""
    return page.locator("tr.entry-row", has=page.get_by_label(label, exact=True))


def save_inline(page: Page, label: str, text: str) -> None:
    """Type `text` into the realisasi input `label` and leave it: HTMX saves the row."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")
    expect(entry_row(page, label).get_by_role("status")).to_have_text("✓ Tersimpan")


def decide(page: Page, button: str, note: str = "") -> None:
    """Press a decision button of a review page, with `note` in its own form's textarea."""
    form = page.locator("form.review-decision", has=page.get_by_role("button", name=button))
    if note:
        form.locator("textarea").fill(note)
    form.get_by_role("button", name=button, exact=True).click()


def test_triwulan_report_cycle(open_page, demo, other_operator, login, shot, live_server) -> None:
    renja = demo.renja
    isi_url = f"{live_server.url}/evaluasi/renja/{renja.pk}/triwulan/4/isi/"
    review_url = f"{live_server.url}/verifikasi/renja/{renja.pk}/triwulan/4/"
    mutasi = renja.items.get(name="Pengelolaan Mutasi ASN")
    evaluasi = renja.items.get(code="5.03.01.2.01.0007").indikator.get()

    # The operator reaches the report from the Renja page, through E.81, and enters figures.
    operator = open_page()
    login(operator, "operator")
    operator.get_by_role("link", name="Renja 2024").click()
    operator.get_by_role("link", name="E.81 · Evaluasi Triwulan").click()
    operator.get_by_role("link", name="Realisasi dan laporan Triwulan IV").click()
    expect(operator).to_have_url(isi_url)
    save_inline(operator, KINERJA, "4")
    save_inline(operator, ANGGARAN, "99.984.275")
    shot(operator, "realisasi-diisi")
    assert RealisasiKinerja.objects.get(indikator=evaluasi, triwulan=4).value == Decimal(4)
    assert RealisasiAnggaran.objects.get(item=mutasi, triwulan=4).amount == Decimal(99984275)

    # … and submits it (the report's review page: no link leads there from the entry page).
    operator.goto(review_url)
    decide(operator, "Ajukan")
    expect(operator.get_by_role("status")).to_have_text(
        "Laporan triwulan diajukan untuk verifikasi."
    )

    # The verifikator finds it in the overview and returns it with a note.
    verifier = open_page()
    login(verifier, "verifikator")
    verifier.get_by_role("link", name="Verifikasi", exact=True).click()
    expect(
        verifier.get_by_role("heading", name=re.compile("Verifikasi Renja dan Laporan"))
    ).to_be_visible()
    bkpsdm = verifier.locator("tr", has=verifier.get_by_role("link", name="BKPSDM"))
    bkpsdm.get_by_role("link", name="Diajukan").click()
    expect(verifier).to_have_url(review_url)
    shot(verifier, "verifikasi-diajukan")
    decide(verifier, "Kembalikan")  # without the required note: refused, nothing changes
    expect(verifier.get_by_text("Catatan pengembalian wajib diisi")).to_be_visible()
    decide(verifier, "Kembalikan", NOTE)
    expect(verifier.get_by_role("status")).to_contain_text("dikembalikan")
    assert LaporanTriwulan.objects.get(renja=renja, triwulan=4).status == "dikembalikan"

    # The operator sees the note on the entry page, fixes the figure and resubmits from a
    # second tab, leaving the entry page open (as it was, editable) in the first.
    operator.goto(isi_url)
    expect(operator.locator(".catatan-verifikasi")).to_have_text(NOTE)
    expect(operator.locator(".report-status")).to_contain_text("Dikembalikan")
    save_inline(operator, ANGGARAN, "75.000.000")
    shot(operator, "realisasi-dikembalikan")
    stale_tab, operator = operator, operator.context.new_page()
    operator.goto(review_url)
    decide(operator, "Ajukan", "Sudah disesuaikan dengan SP2D.")
    expect(operator.get_by_role("status")).to_have_text(
        "Laporan triwulan diajukan untuk verifikasi."
    )

    # The verifikator approves: the report is verified and locked.
    verifier.reload()
    decide(verifier, "Verifikasi")
    expect(verifier.get_by_role("status")).to_have_text(
        "Laporan triwulan diverifikasi dan kini terkunci."
    )
    expect(verifier.locator(".review-history")).to_contain_text(NOTE)
    shot(verifier, "verifikasi-diverifikasi")

    # Locked: the entry page has no edit controls any more …
    operator.goto(isi_url)
    expect(operator.get_by_text("Laporan ini hanya dapat dibaca")).to_be_visible()
    expect(operator.locator(".realisasi-table input, .realisasi-table select")).to_have_count(0)
    expect(operator.get_by_role("button", name="Simpan narasi laporan")).to_have_count(0)
    expect(operator.get_by_role("button", name="Unggah bukti")).to_have_count(0)
    shot(operator, "realisasi-terkunci")

    # … and a change sent from the tab still showing the open form is refused by the server,
    # through HTMX (the row says why) and as a plain form POST (403).
    row_id = entry_row(stale_tab, ANGGARAN).get_attribute("id")
    field = stale_tab.get_by_label(ANGGARAN, exact=True)
    field.fill("1.000")
    field.press("Tab")
    expect(stale_tab.locator(f"[id='{row_id}'] [role=alert]")).to_have_text(
        "Laporan triwulan ini sudah diverifikasi dan terkunci. Nilai tidak disimpan."
    )
    with stale_tab.expect_response(lambda r: r.request.method == "POST") as posted:
        stale_tab.get_by_label(KINERJA, exact=True).evaluate(
            "(input) => { input.value = '2'; input.form.submit(); }"
        )
    assert posted.value.status == 403
    assert RealisasiAnggaran.objects.get(item=mutasi, triwulan=4).amount == Decimal(75000000)
    assert RealisasiKinerja.objects.get(indikator=evaluasi, triwulan=4).value == Decimal(4)

    # An operator of another OPD reaches neither the entry page nor the review page.
    outsider = open_page()
    login(outsider, other_operator.username)
    for url in (isi_url, review_url):
        response = outsider.goto(url)
        assert response is not None
        assert response.status == 404, url


RENJA_NOTE = "Target Jumlah Laporan Evaluasi Kinerja belum sesuai Renstra; mohon disesuaikan."


def test_renja_review_cycle(open_page, demo, other_operator, login, shot, live_server) -> None:
    renja = demo.renja
    renja_url = f"{live_server.url}/renja/{renja.pk}/"
    review_url = f"{live_server.url}/verifikasi/renja/{renja.pk}/"

    # The operator submits the Renja.
    operator = open_page()
    login(operator, "operator")
    operator.get_by_role("link", name="Renja 2024").click()
    expect(operator).to_have_url(renja_url)
    operator.goto(review_url)
    decide(operator, "Ajukan")
    expect(operator.get_by_role("status")).to_have_text("Renja diajukan untuk verifikasi.")

    # The verifikator returns it with a note.
    verifier = open_page()
    login(verifier, "verifikator")
    verifier.get_by_role("link", name="Verifikasi", exact=True).click()
    bkpsdm = verifier.locator("tr", has=verifier.get_by_role("link", name="BKPSDM"))
    bkpsdm.get_by_role("link", name="Diajukan").click()
    expect(verifier).to_have_url(review_url)
    decide(verifier, "Kembalikan", RENJA_NOTE)
    expect(verifier.get_by_role("status")).to_contain_text("dikembalikan")

    # The operator sees the note and resubmits.
    operator.goto(review_url)
    expect(operator.locator(".review-note")).to_contain_text(RENJA_NOTE)
    decide(operator, "Ajukan", "Target sudah disesuaikan.")
    expect(operator.get_by_role("status")).to_have_text("Renja diajukan untuk verifikasi.")

    # The verifikator approves: the Renja is locked.
    verifier.reload()
    decide(verifier, "Setujui")
    expect(verifier.get_by_role("status")).to_have_text("Renja disetujui dan kini terkunci.")
    shot(verifier, "verifikasi-disetujui")

    operator.goto(renja_url)
    shot(operator, "renja-terkunci")

    outsider = open_page()
    login(outsider, other_operator.username)
    for url in (renja_url, review_url):
        response = outsider.goto(url)
        assert response is not None
        assert response.status == 404, url
