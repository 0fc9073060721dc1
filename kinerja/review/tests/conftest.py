"""Helpers of the review tests: jadwal windows relative to today, and status shortcuts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kinerja.monitoring.models import LaporanTriwulan
from kinerja.renja.models import Jadwal, Renja


def window(pemda, *, days_ago_closed=1, year=2024, tahap="renja", triwulan=None) -> Jadwal:
    """A jadwal that closed `days_ago_closed` days ago (negative: still open)."""
    today = timezone.localdate()
    closes_on = today - timedelta(days=days_ago_closed)
    return Jadwal.objects.create(
        pemda=pemda, year=year, tahap=tahap, triwulan=triwulan,
        opens_on=min(closes_on, today) - timedelta(days=30), closes_on=closes_on,
    )  # fmt: skip


def with_status(renja: Renja, status: str) -> Renja:
    Renja.objects.filter(pk=renja.pk).update(status=status)
    renja.refresh_from_db()
    return renja


def report_with_status(renja: Renja, triwulan: int, status: str) -> LaporanTriwulan:
    return LaporanTriwulan.objects.create(renja=renja, triwulan=triwulan, status=status)


@pytest.fixture
def signed_in(client):
    """`signed_in(user)`: the test client, signed in as `user`."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
