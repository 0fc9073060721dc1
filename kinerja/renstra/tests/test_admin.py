"""The admin of Renstra, tujuan, sasaran, items, indikator and pagu loads for a superuser."""

import pytest
from django.urls import reverse

from kinerja.renstra.models import Indikator, Pagu, Renstra, RenstraItem, Sasaran, Tujuan


@pytest.fixture
def pagu(renstra_a):
    sub = renstra_a.items.get(level="sub_kegiatan")
    return Pagu.objects.create(item=sub, year=2024, amount=40245752)


@pytest.mark.parametrize("model", [Renstra, Tujuan, Sasaran, RenstraItem, Indikator, Pagu])
def test_changelist_and_change_page_load(client, superuser, renstra_a, pagu, model):
    client.force_login(superuser)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    change = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[model.objects.first().pk]
    )
    assert client.get(change).status_code == 200


def test_the_indikator_page_edits_targets_and_realisasi_inline(client, superuser, renstra_a):
    client.force_login(superuser)
    indikator = renstra_a.indikator.get(key="ipasn")
    text = client.get(
        reverse("admin:renstra_indikator_change", args=[indikator.pk])
    ).content.decode()
    assert 'name="targets-0-value"' in text
    assert 'name="realisasi-0-note"' in text
