"""`{% renja_review_summary renja as summary %}`: what `review/_status.html` shows about a
Renja besides its own fields: its last status change, and its other versions."""

from typing import Any

from django import template

from kinerja.renja.models import Renja
from kinerja.renja.transitions import newer_version, previous_version
from kinerja.review.queries import last_changes

register = template.Library()


@register.simple_tag
def renja_review_summary(renja: Renja) -> dict[str, Any]:
    """Three small queries: the last STATUS_CHANGED row and the neighbouring versions."""
    change = last_changes([renja]).get((renja._meta.label_lower, str(renja.pk)))
    return {"change": change, "newer": newer_version(renja), "previous": previous_version(renja)}
