"""Writes to a Renja's narasi (the prose of its document), each with its audit row."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.renja.models import NARASI_FIELDS, Renja, RenjaNarasi

# Everything a planner edits; `version` and `updated_at` belong to the action.
NARASI_EDITABLE = (*NARASI_FIELDS, "tempat", "tanggal", "cetak_hari")


class NarasiConflict(Exception):
    """Someone saved the narasi after the editor loaded it; nothing was written."""

    def __init__(self, expected: int | None, stored: int | None) -> None:
        super().__init__(
            _(
                "Narasi telah diubah oleh pengguna lain; muat ulang halaman lalu ulangi "
                "perubahan Anda."
            )
        )
        self.expected = expected
        self.stored = stored


@transaction.atomic
def save_narasi(
    renja: Renja, *, acting_user: Any, expected_version: int | None, **fields: Any
) -> RenjaNarasi:
    """Create or update the narasi of `renja` with `fields` (names from NARASI_EDITABLE).

    `expected_version` is the version the editor loaded (0 when there was no narasi yet);
    a different stored version raises NarasiConflict. None saves whatever is stored
    (import, admin). Every save that changes something bumps `version` and records the
    changed fields, old and new, in one AuditEvent.
    """
    unknown = sorted(set(fields) - set(NARASI_EDITABLE))
    if unknown:
        raise TypeError(f"save_narasi() got unknown narasi fields: {', '.join(unknown)}")
    narasi = RenjaNarasi.objects.select_for_update().filter(renja=renja).first()
    stored = narasi.version if narasi else 0
    if expected_version is not None and expected_version != stored:
        raise NarasiConflict(expected_version, stored)
    if narasi is None:
        return _create(renja, acting_user, fields)
    return _update(narasi, acting_user, fields)


def _cleaned(narasi: RenjaNarasi, fields: dict[str, Any]) -> dict[str, Any]:
    """Values as the model fields store them (a date from its ISO text, length checked)."""
    return {
        name: RenjaNarasi._meta.get_field(name).clean(value, narasi)  # type: ignore[union-attr]
        for name, value in fields.items()
    }


def _create(renja: Renja, acting_user: Any, fields: dict[str, Any]) -> RenjaNarasi:
    narasi = RenjaNarasi(renja=renja)
    values = _cleaned(narasi, fields)
    for name, value in values.items():
        setattr(narasi, name, value)
    try:
        # A savepoint, so a concurrent creator's row turns into a conflict, not a broken
        # transaction.
        with transaction.atomic():
            narasi.save(force_insert=True)
    except IntegrityError as error:
        raise NarasiConflict(0, None) from error
    changed = [name for name in NARASI_EDITABLE if name in values]
    _record(narasi, acting_user, changed, {}, values)
    return narasi


def _update(narasi: RenjaNarasi, acting_user: Any, fields: dict[str, Any]) -> RenjaNarasi:
    values = _cleaned(narasi, fields)
    changed = [n for n in NARASI_EDITABLE if n in values and getattr(narasi, n) != values[n]]
    if not changed:
        return narasi
    old = {name: getattr(narasi, name) for name in changed}
    new = {name: values[name] for name in changed}
    now = timezone.now()
    # Compare-and-set: only the row still at the version read above is written, so two
    # saves from the same version can never both win (the lock above makes the loser wait).
    written = RenjaNarasi.objects.filter(pk=narasi.pk, version=narasi.version).update(
        **new, version=F("version") + 1, updated_at=now
    )
    if written != 1:
        raise NarasiConflict(narasi.version, None)
    for name, value in new.items():
        setattr(narasi, name, value)
    narasi.version += 1
    narasi.updated_at = now
    _record(narasi, acting_user, changed, old, new)
    return narasi


def _record(
    narasi: RenjaNarasi,
    acting_user: Any,
    changed: list[str],
    old: dict[str, Any],
    new: dict[str, Any],
) -> None:
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.NARASI_SAVED,
        obj=narasi,
        extra_data={
            "fields": changed,
            "version": narasi.version,
            "old": {name: _json(value) for name, value in old.items()},
            "new": {name: _json(new[name]) for name in changed},
        },
    )


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value
