"""Checks of the review pages' URL parts; the objects themselves come through
`kinerja.renja.access.access_renja` and `kinerja.monitoring.access.access_pemda_review`."""

from django.http import Http404


def checked_year(year: int) -> int:
    """`year` when it is a plausible Renja year; `Http404` otherwise, like a missing page."""
    if not 2000 <= year <= 2100:
        raise Http404("Tahun tidak dikenal.")
    return year
