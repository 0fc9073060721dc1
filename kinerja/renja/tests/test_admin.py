"""The admin of Renja, its items and indikator loads for a superuser."""

import pytest
from django.urls import reverse

from kinerja.renja.models import Indikator, Renja, RenjaItem


@pytest.mark.parametrize("model", [Renja, RenjaItem, Indikator])
def test_changelist_and_change_page_load(client, superuser, renja_a, model):
    client.force_login(superuser)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    change = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[model.objects.first().pk]
    )
    assert client.get(change).status_code == 200
