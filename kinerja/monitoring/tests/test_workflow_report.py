"""The triwulan report's review transitions: the first one creates the report row, the roles
and statuses are those of the Renja, the jadwal is the triwulan's, diverifikasi locks it."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.monitoring.models import LaporanTriwulan
from kinerja.monitoring.workflow import (
    approve_report,
    report_status,
    report_transition_refusal,
    return_report,
    submit_report,
)
from kinerja.renja.models import Jadwal, JadwalPengecualian
from kinerja.renja.transitions import APPROVE, RETURN, SUBMIT, TransitionRefused
from kinerja.renja.workflow import report_edit_refusal

pytestmark = pytest.mark.django_db

TRANSITION: dict[str, Callable[..., Any]] = {
    SUBMIT: submit_report,
    RETURN: return_report,
    APPROVE: approve_report,
}


def closed_jadwal(pemda, triwulan):
    today = timezone.localdate()
    return Jadwal.objects.create(
        pemda=pemda, year=2024, tahap=Jadwal.Tahap.TRIWULAN, triwulan=triwulan,
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=2),
    )  # fmt: skip


def test_the_whole_cycle_creates_the_report_and_locks_it(planner_a, verifier, renja_a):
    assert report_status(renja_a, 2) == "draf"
    assert not LaporanTriwulan.objects.exists()

    laporan = submit_report(renja_a, 2, acting_user=planner_a)
    assert (laporan.triwulan, laporan.status) == (2, "diajukan")
    assert laporan.status_changed_at is not None
    assert "sedang diajukan" in report_edit_refusal(planner_a, renja_a, 2, laporan.status)

    laporan = return_report(renja_a, 2, acting_user=verifier, note="Unggah bukti kegiatan.")
    assert (laporan.status, laporan.catatan_verifikasi) == (
        "dikembalikan", "Unggah bukti kegiatan.",
    )  # fmt: skip
    assert report_edit_refusal(planner_a, renja_a, 2, laporan.status) is None

    submit_report(renja_a, 2, acting_user=planner_a)
    laporan = approve_report(renja_a, 2, acting_user=verifier, note="Lengkap.")
    assert (laporan.status, laporan.catatan_verifikasi) == ("diverifikasi", "Lengkap.")
    assert "terkunci" in report_edit_refusal(planner_a, renja_a, 2, laporan.status)
    assert LaporanTriwulan.objects.count() == 1
    assert report_status(renja_a, 2) == "diverifikasi"

    events = AuditEvent.objects.filter(
        event_type=AuditEvent.Type.STATUS_CHANGED,
        object_type="monitoring.laporantriwulan",
        object_id=str(laporan.pk),
    ).order_by("id")
    assert [(e.extra_data["from"], e.extra_data["to"], e.reason) for e in events] == [
        ("draf", "diajukan", ""),
        ("diajukan", "dikembalikan", "Unggah bukti kegiatan."),
        ("dikembalikan", "diajukan", ""),
        ("diajukan", "diverifikasi", "Lengkap."),
    ]
    assert {e.extra_data["triwulan"] for e in events} == {2}


def test_an_existing_report_keeps_its_narrative(planner_a, renja_a):
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=1, faktor_pendorong="Dukungan")
    laporan = submit_report(renja_a, 1, acting_user=planner_a)
    assert (laporan.faktor_pendorong, laporan.status) == ("Dukungan", "diajukan")
    assert LaporanTriwulan.objects.count() == 1


ROLE_CASES = [
    ("planner_a", SUBMIT, "draf", True),
    ("admin", SUBMIT, "dikembalikan", True),
    ("verifier", SUBMIT, "draf", False),
    ("viewer_a", SUBMIT, "draf", False),
    ("outsider_b", SUBMIT, "draf", False),
    ("verifier", RETURN, "diajukan", True),
    ("admin", APPROVE, "diajukan", True),
    ("verifier", APPROVE, "diajukan", True),
    ("planner_a", APPROVE, "diajukan", False),
    ("viewer_a", RETURN, "diajukan", False),
    ("outsider_b", APPROVE, "diajukan", False),
]


@pytest.mark.parametrize(("persona", "transition", "status", "allowed"), ROLE_CASES)
def test_every_role_may_do_only_its_transitions(
    request, renja_a, persona, transition, status, allowed
):
    user = request.getfixturevalue(persona)
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=3, status=status)
    refusal = report_transition_refusal(user, renja_a, 3, transition, status)
    assert (refusal is None) is allowed, refusal
    if allowed:
        TRANSITION[transition](renja_a, 3, acting_user=user, note="Catatan.")
        assert report_status(renja_a, 3) != status
    else:
        with pytest.raises(TransitionRefused, match="Hanya "):
            TRANSITION[transition](renja_a, 3, acting_user=user, note="Catatan.")
        assert report_status(renja_a, 3) == status


def test_an_unauthorised_transition_creates_no_row(viewer_a, verifier, renja_a):
    with pytest.raises(TransitionRefused, match="Hanya operator"):
        submit_report(renja_a, 1, acting_user=viewer_a)
    with pytest.raises(TransitionRefused, match="tidak sedang diajukan"):
        approve_report(renja_a, 1, acting_user=verifier)
    assert not LaporanTriwulan.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("transition", "status", "words"),
    [
        (SUBMIT, "diverifikasi", "Laporan Triwulan IV ini sudah diverifikasi dan terkunci."),
        (SUBMIT, "diajukan", "sudah diajukan"),
        (RETURN, "diverifikasi", "tidak sedang diajukan (statusnya Diverifikasi)"),
        (APPROVE, "draf", "dapat dikembalikan atau diverifikasi"),
    ],
)
def test_a_transition_from_the_wrong_status_is_refused(admin, renja_a, transition, status, words):
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=4, status=status)
    with pytest.raises(TransitionRefused) as refused:
        TRANSITION[transition](renja_a, 4, acting_user=admin, note="Catatan.")
    assert words in str(refused.value)
    assert report_status(renja_a, 4) == status


def test_returning_without_a_note_is_refused(verifier, renja_a):
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=1, status="diajukan")
    with pytest.raises(TransitionRefused, match="Catatan pengembalian wajib diisi"):
        return_report(renja_a, 1, acting_user=verifier, note=" ")
    assert report_status(renja_a, 1) == "diajukan"


def test_an_unknown_triwulan_is_refused(admin, renja_a):
    with pytest.raises(TransitionRefused, match="Triwulan harus 1, 2, 3 atau 4"):
        submit_report(renja_a, 5, acting_user=admin)


def test_the_triwulan_s_jadwal_binds_operators_not_the_admin(
    pemda, opd_a, planner_a, admin, renja_a
):
    jadwal = closed_jadwal(pemda, triwulan=1)
    with pytest.raises(TransitionRefused, match=f"{jadwal.closes_on:%d-%m-%Y}"):
        submit_report(renja_a, 1, acting_user=planner_a)
    assert "triwulan 1" in report_edit_refusal(planner_a, renja_a, 1, "draf")
    # another triwulan's window is open (none is set)
    assert submit_report(renja_a, 2, acting_user=planner_a).status == "diajukan"
    assert submit_report(renja_a, 1, acting_user=admin).status == "diajukan"


def test_an_exception_reopens_the_triwulan_for_its_opd(pemda, opd_a, planner_a, renja_a):
    jadwal = closed_jadwal(pemda, triwulan=1)
    JadwalPengecualian.objects.create(
        jadwal=jadwal, perangkat_daerah=opd_a, until=timezone.localdate(), reason="Banjir"
    )
    assert submit_report(renja_a, 1, acting_user=planner_a).status == "diajukan"
