"""The Renja's review transitions: who may submit, return (with a note) and approve, the
jadwal for operators, what the editing rule says at each status, and the audit rows."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.renja.models import Jadwal, JadwalPengecualian, Renja
from kinerja.renja.transitions import (
    APPROVE,
    RETURN,
    SUBMIT,
    TransitionRefused,
    approve_renja,
    renja_transition_refusal,
    return_renja,
    submit_renja,
)
from kinerja.renja.workflow import renja_edit_refusal

pytestmark = pytest.mark.django_db

TRANSITION: dict[str, Callable[..., Any]] = {
    SUBMIT: submit_renja,
    RETURN: return_renja,
    APPROVE: approve_renja,
}


def status_events(renja):
    rows = AuditEvent.objects.filter(
        event_type=AuditEvent.Type.STATUS_CHANGED,
        object_type="renja.renja",
        object_id=str(renja.pk),
    ).order_by("id")
    return [
        (e.acting_user.username, e.extra_data["from"], e.extra_data["to"], e.reason) for e in rows
    ]


def set_status(renja, status):
    Renja.objects.filter(pk=renja.pk).update(status=status)
    renja.refresh_from_db()
    return renja


def closed_jadwal(pemda, year=2024, tahap=Jadwal.Tahap.RENJA, triwulan=None):
    today = timezone.localdate()
    return Jadwal.objects.create(
        pemda=pemda, year=year, tahap=tahap, triwulan=triwulan,
        opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1),
    )  # fmt: skip


def test_the_whole_cycle_of_submit_return_resubmit_approve(planner_a, verifier, renja_a):
    # given a draf Renja its operator may edit
    assert renja_edit_refusal(planner_a, renja_a) is None

    # when the operator submits, it waits for review and cannot be edited
    renja = submit_renja(renja_a, acting_user=planner_a)
    assert renja.status == Renja.Status.DIAJUKAN
    assert renja.status_changed_at is not None
    assert "sedang diajukan" in renja_edit_refusal(planner_a, renja)

    # the verifier returns it with a note, which is stored; the operator may edit again
    renja = return_renja(renja, acting_user=verifier, note="  Lengkapi target IP ASN.  ")
    assert (renja.status, renja.catatan_verifikasi) == ("dikembalikan", "Lengkapi target IP ASN.")
    assert renja_edit_refusal(planner_a, renja) is None

    # resubmitted and approved, it is locked
    renja = submit_renja(renja, acting_user=planner_a, note="Target sudah dilengkapi.")
    renja = approve_renja(renja, acting_user=verifier)
    assert renja.status == Renja.Status.DISETUJUI
    assert renja.catatan_verifikasi == ""
    refusal = renja_edit_refusal(planner_a, renja)
    assert refusal is not None
    assert "terkunci" in refusal

    assert status_events(renja) == [
        ("operator_a", "draf", "diajukan", ""),
        ("verifikator", "diajukan", "dikembalikan", "Lengkapi target IP ASN."),
        ("operator_a", "dikembalikan", "diajukan", "Target sudah dilengkapi."),
        ("verifikator", "diajukan", "disetujui", ""),
    ]
    event = AuditEvent.objects.filter(reason="Lengkapi target IP ASN.").get()
    assert event.extra_data["changes"]["status"] == ["diajukan", "dikembalikan"]
    assert event.extra_data["changes"]["catatan_verifikasi"] == ["", "Lengkapi target IP ASN."]


# (persona, transition, starting status, allowed)
ROLE_CASES = [
    ("planner_a", SUBMIT, "draf", True),
    ("admin", SUBMIT, "draf", True),
    ("superuser", SUBMIT, "dikembalikan", True),
    ("verifier", SUBMIT, "draf", False),
    ("viewer_a", SUBMIT, "draf", False),
    ("outsider_b", SUBMIT, "draf", False),
    ("verifier", RETURN, "diajukan", True),
    ("admin", RETURN, "diajukan", True),
    ("planner_a", RETURN, "diajukan", False),
    ("viewer_a", RETURN, "diajukan", False),
    ("outsider_b", RETURN, "diajukan", False),
    ("verifier", APPROVE, "diajukan", True),
    ("admin", APPROVE, "diajukan", True),
    ("superuser", APPROVE, "diajukan", True),
    ("planner_a", APPROVE, "diajukan", False),
    ("viewer_a", APPROVE, "diajukan", False),
    ("outsider_b", APPROVE, "diajukan", False),
]


@pytest.mark.parametrize(("persona", "transition", "status", "allowed"), ROLE_CASES)
def test_every_role_may_do_only_its_transitions(
    request, renja_a, persona, transition, status, allowed
):
    user = request.getfixturevalue(persona)
    renja = set_status(renja_a, status)
    refusal = renja_transition_refusal(user, renja, transition)
    assert (refusal is None) is allowed, refusal
    if allowed:
        result = TRANSITION[transition](renja, acting_user=user, note="Catatan.")
        assert (
            result.status
            == {SUBMIT: "diajukan", RETURN: "dikembalikan", APPROVE: "disetujui"}[transition]
        )
    else:
        with pytest.raises(TransitionRefused, match="Hanya "):
            TRANSITION[transition](renja, acting_user=user, note="Catatan.")
        renja.refresh_from_db()
        assert renja.status == status
        assert status_events(renja) == []


# (transition, starting status, words of the refusal)
STATUS_CASES = [
    (SUBMIT, "diajukan", "sudah diajukan"),
    (SUBMIT, "disetujui", "sudah disetujui dan terkunci; buat Renja perubahan"),
    (RETURN, "draf", "tidak sedang diajukan (statusnya Draf)"),
    (RETURN, "disetujui", "tidak sedang diajukan (statusnya Disetujui)"),
    (APPROVE, "dikembalikan", "tidak sedang diajukan (statusnya Dikembalikan)"),
    (APPROVE, "disetujui", "tidak sedang diajukan (statusnya Disetujui)"),
]


@pytest.mark.parametrize(("transition", "status", "words"), STATUS_CASES)
def test_a_transition_from_the_wrong_status_is_refused_in_words(
    admin, renja_a, transition, status, words
):
    renja = set_status(renja_a, status)
    with pytest.raises(TransitionRefused) as refused:
        TRANSITION[transition](renja, acting_user=admin, note="Catatan.")
    assert words in str(refused.value)
    renja.refresh_from_db()
    assert renja.status == status


@pytest.mark.parametrize("note", ["", "   \n "])
def test_returning_without_a_note_is_refused(verifier, renja_a, note):
    renja = set_status(renja_a, "diajukan")
    with pytest.raises(TransitionRefused, match="Catatan pengembalian wajib diisi"):
        return_renja(renja, acting_user=verifier, note=note)
    renja.refresh_from_db()
    assert renja.status == "diajukan"


def test_a_decision_on_a_renja_changed_since_it_was_loaded_is_refused(planner_a, verifier, renja_a):
    renja = submit_renja(renja_a, acting_user=planner_a)
    loaded = renja.revision
    renja = return_renja(renja, acting_user=verifier, note="Perbaiki.")
    renja = submit_renja(renja, acting_user=planner_a)

    # a second verifier still looking at the first submission
    with pytest.raises(TransitionRefused, match="telah berubah sejak Anda membuka"):
        approve_renja(renja, acting_user=verifier, expected_revision=loaded)
    assert approve_renja(renja, acting_user=verifier, expected_revision=renja.revision).status == (
        "disetujui"
    )


def test_a_stale_object_is_reread_under_the_lock(planner_a, verifier, renja_a):
    stale = Renja.objects.get(pk=renja_a.pk)
    submit_renja(renja_a, acting_user=planner_a)
    approve_renja(renja_a, acting_user=verifier)

    # `stale` still says draf; the action reads the stored status
    with pytest.raises(TransitionRefused, match="sudah disetujui") as refused:
        submit_renja(stale, acting_user=planner_a)
    assert "oleh Verifikator" in str(refused.value)


def test_a_closed_jadwal_stops_the_operator_with_its_dates_but_not_the_admin(
    pemda, planner_a, admin, renja_a
):
    jadwal = closed_jadwal(pemda)
    dates = f"{jadwal.opens_on:%d-%m-%Y} s/d {jadwal.closes_on:%d-%m-%Y}"

    refusal = renja_edit_refusal(planner_a, renja_a)
    assert refusal is not None
    assert "sudah ditutup" in refusal
    assert dates in refusal
    with pytest.raises(TransitionRefused, match=dates):
        submit_renja(renja_a, acting_user=planner_a)

    assert renja_edit_refusal(admin, renja_a) is None
    assert submit_renja(renja_a, acting_user=admin).status == "diajukan"


def test_a_jadwal_not_yet_open_says_so(pemda, planner_a, renja_a):
    today = timezone.localdate()
    Jadwal.objects.create(
        pemda=pemda, year=2024, tahap="renja",
        opens_on=today + timedelta(days=1), closes_on=today + timedelta(days=9),
    )  # fmt: skip
    assert "belum dibuka" in renja_edit_refusal(planner_a, renja_a)
    assert "belum dibuka" in renja_transition_refusal(planner_a, renja_a, SUBMIT)


def test_an_open_jadwal_or_another_year_s_jadwal_lets_the_operator_in(pemda, planner_a, renja_a):
    closed_jadwal(pemda, year=2025)
    today = timezone.localdate()
    Jadwal.objects.create(pemda=pemda, year=2024, tahap="renja", opens_on=today, closes_on=today)
    assert renja_edit_refusal(planner_a, renja_a) is None
    assert renja_transition_refusal(planner_a, renja_a, SUBMIT) is None


def test_an_exception_reopens_only_its_opd_and_only_until_its_date(
    pemda, opd_a, planner_a, outsider_b, renja_a, renja_b
):
    jadwal = closed_jadwal(pemda)
    today = timezone.localdate()
    JadwalPengecualian.objects.create(
        jadwal=jadwal, perangkat_daerah=opd_a, until=today, reason="Kepala baru dilantik"
    )

    assert renja_edit_refusal(planner_a, renja_a) is None
    assert renja_transition_refusal(planner_a, renja_a, SUBMIT) is None
    assert "sudah ditutup" in renja_edit_refusal(outsider_b, renja_b)
    # the day after `until` the window is closed again for OPD A
    tomorrow = today + timedelta(days=1)
    assert "sudah ditutup" in renja_edit_refusal(planner_a, renja_a, today=tomorrow)


def test_the_jadwal_does_not_hold_back_the_verifier(pemda, planner_a, verifier, renja_a):
    submit_renja(renja_a, acting_user=planner_a)
    closed_jadwal(pemda)
    assert return_renja(renja_a, acting_user=verifier, note="Perbaiki.").status == "dikembalikan"
    # …but the operator, late now, cannot resubmit
    with pytest.raises(TransitionRefused, match="sudah ditutup"):
        submit_renja(renja_a, acting_user=planner_a)
