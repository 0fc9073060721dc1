"""access_renstra: members of the OPD and pemda-wide roles see a Renstra; others get 404."""

import pytest
from django.http import Http404

from kinerja.renstra.access import access_renstra


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "admin", "verifier", "superuser"])
def test_those_who_may_see_the_opd_get_the_renstra(request, renstra_a, persona):
    assert access_renstra(request.getfixturevalue(persona), renstra_a.pk) == renstra_a


def test_an_outsider_gets_404(outsider_b, renstra_a):
    with pytest.raises(Http404):
        access_renstra(outsider_b, renstra_a.pk)


def test_a_missing_renstra_is_404(admin, renstra_a):
    with pytest.raises(Http404):
        access_renstra(admin, renstra_a.pk + 1000)


def test_access_is_one_query(planner_a, renstra_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        str(access_renstra(planner_a, renstra_a.pk).perangkat_daerah.pemda)
