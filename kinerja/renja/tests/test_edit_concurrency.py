"""Two operators saving the same Renja item from the same revision at once (PostgreSQL):
exactly one save wins, the other is refused as stale and writes nothing."""

import threading
import time
from decimal import Decimal
from typing import Any, cast

import pytest
from django.db import connection, transaction

from kinerja.audit.models import AuditEvent
from kinerja.lib.revisions import StaleEdit
from kinerja.renja.actions import update_item
from kinerja.renja.models import RenjaItem

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def race(item: RenjaItem, users: tuple[Any, Any]) -> list[str]:
    """The first save holds its transaction open while the second runs, then commits."""
    outcomes: list[str] = []
    first_saved = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                update_item(
                    item, acting_user=users[0], expected_revision=1, pagu=Decimal("60000000")
                )
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
            update_item(item, acting_user=users[1], expected_revision=1, pagu=Decimal("70000000"))
            outcomes.append("B")
        except StaleEdit as stale:
            outcomes.append(f"stale at {cast(RenjaItem, stale.current).revision}")
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcomes


def test_two_saves_from_the_same_revision_cannot_both_win(renja_a, planner_a, admin):
    item = RenjaItem.objects.get(renja=renja_a, code="5.03.01.2.01.0001")

    outcomes = race(item, (planner_a, admin))

    assert outcomes == ["A", "stale at 2"]
    item.refresh_from_db()
    assert (item.pagu, item.revision) == (Decimal("60000000"), 2)
    events = AuditEvent.objects.filter(event_type=AuditEvent.Type.PLAN_EDITED)
    assert [event.acting_user for event in events] == [planner_a]
