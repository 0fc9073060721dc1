"""Writes to a Renstra's yearly figures: the targets and kondisi awal/akhir and the
realisasi tahunan of an indikator, and the pagu of a leaf item; the plan rows they belong
to are written by `kinerja.renstra.actions`, whose access rule and row locking they share.

Yearly figures are one row per year: typing a value creates the row, clearing it deletes
it. A year whose row moved on since the form was loaded is refused with `StaleFigures`.
Changing a target or pagu of a year whose Renja is disetujui needs a reason.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction

from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.lib.revisions import STALE_MESSAGE, StaleEdit, changed, save_revised
from kinerja.renstra.actions import (
    KONDISI,
    KONDISI_LABELS,
    MAX_DECIMALS,
    PAGU_ON_LEAVES,
    EditRefused,
    differences,
    editable_renstra,
    locked_row,
    plain,
    refuse_negative,
    stale_if_moved,
)
from kinerja.renstra.models import Indikator, Pagu, RealisasiTahunan, Renstra, RenstraItem, Target
from kinerja.renstra.queries import approved_years


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
    figure = {name: plain(get(name)) for name in FIGURE_FIELDS[model]}
    return figure if len(figure) > 1 else next(iter(figure.values()))


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


def _refuse_negative_years(indikator: Indikator, plan: _YearPlan, what: str) -> None:
    """A year's value below 0 only for an indikator that allows it (ADR 0012)."""
    typed = [(f"{what} {year}", v.get("value")) for year, v in plan.writes.items() if v]
    refuse_negative(indikator, typed)


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
    renstra = editable_renstra(indikator.renstra_id, acting_user)
    _check_years(renstra, targets)
    current = locked_row(indikator, None)
    own = differences(current, kondisi or {})
    stale_if_moved(current, expected_revision, own)
    plan = _plan_years(Target, {"indikator": current}, targets)
    _refuse_negative_years(current, plan, "Target")
    refuse_negative(current, [(KONDISI_LABELS[n], v) for n, v in own.items() if n in KONDISI])
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
    renstra = editable_renstra(indikator.renstra_id, acting_user)
    _check_years(renstra, realisasi)
    current = locked_row(indikator, None)
    plan = _plan_years(RealisasiTahunan, {"indikator": current}, realisasi)
    _refuse_negative_years(current, plan, "Realisasi")
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
    renstra = editable_renstra(item.renstra_id, acting_user)
    _check_years(renstra, pagu)
    current = locked_row(item, None)
    if current.children.exists():
        raise EditRefused(PAGU_ON_LEAVES)
    amounts = [entry.values["amount"] for entry in pagu.values() if entry.values]
    if any(amount < 0 for amount in amounts):
        raise EditRefused("Pagu tidak boleh negatif.")
    if any(-int(a.normalize().as_tuple().exponent) > 2 for a in amounts):
        raise EditRefused("Pagu paling banyak 2 angka di belakang koma (sen).")
    plan = _plan_years(Pagu, {"item": current}, pagu)
    _needs_reason(renstra, plan, reason)
    changes = _apply_years(plan, "pagu")
    return _record_years(current, acting_user, changes, {}, reason)
