"""No lost edits: every editable row carries a `revision` that each save raises by one.

A form sends back the revision it was loaded with; `save_revised` writes only when the
row is still at that revision (an UPDATE … WHERE revision = n on a row locked FOR
UPDATE), so of two people who loaded the same row the second save is refused with
`StaleEdit`, which carries the row as it is now for the form to show.
"""

from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import F

Row = TypeVar("Row", bound=models.Model)

STALE_MESSAGE = (
    "Data ini telah diubah oleh pengguna lain sejak Anda membukanya. Nilai terbaru "
    "ditampilkan di bawah; periksa, lalu simpan ulang bila perlu."
)


class StaleEdit(Exception):
    """The row changed since the user loaded it; `current` is the row as stored now."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(STALE_MESSAGE)
        self.current = current


def save_revised(
    row: Row, *, expected_revision: int | None, changes: dict[str, Any]
) -> tuple[Row, dict[str, Any]]:
    """Write `changes` to `row` if it is still at `expected_revision` (None: whatever it is).

    Returns the refreshed row and the values the changed fields had before. Must run
    inside the caller's transaction (the action that also writes the audit row).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("save_revised harus dipanggil di dalam transaksi")
    model = type(row)
    current = model._default_manager.select_for_update().get(pk=row.pk)
    stored = current.revision  # type: ignore[attr-defined]
    if expected_revision is not None and stored != expected_revision:
        raise StaleEdit(current)
    before = {field: getattr(current, field) for field in changes}
    updated = model._default_manager.filter(pk=row.pk, revision=stored).update(
        revision=F("revision") + 1, **changes
    )
    if updated != 1:  # pragma: no cover - the row lock makes this unreachable on PostgreSQL
        raise StaleEdit(model._default_manager.get(pk=row.pk))
    current.refresh_from_db()
    return current, before


def changed(before: dict[str, Any], after: models.Model) -> dict[str, list[Any]]:
    """The audit record of a save: field → [before, after] for the fields that changed,
    as text (Decimals keep their digits)."""
    return {
        field: [_text(old), _text(getattr(after, field))]
        for field, old in before.items()
        if old != getattr(after, field)
    }


def _text(value: Any) -> Any:
    return value if value is None or isinstance(value, (bool, int, str)) else str(value)
