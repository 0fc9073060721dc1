"""Renja perubahan: a new draf version of an approved Renja with a copy of its items tree,
indikator (with their Renstra links) and narasi; realisasi stay on the approved version."""

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.monitoring.models import LaporanTriwulan, RealisasiKinerja
from kinerja.renja.actions import save_narasi
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renja.transitions import (
    TransitionRefused,
    create_perubahan,
    newer_version,
    perubahan_refusal,
    previous_version,
)
from kinerja.renja.workflow import renja_edit_refusal
from kinerja.renstra.models import Indikator as RenstraIndikator

pytestmark = pytest.mark.django_db


def approved(renja):
    Renja.objects.filter(pk=renja.pk).update(status=Renja.Status.DISETUJUI)
    renja.refresh_from_db()
    return renja


def tree(renja):
    """Each item as (parent code, level, code, name, pagu, pagu n+1) and each indikator."""
    items = [
        (i.parent.code if i.parent else None, i.level, i.code, i.name, i.pagu, i.pagu_n1)
        for i in RenjaItem.objects.filter(renja=renja).select_related("parent").order_by("order")
    ]
    indikator = [
        (i.item.code, i.name, i.satuan, i.target, i.target_n1, i.decimals, i.renstra_indikator_id)
        for i in Indikator.objects.filter(item__renja=renja).order_by("item__order", "order")
    ]
    return items, indikator


def test_it_copies_the_tree_indikator_and_narasi_into_a_draf_version(planner_a, renstra_a, renja_a):
    # given an approved Renja with a Renstra link, a narasi and realisasi
    ipasn = RenstraIndikator.objects.get(renstra=renstra_a, key="ipasn")
    linked = Indikator.objects.get(item__renja=renja_a, name="Indeks Profesionalitas ASN")
    Indikator.objects.filter(pk=linked.pk).update(renstra_indikator=ipasn)
    save_narasi(renja_a, acting_user=None, expected_version=None, penutup="Demikian.")
    RealisasiKinerja.objects.create(indikator=linked, triwulan=1, value=Decimal("70"))
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=1, faktor_pendorong="Dukungan")
    renja = approved(renja_a)
    before = tree(renja)

    new = create_perubahan(renja, acting_user=planner_a, reason="Penyesuaian APBD-P")

    # then the new version is a draf copy the operator may edit
    assert (new.version, new.status, new.year, new.stage) == (2, "draf", 2024, renja.stage)
    assert (new.perangkat_daerah_id, new.renstra_id, new.edition_id) == (
        renja.perangkat_daerah_id, renja.renstra_id, renja.edition_id,
    )  # fmt: skip
    assert tree(new) == before
    assert len(before[0]) == 14
    assert len(before[1]) == 16
    copied = Indikator.objects.get(item__renja=new, name="Indeks Profesionalitas ASN")
    assert copied.renstra_indikator == ipasn
    assert copied.pk != linked.pk
    assert new.narasi.penutup == "Demikian."
    assert new.narasi.version == 1
    assert renja_edit_refusal(planner_a, new) is None
    # the realisasi and the report stay on the approved version, which stays locked
    assert not RealisasiKinerja.objects.filter(indikator__item__renja=new).exists()
    assert not LaporanTriwulan.objects.filter(renja=new).exists()
    assert RealisasiKinerja.objects.filter(indikator=linked).count() == 1
    renja.refresh_from_db()
    assert renja.status == "disetujui"
    assert "terkunci" in renja_edit_refusal(planner_a, renja)
    assert Indikator.objects.filter(item__renja=renja).count() == 16
    assert (newer_version(renja), previous_version(new)) == (new, renja)

    event = AuditEvent.objects.get(event_type=AuditEvent.Type.RENJA_VERSION_CREATED)
    assert (event.object_id, event.reason, event.acting_user) == (
        str(new.pk), "Penyesuaian APBD-P", planner_a,
    )  # fmt: skip
    assert event.extra_data == {
        "from_renja": renja.pk, "from_version": 1, "items": 14, "indikator": 16, "narasi": True,
    }  # fmt: skip


def test_a_perubahan_of_a_perubahan_takes_the_next_version(admin, renja_a):
    second = create_perubahan(approved(renja_a), acting_user=admin, reason="APBD-P")
    third = create_perubahan(approved(second), acting_user=admin, reason="Pergeseran")
    assert third.version == 3
    assert tree(third) == tree(renja_a)


@pytest.mark.parametrize("status", ["draf", "diajukan", "dikembalikan"])
def test_only_an_approved_renja_gets_a_perubahan(planner_a, renja_a, status):
    Renja.objects.filter(pk=renja_a.pk).update(status=status)
    with pytest.raises(TransitionRefused, match="dari Renja yang sudah disetujui"):
        create_perubahan(renja_a, acting_user=planner_a, reason="APBD-P")
    assert Renja.objects.count() == 1


def test_a_second_perubahan_of_the_same_version_is_refused(planner_a, renja_a):
    renja = approved(renja_a)
    create_perubahan(renja, acting_user=planner_a, reason="APBD-P")
    with pytest.raises(TransitionRefused, match="Sudah ada Renja perubahan versi 2"):
        create_perubahan(renja, acting_user=planner_a, reason="Lagi")
    assert Renja.objects.count() == 2


@pytest.mark.parametrize("persona", ["verifier", "viewer_a", "outsider_b"])
def test_only_the_opd_s_writers_create_a_perubahan(request, renja_a, persona):
    user = request.getfixturevalue(persona)
    renja = approved(renja_a)
    assert "Hanya operator" in perubahan_refusal(user, renja)
    with pytest.raises(TransitionRefused, match="Hanya operator"):
        create_perubahan(renja, acting_user=user, reason="APBD-P")
    assert Renja.objects.count() == 1


def test_a_perubahan_needs_a_reason(planner_a, renja_a):
    with pytest.raises(TransitionRefused, match="Alasan perubahan wajib diisi"):
        create_perubahan(approved(renja_a), acting_user=planner_a, reason="  ")
    assert Renja.objects.count() == 1
    assert not AuditEvent.objects.exists()
