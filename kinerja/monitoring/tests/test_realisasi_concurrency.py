"""Two people saving the same realisasi at once on PostgreSQL: exactly one save wins, the
other gets the stale-edit message; two first saves never both create a row."""

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction

from kinerja.lib.revisions import StaleEdit
from kinerja.monitoring.actions import save_realisasi_kinerja
from kinerja.monitoring.models import RealisasiKinerja

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def race(first_save: Callable[[], Any], second_save: Callable[[], Any]) -> list[str]:
    """The first save holds its transaction open while the second runs, then commits."""
    outcomes: list[str] = []
    first_saved = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                first_save()
                # Recorded before the commit that releases the second: the order of the
                # outcomes is the order of the commits, not of the threads' scheduling.
                outcomes.append("first")
                first_saved.set()
                time.sleep(0.5)  # the second save must wait for this commit
        finally:
            first_saved.set()
            connection.close()

    def second() -> None:
        first_saved.wait(5)
        try:
            second_save()
            outcomes.append("second")
        except StaleEdit as stale:
            outcomes.append(f"stale: {stale.current.value}")  # type: ignore[attr-defined]
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcomes


def saving(indikator: Any, user: Any, value: str, expected: int) -> Callable[[], Any]:
    return lambda: save_realisasi_kinerja(
        indikator, 1, Decimal(value), acting_user=user, expected_revision=expected
    )


def test_two_saves_from_the_same_revision_cannot_both_win(planner_a, admin, renja_a):
    indikator = renja_a.items.get(code="5.03.01.2.01.0001").indikator.get()
    save_realisasi_kinerja(indikator, 1, Decimal(3), acting_user=planner_a, expected_revision=0)

    outcomes = race(saving(indikator, planner_a, "5", 1), saving(indikator, admin, "6", 1))

    assert outcomes == ["first", "stale: 5.000000"]
    stored = RealisasiKinerja.objects.get(indikator=indikator, triwulan=1)
    assert (stored.value, stored.revision) == (Decimal(5), 2)


def test_two_first_saves_cannot_both_create(planner_a, admin, renja_a):
    indikator = renja_a.items.get(code="5.03.01.2.01.0001").indikator.get()

    outcomes = race(saving(indikator, planner_a, "5", 0), saving(indikator, admin, "6", 0))

    assert outcomes == ["first", "stale: 5.000000"]
    assert list(RealisasiKinerja.objects.values_list("value", "revision")) == [(Decimal(5), 1)]
