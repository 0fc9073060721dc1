"""opds_for and access_perangkat_daerah: who may see which OPD; missing and forbidden are 404."""

import pytest
from django.http import Http404

from kinerja.accounts.access import access_perangkat_daerah, opds_for
from kinerja.accounts.models import User


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("admin", {"BKPSDM", "Dinkes"}),
        ("verifier", {"BKPSDM", "Dinkes"}),
        ("planner_a", {"BKPSDM"}),
        ("viewer_a", {"BKPSDM"}),
        ("outsider_b", {"Dinkes"}),
    ],
)
def test_opds_for_follows_the_memberships(request, opd_a, opd_b, other_pemda_opd, persona, visible):
    user = request.getfixturevalue(persona)
    assert {str(opd) for opd in opds_for(user)} == visible


def test_a_superuser_sees_every_opd_of_every_pemda(superuser, opd_a, opd_b, other_pemda_opd):
    assert set(opds_for(superuser)) == {opd_a, opd_b, other_pemda_opd}


def test_a_user_without_membership_sees_nothing(db, opd_a):
    user = User.objects.create_user("tamu", password="x")
    assert list(opds_for(user)) == []


def test_an_inactive_user_sees_nothing(admin, opd_a):
    admin.is_active = False
    assert list(opds_for(admin)) == []


def test_an_opd_seen_through_two_memberships_is_listed_once(planner_a, pemda, opd_a):
    planner_a.memberships.create(pemda=pemda, role="admin")
    assert list(opds_for(planner_a)).count(opd_a) == 1


def test_opds_for_is_one_query(admin, opd_a, opd_b, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(opds_for(admin))


def test_access_returns_a_visible_opd(planner_a, opd_a):
    assert access_perangkat_daerah(planner_a, opd_a.pk) == opd_a


def test_access_refuses_another_opd_as_missing(planner_a, opd_b):
    with pytest.raises(Http404):
        access_perangkat_daerah(planner_a, opd_b.pk)


def test_access_refuses_an_opd_of_another_pemda(admin, other_pemda_opd):
    with pytest.raises(Http404):
        access_perangkat_daerah(admin, other_pemda_opd.pk)


def test_access_refuses_a_missing_opd(admin, opd_a):
    with pytest.raises(Http404):
        access_perangkat_daerah(admin, opd_a.pk + 1000)
