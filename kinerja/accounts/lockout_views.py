"""The page of a locked-out sign-in: django-axes calls `locked_out` (AXES_LOCKOUT_CALLABLE)
instead of the login page once a username has had too many wrong passwords.

This is django-axes' hook, not a signal of ours: the one place where a lockout becomes
visible, so its audit row is written here, once, when the lockout is reached.
"""

from math import ceil
from typing import Any

from axes.helpers import get_client_username
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kinerja.accounts import lockouts

TOO_MANY_REQUESTS = 429


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """429 with a page in Bahasa Indonesia that says until when, and what else to do."""
    username = get_client_username(request, credentials) or ""
    until = timezone.localtime(lockouts.lockout_end(request, credentials))
    # Set by django-axes only when this very attempt was counted, i.e. reached the limit;
    # attempts refused during the lockout are neither counted nor audited again.
    if getattr(request, "axes_failures_since_start", None) is not None:
        ip_address = getattr(request, "axes_ip_address", None)
        lockouts.record_lockout(username=username, ip_address=ip_address, until=until)
    seconds = (until - timezone.now()).total_seconds()
    context = {
        "username": username,
        "until": until,
        "same_day": until.date() == timezone.localdate(),
        "minutes": max(1, ceil(seconds / 60)),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "by_address": lockouts.by_address(),
    }
    return render(request, "registration/locked_out.html", context, status=TOO_MANY_REQUESTS)
