"""The admin of users, pemda, OPDs and memberships loads for a superuser."""

import pytest
from django.urls import reverse

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User


@pytest.mark.parametrize("model", [User, Pemda, PerangkatDaerah, Membership])
def test_changelist_and_change_page_load(client, superuser, planner_a, model):
    client.force_login(superuser)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    change = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[model.objects.first().pk]
    )
    assert client.get(change).status_code == 200


def test_the_opd_search_feeds_autocomplete(client, superuser, opd_a):
    client.force_login(superuser)
    response = client.get(reverse("admin:accounts_perangkatdaerah_changelist"), {"q": "BKPSDM"})
    assert "BKPSDM" in response.content.decode()
