"""The review page of a Renja: status, history, and the buttons each role may use at each
status (Ajukan, Kembalikan with its note, Setujui, Buat perubahan), posted with CSRF; a
refusal is a message on the page, a forbidden role a 403, an outsider a 404."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.renja.models import Renja
from kinerja.renja.transitions import approve_renja, return_renja, submit_renja
from kinerja.review.tests.conftest import window, with_status

pytestmark = pytest.mark.django_db


def page_url(renja):
    return reverse("review:renja", args=[renja.pk])


def act_url(renja, action):
    return reverse("review:renja_act", args=[renja.pk, action])


def buttons(html):
    """The labels of the page's decision buttons (the sign-out button has no class)."""
    return re.findall(r'<button type="submit" class="(?:primary|secondary)">([^<]+)</button>', html)


# (persona, status, buttons shown)
CASES = [
    ("planner_a", "draf", ["Ajukan"]),
    ("planner_a", "diajukan", []),
    ("planner_a", "dikembalikan", ["Ajukan"]),
    ("planner_a", "disetujui", ["Buat perubahan"]),
    ("viewer_a", "draf", []),
    ("viewer_a", "disetujui", []),
    ("verifier", "draf", []),
    ("verifier", "diajukan", ["Kembalikan", "Setujui"]),
    ("verifier", "disetujui", []),
    ("admin", "draf", ["Ajukan"]),
    ("admin", "diajukan", ["Kembalikan", "Setujui"]),
    ("admin", "disetujui", ["Buat perubahan"]),
]


@pytest.mark.parametrize(("persona", "status", "shown"), CASES)
def test_each_role_sees_the_buttons_of_its_transitions(
    request, signed_in, renja_a, persona, status, shown
):
    renja = with_status(renja_a, status)
    response = signed_in(request.getfixturevalue(persona)).get(page_url(renja))
    assert response.status_code == 200
    html = response.content.decode()
    assert buttons(html) == shown
    assert f'status-badge status-{status}">{renja.get_status_display()}<' in html


def test_an_outsider_gets_404_for_the_page_and_the_actions(signed_in, outsider_b, renja_a):
    client = signed_in(outsider_b)
    assert client.get(page_url(renja_a)).status_code == 404
    assert client.post(act_url(renja_a, "ajukan")).status_code == 404


@pytest.mark.parametrize(("persona", "action", "status"), [
    ("viewer_a", "ajukan", "draf"),
    ("viewer_a", "setujui", "diajukan"),
    ("viewer_a", "perubahan", "disetujui"),
    ("planner_a", "setujui", "diajukan"),
    ("planner_a", "kembalikan", "diajukan"),
    ("verifier", "ajukan", "draf"),
    ("verifier", "perubahan", "disetujui"),
])  # fmt: skip
def test_a_role_without_the_transition_gets_403(
    request, signed_in, renja_a, persona, action, status
):
    renja = with_status(renja_a, status)
    client = signed_in(request.getfixturevalue(persona))
    response = client.post(act_url(renja, action), {"note": "x", "reason": "x"})
    assert response.status_code == 403
    renja.refresh_from_db()
    assert renja.status == status
    assert Renja.objects.count() == 1


def test_the_operator_submits_and_the_verifier_returns_then_approves(
    signed_in, client, planner_a, verifier, renja_a
):
    # the operator submits with a note for the verifier
    signed_in(planner_a)
    response = client.post(act_url(renja_a, "ajukan"), {"note": "Siap diperiksa", "revision": 1})
    assert response.status_code == 302
    assert response["Location"] == page_url(renja_a)
    assert "Renja diajukan untuk verifikasi." in client.get(page_url(renja_a)).content.decode()

    # the verifier's return without a note is refused on the page, nothing changes
    signed_in(verifier)
    renja_a.refresh_from_db()
    response = client.post(act_url(renja_a, "kembalikan"), {"note": "  ", "revision": 2})
    assert response.status_code == 200
    assert "Catatan pengembalian wajib diisi" in response.content.decode()
    renja_a.refresh_from_db()
    assert renja_a.status == "diajukan"

    # with a note it is returned; the note is on the page and in the history
    response = client.post(act_url(renja_a, "kembalikan"), {"note": "Isi lokasi.", "revision": 2})
    assert response.status_code == 302
    renja_a.refresh_from_db()
    assert (renja_a.status, renja_a.catatan_verifikasi) == ("dikembalikan", "Isi lokasi.")
    html = client.get(page_url(renja_a)).content.decode()
    assert "Isi lokasi." in html
    assert html.count("<li>\n        <time") == 2  # two transitions in the history

    submit_renja(renja_a, acting_user=planner_a)
    renja_a.refresh_from_db()
    response = client.post(act_url(renja_a, "setujui"), {"revision": renja_a.revision})
    assert response.status_code == 302
    renja_a.refresh_from_db()
    assert renja_a.status == "disetujui"


def test_a_decision_on_an_outdated_page_is_a_409_with_the_reason(
    signed_in, planner_a, verifier, admin, renja_a
):
    renja = submit_renja(renja_a, acting_user=planner_a)
    shown = renja.revision
    approve_renja(renja, acting_user=admin)  # meanwhile

    response = signed_in(verifier).post(
        act_url(renja, "kembalikan"), {"note": "Perbaiki.", "revision": shown}
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "tidak sedang diajukan (statusnya Disetujui)" in html
    assert "diubah oleh Admin Pemda" in html
    assert "Catatan yang Anda tulis (belum tersimpan):</strong><p>Perbaiki.</p>" in html
    renja.refresh_from_db()
    assert renja.status == "disetujui"


def test_a_resubmitted_renja_refuses_an_approval_of_what_was_shown_before(
    signed_in, planner_a, verifier, admin, renja_a
):
    renja = submit_renja(renja_a, acting_user=planner_a)
    shown = renja.revision
    renja = return_renja(renja, acting_user=admin, note="Ganti target.")
    submit_renja(renja, acting_user=planner_a)

    response = signed_in(verifier).post(act_url(renja, "setujui"), {"revision": shown})

    assert response.status_code == 409
    assert "telah berubah sejak Anda membuka halaman ini" in response.content.decode()


def test_a_closed_jadwal_shows_why_the_operator_cannot_submit(signed_in, pemda, planner_a, renja_a):
    jadwal = window(pemda, days_ago_closed=2)
    client = signed_in(planner_a)

    html = client.get(page_url(renja_a)).content.decode()
    assert buttons(html) == []
    assert f"sudah ditutup ({jadwal.opens_on:%d-%m-%Y} s/d {jadwal.closes_on:%d-%m-%Y})" in html

    response = client.post(act_url(renja_a, "ajukan"), {"revision": 1})
    assert response.status_code == 409
    renja_a.refresh_from_db()
    assert renja_a.status == "draf"


def test_creating_a_perubahan_opens_the_new_draf(signed_in, planner_a, renja_a):
    renja = with_status(renja_a, "disetujui")
    client = signed_in(planner_a)
    html = client.get(page_url(renja)).content.decode()
    assert "Realisasi dan laporan triwulan yang sudah dicatat tetap pada versi ini." in html

    assert client.post(act_url(renja, "perubahan"), {"reason": ""}).status_code == 200
    assert Renja.objects.count() == 1
    response = client.post(act_url(renja, "perubahan"), {"reason": "APBD Perubahan"})

    new = Renja.objects.get(version=2)
    assert response.status_code == 302
    assert response["Location"] == reverse("renja:detail", args=[new.pk])
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.RENJA_VERSION_CREATED)
    assert event.reason == "APBD Perubahan"
    # the old version says where the plan continues; the new one where realisasi stayed
    assert "Sudah ada Renja perubahan" in client.get(page_url(renja)).content.decode()
    html = client.get(page_url(new)).content.decode()
    assert "Renja perubahan dari" in html
    assert "membuat Renja perubahan dari versi 1" in html  # its history
    assert buttons(html) == ["Ajukan"]
    # a second perubahan of version 1 is refused in words
    response = client.post(act_url(renja, "perubahan"), {"reason": "Lagi"})
    assert response.status_code == 409
    assert "Sudah ada Renja perubahan versi 2" in response.content.decode()


def test_the_actions_need_post_and_a_known_name_and_csrf(planner_a, renja_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(planner_a)
    assert client.get(act_url(renja_a, "ajukan")).status_code == 405
    assert client.post(act_url(renja_a, "ajukan")).status_code == 403  # no CSRF token
    token_client = Client()
    token_client.force_login(planner_a)
    assert token_client.post(act_url(renja_a, "hapus")).status_code == 404
    renja_a.refresh_from_db()
    assert renja_a.status == "draf"
