"""The navigation offers each role its areas: Dasbor for all, Verifikasi for reviewers,
Pengaturan for the admin pemda."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "review", "admin_area"),
    [
        ("verifier", True, False),
        ("admin", True, True),
        ("planner_a", False, False),
        ("viewer_a", False, False),
    ],
)
def test_the_navigation_fits_the_role(client, request, persona, review, admin_area):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("dashboard:landing")}"' in page
    assert (f'href="{reverse("review:index")}"' in page) is review
    assert (f'href="{reverse("accounts:index")}"' in page) is admin_area
