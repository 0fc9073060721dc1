"""Writes to a Renstra: tujuan, sasaran, items and indikator, and their yearly figures.

Every action is atomic, refused unless `acting_user` writes the Renstra's OPD (its operator
or the pemda's admin), and records its audit row in the same transaction. The Renstra row
is locked first, so two writes to one Renstra (an indikator added while its sasaran is
removed, two first saves of one year) never interleave.

Updates name the revision their form loaded and are refused with `StaleEdit` when the row
moved on; a field typed as it is stored is not a change, so it neither writes nor clashes.
Yearly figures are one row per year: typing a value creates the row, clearing it deletes
it. Changing a target or pagu of a year whose Renja is disetujui needs a reason.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Max

from kinerja.accounts.access import opds_to_edit
from kinerja.accounts.models import User
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record, save_recorded
from kinerja.lib.revisions import STALE_MESSAGE, StaleEdit, changed, save_revised
from kinerja.nomenclature import models as nomenclature
from kinerja.renstra.models import (
    Indikator,
    Jenis,
    Level,
    Pagu,
    PlanItem,
    Polaritas,
    RealisasiTahunan,
    Renstra,
    RenstraItem,
    Sasaran,
    Sifat,
    Target,
    Tujuan,
)
from kinerja.renstra.queries import approved_years

MAX_DECIMALS = 6
GOAL_FIELDS = ("name", "order")
ITEM_FIELDS = ("code", "name", "order")
SEMANTICS = ("name", "satuan", "jenis", "polaritas", "sifat", "decimals", "scale", "order")
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


class ReasonRequired(EditRefused):
    """A target or pagu of a year whose Renja is disetujui changed without a reason."""

    def __init__(self, years: list[int]) -> None:
        names = ", ".join(str(year) for year in years)
        super().__init__(
            f"Alasan perubahan wajib diisi: Renja tahun {names} sudah disetujui, jadi "
            "perubahan target atau pagu tahun itu dicatat dengan alasannya."
        )
        self.years = years


class StaleFigures(StaleEdit):
    """Figures of `years` changed since the form was loaded; `current` is their owner."""

    def __init__(self, current: models.Model, years: list[int]) -> None:
        super().__init__(current)
        self.years = years
        self.args = (f"{STALE_MESSAGE} (tahun {', '.join(str(y) for y in years)})",)


@dataclass(frozen=True)
class YearInput:
    """What the form holds for one year: the typed fields (None when the year was cleared)
    and the revision of the year's row when the form was loaded (0: there was none)."""

    values: dict[str, Any] | None
    expected_revision: int = 0


# --- Who may write ---------------------------------------------------------------------


def edit_refusal(user: User | AnonymousUser | None, renstra: Renstra) -> str | None:
    """None when `user` may change `renstra`; otherwise why not (Bahasa Indonesia)."""
    if user is None or not opds_to_edit(user).filter(pk=renstra.perangkat_daerah_id).exists():
        return READ_ONLY
    return None


def _editable(renstra_id: int, acting_user: Any) -> Renstra:
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


def _plain(value: Any) -> Any:
    """A value as JSON keeps it: Decimals as text with their digits."""
    return str(value) if isinstance(value, Decimal) else value


def _next_order(rows: models.QuerySet[Any]) -> int:
    return (rows.aggregate(top=Max("order"))["top"] or 0) + 1


def _added(acting_user: Any, row: PlanRow, fields: dict[str, Any], **extra: Any) -> None:
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_ITEM_ADDED,
        obj=row,
        extra_data={"changes": {k: [None, _plain(v)] for k, v in fields.items()}, **extra},
    )


def _required_name(fields: dict[str, Any], what: str) -> None:
    if "name" in fields and not str(fields["name"]).strip():
        raise EditRefused(f"Nama {what} wajib diisi.")


@transaction.atomic
def add_tujuan(
    renstra: Renstra, *, acting_user: Any, name: str, order: int | None = None
) -> Tujuan:
    """Add a tujuan to `renstra`, after the others unless `order` is given."""
    locked = _editable(renstra.pk, acting_user)
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
    _editable(tujuan.renstra_id, acting_user)
    _locked(tujuan, None)
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
    locked = _editable(renstra.pk, acting_user)
    if parent is not None:
        parent = _locked(parent, None)
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


@transaction.atomic
def add_indikator(owner: Owner, *, acting_user: Any, **fields: Any) -> Indikator:
    """Add an indikator (name, satuan, jenis, polaritas, sifat, decimals, scale, order,
    kondisi awal/akhir) to a tujuan, a sasaran or a Renstra item."""
    unknown = sorted(set(fields) - set(SEMANTICS) - set(KONDISI))
    if unknown:
        raise TypeError(f"add_indikator() got unknown fields: {', '.join(unknown)}")
    renstra = _editable(renstra_of(owner), acting_user)
    _locked(owner, None)
    _check_semantics(fields)
    kind = OWNER_FIELD[type(owner)]
    if fields.get("order") is None:
        fields["order"] = _next_order(Indikator.objects.filter(**{kind: owner}))
    indikator = Indikator.objects.create(renstra=renstra, **{kind: owner}, **fields)
    _added(acting_user, indikator, fields, owner=str(owner))
    return indikator


def _locked(row: PlanRow, expected_revision: int | None) -> Any:
    """`row` as stored now, locked; StaleEdit when it moved past `expected_revision`,
    EditRefused when it was removed meanwhile."""
    current = type(row)._default_manager.select_for_update().filter(pk=row.pk).first()
    if current is None:
        raise EditRefused(GONE)
    _stale_if_moved(current, expected_revision, {"row": True})
    return current


def _stale_if_moved(current: Any, expected_revision: int | None, changes: dict[str, Any]) -> None:
    """StaleEdit when something changes and `current` moved past `expected_revision`."""
    if changes and expected_revision is not None and current.revision != expected_revision:
        raise StaleEdit(current)


def _differences(stored: Any, fields: dict[str, Any]) -> dict[str, Any]:
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
    renstra = _editable(renstra_of(row), acting_user)
    current = _locked(row, None)
    changes = _differences(current, fields)
    _stale_if_moved(current, expected_revision, changes)
    if isinstance(current, Indikator):
        _check_semantics(changes)
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
        return {"pagu": {str(p.year): _plain(p.amount) for p in row.pagu.all()}}
    if isinstance(row, Indikator):
        return {
            "targets": {str(t.year): _plain(t.value) for t in row.targets.all()},
            "realisasi": {str(r.year): [_plain(r.value), r.note] for r in row.realisasi.all()},
        }
    return {}


@transaction.atomic
def remove_row(row: PlanRow, *, acting_user: Any, expected_revision: int | None) -> None:
    """Remove a tujuan, sasaran or item with nothing below it and no indikator, or an
    indikator (with its yearly figures) that no Renja indikator refers to."""
    _editable(renstra_of(row), acting_user)
    current = _locked(row, expected_revision)
    refusal = _removal_refusal(current)
    if refusal:
        raise EditRefused(refusal)
    fields = [f for f in _allowed(current) if f != "order"]
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_ITEM_REMOVED,
        obj=current,
        extra_data={
            "changes": {name: [_plain(getattr(current, name)), None] for name in fields},
            **_removed_figures(current),
        },
    )
    current.delete()


# --- Yearly figures: targets, realisasi, pagu ------------------------------------------

# The fields of each kind of yearly row that a form writes.
FIGURE_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Target: ("value",),
    RealisasiTahunan: ("value", "note"),
    Pagu: ("amount",),
}


@dataclass
class _YearPlan:
    """The writes one save of yearly figures makes, worked out before any is made."""

    model: type[models.Model]
    owner: dict[str, Any]
    rows: dict[int, Any]
    writes: dict[int, dict[str, Any] | None]


def _differs(row: Any, values: dict[str, Any] | None) -> bool:
    if row is None or values is None:
        return (row is None) != (values is None)
    return any(getattr(row, name) != value for name, value in values.items())


def _plan_years(
    model: type[models.Model], owner: dict[str, Any], typed: dict[int, YearInput]
) -> _YearPlan:
    """Compare what was typed with the locked stored rows; StaleFigures when a year that
    changes moved on since the form was loaded (a row created, changed or deleted)."""
    stored = model._default_manager.select_for_update().filter(**owner)
    plan = _YearPlan(model, owner, {row.year: row for row in stored}, {})  # type: ignore[attr-defined]
    stale = []
    for year, entry in sorted(typed.items()):
        row = plan.rows.get(year)
        if not _differs(row, entry.values):
            continue
        if (row.revision if row else 0) != entry.expected_revision:
            stale.append(year)
        plan.writes[year] = entry.values
    if stale:
        raise StaleFigures(next(iter(owner.values())), stale)
    return plan


def _figure(model: type[models.Model], source: Any) -> Any:
    """A year's figure as the audit row keeps it: the value, or value and note."""
    if source is None:
        return None
    get = source.get if isinstance(source, dict) else lambda name: getattr(source, name)
    plain = {name: _plain(get(name)) for name in FIGURE_FIELDS[model]}
    return plain if len(plain) > 1 else next(iter(plain.values()))


def _apply_years(plan: _YearPlan, label: str) -> dict[str, list[Any]]:
    """Create, update or delete each year's row as planned; the audit changes."""
    changes: dict[str, list[Any]] = {}
    for year, values in plan.writes.items():
        row = plan.rows.get(year)
        changes[f"{label} {year}"] = [_figure(plan.model, row), _figure(plan.model, values)]
        if row is None:
            _create_year(plan, year, values or {})
        elif values is None:
            row.delete()
        else:
            save_revised(row, expected_revision=row.revision, changes=values)
    return changes


def _create_year(plan: _YearPlan, year: int, values: dict[str, Any]) -> None:
    manager = plan.model._default_manager
    try:
        # A savepoint: a concurrent first save of the same year becomes a stale edit.
        with transaction.atomic():
            manager.create(year=year, **plan.owner, **values)
    except IntegrityError as error:
        raise StaleFigures(next(iter(plan.owner.values())), [year]) from error


def _check_years(renstra: Renstra, typed: dict[int, YearInput]) -> None:
    outside = sorted(set(typed) - set(renstra.years))
    if outside:
        raise EditRefused(
            f"Tahun {outside[0]} di luar periode Renstra {renstra.first_year}–{renstra.last_year}."
        )


def _decimals_for(current: int, values: list[Decimal | None]) -> int:
    """The indikator's printed decimals, raised so a typed 10,35 does not print as 10,4."""
    exponents = [int(v.normalize().as_tuple().exponent) for v in values if v is not None]
    needed = max([0, *(-e for e in exponents)])
    if needed > MAX_DECIMALS:
        raise EditRefused(f"Nilai indikator paling banyak {MAX_DECIMALS} angka di belakang koma.")
    return max(current, needed)


def _typed_values(plan: _YearPlan, *more: Decimal | None) -> list[Decimal | None]:
    return [values.get("value") for values in plan.writes.values() if values] + list(more)


def _needs_reason(renstra: Renstra, plan: _YearPlan, reason: str) -> None:
    locked = sorted(set(plan.writes) & set(approved_years(renstra)))
    if locked and not reason.strip():
        raise ReasonRequired(locked)


def _record_years(
    owner: Indikator | RenstraItem,
    acting_user: Any,
    changes: dict[str, list[Any]],
    own: dict[str, Any],
    reason: str = "",
) -> Any:
    """Write `own` changes of the owner and one PLAN_EDITED audit row for everything."""
    if own:
        owner, before = save_revised(owner, expected_revision=owner.revision, changes=own)
        changes = changes | changed(before, owner)
    if changes:
        record(
            acting_user=acting_user,
            event_type=AuditEvent.Type.PLAN_EDITED,
            obj=owner,
            extra_data={"changes": changes},
            reason=reason.strip(),
        )
    return owner


@transaction.atomic
def save_targets(
    indikator: Indikator,
    *,
    acting_user: Any,
    targets: dict[int, YearInput],
    kondisi: dict[str, Decimal | None] | None = None,
    expected_revision: int | None = None,
    reason: str = "",
) -> Indikator:
    """Save the yearly targets (`{"value": Decimal}` per year, None to clear) and kondisi
    awal/akhir of `indikator`; `expected_revision` is the indikator's, for kondisi."""
    renstra = _editable(indikator.renstra_id, acting_user)
    _check_years(renstra, targets)
    current = _locked(indikator, None)
    own = _differences(current, kondisi or {})
    _stale_if_moved(current, expected_revision, own)
    plan = _plan_years(Target, {"indikator": current}, targets)
    _needs_reason(renstra, plan, reason)
    decimals = _decimals_for(current.decimals, _typed_values(plan, *own.values()))
    if decimals != current.decimals:
        own["decimals"] = decimals
    changes = _apply_years(plan, "target")
    return _record_years(current, acting_user, changes, own, reason)


@transaction.atomic
def save_realisasi(
    indikator: Indikator, *, acting_user: Any, realisasi: dict[int, YearInput]
) -> Indikator:
    """Save the yearly realisasi of `indikator`: `{"value": Decimal | None, "note": str}`
    per year (a number, a note where the source printed something else, or both)."""
    renstra = _editable(indikator.renstra_id, acting_user)
    _check_years(renstra, realisasi)
    current = _locked(indikator, None)
    plan = _plan_years(RealisasiTahunan, {"indikator": current}, realisasi)
    own = {}
    decimals = _decimals_for(current.decimals, _typed_values(plan))
    if decimals != current.decimals:
        own["decimals"] = decimals
    changes = _apply_years(plan, "realisasi")
    return _record_years(current, acting_user, changes, own)


@transaction.atomic
def save_pagu(
    item: RenstraItem, *, acting_user: Any, pagu: dict[int, YearInput], reason: str = ""
) -> RenstraItem:
    """Save the yearly pagu (`{"amount": Decimal}` per year, None to clear) of a leaf item."""
    renstra = _editable(item.renstra_id, acting_user)
    _check_years(renstra, pagu)
    current = _locked(item, None)
    if current.children.exists():
        raise EditRefused(PAGU_ON_LEAVES)
    if any(entry.values and entry.values["amount"] < 0 for entry in pagu.values()):
        raise EditRefused("Pagu tidak boleh negatif.")
    plan = _plan_years(Pagu, {"item": current}, pagu)
    _needs_reason(renstra, plan, reason)
    changes = _apply_years(plan, "pagu")
    return _record_years(current, acting_user, changes, {}, reason)
