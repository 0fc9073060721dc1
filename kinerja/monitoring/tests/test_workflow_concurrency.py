"""Two people moving the same triwulan report at once on PostgreSQL, before its row exists:
one creates and moves it, the other waits and gets a clear message."""

import pytest
from django.db import connection

from kinerja.monitoring.models import LaporanTriwulan
from kinerja.monitoring.workflow import approve_report, submit_report
from kinerja.renja.tests.test_workflow_concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def test_two_first_submissions_create_one_report(planner_a, admin, renja_a):
    outcomes = race(
        lambda: submit_report(renja_a, 2, acting_user=planner_a),
        lambda: submit_report(renja_a, 2, acting_user=admin),
    )

    assert outcomes[0] == "first"
    assert outcomes[1].startswith("refused: Laporan Triwulan II ini sudah diajukan")
    assert list(LaporanTriwulan.objects.values_list("triwulan", "status")) == [(2, "diajukan")]


def test_two_verifications_at_once_record_one(planner_a, verifier, admin, renja_a):
    submit_report(renja_a, 1, acting_user=planner_a)

    outcomes = race(
        lambda: approve_report(renja_a, 1, acting_user=admin),
        lambda: approve_report(renja_a, 1, acting_user=verifier),
    )

    assert outcomes[0] == "first"
    assert "statusnya Diverifikasi" in outcomes[1]
