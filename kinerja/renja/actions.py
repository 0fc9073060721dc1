"""Writes to a Renja: its narasi (the prose of its document) and the rows of Tabel 4.1
(items and their indikator), each with its audit row in the same transaction."""

import datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record, save_recorded
from kinerja.evaluation.values import negative_refusal
from kinerja.lib.numbers import format_money
from kinerja.lib.revisions import StaleEdit
from kinerja.nomenclature import models as nomenclature
from kinerja.renja.models import NARASI_FIELDS, Indikator, Renja, RenjaItem, RenjaNarasi
from kinerja.renja.queries import edition_of, has_realisasi, removal_refusal, subtree
from kinerja.renja.workflow import ensure_renja_editable
from kinerja.renstra.models import Indikator as RenstraIndikator
from kinerja.renstra.models import Jenis, Level

RevisedRow = TypeVar("RevisedRow", RenjaItem, Indikator)

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
    if acting_user is not None:  # a person, not an import: the Renja must be open to them
        ensure_renja_editable(acting_user, renja)
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


# --- Editing Tabel 4.1: items and their indikator --------------------------------------

ITEM_EDITABLE = ("lokasi", "sumber_dana", "catatan_penting", "pagu", "pagu_n1")
INDIKATOR_EDITABLE = ("name", "satuan", "target", "target_n1", "allows_negative")
NEW_INDIKATOR = (*INDIKATOR_EDITABLE, "jenis", "polaritas", "sifat", "decimals")
MAX_DECIMALS = 6
PAGU_ON_SUB_KEGIATAN = (
    "Pagu hanya diisi pada sub kegiatan; pagu program dan kegiatan dihitung dari sub "
    "kegiatan di bawahnya."
)
REASON_REQUIRED = (
    "Realisasi indikator ini sudah diisi; tuliskan alasan perubahan target (dicatat pada "
    "jejak audit)."
)
# The level an item of each level may hold below it (None: the top of the tree).
CHILD_LEVEL: dict[str | None, str] = {
    None: Level.PROGRAM,
    Level.PROGRAM: Level.KEGIATAN,
    Level.KEGIATAN: Level.SUB_KEGIATAN,
}
ENTRY_LEVEL = {
    nomenclature.Program: Level.PROGRAM,
    nomenclature.Kegiatan: Level.KEGIATAN,
    nomenclature.SubKegiatan: Level.SUB_KEGIATAN,
}


class EditRefused(Exception):
    """A change the plan's rules do not allow; the message says why. Nothing was written."""


class RequiredCleared(EditRefused):
    """A required Tabel 4.1 field of a sub kegiatan was emptied; the stored value stays."""

    def __init__(self, message: str, *, field: str, stored: Any) -> None:
        super().__init__(message)
        self.field, self.stored = field, stored


# Tabel 4.1 prints these for every sub kegiatan (Permendagri 86/2017, T-C.33): once
# filled they cannot be emptied. 0 is a pagu (a sub kegiatan kept without money this
# year); empty is not (ADR 0012).
REQUIRED_ON_SUB_KEGIATAN = {"pagu": "Pagu", "lokasi": "Lokasi", "sumber_dana": "Sumber dana"}


def _editable_renja(renja_id: int, acting_user: Any) -> Renja:
    """The Renja, locked for the transaction, once `acting_user` may change it now.

    The lock orders every edit after a concurrent status change (diajukan, disetujui) of
    the same Renja, so no edit lands in a Renja that was locked meanwhile.
    """
    renja = (
        Renja.objects.select_for_update(of=("self",))
        .select_related("perangkat_daerah")
        .get(pk=renja_id)
    )
    ensure_renja_editable(acting_user, renja)
    return renja


def _locked(row: RevisedRow, expected_revision: int | None) -> RevisedRow:
    """`row` as stored now, locked; StaleEdit when it moved past `expected_revision`."""
    current = type(row)._default_manager.select_for_update().get(pk=row.pk)
    if expected_revision is not None and current.revision != expected_revision:
        raise StaleEdit(current)
    return current


def _unknown(fields: dict[str, Any], allowed: tuple[str, ...], action: str) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"{action}() got unknown fields: {', '.join(unknown)}")


@transaction.atomic
def update_item(
    item: RenjaItem, *, acting_user: Any, expected_revision: int | None, **fields: Any
) -> RenjaItem:
    """Change lokasi, sumber dana, catatan penting and (sub kegiatan only) pagu of `item`.

    `expected_revision` is the revision the editor loaded; a newer stored row raises
    StaleEdit (None: whatever is stored). A save that changes nothing writes nothing.
    """
    _unknown(fields, ITEM_EDITABLE, "update_item")
    _editable_renja(item.renja_id, acting_user)
    current = _locked(item, expected_revision)
    amounts = [fields.get(name) for name in ("pagu", "pagu_n1")]
    if current.level != Level.SUB_KEGIATAN and any(a is not None for a in amounts):
        raise EditRefused(PAGU_ON_SUB_KEGIATAN)
    if any(a is not None and a < 0 for a in amounts):
        raise EditRefused("Pagu tidak boleh negatif.")
    if _places(*amounts) > 2:  # NUMERIC(20,2) would round it silently
        raise EditRefused("Pagu paling banyak 2 angka di belakang koma (sen).")
    changes = {name: value for name, value in fields.items() if getattr(current, name) != value}
    if current.level == Level.SUB_KEGIATAN:
        _keep_required(current, changes)
    return save_recorded(current, acting_user=acting_user, changes=changes)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _keep_required(item: RenjaItem, changes: dict[str, Any]) -> None:
    """Refuse emptying a filled pagu, lokasi or sumber dana of a sub kegiatan."""
    for name, label in REQUIRED_ON_SUB_KEGIATAN.items():
        stored = getattr(item, name)
        if name in changes and _is_empty(changes[name]) and not _is_empty(stored):
            shown = format_money(stored) if name == "pagu" else stored
            hint = " Isi 0 bila sub kegiatan ini memang tanpa pagu." if name == "pagu" else ""
            raise RequiredCleared(
                f"{label} sub kegiatan {item} wajib diisi pada Tabel 4.1 dan tidak dapat "
                f"dikosongkan; nilai tersimpan ({shown}) tetap dipakai.{hint}",
                field=name,
                stored=stored,
            )


def _places(*values: Decimal | None) -> int:
    """The most decimal places any of `values` needs."""
    exponents = [int(v.normalize().as_tuple().exponent) for v in values if v is not None]
    return max([0, *(-e for e in exponents)])


def _decimals_for(current: int, *values: Decimal | None) -> int:
    """The indikator's printed decimals, raised so a typed 10,35 does not print as 10."""
    needed = _places(*values)
    if needed > MAX_DECIMALS:
        raise EditRefused(f"Target paling banyak {MAX_DECIMALS} angka di belakang koma.")
    return max(current, needed)


@transaction.atomic
def update_indikator(
    indikator: Indikator,
    *,
    acting_user: Any,
    expected_revision: int | None,
    reason: str = "",
    **fields: Any,
) -> Indikator:
    """Change name, satuan and targets n and n+1 of a Renja indikator.

    Once the indikator has realisasi, a changed target needs a `reason` (it goes into the
    audit row), so a target is never moved quietly to fit what was achieved.
    """
    _unknown(fields, INDIKATOR_EDITABLE, "update_indikator")
    _editable_renja(indikator.item.renja_id, acting_user)
    current = _locked(indikator, expected_revision)
    changes = {name: value for name, value in fields.items() if getattr(current, name) != value}
    if "name" in changes and not str(changes["name"]).strip():
        raise EditRefused("Nama indikator wajib diisi.")
    moved = {"target", "target_n1"} & set(changes)
    if moved and not reason.strip() and has_realisasi(current):
        raise EditRefused(REASON_REQUIRED)
    _check_negative(current, {**{n: getattr(current, n) for n in TARGETS}, **changes})
    decimals = _decimals_for(current.decimals, *(changes.get(name) for name in moved))
    if decimals != current.decimals:
        changes["decimals"] = decimals
    return save_recorded(current, acting_user=acting_user, changes=changes, reason=reason.strip())


TARGETS = {"target": "Target", "target_n1": "Target n+1"}


def _check_negative(indikator: Indikator, values: dict[str, Any]) -> None:
    """Targets (`values`, with `allows_negative` as it will be) below 0 only when the
    indikator allows it; the flag stays on while a negative realisasi is stored."""
    allows = bool(values.get("allows_negative", indikator.allows_negative))
    name, jenis = values.get("name", indikator.name), values.get("jenis", indikator.jenis)
    if allows and jenis == Jenis.KUALITATIF:
        raise EditRefused(
            f"Indikator kualitatif «{name}» tidak dapat bernilai negatif: nilainya adalah "
            "salah satu nilai skala."
        )
    for field, what in TARGETS.items():
        refusal = negative_refusal(
            values.get(field), what=what, name=name, jenis=jenis, allows_negative=allows
        )
        if refusal:
            raise EditRefused(refusal)
    if not allows and indikator.pk and indikator.realisasi.filter(value__lt=0).exists():
        raise EditRefused(
            f"«Boleh negatif» indikator «{name}» tidak dapat dimatikan: realisasi "
            "triwulannya ada yang negatif. Perbaiki realisasinya terlebih dahulu."
        )


def _next_order(rows: Any) -> int:
    return (rows.aggregate(top=Max("order"))["top"] or 0) + 1


def _check_entry(renja: Renja, parent: RenjaItem | None, entry: nomenclature.Entry) -> str:
    """The level `entry` takes under `parent`; EditRefused when it does not fit there."""
    level = ENTRY_LEVEL.get(type(entry))
    expected = CHILD_LEVEL.get(parent.level if parent else None)
    if parent is not None and parent.renja_id != renja.pk:
        raise EditRefused("Induk baris tidak berada pada Renja ini.")
    if level is None or level != expected:
        where = f"Di bawah {parent}" if parent else "Pada tingkat teratas"
        wanted = Level(expected).label.lower() if expected else "baris lain"
        raise EditRefused(f"{where} hanya dapat ditambahkan {wanted}.")
    edition = edition_of(renja)
    if edition is None or entry.edition_id != edition.pk:
        raise EditRefused(f"{entry.code} bukan nomenklatur edisi {edition} yang dipakai Renja ini.")
    if parent is not None and parent.code and not entry.code.startswith(parent.code + "."):
        raise EditRefused(f"{entry.code} tidak berada di bawah {parent.code}.")
    if RenjaItem.objects.filter(renja=renja, code=entry.code).exists():
        raise EditRefused(f"{entry.code} sudah ada pada Renja ini.")
    return level


@transaction.atomic
def add_item(
    renja: Renja,
    *,
    acting_user: Any,
    parent: RenjaItem | None,
    entry: nomenclature.Program | nomenclature.Kegiatan | nomenclature.SubKegiatan,
) -> RenjaItem:
    """Add the nomenclature `entry` to `renja` under `parent` (None: a program at the top),
    with the entry's code and name and a link to it; after its siblings."""
    # The Renja lock also serialises two adds of the same code (no unique constraint on
    # code: an item whose code is not known yet keeps it empty).
    locked = _editable_renja(renja.pk, acting_user)
    level = _check_entry(locked, parent, entry)
    item = RenjaItem.objects.create(
        renja=locked,
        parent=parent,
        level=level,
        code=entry.code,
        name=entry.name,
        order=_next_order(RenjaItem.objects.filter(renja=locked)),
        **{f"nomenclature_{level}": entry},
    )
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_ITEM_ADDED,
        obj=item,
        extra_data={
            "changes": {
                "level": [None, level],
                "code": [None, item.code],
                "name": [None, item.name],
            },
            "parent": str(parent) if parent else None,
        },
    )
    return item


@transaction.atomic
def remove_item(item: RenjaItem, *, acting_user: Any, expected_revision: int | None) -> None:
    """Remove `item` with everything below it, unless a sub kegiatan there has realisasi."""
    _editable_renja(item.renja_id, acting_user)
    current = _locked(item, expected_revision)
    refusal = removal_refusal(current)
    if refusal:
        raise EditRefused(refusal)
    below = subtree(current).exclude(pk=current.pk).order_by("order", "id")
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_ITEM_REMOVED,
        obj=current,
        extra_data={
            "changes": {
                name: [_plain(getattr(current, name)), None]
                for name in ("level", "code", "name", *ITEM_EDITABLE)
            },
            "removed_below": [str(row) for row in below],
            "renja_id": current.renja_id,
        },
    )
    current.delete()


@transaction.atomic
def add_indikator(
    item: RenjaItem,
    *,
    acting_user: Any,
    renstra_indikator: RenstraIndikator | None = None,
    **fields: Any,
) -> Indikator:
    """Add an indikator (name, satuan, jenis, polaritas, sifat, decimals, targets) to `item`,
    optionally linked to an indikator of the Renja's Renstra."""
    _unknown(fields, NEW_INDIKATOR, "add_indikator")
    locked = _editable_renja(item.renja_id, acting_user)
    if renstra_indikator is not None and renstra_indikator.renstra_id != locked.renstra_id:
        raise EditRefused("Indikator Renstra itu bukan milik Renstra Renja ini.")
    if not str(fields.get("name", "")).strip():
        raise EditRefused("Nama indikator wajib diisi.")
    targets = (fields.get("target"), fields.get("target_n1"))
    draft = Indikator(**{n: fields[n] for n in ("name", "jenis") if n in fields})
    _check_negative(draft, {"target": None, "target_n1": None, **fields})
    fields["decimals"] = _decimals_for(fields.get("decimals") or 0, *targets)
    indikator = Indikator.objects.create(
        item=item,
        renstra_indikator=renstra_indikator,
        scale=list(renstra_indikator.scale) if renstra_indikator else [],
        order=_next_order(Indikator.objects.filter(item=item)),
        **fields,
    )
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_ITEM_ADDED,
        obj=indikator,
        extra_data={
            "changes": {name: [None, _plain(getattr(indikator, name))] for name in fields},
            "item": str(item),
            "renstra_indikator": renstra_indikator.pk if renstra_indikator else None,
        },
    )
    return indikator


@transaction.atomic
def remove_indikator(
    indikator: Indikator, *, acting_user: Any, expected_revision: int | None
) -> None:
    """Remove an indikator of a Renja item, unless realisasi of it is stored."""
    _editable_renja(indikator.item.renja_id, acting_user)
    current = _locked(indikator, expected_revision)
    if has_realisasi(current):
        raise EditRefused(
            "Indikator ini tidak dapat dihapus: realisasi triwulannya sudah diisi. Hapus "
            "realisasinya terlebih dahulu, atau ubah indikatornya dengan alasan."
        )
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_ITEM_REMOVED,
        obj=current,
        extra_data={
            "changes": {
                name: [_plain(getattr(current, name)), None]
                for name in (*NEW_INDIKATOR, "renstra_indikator_id")
            },
            "item": str(current.item),
            "renja_id": current.item.renja_id,
            "indikator_id": current.pk,
        },
    )
    current.delete()


def _plain(value: Any) -> Any:
    """A value as JSON keeps it: Decimals as text with their digits."""
    return str(value) if isinstance(value, Decimal) else value
