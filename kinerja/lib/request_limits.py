"""Refuse a request body beyond `MAX_REQUEST_BYTES` before Django reads any of it (413)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.lib.limits import MAX_FILE_BYTES, MAX_REQUEST_BYTES, megabytes


class RequestBodyLimitMiddleware:
    """Every upload (plan files, evidence, Word templates) is one request body: one cap.

    Only the declared length is looked at: Django reads at most CONTENT_LENGTH bytes of a
    body, and none of a body sent without one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if declared_length(request) > MAX_REQUEST_BYTES:
            context = {"limit": megabytes(MAX_FILE_BYTES)}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)


def declared_length(request: HttpRequest) -> int:
    """The body's CONTENT_LENGTH (0 when absent or not a number, as Django reads it)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
