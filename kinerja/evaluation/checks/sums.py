"""`pagu-sum`, `pagu-rounding` and `target-sum`: printed totals against their parts.

A total is compared with its direct parts as printed (a program with its kegiatan, a
kegiatan with its sub kegiatan, the grand total with the programs), so each wrong
figure is reported where it stands. A part with no printed amount stands in with the sum
of its own parts; a part printed with letters (`6I`) with its likely value.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kinerja.evaluation.checks.cells import (
    TABEL_41,
    TC33_COLUMNS,
    shifted,
    walk_items,
    where_at,
)
from kinerja.evaluation.checks.judge import is_blank, is_count, norm_satuan, reading, starts_with
from kinerja.evaluation.checks.report import (
    ERROR,
    INFO,
    WARNING,
    Where,
    angka,
    finding,
    level_label,
    place,
    printed_column,
    rupiah,
    year_label,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.source import Printed, SourceIndikator, SourceItem, SourceRenja
from kinerja.evaluation.types import Finding

PAGU_FIELDS = (("pagu", 0), ("pagu_n1", 1))
LISTED_PARTS = 6  # a pagu-sum message lists the parts when there are at most this many


def amount(item: SourceItem, field: str) -> Decimal | None:
    """The item's printed amount (or likely value), else the sum of its parts' amounts."""
    printed: Printed | None = getattr(item, field)
    value = reading(printed)
    if value is not None or not is_blank(printed):
        return value
    parts = [part for part in (amount(child, field) for child in item.children) if part is not None]
    return sum(parts, Decimal(0)) if parts else None


@dataclass(frozen=True, kw_only=True)
class _Total:
    """A printed total and its parts, for one year."""

    label: str  # "kegiatan 'Perencanaan …'" or "Jumlah seluruh program"
    part_label: str  # "sub kegiatan"
    printed: Printed | None
    parts: tuple[tuple[str, Decimal | None], ...]
    where: Where
    offset: int


def check_pagu_sum(doc: SourceRenja, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """Printed program, kegiatan and grand totals (n and n+1) against the sum of their parts.

    - `pagu-sum` (error): the total differs from the sum by more than the rounding limit;
      the message gives both figures, the difference in rupiah and the parts.
    - `pagu-rounding` (warning): it differs by at most (number of parts ×
      `thresholds.rounding_per_part`).
    - `missing-value` (warning): no total printed while its parts have amounts (not in a
      layout whose totals Kinerja computes, `doc.totals_computed`).
    A total printed with letters is left to `number-typo`; parts none of which has an
    amount are not compared.
    """
    findings: list[Finding] = []
    for field, offset in PAGU_FIELDS:
        for total in _totals(doc, field, offset):
            if not (doc.totals_computed and is_blank(total.printed)):
                findings += _judge(total, doc.year, thresholds)
    return findings


def _totals(doc: SourceRenja, field: str, offset: int) -> list[_Total]:
    totals = [
        _item_total(item, field, offset, doc.year)
        for item, _ in walk_items(doc.items)
        if item.children
    ]
    grand = doc.total_pagu if offset == 0 else doc.total_pagu_n1
    if grand is not None and doc.items:
        where = where_at(
            grand.location,
            table=TABEL_41,
            row="Jumlah",
            column=printed_column(grand, TC33_COLUMNS[field]),
            year=shifted(doc.year, offset),
        )
        parts = tuple((item.name, amount(item, field)) for item in doc.items)
        totals.append(
            _Total(
                label="jumlah seluruh program",
                part_label="program",
                printed=grand,
                parts=parts,
                where=where,
                offset=offset,
            )
        )
    return totals


def _item_total(item: SourceItem, field: str, offset: int, year: int | None) -> _Total:
    printed: Printed | None = getattr(item, field)
    where = where_at(
        printed.location if printed else item.location,
        table=TABEL_41,
        row=item.name,
        code=item.code,
        column=printed_column(printed, TC33_COLUMNS[field]),
        year=shifted(year, offset),
        fallback=item.location,
    )
    return _Total(
        label=f"{level_label(item.level)} '{item.name}'",
        part_label=level_label(item.children[0].level),
        printed=printed,
        parts=tuple((child.name, amount(child, field)) for child in item.children),
        where=where,
        offset=offset,
    )


def _judge(total: _Total, year: int | None, thresholds: Thresholds) -> list[Finding]:
    values = [value for _, value in total.parts if value is not None]
    if not values:
        return []
    parts_sum = sum(values, Decimal(0))
    when = year_label(None if year is None else year + total.offset, total.offset)
    if is_blank(total.printed):
        return [_missing(total, parts_sum, when)]
    printed = total.printed.value if total.printed is not None else None
    if printed is None or printed == parts_sum:
        return []
    difference = printed - parts_sum
    if abs(difference) <= len(values) * thresholds.rounding_per_part:
        return [_rounding(total, printed, parts_sum, difference, when, thresholds)]
    return [_mismatch(total, printed, parts_sum, difference, when)]


def _missing(total: _Total, parts_sum: Decimal, when: str) -> Finding:
    message = (
        f"Total pagu {total.label} {when} tidak tercetak, padahal {total.part_label} di bawahnya "
        f"berjumlah {rupiah(parts_sum)}. Isi totalnya dengan jumlah tersebut atau periksa "
        "baris yang hilang."
    )
    return finding("missing-value", WARNING, total.where, message, expected=parts_sum)


def _rounding(
    total: _Total,
    printed: Decimal,
    parts_sum: Decimal,
    difference: Decimal,
    when: str,
    thresholds: Thresholds,
) -> Finding:
    count = len([value for _, value in total.parts if value is not None])
    message = (
        f"Pagu {total.label} {when} tercetak {rupiah(printed)}, jumlah {total.part_label} di "
        f"bawahnya {rupiah(parts_sum)}: selisih {rupiah(abs(difference))}, sebatas pembulatan "
        f"{count} angka. Samakan total dengan jumlah rinciannya. [ambang {thresholds.id}]"
    )
    return finding(
        "pagu-rounding", WARNING, total.where, message, expected=parts_sum, actual=printed
    )


def _mismatch(
    total: _Total, printed: Decimal, parts_sum: Decimal, difference: Decimal, when: str
) -> Finding:
    side = "lebih besar" if difference > 0 else "lebih kecil"
    count = len([value for _, value in total.parts if value is not None])
    listed = ""
    if len(total.parts) <= LISTED_PARTS:
        listed = " Rinciannya: " + "; ".join(
            f"{name} {rupiah(value) if value is not None else 'kosong'}"
            for name, value in total.parts
        )
        listed += "."
    message = (
        f"Pagu {total.label} {when} tercetak {rupiah(printed)}{place_of(total)}, tetapi "
        f"jumlah {count} {total.part_label} di bawahnya {rupiah(parts_sum)}: total {side} "
        f"{rupiah(abs(difference))}.{listed} Periksa angka yang bergeser baris atau "
        "perbaiki totalnya."
    )
    return finding("pagu-sum", ERROR, total.where, message, expected=parts_sum, actual=printed)


def place_of(total: _Total) -> str:
    return place(total.printed.location) if total.printed is not None else ""


def check_target_sum(doc: SourceRenja, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """A parent's target n / n+1 against the sum of its children's, conservatively.

    Compared only when the parent has one indikator whose name starts with "Jumlah", every
    child has exactly one indikator with a target, all in the same count unit (Dokumen,
    Unit, Orang, …; never %, Indeks, Nilai, …). Severity: warning when the parent's
    target is above the sum (it counts more than its parts deliver), info when below
    (one object may be served by several sub kegiatan, so the parent may count it once).
    """
    findings: list[Finding] = []
    for item, _ in walk_items(doc.items):
        if item.children and len(item.indikator) == 1:
            for field, offset in (("target", 0), ("target_n1", 1)):
                found = _target_finding(item, field, offset, doc.year)
                if found is not None:
                    findings.append(found)
    return findings


def _unit(ind: SourceIndikator, field: str) -> str:
    return (ind.satuan_n1 or ind.satuan) if field == "target_n1" else ind.satuan


def _target_of(ind: SourceIndikator, field: str) -> tuple[Decimal | None, str, Printed | None]:
    printed: Printed | None = getattr(ind, field)
    unit = _unit(ind, field)
    percent = printed is not None and printed.parsed.percent
    counted = is_count(ind.name, unit, percent)
    return (printed.value if printed and counted else None), norm_satuan(unit), printed


def _target_finding(item: SourceItem, field: str, offset: int, year: int | None) -> Finding | None:
    parent = item.indikator[0]
    total, unit, printed = _target_of(parent, field)
    if total is None or printed is None or not starts_with(parent.name, ("jumlah",)):
        return None
    parts = _child_targets(item.children, field, unit)
    if parts is None or sum(parts, Decimal(0)) == total:
        return None
    parts_sum = sum(parts, Decimal(0))
    where = where_at(
        printed.location,
        table=TABEL_41,
        row=item.name,
        code=item.code,
        column=printed_column(printed, TC33_COLUMNS[field]),
        year=shifted(year, offset),
        fallback=item.location,
    )
    return _target_message(
        item, parent, total, parts, parts_sum, _unit(parent, field), where, offset
    )


def _child_targets(children: Sequence[SourceItem], field: str, unit: str) -> list[Decimal] | None:
    parts = []
    for child in children:
        if len(child.indikator) != 1:
            return None
        value, child_unit, _ = _target_of(child.indikator[0], field)
        if value is None or child_unit != unit:
            return None
        parts.append(value)
    return parts


def _target_message(
    item: SourceItem,
    parent: SourceIndikator,
    total: Decimal,
    parts: list[Decimal],
    parts_sum: Decimal,
    unit: str,
    where: Where,
    offset: int,
) -> Finding:
    severity = WARNING if total > parts_sum else INFO
    when = year_label(where.year, offset)
    figures = " + ".join(angka(value) for value in parts)
    hint = (
        "target induk melebihi yang dihasilkan rinciannya"
        if total > parts_sum
        else "bila induk menghitung hasil yang sama sekali saja, ini wajar; bila tidak, "
        "samakan targetnya"
    )
    message = (
        f"Target {level_label(item.level)} '{item.name}' ({parent.name}) {when} "
        f"{angka(total)} {unit}, sedangkan target {len(parts)} "
        f"{level_label(item.children[0].level)} di bawahnya {figures} = {angka(parts_sum)} {unit}: "
        f"{hint}."
    )
    return finding("target-sum", severity, where, message, expected=parts_sum, actual=total)
