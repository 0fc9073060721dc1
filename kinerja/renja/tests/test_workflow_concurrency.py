"""Two reviewers deciding on the same Renja at once on PostgreSQL: the row lock makes the
second wait, then see the first one's status and get a clear message instead of a 500."""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction

from kinerja.accounts.models import User
from kinerja.audit.models import AuditEvent
from kinerja.renja.models import Renja
from kinerja.renja.transitions import (
    TransitionRefused,
    approve_renja,
    create_perubahan,
    return_renja,
    submit_renja,
)
from kinerja.testing import add_member, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def race(first: Callable[[], Any], second: Callable[[], Any]) -> list[str]:
    """`first` holds its transaction open while `second` runs, then commits."""
    outcomes: list[str] = []
    first_done = threading.Event()

    def run_first() -> None:
        try:
            with transaction.atomic():
                first()
                # Recorded before the commit that releases the second: the order of the
                # outcomes is the order of the commits, not of the threads' scheduling.
                outcomes.append("first")
                first_done.set()
                time.sleep(0.5)  # the second decision must wait for this commit
        finally:
            first_done.set()
            connection.close()

    def run_second() -> None:
        first_done.wait(5)
        try:
            second()
            outcomes.append("second")
        except TransitionRefused as refused:
            outcomes.append(f"refused: {refused}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcomes


@pytest.fixture
def second_verifier(pemda) -> User:
    return add_member(make_user("verifikator2", first_name="Verifikator Dua"), "verifier", pemda)


@pytest.fixture
def submitted(planner_a, renja_a) -> Renja:
    return submit_renja(renja_a, acting_user=planner_a)


def decisions(renja: Renja) -> int:
    return AuditEvent.objects.filter(
        event_type=AuditEvent.Type.STATUS_CHANGED, object_id=str(renja.pk)
    ).count()


def test_an_approval_and_a_return_at_once_one_wins(verifier, second_verifier, submitted):
    outcomes = race(
        lambda: approve_renja(submitted, acting_user=verifier),
        lambda: return_renja(submitted, acting_user=second_verifier, note="Perbaiki."),
    )

    assert outcomes[0] == "first"
    assert outcomes[1].startswith("refused: Renja ini tidak sedang diajukan (statusnya Disetujui)")
    assert "diubah oleh Verifikator pada" in outcomes[1]
    submitted.refresh_from_db()
    assert (submitted.status, submitted.catatan_verifikasi) == ("disetujui", "")
    assert decisions(submitted) == 2  # the submission and one decision


def test_two_approvals_at_once_record_one(verifier, second_verifier, submitted):
    outcomes = race(
        lambda: approve_renja(submitted, acting_user=second_verifier),
        lambda: approve_renja(submitted, acting_user=verifier),
    )

    assert outcomes[0] == "first"
    assert "statusnya Disetujui" in outcomes[1]
    assert "Verifikator Dua" in outcomes[1]
    assert decisions(submitted) == 2


def test_two_perubahan_at_once_make_one_version(planner_a, admin, renja_a):
    Renja.objects.filter(pk=renja_a.pk).update(status=Renja.Status.DISETUJUI)

    outcomes = race(
        lambda: create_perubahan(renja_a, acting_user=planner_a, reason="APBD-P"),
        lambda: create_perubahan(renja_a, acting_user=admin, reason="APBD-P juga"),
    )

    assert outcomes == [
        "first",
        "refused: Sudah ada Renja perubahan versi 2; lanjutkan pada versi itu.",
    ]
    assert sorted(Renja.objects.values_list("version", flat=True)) == [1, 2]
