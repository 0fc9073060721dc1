"""Sign-in lockouts (django-axes, ADR 0013): who is locked out and until when, the audit row
of a lockout, and the admin pemda's unlock, each write with its audit row in one transaction.

django-axes counts the failed sign-ins (its AccessAttempt rows) and refuses a locked-out
one before any password is checked; these functions read its rows and reset them
through its API, never its internals.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import User
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record


class NotLocked(Exception):
    """The account has no lockout to lift (it ended, or someone lifted it first)."""


@dataclass(frozen=True)
class Lock:
    """One lockout of a username: from one address (or from all, when locking by username
    alone), until a moment."""

    ip_address: str | None
    until: datetime


def by_address() -> bool:
    """Whether a lockout holds for one address only (the default, KINERJA_LOGIN_LOCKOUT)."""
    return any("ip_address" in parameters for parameters in settings.AXES_LOCKOUT_PARAMETERS)


def lockout_end(request: HttpRequest, credentials: dict[str, Any] | None) -> datetime:
    """When the lockout of this sign-in ends: the cool-off after its latest counted failure."""
    querysets = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)
    latest = [qs.aggregate(latest=Max("attempt_time"))["latest"] for qs in querysets]
    known = [moment for moment in latest if moment is not None]
    return max(known, default=timezone.now()) + settings.AXES_COOLOFF_TIME


def locks_of(user: User) -> list[Lock]:
    """The lockouts in force on `user`'s username, latest end first (empty: none)."""
    recent = AccessAttempt.objects.filter(
        username=user.username, attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )
    group = ["ip_address"] if by_address() else ["username"]
    rows = recent.values(*group).annotate(
        failures=Sum("failures_since_start"), latest=Max("attempt_time")
    )
    locks = [
        Lock(row.get("ip_address"), row["latest"] + settings.AXES_COOLOFF_TIME)
        for row in rows
        if row["failures"] >= settings.AXES_FAILURE_LIMIT
    ]
    return sorted(locks, key=lambda lock: lock.until, reverse=True)


@transaction.atomic
def record_lockout(*, username: str, ip_address: str | None, until: datetime) -> AuditEvent:
    """The audit row of a lockout just reached (anonymous: nobody is signed in). About the
    user when the username exists, else about django-axes' row of the failed attempts
    (guessed usernames are worth an administrator's eye too)."""
    user = User.objects.filter(username=username).first()
    attempts = AccessAttempt.objects.filter(username=username).order_by("-attempt_time")
    obj: User | AccessAttempt = user or attempts.first() or AccessAttempt(username=username)
    return record(
        acting_user=None,
        event_type=AuditEvent.Type.LOGIN_LOCKED_OUT,
        obj=obj,
        extra_data={
            "username": username,
            "ip_address": ip_address,
            "failures": settings.AXES_FAILURE_LIMIT,
            "until": until.isoformat(),
            "known_user": user is not None,
        },
    )


@transaction.atomic
def unlock_user(user: User, *, acting_user: Any) -> int:
    """Lift every lockout of `user` (from every address) and forget their failed sign-ins;
    the number of django-axes rows removed. `NotLocked` when there is no lockout."""
    locks = locks_of(user)
    if not locks:
        raise NotLocked(_("Akun %(user)s tidak sedang terkunci.") % {"user": user.username})
    removed = reset(username=user.username)
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.LOGIN_UNLOCKED,
        obj=user,
        extra_data={
            "addresses": [lock.ip_address for lock in locks],
            "until": [lock.until.isoformat() for lock in locks],
        },
        reason=_("Kunci masuk dibuka oleh admin."),
    )
    return removed
