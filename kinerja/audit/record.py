"""record(): the one way actions write an AuditEvent, inside their own transaction."""

from typing import Any

from django.db import models

from kinerja.audit.models import AuditEvent


def record(
    *,
    acting_user: Any,
    event_type: AuditEvent.Type,
    obj: models.Model,
    extra_data: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit row about `obj`; call it inside the action's transaction."""
    return AuditEvent.objects.create(
        acting_user=acting_user,
        event_type=event_type,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        extra_data=extra_data or {},
        reason=reason,
    )
