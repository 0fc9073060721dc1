"""Writes of the quarterly cycle: realisasi kinerja and anggaran, the laporan's narrative,
and its evidence files, each refused unless the report is editable, each audited.

Every action locks the triwulan's laporan row (when there is one) before it asks
`ensure_report_editable`, so a save cannot slip in while the report is being verified.
Updates go through `save_revised` (a stale revision raises `StaleEdit`); a row created
twice at once ends in `StaleEdit` too, never in an IntegrityError.
"""

import secrets
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction

from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record, save_recorded
from kinerja.lib.revisions import StaleEdit, changed, save_revised
from kinerja.monitoring.models import Bukti, LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renja.workflow import ensure_report_editable
from kinerja.renstra.models import Level

Row = TypeVar("Row", bound=models.Model)
VALUE_PLACES = 6  # renstra.models.VALUE: more places would be rounded by the database


class ValueRefused(ValueError):
    """A value the indikator does not allow (negative, too many decimals); nothing written."""


MAX_BUKTI_BYTES = 10 * 1024 * 1024
LAPORAN_FIELDS = ("faktor_pendorong", "faktor_penghambat", "tindak_lanjut", "tindak_lanjut_renja")


def _editable_report(acting_user: Any, renja: Renja, triwulan: int) -> LaporanTriwulan | None:
    """The triwulan's laporan, locked (None: not written yet, a draf); `Locked` if not editable."""
    laporan = (
        LaporanTriwulan.objects.select_for_update().filter(renja=renja, triwulan=triwulan).first()
    )
    status = laporan.status if laporan else LaporanTriwulan.Status.DRAF
    ensure_report_editable(acting_user, renja, triwulan, status)
    return laporan


@transaction.atomic
def save_realisasi_kinerja(
    indikator: Indikator,
    triwulan: int,
    value: Decimal | None,
    *,
    acting_user: Any,
    expected_revision: int | None,
) -> RealisasiKinerja | None:
    """Set (None: delete) the realisasi of `indikator` in `triwulan`; the row, or None.

    A negative value is refused unless the indikator allows it (ADR 0012). A value with
    more decimals than the indikator prints raises its `decimals` (audited), so 10,3
    prints 10,3 on every page and document, never 10.
    """
    refusal = indikator.negative_refusal(value, "Realisasi")
    if refusal:
        raise ValueRefused(refusal)
    needed = places(value)
    if needed > VALUE_PLACES:
        raise ValueRefused(
            f"Realisasi indikator «{indikator.name}»: paling banyak {VALUE_PLACES} angka di "
            "belakang koma."
        )
    _editable_report(acting_user, indikator.item.renja, triwulan)
    lookup = {"indikator": indikator, "triwulan": triwulan}
    row = _save_figure(RealisasiKinerja, lookup, "value", value, acting_user, expected_revision)
    _print_decimals(indikator, needed, acting_user)
    return row


def places(value: Decimal | None) -> int:
    """The decimal places `value` needs: 10,30 → 1; 10 → 0 (None → 0)."""
    if value is None:
        return 0
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _print_decimals(indikator: Indikator, needed: int, acting_user: Any) -> None:
    """Raise the indikator's printed decimals to `needed` places (never lower them)."""
    current = Indikator.objects.select_for_update().get(pk=indikator.pk)
    if needed <= current.decimals:
        return
    saved = save_recorded(
        current,
        acting_user=acting_user,
        changes={"decimals": needed},
        reason="Realisasi diisi dengan lebih banyak angka di belakang koma.",
    )
    indikator.decimals, indikator.revision = saved.decimals, saved.revision


@transaction.atomic
def save_realisasi_anggaran(
    item: RenjaItem,
    triwulan: int,
    amount: Decimal | None,
    *,
    acting_user: Any,
    expected_revision: int | None,
) -> RealisasiAnggaran | None:
    """Set (None: delete) the rupiah `item` spent in `triwulan`; the row, or None.

    A total above the pagu is allowed (the page warns); a negative amount is not.
    """
    if item.level != Level.SUB_KEGIATAN:
        raise ValueError("Realisasi anggaran hanya dicatat pada sub kegiatan.")
    if amount is not None and amount < 0:
        raise ValueRefused("Realisasi anggaran tidak boleh negatif.")
    if places(amount) > 2:  # NUMERIC(20,2) would round it silently
        raise ValueRefused("Realisasi anggaran paling banyak 2 angka di belakang koma (sen).")
    _editable_report(acting_user, item.renja, triwulan)
    lookup = {"item": item, "triwulan": triwulan}
    return _save_figure(RealisasiAnggaran, lookup, "amount", amount, acting_user, expected_revision)


def _save_figure(
    model: type[Row],
    lookup: dict[str, Any],
    name: str,
    value: Decimal | None,
    acting_user: Any,
    expected: int | None,
) -> Row | None:
    """Create, update or delete the one row of `lookup`; unchanged values write nothing."""
    row = model._default_manager.select_for_update().filter(**lookup).first()
    stored = getattr(row, name) if row else None
    if value == stored:
        return row  # nothing to write, so nothing can be lost whatever the revision
    if row is None:
        if expected not in (None, 0):  # someone cleared the value since it was loaded
            raise StaleEdit(model(**lookup, **{name: None}, revision=0))
        row = _create(model, lookup, {name: value})
        _audit_figure(row, acting_user, {name: [None, str(value)]})
        return row
    if expected is not None and row.revision != expected:  # type: ignore[attr-defined]
        raise StaleEdit(row)
    if value is None:
        _audit_figure(row, acting_user, {name: [str(stored), None]})
        row.delete()
        return None
    row, before = save_revised(row, expected_revision=expected, changes={name: value})
    _audit_figure(row, acting_user, changed(before, row))
    return row


def _create(model: type[Row], lookup: dict[str, Any], values: dict[str, Any]) -> Row:
    """Insert a new row at revision 1; one created meanwhile by someone else is a stale edit."""
    try:
        # A savepoint, so the other's row turns into a StaleEdit, not a broken transaction.
        with transaction.atomic():
            return model._default_manager.create(**lookup, **values)
    except IntegrityError as error:
        raise StaleEdit(model._default_manager.get(**lookup)) from error


def _audit_figure(row: models.Model, acting_user: Any, changes: dict[str, list[Any]]) -> None:
    """The audit row of a realisasi; it names its Renja (and indikator), so the history
    still finds it once a cleared realisasi is deleted."""
    if isinstance(row, RealisasiKinerja):
        owner = {"renja_id": row.indikator.item.renja_id, "indikator_id": row.indikator_id}
    else:
        owner = {"renja_id": row.item.renja_id}  # type: ignore[attr-defined]
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.REALISASI_SAVED,
        obj=row,
        extra_data={"triwulan": row.triwulan, "changes": changes, **owner},  # type: ignore[attr-defined]
    )


@transaction.atomic
def save_laporan(
    renja: Renja,
    triwulan: int,
    *,
    acting_user: Any,
    expected_revision: int | None,
    **fields: str,
) -> LaporanTriwulan:
    """Create or update the narrative of the triwulan report (fields of LAPORAN_FIELDS)."""
    unknown = sorted(set(fields) - set(LAPORAN_FIELDS))
    if unknown:
        raise TypeError(f"save_laporan() got unknown fields: {', '.join(unknown)}")
    laporan = _editable_report(acting_user, renja, triwulan)
    if laporan is None:
        if expected_revision not in (None, 0):
            raise StaleEdit(LaporanTriwulan(renja=renja, triwulan=triwulan, revision=0))
        laporan = _create(LaporanTriwulan, {"renja": renja, "triwulan": triwulan}, fields)
        changes = {name: ["", value] for name, value in fields.items() if value}
        _audit_laporan(laporan, acting_user, changes)
        return laporan
    updates = {name: value for name, value in fields.items() if getattr(laporan, name) != value}
    if not updates:
        return laporan
    laporan, before = save_revised(laporan, expected_revision=expected_revision, changes=updates)
    _audit_laporan(laporan, acting_user, changed(before, laporan))
    return laporan


def _audit_laporan(laporan: LaporanTriwulan, acting_user: Any, changes: dict[str, Any]) -> None:
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.LAPORAN_SAVED,
        obj=laporan,
        extra_data={"triwulan": laporan.triwulan, "changes": changes},
    )


def add_bukti(
    renja: Renja,
    triwulan: int,
    upload: UploadedFile,
    *,
    acting_user: Any,
    content_type: str,
    description: str = "",
) -> Bukti:
    """Store an evidence file (already checked by `forms.check_bukti`) on the triwulan report.

    The file gets a random name under MEDIA_ROOT/bukti/<year>/; the name the user gave is
    kept in `original_name` for the download. The report is created (draf) if needed.
    The file is written before its row; if the row, the audit row or the commit fails, the
    file is deleted again, so no file outlives its row (called, as views do, outside any
    other transaction).
    """
    if (upload.size or 0) > MAX_BUKTI_BYTES:
        raise ValueError("Berkas bukti lebih dari 10 MB.")
    bukti: Bukti | None = None
    try:
        with transaction.atomic():
            bukti = _new_bukti(renja, triwulan, upload, acting_user, content_type, description)
            bukti.save()
            record(
                acting_user=acting_user,
                event_type=AuditEvent.Type.BUKTI_ADDED,
                obj=bukti,
                extra_data={
                    "triwulan": triwulan,
                    "changes": {"file": [None, bukti.original_name]},
                    "stored_as": bukti.file.name,
                    "size": bukti.size,
                    "content_type": content_type,
                },
            )
    except Exception:
        if bukti is not None and bukti.file:
            bukti.file.delete(save=False)  # no row, no file
        raise
    assert bukti is not None  # made inside the block, which raised otherwise
    return bukti


def _new_bukti(
    renja: Renja,
    triwulan: int,
    upload: UploadedFile,
    acting_user: Any,
    content_type: str,
    description: str,
) -> Bukti:
    """The evidence row (unsaved) with its file written under a random name."""
    laporan = _editable_report(acting_user, renja, triwulan)
    if laporan is None:
        laporan, _ = LaporanTriwulan.objects.get_or_create(renja=renja, triwulan=triwulan)
    original = Path(upload.name or "bukti").name
    bukti = Bukti(
        laporan=laporan,
        description=description,
        original_name=original[-255:],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=acting_user,
    )
    bukti.file.save(f"{secrets.token_hex(16)}{Path(original).suffix.lower()}", upload, save=False)
    return bukti


@transaction.atomic
def remove_bukti(bukti: Bukti, *, acting_user: Any) -> None:
    """Delete an evidence file of an editable report; the file goes once the row is gone."""
    laporan = bukti.laporan
    _editable_report(acting_user, laporan.renja, laporan.triwulan)
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.BUKTI_REMOVED,
        obj=bukti,
        extra_data={
            "triwulan": laporan.triwulan,
            "changes": {"file": [bukti.original_name, None]},
            "stored_as": bukti.file.name,
            "renja_id": laporan.renja_id,
            "laporan_id": laporan.pk,
        },
    )
    storage, name = bukti.file.storage, bukti.file.name
    bukti.delete()
    transaction.on_commit(lambda: storage.delete(name))
