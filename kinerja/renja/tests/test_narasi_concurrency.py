"""Two planners saving the same narasi at once on PostgreSQL: exactly one save wins."""

import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction

from kinerja.renja.actions import NarasiConflict, save_narasi
from kinerja.renja.models import RenjaNarasi

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def race(renja: Any, expected: int) -> list[str]:
    """The first save holds its transaction open while the second runs, then commits."""
    outcomes: list[str] = []
    first_saved = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                save_narasi(renja, acting_user=None, expected_version=expected, penutup="A")
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
            save_narasi(renja, acting_user=None, expected_version=expected, penutup="B")
            outcomes.append("B")
        except NarasiConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcomes


def test_two_saves_from_the_same_version_cannot_both_win(renja_a):
    save_narasi(renja_a, acting_user=None, expected_version=0, penutup="awal")

    outcomes = race(renja_a, expected=1)

    assert outcomes == ["A", "conflict"]
    stored = RenjaNarasi.objects.get(renja=renja_a)
    assert (stored.penutup, stored.version) == ("A", 2)


def test_two_first_saves_cannot_both_create(renja_a):
    outcomes = race(renja_a, expected=0)

    assert outcomes == ["A", "conflict"]
    assert list(RenjaNarasi.objects.values_list("penutup", "version")) == [("A", 1)]
