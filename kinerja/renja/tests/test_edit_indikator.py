"""Inline editing of a Renja indikator: name, satuan and targets typed the Indonesian way,
targets that start from (and are compared with) the Renstra, a reason once realisasi exists,
indikator added and removed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.monitoring.models import RealisasiKinerja
from kinerja.renja.actions import EditRefused, update_indikator
from kinerja.renja.models import Indikator
from kinerja.renstra.models import Indikator as RenstraIndikator

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
DIKLAT = "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal"


@pytest.fixture
def diklat(renja_a):
    """The program's diklat indikator (target 10,3%), linked to the Renstra's (10,3 in 2024)."""
    indikator = Indikator.objects.get(item__renja=renja_a, name=DIKLAT)
    indikator.renstra_indikator = RenstraIndikator.objects.get(key="diklat-formal")
    indikator.save()
    return indikator


def edit_url(indikator):
    return reverse("renja:indikator_edit", args=[indikator.item.renja_id, indikator.pk])


def posted(indikator, **fields):
    data = {
        "revision": indikator.revision,
        "name": indikator.name,
        "satuan": indikator.satuan,
        "target": "" if indikator.target is None else str(indikator.target.normalize()),
        "target_n1": "" if indikator.target_n1 is None else str(indikator.target_n1.normalize()),
    }
    return {**data, **fields}


def page(client, renja):
    return client.get(reverse("renja:detail", args=[renja.pk])).content.decode()


def test_a_target_differing_from_the_renstra_shows_a_badge(client, planner_a, renja_a, diklat):
    client.force_login(planner_a)
    assert "Renstra: 10,3%" not in page(client, renja_a)  # 10,3 in both

    client.post(edit_url(diklat), posted(diklat, target="11,5"), **HTMX)

    text = page(client, renja_a)
    assert '>11,5%<span class="renstra-badge"' in text
    assert "Renstra: 10,3%" in text
    diklat.refresh_from_db()
    assert diklat.target == Decimal("11.5")


def test_the_saved_row_carries_the_badge_too(client, planner_a, renja_a, diklat):
    client.force_login(planner_a)

    response = client.post(edit_url(diklat), posted(diklat, target="9"), **HTMX)

    text = response.content.decode()
    assert ">9%<span" in text
    assert "Renstra: 10,3%" in text


def test_an_empty_target_starts_from_the_renstra_target(client, planner_a, renja_a, diklat):
    Indikator.objects.filter(pk=diklat.pk).update(target=None)
    client.force_login(planner_a)

    text = client.get(edit_url(diklat), **HTMX).content.decode()

    assert 'name="target" value="10,3"' in text
    assert "Target Renstra:" in text
    # the table shows the difference until the planner saves it
    assert "Renstra: 10,3%" in page(client, renja_a)


@pytest.mark.parametrize(
    ("typed", "stored", "decimals"),
    [
        ("10,3", Decimal("10.3"), 1),
        ("10,3%", Decimal("10.3"), 1),
        ("10,35", Decimal("10.35"), 2),  # the printed decimals grow with what was typed
        ("12", Decimal("12"), 1),
        ("1.500", Decimal("1500"), 1),
    ],
)
def test_targets_are_read_exactly(client, planner_a, diklat, typed, stored, decimals):
    client.force_login(planner_a)

    client.post(edit_url(diklat), posted(diklat, target=typed, target_n1="11,6"), **HTMX)

    diklat.refresh_from_db()
    assert (diklat.target, diklat.target_n1, diklat.decimals) == (
        stored,
        Decimal("11.6"),
        decimals,
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"target": "sepuluh"}, "Target harus angka, mis. 10,3."),
        ({"target_n1": "1,2,3"}, "Target n+1 harus angka, mis. 10,3."),
        ({"target": "0,1234567"}, "Target paling banyak 6 angka di belakang koma."),
        ({"name": "  "}, "Nama indikator wajib diisi."),
    ],
)
def test_bad_input_is_refused_with_a_message(client, planner_a, diklat, fields, message):
    client.force_login(planner_a)

    response = client.post(edit_url(diklat), posted(diklat, satuan="Persen", **fields), **HTMX)

    assert message in response.content.decode()
    stored = Indikator.objects.get(pk=diklat.pk)
    assert (stored.satuan, stored.target, stored.revision) == (
        "%",
        Decimal("10.3"),
        diklat.revision,
    )


def test_a_stale_indikator_save_is_refused(client, planner_a, admin, diklat):
    update_indikator(
        diklat, acting_user=admin, expected_revision=diklat.revision, target=Decimal(12)
    )
    client.force_login(planner_a)

    response = client.post(edit_url(diklat), posted(diklat, target="13", revision=1), **HTMX)

    text = response.content.decode()
    assert "telah diubah oleh pengguna lain" in text
    assert "<dd>12</dd>" in text
    assert 'name="target" value="13"' in text
    assert Indikator.objects.get(pk=diklat.pk).target == Decimal(12)


@pytest.fixture
def realised(diklat):
    RealisasiKinerja.objects.create(indikator=diklat, triwulan=1, value=Decimal("4.1"))
    return diklat


def test_after_realisasi_the_form_asks_for_a_reason(client, planner_a, realised):
    client.force_login(planner_a)
    assert 'name="alasan"' in client.get(edit_url(realised), **HTMX).content.decode()


def test_after_realisasi_a_changed_target_needs_a_reason(client, planner_a, realised):
    client.force_login(planner_a)

    response = client.post(edit_url(realised), posted(realised, target="8"), **HTMX)

    assert "tuliskan alasan perubahan target" in response.content.decode()
    assert Indikator.objects.get(pk=realised.pk).target == Decimal("10.3")
    assert not AuditEvent.objects.exists()


def test_the_reason_goes_into_the_audit_row(client, planner_a, realised):
    client.force_login(planner_a)

    client.post(
        edit_url(realised),
        posted(realised, target="8", alasan="Anggaran diklat dipotong pada APBD-P"),
        **HTMX,
    )

    assert Indikator.objects.get(pk=realised.pk).target == Decimal("8")
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_EDITED)
    assert event.reason == "Anggaran diklat dipotong pada APBD-P"
    assert event.extra_data["changes"] == {"target": ["10.300000", "8.000000"]}


def test_after_realisasi_the_name_changes_without_a_reason(client, planner_a, realised):
    client.force_login(planner_a)

    client.post(edit_url(realised), posted(realised, name="Persentase ASN ikut diklat"), **HTMX)

    assert Indikator.objects.get(pk=realised.pk).name == "Persentase ASN ikut diklat"


def test_the_action_refuses_a_target_change_after_realisasi_without_reason(planner_a, realised):
    with pytest.raises(EditRefused, match="alasan"):
        update_indikator(realised, acting_user=planner_a, expected_revision=None, target=Decimal(1))


def test_a_new_indikator_starts_from_the_chosen_renstra_indikator(client, planner_a, renja_a):
    program = renja_a.items.get(code="5.03.01")
    linked = RenstraIndikator.objects.get(key="diklat-formal")
    url = reverse("renja:indikator_add", args=[renja_a.pk, program.pk])
    client.force_login(planner_a)

    form = client.get(url, {"renstra_indikator": linked.pk}, **HTMX).content.decode()

    assert DIKLAT in form
    assert 'name="target" value="10,3"' in form
    assert f'<option value="{linked.pk}" selected>' in form


def test_an_indikator_is_added_linked_and_audited(client, planner_a, renja_a):
    program = renja_a.items.get(code="5.03.01")
    linked = RenstraIndikator.objects.get(key="diklat-formal")
    url = reverse("renja:indikator_add", args=[renja_a.pk, program.pk])
    client.force_login(planner_a)

    response = client.post(
        url,
        {
            "renstra_indikator": linked.pk,
            "name": "Persentase ASN ikut diklat formal",
            "satuan": "%",
            "jenis": "persentase",
            "polaritas": "positif",
            "sifat": "non_kumulatif",
            "decimals": "0",
            "target": "10,3",
            "target_n1": "11,6",
        },
        **HTMX,
    )

    added = Indikator.objects.get(item=program, name="Persentase ASN ikut diklat formal")
    assert (added.renstra_indikator, added.target, added.target_n1) == (
        linked,
        Decimal("10.3"),
        Decimal("11.6"),
    )
    assert (added.decimals, added.order) == (1, 1)  # after the program's first indikator
    assert ">10,3%<" in response.content.decode()
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_ITEM_ADDED)
    assert event.object_id == str(added.pk)
    assert event.extra_data["changes"]["target"] == [None, "10.3"]


def test_a_new_indikator_needs_its_semantics(client, planner_a, renja_a):
    program = renja_a.items.get(code="5.03.01")
    url = reverse("renja:indikator_add", args=[renja_a.pk, program.pk])
    client.force_login(planner_a)

    response = client.post(url, {"name": "", "jenis": "lain", "decimals": "9"}, **HTMX)

    text = response.content.decode()
    assert "Nama indikator wajib diisi." in text
    assert "Jumlah desimal paling banyak 6." in text
    assert program.indikator.count() == 1


def test_an_indikator_is_removed_after_confirmation(client, planner_a, renja_a):
    sub = renja_a.items.get(code="5.03.01.2.01.0001")
    indikator = sub.indikator.get()
    url = reverse("renja:indikator_remove", args=[renja_a.pk, indikator.pk])
    client.force_login(planner_a)

    confirm = client.get(url, **HTMX).content.decode()
    assert "Hapus indikator “Jumlah Dokumen”?" in confirm
    assert "Ya, hapus" in confirm

    client.post(url, {"revision": indikator.revision}, **HTMX)

    assert not sub.indikator.exists()
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_ITEM_REMOVED)
    assert event.extra_data["changes"]["name"] == ["Jumlah Dokumen", None]


def test_an_indikator_with_realisasi_is_not_removed(client, planner_a, realised):
    url = reverse("renja:indikator_remove", args=[realised.item.renja_id, realised.pk])
    client.force_login(planner_a)

    confirm = client.get(url, **HTMX).content.decode()
    response = client.post(url, {"revision": realised.revision}, **HTMX)

    assert "Ya, hapus" not in confirm
    assert "sudah memiliki realisasi" in confirm
    assert "realisasi triwulannya sudah diisi" in response.content.decode()
    assert Indikator.objects.filter(pk=realised.pk).exists()


def test_a_kualitatif_target_is_typed_as_its_label(client, planner_a, diklat):
    Indikator.objects.filter(pk=diklat.pk).update(
        jenis="kualitatif", satuan="Predikat", scale=["C", "B", "BB", "A"], target=2
    )
    diklat.refresh_from_db()
    client.force_login(planner_a)

    form = client.get(edit_url(diklat), **HTMX).content.decode()
    assert 'name="target" value="B"' in form

    client.post(edit_url(diklat), posted(diklat, target="bb", target_n1="A"), **HTMX)
    diklat.refresh_from_db()
    assert (diklat.target, diklat.target_n1) == (3, 4)
