"""record(): the one way actions write an AuditEvent, inside their own transaction."""

from typing import Any, TypeVar

from django.db import models

from kinerja.audit.models import AuditEvent
from kinerja.lib.revisions import changed, save_revised


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


Row = TypeVar("Row", bound=models.Model)


def save_recorded(
    current: Row,
    *,
    acting_user: Any,
    changes: dict[str, Any],
    event_type: AuditEvent.Type = AuditEvent.Type.PLAN_EDITED,
    reason: str = "",
) -> Row:
    """Save `changes` to `current` (locked by the caller, at the revision it checked) and
    record them, before → after, in one audit row; no changes writes nothing."""
    if not changes:
        return current
    revision = current.revision  # type: ignore[attr-defined]
    saved, before = save_revised(current, expected_revision=revision, changes=changes)
    record(
        acting_user=acting_user,
        event_type=event_type,
        obj=saved,
        extra_data={"changes": changed(before, saved)},
        reason=reason,
    )
    return saved
