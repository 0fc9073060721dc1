"""access_renja: members of the OPD and pemda-wide roles see a Renja; others get 404."""

import pytest
from django.http import Http404

from kinerja.renja.access import access_renja


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "admin", "verifier", "superuser"])
def test_those_who_may_see_the_opd_get_the_renja(request, renja_a, persona):
    assert access_renja(request.getfixturevalue(persona), renja_a.pk) == renja_a


def test_an_outsider_gets_404(outsider_b, renja_a):
    with pytest.raises(Http404):
        access_renja(outsider_b, renja_a.pk)


def test_a_missing_renja_is_404(admin, renja_a):
    with pytest.raises(Http404):
        access_renja(admin, renja_a.pk + 1000)


def test_access_is_one_query(planner_a, renja_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        renja = access_renja(planner_a, renja_a.pk)
        str(renja.perangkat_daerah.pemda), str(renja.renstra.first_year)
