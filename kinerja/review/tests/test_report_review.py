"""The review page of a triwulan report: its narrative, status and history, and the
buttons of each role; the first transition creates the report."""

import pytest
from django.urls import reverse

from kinerja.monitoring.models import LaporanTriwulan
from kinerja.monitoring.workflow import submit_report
from kinerja.review.tests.conftest import report_with_status, window
from kinerja.review.tests.test_renja_review import buttons

pytestmark = pytest.mark.django_db


def page_url(renja, triwulan):
    return reverse("review:report", args=[renja.pk, triwulan])


def act_url(renja, triwulan, action):
    return reverse("review:report_act", args=[renja.pk, triwulan, action])


@pytest.mark.parametrize(("persona", "status", "shown"), [
    ("planner_a", None, ["Ajukan"]),
    ("planner_a", "diajukan", []),
    ("planner_a", "diverifikasi", []),
    ("viewer_a", None, []),
    ("verifier", None, []),
    ("verifier", "diajukan", ["Kembalikan", "Verifikasi"]),
    ("admin", "dikembalikan", ["Ajukan"]),
    ("admin", "diajukan", ["Kembalikan", "Verifikasi"]),
])  # fmt: skip
def test_each_role_sees_the_buttons_of_its_transitions(
    request, signed_in, renja_a, persona, status, shown
):
    if status:
        report_with_status(renja_a, 2, status)
    html = signed_in(request.getfixturevalue(persona)).get(page_url(renja_a, 2)).content.decode()
    assert buttons(html) == shown


def test_the_page_shows_the_narrative_and_links_to_the_figures(signed_in, verifier, renja_a):
    LaporanTriwulan.objects.create(
        renja=renja_a, triwulan=3, faktor_penghambat="Hujan deras", status="diajukan"
    )
    html = signed_in(verifier).get(page_url(renja_a, 3)).content.decode()
    assert "Verifikasi Laporan Triwulan III Tahun 2024" in html
    assert "Hujan deras" in html
    assert f"{reverse('monitoring:e81', args=[renja_a.pk])}?triwulan=3" in html
    assert reverse("monitoring:realisasi", args=[renja_a.pk, 3]) in html


def test_the_cycle_through_the_pages(signed_in, client, planner_a, verifier, renja_a):
    signed_in(planner_a)
    assert client.post(act_url(renja_a, 1, "ajukan"), {"revision": 0}).status_code == 302
    laporan = LaporanTriwulan.objects.get(renja=renja_a, triwulan=1)
    assert laporan.status == "diajukan"

    signed_in(verifier)
    response = client.post(act_url(renja_a, 1, "kembalikan"), {"revision": laporan.revision})
    assert response.status_code == 200
    assert "Catatan pengembalian wajib diisi" in response.content.decode()
    response = client.post(
        act_url(renja_a, 1, "kembalikan"), {"note": "Bukti?", "revision": laporan.revision}
    )
    assert response.status_code == 302
    laporan.refresh_from_db()
    assert (laporan.status, laporan.catatan_verifikasi) == ("dikembalikan", "Bukti?")

    submit_report(renja_a, 1, acting_user=planner_a)
    laporan.refresh_from_db()
    response = client.post(act_url(renja_a, 1, "setujui"), {"revision": laporan.revision})
    assert response.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == "diverifikasi"
    html = client.get(page_url(renja_a, 1)).content.decode()
    assert html.count("<li>\n        <time") == 4
    assert "Laporan triwulan diverifikasi dan kini terkunci." in html


@pytest.mark.parametrize(("persona", "action", "code"), [
    ("viewer_a", "ajukan", 403),
    ("verifier", "ajukan", 403),
    ("planner_a", "setujui", 403),
    ("outsider_b", "ajukan", 404),
])  # fmt: skip
def test_forbidden_transitions_change_nothing(request, signed_in, renja_a, persona, action, code):
    client = signed_in(request.getfixturevalue(persona))
    assert client.post(act_url(renja_a, 2, action), {"note": "x"}).status_code == code
    assert not LaporanTriwulan.objects.exists()


def test_an_unknown_triwulan_is_not_found(signed_in, planner_a, renja_a):
    client = signed_in(planner_a)
    assert client.get(page_url(renja_a, 5)).status_code == 404
    assert client.post(act_url(renja_a, 0, "ajukan")).status_code == 404


def test_a_closed_triwulan_window_is_explained_to_the_operator(
    signed_in, pemda, planner_a, renja_a
):
    jadwal = window(pemda, days_ago_closed=1, tahap="triwulan", triwulan=2)
    client = signed_in(planner_a)
    html = client.get(page_url(renja_a, 2)).content.decode()
    assert buttons(html) == []
    assert f"{jadwal.closes_on:%d-%m-%Y}" in html
    response = client.post(act_url(renja_a, 2, "ajukan"), {"revision": 0})
    assert response.status_code == 409
    assert not LaporanTriwulan.objects.exists()


def test_a_verification_of_a_report_already_verified_is_explained(
    signed_in, verifier, admin, renja_a
):
    laporan = report_with_status(renja_a, 4, "diverifikasi")
    response = signed_in(verifier).post(
        act_url(renja_a, 4, "setujui"), {"revision": laporan.revision}
    )
    assert response.status_code == 409
    assert "statusnya Diverifikasi" in response.content.decode()
