"""Two operators saving the same Renstra target at once on PostgreSQL: exactly one wins."""

import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction

from kinerja.lib.revisions import StaleEdit
from kinerja.renstra.figures import YearInput, save_targets

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def race(indikator: Any, user: Any, year: int, expected: int) -> list[str]:
    """The first save holds its transaction open while the second runs, then commits."""
    outcomes: list[str] = []
    first_saved = threading.Event()

    def targets(value: str) -> dict[int, YearInput]:
        return {year: YearInput({"value": Decimal(value)}, expected)}

    def first() -> None:
        try:
            with transaction.atomic():
                save_targets(indikator, acting_user=user, targets=targets("1"))
                # Recorded before the commit that releases the second: the order of the
                # outcomes is the order of the commits, not of the threads' scheduling.
                outcomes.append("A")
                first_saved.set()
                time.sleep(0.5)  # the second save must wait for this commit
        finally:
            first_saved.set()
            connection.close()

    def second() -> None:
        first_saved.wait(5)
        try:
            save_targets(indikator, acting_user=user, targets=targets("2"))
            outcomes.append("B")
        except StaleEdit:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcomes


def test_two_saves_from_the_same_revision_cannot_both_win(planner_a, renstra_a):
    indikator = renstra_a.indikator.get(key="diklat-formal")

    outcomes = race(indikator, planner_a, 2024, expected=1)

    assert outcomes == ["A", "stale"]
    target = indikator.targets.get(year=2024)
    assert (target.value, target.revision) == (Decimal(1), 2)


def test_two_first_saves_of_a_year_cannot_both_create(planner_a, renstra_a):
    indikator = renstra_a.indikator.get(key="diklat-formal")

    outcomes = race(indikator, planner_a, 2026, expected=0)

    assert outcomes == ["A", "stale"]
    assert list(indikator.targets.filter(year=2026).values_list("value", "revision")) == [
        (Decimal(1), 1)
    ]
