"""The home page lists the pemda and only the OPDs a persona may see, with their plans."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.models import User


def home_text(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("persona", "seen", "unseen"),
    [
        ("admin", ["BKPSDM", "Dinkes"], ["BKPSDM Kota Jambi"]),
        ("verifier", ["BKPSDM", "Dinkes"], ["BKPSDM Kota Jambi"]),
        ("planner_a", ["BKPSDM"], ["Dinkes", "BKPSDM Kota Jambi"]),
        ("viewer_a", ["BKPSDM"], ["Dinkes", "BKPSDM Kota Jambi"]),
        ("outsider_b", ["Dinkes"], ["BKPSDM"]),
    ],
)
def test_home_lists_only_the_opds_a_persona_may_see(
    client, request, opd_a, opd_b, other_pemda_opd, persona, seen, unseen
):
    text = home_text(client, request.getfixturevalue(persona))
    assert "Kabupaten Tanjung Jabung Barat" in text
    assert "Kota Jambi" not in text
    for name in seen:
        assert name in text
    for name in unseen:
        assert name not in text


def test_home_links_each_opd_to_its_renstra_and_renja(client, planner_a, renja_a, renja_b):
    text = home_text(client, planner_a)
    assert reverse("renstra:detail", args=[renja_a.renstra_id]) in text
    assert reverse("renja:detail", args=[renja_a.pk]) in text
    assert "Renstra 2021–2026" in text
    assert "Renja 2024" in text
    assert "Final, versi 1" in text
    assert reverse("renja:detail", args=[renja_b.pk]) not in text


def test_the_navigation_shows_the_user_and_role(client, planner_a, opd_a):
    text = home_text(client, planner_a)
    assert "Operator A" in text
    assert "Operator OPD BKPSDM" in text
    assert "Keluar" in text


def test_a_user_without_membership_is_told_so(client, opd_a):
    text = home_text(client, User.objects.create_user("tamu"))
    assert "belum terdaftar" in text
    assert "BKPSDM" not in text


def test_home_queries_do_not_grow_with_the_opds(client, admin, renja_a, renja_b):
    client.force_login(admin)
    with CaptureQueriesContext(connection) as two_opds:
        client.get(reverse("home"))
    admin.memberships.first().pemda.perangkat_daerah.create(code="X", name="Dinas X")
    with CaptureQueriesContext(connection) as three_opds:
        client.get(reverse("home"))
    assert len(three_opds) == len(two_opds)
