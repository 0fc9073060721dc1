"""Writes to a Renstra's plan rows: tujuan, sasaran, items and indikator (added, changed,
removed), and who may write a Renstra at all; their yearly figures are written by
`kinerja.renstra.figures`.

Every action is atomic, refused unless `acting_user` writes the Renstra's OPD (its operator
or the pemda's admin), and records its audit row in the same transaction. The Renstra row
is locked first, so two writes to one Renstra (an indikator added while its sasaran is
removed, two first saves of one year) never interleave.

Updates name the revision their form loaded and are refused with `StaleEdit` when the row
moved on; a field typed as it is stored is not a change, so it neither writes nor clashes.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Max

from kinerja.accounts.access import opds_to_edit
from kinerja.accounts.models import User
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record, save_recorded
from kinerja.lib.revisions import StaleEdit
from kinerja.nomenclature import models as nomenclature
from kinerja.renstra.models import (
    SEMANTIC_FIELDS,
    Indikator,
    Jenis,
    Level,
    PlanItem,
    Polaritas,
    Renstra,
    RenstraItem,
    Sasaran,
    Sifat,
    Tujuan,
)

MAX_DECIMALS = 6
GOAL_FIELDS = ("name", "order")
ITEM_FIELDS = ("code", "name", "order")
SEMANTICS = (
    *SEMANTIC_FIELDS,
    "order",
)
KONDISI = ("kondisi_awal", "kondisi_akhir")
LEVEL_BELOW: dict[str | None, str] = {
    None: Level.PROGRAM,
    Level.PROGRAM: Level.KEGIATAN,
    Level.KEGIATAN: Level.SUB_KEGIATAN,
}
ENTRY_MODELS: dict[str, type[nomenclature.Entry]] = {
    Level.PROGRAM: nomenclature.Program,
    Level.KEGIATAN: nomenclature.Kegiatan,
    Level.SUB_KEGIATAN: nomenclature.SubKegiatan,
}
READ_ONLY = (
    "Anda hanya dapat membaca Renstra ini; mengubahnya memerlukan peran operator perangkat "
    "daerah ini atau admin pemda."
)
PAGU_ON_LEAVES = (
    "Pagu hanya diisi pada baris terbawah (tanpa baris di bawahnya); pagu program dan "
    "kegiatan di atasnya dihitung dari baris di bawahnya."
)

GONE = "Baris ini sudah dihapus oleh pengguna lain; muat ulang halaman."

PlanRow = Tujuan | Sasaran | RenstraItem | Indikator
Owner = Tujuan | Sasaran | RenstraItem
OWNER_FIELD: dict[type[models.Model], str] = {
    Tujuan: "tujuan",
    Sasaran: "sasaran",
    RenstraItem: "item",
}


class EditRefused(Exception):
    """A change the Renstra's rules do not allow; the message says why. Nothing was written."""


# --- Who may write ---------------------------------------------------------------------


def edit_refusal(user: User | AnonymousUser | None, renstra: Renstra) -> str | None:
    """None when `user` may change `renstra`; otherwise why not (Bahasa Indonesia)."""
    if user is None or not opds_to_edit(user).filter(pk=renstra.perangkat_daerah_id).exists():
        return READ_ONLY
    return None


def editable_renstra(renstra_id: int, acting_user: Any) -> Renstra:
    """The Renstra, locked for the transaction, once `acting_user` may change it."""
    renstra = Renstra.objects.select_for_update().get(pk=renstra_id)
    refusal = edit_refusal(acting_user, renstra)
    if refusal:
        raise PermissionDenied(refusal)
    return renstra


def renstra_of(row: PlanRow) -> int:
    """The id of the Renstra `row` belongs to."""
    if isinstance(row, Sasaran):
        return row.tujuan.renstra_id
    return row.renstra_id


# --- Rows: tujuan, sasaran, items, indikator -------------------------------------------


def plain(value: Any) -> Any:
    """A value as JSON keeps it: Decimals as text with their digits."""
    return str(value) if isinstance(value, Decimal) else value


def _next_order(rows: models.QuerySet[Any]) -> int:
    return (rows.aggregate(top=Max("order"))["top"] or 0) + 1


def _added(acting_user: Any, row: PlanRow, fields: dict[str, Any], **extra: Any) -> None:
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_ITEM_ADDED,
        obj=row,
        extra_data={"changes": {k: [None, plain(v)] for k, v in fields.items()}, **extra},
    )


def _required_name(fields: dict[str, Any], what: str) -> None:
    if "name" in fields and not str(fields["name"]).strip():
        raise EditRefused(f"Nama {what} wajib diisi.")


@transaction.atomic
def add_tujuan(
    renstra: Renstra, *, acting_user: Any, name: str, order: int | None = None
) -> Tujuan:
    """Add a tujuan to `renstra`, after the others unless `order` is given."""
    locked = editable_renstra(renstra.pk, acting_user)
    _required_name({"name": name}, "tujuan")
    order = order if order is not None else _next_order(locked.tujuan.all())
    tujuan = Tujuan.objects.create(renstra=locked, name=name.strip(), order=order)
    _added(acting_user, tujuan, {"name": tujuan.name, "order": order})
    return tujuan


@transaction.atomic
def add_sasaran(
    tujuan: Tujuan, *, acting_user: Any, name: str, order: int | None = None
) -> Sasaran:
    """Add a sasaran under `tujuan`, after its others unless `order` is given."""
    editable_renstra(tujuan.renstra_id, acting_user)
    locked_row(tujuan, None)
    _required_name({"name": name}, "sasaran")
    order = order if order is not None else _next_order(tujuan.sasaran.all())
    sasaran = Sasaran.objects.create(tujuan=tujuan, name=name.strip(), order=order)
    _added(acting_user, sasaran, {"name": sasaran.name, "order": order}, tujuan=str(tujuan))
    return sasaran


def _entry(renstra: Renstra, level: str, code: str) -> dict[str, Any]:
    """The nomenclature link of an item of `level` and `code` in the Renstra's edition."""
    found = None
    if code and renstra.edition_id:
        entries = ENTRY_MODELS[level]._default_manager
        found = entries.filter(edition_id=renstra.edition_id, code=code).first()
    return {f"nomenclature_{level}": found}


def _check_code(renstra: Renstra, parent: PlanItem | None, code: str, pk: int | None) -> None:
    """A code is unique in the Renstra and sits under its parent's code (when both known)."""
    if not code:
        return
    if parent is not None and parent.code and not code.startswith(parent.code + "."):
        raise EditRefused(f"Kode {code} tidak berada di bawah kode induknya {parent.code}.")
    same = RenstraItem.objects.filter(renstra=renstra, code=code)
    if (same.exclude(pk=pk) if pk else same).exists():
        raise EditRefused(f"Kode {code} sudah dipakai baris lain pada Renstra ini.")


def _check_new_code(renstra: Renstra, item: RenstraItem, code: str) -> None:
    """A changed code keeps the rule of `_check_code` with the parent and the children."""
    _check_code(renstra, item.parent, code, item.pk)
    below = item.children.filter(code__gt="")
    if code and below.exclude(code__startswith=code + ".").exists():
        raise EditRefused(f"Kode baris di bawahnya tidak berada di bawah kode {code}.")


def _check_parent(renstra: Renstra, parent: RenstraItem | None) -> str:
    """The level of a new item under `parent`; EditRefused when nothing may go there."""
    if parent is not None and parent.renstra_id != renstra.pk:
        raise EditRefused("Induk baris tidak berada pada Renstra ini.")
    level = LEVEL_BELOW.get(parent.level if parent else None)
    if level is None:
        raise EditRefused("Di bawah sub kegiatan tidak dapat ditambahkan baris lagi.")
    if parent is not None and parent.pagu.exists():
        raise EditRefused(
            f"{parent} sudah memiliki pagu; kosongkan pagunya terlebih dahulu. {PAGU_ON_LEAVES}"
        )
    return level


@transaction.atomic
def add_item(
    renstra: Renstra,
    *,
    acting_user: Any,
    parent: RenstraItem | None,
    code: str,
    name: str,
    order: int | None = None,
) -> RenstraItem:
    """Add a program (no `parent`), a kegiatan under a program or a sub kegiatan under a
    kegiatan, linked to the edition's nomenclature entry of its code when there is one."""
    locked = editable_renstra(renstra.pk, acting_user)
    if parent is not None:
        parent = locked_row(parent, None)
    level = _check_parent(locked, parent)
    code, name = code.strip(), name.strip()
    _required_name({"name": name}, Level(level).label.lower())
    _check_code(locked, parent, code, None)
    siblings = RenstraItem.objects.filter(renstra=locked, parent=parent)
    item = RenstraItem.objects.create(
        renstra=locked,
        parent=parent,
        level=level,
        code=code,
        name=name,
        order=order if order is not None else _next_order(siblings),
        **_entry(locked, level, code),
    )
    fields = {"level": level, "code": code, "name": name, "order": item.order}
    _added(acting_user, item, fields, parent=str(parent) if parent else None)
    return item


def _check_semantics(fields: dict[str, Any]) -> None:
    _required_name(fields, "indikator")
    for name, choices in (("jenis", Jenis), ("polaritas", Polaritas), ("sifat", Sifat)):
        if name in fields and fields[name] not in choices.values:
            raise EditRefused(f"Pilihan {name} '{fields[name]}' tidak dikenal.")
    if not 0 <= fields.get("decimals", 0) <= MAX_DECIMALS:
        raise EditRefused(f"Desimal harus 0 sampai {MAX_DECIMALS}.")


KONDISI_LABELS = {"kondisi_awal": "Kondisi awal", "kondisi_akhir": "Kondisi akhir"}


def refuse_negative(indikator: Indikator, values: Sequence[tuple[str, Decimal | None]]) -> None:
    """EditRefused naming the first `(what, value)` below 0 that `indikator` does not allow."""
    for what, value in values:
        refusal = indikator.negative_refusal(value, what)
        if refusal:
            raise EditRefused(refusal)


def _check_negative(current: Indikator, changes: dict[str, Any]) -> None:
    """Kondisi below 0 and `allows_negative` as changed: refused unless the indikator (as
    it will be) allows negatives; turning the flag off needs no negative figure stored."""
    draft = Indikator(**{n: getattr(current, n) for n in ("name", "jenis", "allows_negative")})
    for name in ("name", "jenis", "allows_negative"):
        if name in changes:
            setattr(draft, name, changes[name])
    if draft.allows_negative and draft.jenis == Jenis.KUALITATIF:
        raise EditRefused(
            f"Indikator kualitatif «{draft.name}» tidak dapat bernilai negatif: nilainya adalah "
            "salah satu nilai skala."
        )
    kondisi = {name: changes.get(name, getattr(current, name, None)) for name in KONDISI}
    refuse_negative(draft, [(KONDISI_LABELS[n], value) for n, value in kondisi.items()])
    if current.pk and not draft.allows_negative:
        figures: list[tuple[str, Decimal | None]] = [
            ("Target", t.value) for t in current.targets.filter(value__lt=0)
        ]
        figures += [("Realisasi", r.value) for r in current.realisasi.filter(value__lt=0)]
        refuse_negative(draft, figures)


@transaction.atomic
def add_indikator(owner: Owner, *, acting_user: Any, **fields: Any) -> Indikator:
    """Add an indikator (name, satuan, jenis, polaritas, sifat, decimals, scale, order,
    kondisi awal/akhir) to a tujuan, a sasaran or a Renstra item."""
    unknown = sorted(set(fields) - set(SEMANTICS) - set(KONDISI))
    if unknown:
        raise TypeError(f"add_indikator() got unknown fields: {', '.join(unknown)}")
    renstra = editable_renstra(renstra_of(owner), acting_user)
    locked_row(owner, None)
    _check_semantics(fields)
    _check_negative(Indikator(), fields)
    kind = OWNER_FIELD[type(owner)]
    if fields.get("order") is None:
        fields["order"] = _next_order(Indikator.objects.filter(**{kind: owner}))
    indikator = Indikator.objects.create(renstra=renstra, **{kind: owner}, **fields)
    _added(acting_user, indikator, fields, owner=str(owner))
    return indikator


def locked_row(row: PlanRow, expected_revision: int | None) -> Any:
    """`row` as stored now, locked; StaleEdit when it moved past `expected_revision`,
    EditRefused when it was removed meanwhile."""
    current = type(row)._default_manager.select_for_update().filter(pk=row.pk).first()
    if current is None:
        raise EditRefused(GONE)
    stale_if_moved(current, expected_revision, {"row": True})
    return current


def stale_if_moved(current: Any, expected_revision: int | None, changes: dict[str, Any]) -> None:
    """StaleEdit when something changes and `current` moved past `expected_revision`."""
    if changes and expected_revision is not None and current.revision != expected_revision:
        raise StaleEdit(current)


def differences(stored: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """The `fields` whose value is not the one `stored` holds: the changes to write."""
    return {name: value for name, value in fields.items() if getattr(stored, name) != value}


def _allowed(row: PlanRow) -> tuple[str, ...]:
    if isinstance(row, Indikator):
        return (*SEMANTICS, *KONDISI)
    return ITEM_FIELDS if isinstance(row, RenstraItem) else GOAL_FIELDS


@transaction.atomic
def update_row(
    row: PlanRow, *, acting_user: Any, expected_revision: int | None, **fields: Any
) -> Any:
    """Change a tujuan or sasaran (name, order), an item (code, name, order) or an indikator
    (its semantics and kondisi awal/akhir). A field typed as stored is no change; when
    something changed and the row moved past `expected_revision`, StaleEdit."""
    unknown = sorted(set(fields) - set(_allowed(row)))
    if unknown:
        raise TypeError(f"update_row() got unknown fields: {', '.join(unknown)}")
    renstra = editable_renstra(renstra_of(row), acting_user)
    current = locked_row(row, None)
    changes = differences(current, fields)
    stale_if_moved(current, expected_revision, changes)
    if isinstance(current, Indikator):
        _check_semantics(changes)
        _check_negative(current, changes)
    else:
        _required_name(changes, type(current)._meta.verbose_name)
    if isinstance(current, RenstraItem) and "code" in changes:
        _check_new_code(renstra, current, changes["code"])
        changes.update(_entry(renstra, current.level, changes["code"]))
    return save_recorded(current, acting_user=acting_user, changes=changes)


def _removal_refusal(row: PlanRow) -> str | None:
    if isinstance(row, Tujuan) and (row.sasaran.exists() or row.indikator.exists()):
        return "Tujuan ini masih memiliki sasaran atau indikator; hapus keduanya terlebih dahulu."
    if isinstance(row, Sasaran) and row.indikator.exists():
        return "Sasaran ini masih memiliki indikator; hapus indikatornya terlebih dahulu."
    if isinstance(row, RenstraItem) and (row.children.exists() or row.indikator.exists()):
        return (
            f"{row.get_level_display()} ini masih memiliki baris di bawahnya atau indikator; "
            "hapus keduanya terlebih dahulu."
        )
    if isinstance(row, Indikator) and row.renja_indikator.exists():
        count = row.renja_indikator.count()
        return (
            f"Indikator ini dirujuk oleh {count} indikator Renja; lepaskan rujukannya pada "
            "Renja terlebih dahulu."
        )
    return None


def _removed_figures(row: PlanRow) -> dict[str, Any]:
    """The yearly figures that go with `row`, for its audit row."""
    if isinstance(row, RenstraItem):
        return {"pagu": {str(p.year): plain(p.amount) for p in row.pagu.all()}}
    if isinstance(row, Indikator):
        return {
            "targets": {str(t.year): plain(t.value) for t in row.targets.all()},
            "realisasi": {str(r.year): [plain(r.value), r.note] for r in row.realisasi.all()},
        }
    return {}


@transaction.atomic
def remove_row(row: PlanRow, *, acting_user: Any, expected_revision: int | None) -> None:
    """Remove a tujuan, sasaran or item with nothing below it and no indikator, or an
    indikator (with its yearly figures) that no Renja indikator refers to."""
    editable_renstra(renstra_of(row), acting_user)
    current = locked_row(row, expected_revision)
    refusal = _removal_refusal(current)
    if refusal:
        raise EditRefused(refusal)
    fields = [f for f in _allowed(current) if f != "order"]
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_ITEM_REMOVED,
        obj=current,
        extra_data={
            "changes": {name: [plain(getattr(current, name)), None] for name in fields},
            **_removed_figures(current),
        },
    )
    current.delete()
