"""The review cycle in a real browser (issue 6 §8), each person in their own browser.

For a triwulan report (realisasi entered inline) and for the Renja (a target edited
inline): the operator of BKPSDM edits and submits; the verifikator of Bappeda returns it
with a note; the operator sees the note, fixes and resubmits; the verifikator approves,
and the page is locked: no edit controls, and a change sent from a page opened before the
lock is refused. An operator of another OPD cannot reach either page.
"""

import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from kinerja.accounts.models import User
from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.renja.transitions import approve_renja, submit_renja

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
    tw4 = bkpsdm.locator("td.review-cell").nth(4)  # Renja, Laporan TW 1 … TW 4
    tw4.get_by_role("link", name="Diajukan").click()
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


INDIKATOR = "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah"  # target 2024: 5 Laporan
RENJA_NOTE = "Target 2024 Jumlah Laporan Evaluasi Kinerja terlalu tinggi; mohon disesuaikan."


def edit_target(page: Page, target: str, reason: str) -> None:
    """Open the indikator's inline form on the Renja page and type its 2024 target."""
    page.get_by_role("link", name=f"Ubah indikator {INDIKATOR}").click()
    panel = page.locator(".inline-panel")
    panel.get_by_label("Target 2024", exact=True).fill(target)
    # The demo has realisasi for this indikator: a changed target needs a reason.
    panel.get_by_label("Alasan perubahan target").fill(reason)


def test_renja_review_cycle(open_page, demo, other_operator, login, shot, live_server) -> None:
    renja = demo.renja
    renja_url = f"{live_server.url}/renja/{renja.pk}/"
    review_url = f"{live_server.url}/verifikasi/renja/{renja.pk}/"
    indikator = renja.items.get(code="5.03.01.2.01.0007").indikator.get(name=INDIKATOR)
    target_cell = f"tbody#item-{indikator.item_id} td.num >> nth=0"

    # The operator edits a target inline (HTMX) and submits the Renja.
    operator = open_page()
    login(operator, "operator")
    operator.get_by_role("link", name="Renja 2024").click()
    expect(operator).to_have_url(renja_url)
    expect(operator.locator(target_cell)).to_have_text("5 Laporan")
    edit_target(operator, "8", "Tambahan evaluasi kinerja UPT.")
    shot(operator, "renja-ubah-target")
    operator.get_by_role("button", name="Simpan").click()
    expect(operator.locator("#renja-edit-status")).to_have_text(f"Indikator {INDIKATOR} disimpan.")
    expect(operator.locator(target_cell)).to_have_text("8 Laporan")
    indikator.refresh_from_db()
    assert indikator.target == Decimal(8)
    operator.get_by_role("link", name="Verifikasi & riwayat").click()
    expect(operator).to_have_url(review_url)
    decide(operator, "Ajukan")
    expect(operator.get_by_role("status")).to_have_text("Renja diajukan untuk verifikasi.")
    operator.goto(renja_url)  # submitted: read-only until the verifikator decides
    expect(operator.locator(".edit-refusal")).to_contain_text("sedang diajukan untuk verifikasi")
    expect(operator.locator(".renja-table .row-actions")).to_have_count(0)

    # The verifikator finds it in the overview and returns it with a note.
    verifier = open_page()
    login(verifier, "verifikator")
    verifier.get_by_role("link", name="Verifikasi", exact=True).click()
    bkpsdm = verifier.locator("tr", has=verifier.get_by_role("link", name="BKPSDM"))
    bkpsdm.locator("td.review-cell").first.get_by_role("link", name="Diajukan").click()
    expect(verifier).to_have_url(review_url)
    shot(verifier, "verifikasi-diajukan")
    decide(verifier, "Kembalikan", RENJA_NOTE)
    expect(verifier.get_by_role("status")).to_have_text(
        "Renja dikembalikan kepada perangkat daerah dengan catatan."
    )

    # The operator sees the note on the Renja page, fixes the target and resubmits from a
    # second tab, leaving the Renja page open (as it was, editable) with a form open.
    operator.reload()
    expect(operator.locator(".review-status")).to_contain_text(RENJA_NOTE)
    edit_target(operator, "6", "Disesuaikan dengan catatan verifikator.")
    operator.get_by_role("button", name="Simpan").click()
    expect(operator.locator(target_cell)).to_have_text("6 Laporan")
    shot(operator, "renja-dikembalikan")
    edit_target(operator, "7", "Tab lama.")
    stale_tab, operator = operator, operator.context.new_page()
    operator.goto(review_url)
    decide(operator, "Ajukan", "Target sudah disesuaikan.")
    expect(operator.get_by_role("status")).to_have_text("Renja diajukan untuk verifikasi.")

    # The verifikator approves: the Renja is locked.
    verifier.reload()
    decide(verifier, "Setujui")
    expect(verifier.get_by_role("status")).to_have_text("Renja disetujui dan kini terkunci.")
    expect(verifier.locator(".review-history")).to_contain_text(RENJA_NOTE)
    shot(verifier, "verifikasi-disetujui")

    # Locked: the Renja page has no edit controls any more …
    operator.goto(renja_url)
    expect(operator.locator(".review-status")).to_contain_text("Disetujui")
    expect(operator.locator(".edit-refusal")).to_contain_text("sudah disetujui dan terkunci")
    expect(operator.locator(".renja-table .row-actions")).to_have_count(0)
    expect(operator.get_by_role("link", name="+ Program")).to_have_count(0)
    expect(operator.locator(target_cell)).to_have_text("6 Laporan")
    shot(operator, "renja-terkunci")

    # … and the form left open in the old tab is refused by the server (403, and the page
    # reloads saying why); the target stays as approved.
    with stale_tab.expect_response(lambda r: r.request.method == "POST") as posted:
        stale_tab.get_by_role("button", name="Simpan").click()
    assert posted.value.status == 403
    expect(stale_tab.get_by_role("status").filter(has_text="terkunci").first).to_be_visible()
    expect(stale_tab.locator(".renja-table .row-actions")).to_have_count(0)
    indikator.refresh_from_db()
    assert indikator.target == Decimal(6)

    # An operator of another OPD reaches neither the Renja page nor its review page.
    outsider = open_page()
    login(outsider, other_operator.username)
    for url in (renja_url, review_url):
        response = outsider.goto(url)
        assert response is not None
        assert response.status == 404, url


def test_narasi_of_an_approved_renja_is_locked(page, demo, login, live_server) -> None:
    renja = demo.renja
    submit_renja(renja, acting_user=User.objects.get(username="operator"))
    approve_renja(renja, acting_user=User.objects.get(username="verifikator"))
    login(page, "operator")
    page.goto(f"{live_server.url}/dokumen/renja/{renja.pk}/narasi/")
    expect(page.get_by_role("heading", name="Narasi Dokumen Renja")).to_be_visible()
    assert page.get_by_role("button", name="Simpan narasi").count() == 0
