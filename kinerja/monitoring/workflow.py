"""Review transitions of a triwulan report: submit, return with a note, verify (locks it).

The state machine, the roles and the jadwal rule are those of the Renja
(`kinerja.renja.transitions`, `kinerja.renja.workflow`); a report's row is created by its
first transition when the OPD has not written any narrative yet (its status is then draf).
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from kinerja.accounts.models import User
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.monitoring.models import LaporanTriwulan, Triwulan
from kinerja.renja.models import Jadwal, Renja
from kinerja.renja.transitions import (
    APPROVE,
    RETURN,
    SUBMIT,
    Subject,
    TransitionRefused,
    apply_transition,
    transition_refusal,
)


def report_subject(triwulan: int) -> Subject:
    """The report of `triwulan` as the shared transition rules name it."""
    return Subject(
        f"Laporan Triwulan {ROMAN[triwulan]} ini",
        LaporanTriwulan.Status.DIVERIFIKASI,
        Jadwal.Tahap.TRIWULAN,
        triwulan,
    )


def report_status(renja: Renja, triwulan: int) -> str:
    """The stored status of the report, draf when the OPD has not started it."""
    laporan = LaporanTriwulan.objects.filter(renja=renja, triwulan=triwulan).first()
    return laporan.status if laporan else LaporanTriwulan.Status.DRAF


def report_transition_refusal(
    user: User | AnonymousUser, renja: Renja, triwulan: int, transition: str, status: str
) -> str | None:
    """None when `user` may move the report of `triwulan` (at `status`) by `transition`."""
    return transition_refusal(user, renja, transition, status, report_subject(triwulan))


def _checked(triwulan: int) -> int:
    if triwulan not in Triwulan.values:
        raise TransitionRefused("Triwulan harus 1, 2, 3 atau 4.")
    return triwulan


def _locked_report(renja: Renja, triwulan: int) -> LaporanTriwulan:
    """The report row, locked; created (status draf) when absent."""
    rows = LaporanTriwulan.objects.select_for_update()
    laporan = rows.filter(renja=renja, triwulan=triwulan).first()
    if laporan is not None:
        return laporan
    try:
        with transaction.atomic():  # savepoint: a concurrent creator's row wins
            return LaporanTriwulan.objects.create(renja=renja, triwulan=triwulan)
    except IntegrityError:
        return rows.get(renja=renja, triwulan=triwulan)


def _report_transition(
    renja: Renja,
    triwulan: int,
    transition: str,
    acting_user: Any,
    note: str,
    expected_revision: int | None,
) -> LaporanTriwulan:
    subject = report_subject(_checked(triwulan))
    renja = Renja.objects.select_related("perangkat_daerah").get(pk=renja.pk)
    laporan = _locked_report(renja, triwulan)
    return apply_transition(
        laporan, renja, transition, subject,
        acting_user=acting_user, note=note, expected_revision=expected_revision,
    )  # fmt: skip


@transaction.atomic
def submit_report(
    renja: Renja,
    triwulan: int,
    *,
    acting_user: Any,
    note: str = "",
    expected_revision: int | None = None,
) -> LaporanTriwulan:
    """draf|dikembalikan → diajukan, by the OPD's operator (inside the jadwal) or admin."""
    return _report_transition(renja, triwulan, SUBMIT, acting_user, note, expected_revision)


@transaction.atomic
def return_report(
    renja: Renja,
    triwulan: int,
    *,
    acting_user: Any,
    note: str,
    expected_revision: int | None = None,
) -> LaporanTriwulan:
    """diajukan → dikembalikan with the verifier's required note (catatan_verifikasi)."""
    return _report_transition(renja, triwulan, RETURN, acting_user, note, expected_revision)


@transaction.atomic
def approve_report(
    renja: Renja,
    triwulan: int,
    *,
    acting_user: Any,
    note: str = "",
    expected_revision: int | None = None,
) -> LaporanTriwulan:
    """diajukan → diverifikasi (locked), by a verifier or admin of the pemda."""
    return _report_transition(renja, triwulan, APPROVE, acting_user, note, expected_revision)
