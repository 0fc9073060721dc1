"""/dasbor/ sends each user to the dashboard that fits their role."""

import pytest
from django.urls import reverse

from kinerja.monitoring.tests.pages import get_page
from kinerja.testing import build_renja, make_user, synthetic_programs

pytestmark = pytest.mark.django_db


def landing(client, user):
    response = get_page(client, user, reverse("dashboard:landing"))
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a"])
def test_opd_roles_go_to_their_opds_latest_year(client, request, renja_a, persona):
    build_renja(renja_a.renstra, year=2025, programs=synthetic_programs(1, 1, 1))
    target = landing(client, request.getfixturevalue(persona))
    assert target == reverse("dashboard:opd", args=[renja_a.perangkat_daerah_id, 2025])


@pytest.mark.parametrize("persona", ["verifier", "admin", "superuser"])
def test_bappeda_roles_go_to_the_pemda_dashboard(client, request, pemda, renja_a, persona):
    target = landing(client, request.getfixturevalue(persona))
    assert target == reverse("dashboard:pemda", args=[pemda.pk, 2024])


def test_a_user_without_a_role_goes_home(client, db):
    assert landing(client, make_user("tamu")) == reverse("home")


def test_the_landing_page_needs_signing_in(client, db):
    response = client.get(reverse("dashboard:landing"))
    assert response["Location"].startswith(reverse("login"))


def test_pimpinan_opens_the_dashboard_it_lands_on(client, viewer_a, renja_a):
    viewer_a.refresh_from_db()
    client.force_login(viewer_a)
    response = client.get(reverse("dashboard:landing"), follow=True)
    assert response.status_code == 200
    assert "Dasbor Kinerja BKPSDM Tahun 2024" in response.content.decode()
