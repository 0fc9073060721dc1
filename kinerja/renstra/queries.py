"""Reads of a Renstra: tujuan → sasaran and the program/kegiatan tree, each with indikator.

`renstra_plan(renstra)` costs six queries whatever the size of the Renstra: tujuan,
sasaran, items, indikator, their targets and their realisasi. The rows are put in
print order here, and notes of realisasi (a source that printed something other than
a number) are numbered as footnotes in that order. `with_pagu=True` adds the yearly pagu
of every item, summed over its subtree in the database (ADR 0003), and the period's
totals: one query more (the items carry theirs as annotations).

`approved_years(renstra)` names the years whose Renja is disetujui: changing a target or a
pagu of such a year needs a reason.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from kinerja.lib.trees import link, walk
from kinerja.renstra.models import (
    MONEY,
    Indikator,
    Pagu,
    RealisasiTahunan,
    Renstra,
    RenstraItem,
    Sasaran,
    Target,
)

# `renja.models.Renja.Status.DISETUJUI`, named here because renstra must not import renja.
RENJA_DISETUJUI = "disetujui"


@dataclass(frozen=True)
class Figure:
    """A target or realisasi of one year; `footnote` numbers its note on the page."""

    year: int
    value: Decimal | None = None
    note: str = ""
    footnote: int | None = None


@dataclass(frozen=True)
class IndikatorFigures:
    """An indikator with one target and one realisasi per Renstra year (empty when absent)."""

    indikator: Indikator
    targets: list[Figure]
    realisasi: list[Figure]


@dataclass(frozen=True)
class PaguFigures:
    """Pagu of each Renstra year (empty when none) and of the whole period."""

    amounts: list[Decimal | None]
    total: Decimal | None


@dataclass
class PlanNode:
    """A tujuan, sasaran or Renstra item as a table row, with its indikator and children.

    `key` names the owner of indikator (`("tujuan", id)`, `("sasaran", id)`, `("item", id)`);
    `kind` is `tujuan`, `sasaran` or the item's level.
    """

    key: tuple[str, int]
    kind: str
    code: str
    name: str
    depth: int = 0
    indikator: list[IndikatorFigures] = field(default_factory=list)
    children: list["PlanNode"] = field(default_factory=list)
    pagu: PaguFigures | None = None

    @property
    def span(self) -> int:
        """Table rows the node takes: a target and a realisasi row per indikator."""
        return max(1, 2 * len(self.indikator))

    @property
    def rowspan(self) -> int:
        """Table rows with the pagu row of an item, when the plan was read with pagu."""
        return self.span + (1 if self.pagu is not None else 0)

    @property
    def is_item(self) -> bool:
        return self.key[0] == "item"

    @property
    def is_leaf(self) -> bool:
        """True for a row without children: a Renstra item's pagu sits on such rows."""
        return not self.children

    @property
    def dom_id(self) -> str:
        """The HTML id of the node's rows (`baris-sasaran-12`)."""
        return f"baris-{self.key[0]}-{self.key[1]}"

    @property
    def slot(self) -> str:
        """The HTML id of the row where the node's editor opens."""
        return f"ubah-{self.key[0]}-{self.key[1]}"


@dataclass(frozen=True)
class RenstraPlan:
    """What the Renstra page prints: both trees and the footnotes of their realisasi."""

    years: list[int]
    goals: list[PlanNode]
    items: list[PlanNode]
    goal_notes: list[tuple[int, str]]
    item_notes: list[tuple[int, str]]
    pagu: PaguFigures | None = None

    def goal_rows(self) -> Iterator[PlanNode]:
        return walk(self.goals)

    def item_rows(self) -> Iterator[PlanNode]:
        return walk(self.items)


class _Footnotes:
    """Numbers notes in the order they are printed."""

    def __init__(self) -> None:
        self.notes: list[tuple[int, str]] = []

    def number(self, note: str) -> int | None:
        if not note:
            return None
        self.notes.append((len(self.notes) + 1, note))
        return len(self.notes)


Owners = dict[tuple[str, int], list[Indikator]]


def _indikator(renstra: Renstra) -> Owners:
    """Every indikator of the Renstra with its figures, by owner: ("tujuan", id), …"""
    rows = Indikator.objects.filter(renstra=renstra).order_by("order", "id")
    rows = rows.prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("year")),
        Prefetch("realisasi", queryset=RealisasiTahunan.objects.order_by("year")),
    )
    owners: Owners = defaultdict(list)
    for indikator in rows:
        owners[_owner(indikator)].append(indikator)
    return owners


def _owner(indikator: Indikator) -> tuple[str, int]:
    if indikator.tujuan_id:
        return ("tujuan", indikator.tujuan_id)
    if indikator.sasaran_id:
        return ("sasaran", indikator.sasaran_id)
    return ("item", indikator.item_id or 0)


def _realisasi(row: RealisasiTahunan | None, year: int, notes: _Footnotes) -> Figure:
    if row is None:
        return Figure(year)
    return Figure(year, row.value, row.note, notes.number(row.note))


def _figures(indikator: Indikator, years: list[int], notes: _Footnotes) -> IndikatorFigures:
    targets = {target.year: target.value for target in indikator.targets.all()}
    realisasi = {row.year: row for row in indikator.realisasi.all()}
    return IndikatorFigures(
        indikator,
        targets=[Figure(year, targets.get(year)) for year in years],
        realisasi=[_realisasi(realisasi.get(year), year, notes) for year in years],
    )


def _attach(roots: list[PlanNode], owners: Owners, years: list[int], notes: _Footnotes) -> None:
    """Give every node its indikator figures, numbering notes in print order."""
    for node in walk(roots):
        node.indikator = [_figures(row, years, notes) for row in owners[node.key]]


def _goal_tree(renstra: Renstra) -> list[PlanNode]:
    """Tujuan in order, each with its sasaran as children."""
    sasaran: dict[int, list[PlanNode]] = defaultdict(list)
    for row in Sasaran.objects.filter(tujuan__renstra=renstra).order_by("order", "id"):
        node = PlanNode(("sasaran", row.pk), "sasaran", "", row.name, depth=1)
        sasaran[row.tujuan_id].append(node)
    return [
        PlanNode(("tujuan", row.pk), "tujuan", "", row.name, children=sasaran[row.pk])
        for row in renstra.tujuan.order_by("order", "id")
    ]


def _subtree_pagu(year: int | None) -> Subquery:
    """The pagu of the row and the rows below it (three levels at most), of `year` or of
    every year: a correlated subquery, so each item costs no query of its own."""
    rows = Pagu.objects.filter(
        Q(item=OuterRef("pk"))
        | Q(item__parent=OuterRef("pk"))
        | Q(item__parent__parent=OuterRef("pk"))
    )
    if year is not None:
        rows = rows.filter(year=year)
    total = rows.order_by().values("item__renstra").annotate(total=Sum("amount")).values("total")
    return Subquery(total, output_field=DecimalField(**MONEY))


def _items(renstra: Renstra, years: list[int] | None) -> QuerySet[RenstraItem]:
    items = renstra.items.order_by("order", "id")
    if years is None:
        return items
    sums = {f"pagu_{year}": _subtree_pagu(year) for year in years}
    return items.annotate(**sums, pagu_total=_subtree_pagu(None))


def _item_pagu(item: RenstraItem, years: list[int] | None) -> PaguFigures | None:
    if years is None:
        return None
    amounts = [getattr(item, f"pagu_{year}") for year in years]
    return PaguFigures(amounts, item.pagu_total)  # type: ignore[attr-defined]


def _item_tree(renstra: Renstra, years: list[int] | None = None) -> list[PlanNode]:
    """Programs in order, each with its kegiatan and their sub kegiatan as children;
    with `years`, each with its pagu summed over its subtree."""
    items = list(_items(renstra, years))
    parents = {item.pk: item.parent_id for item in items}
    nodes = {
        item.pk: PlanNode(
            ("item", item.pk), item.level, item.code, item.name, pagu=_item_pagu(item, years)
        )
        for item in items
    }
    return link(nodes, lambda node: parents[node.key[1]])


def _total_pagu(renstra: Renstra, years: list[int]) -> PaguFigures:
    """Pagu of the whole Renstra by year and over the period."""
    rows = Pagu.objects.filter(item__renstra=renstra)
    by_year = {f"y{year}": Sum("amount", filter=Q(year=year)) for year in years}
    sums = rows.aggregate(**by_year, total=Sum("amount"))
    return PaguFigures([sums[f"y{year}"] for year in years], sums["total"])


def renstra_plan(renstra: Renstra, *, with_pagu: bool = False) -> RenstraPlan:
    """Tujuan/sasaran and the item tree of `renstra`, each indikator with its yearly figures;
    `with_pagu` adds every item's yearly pagu (summed over its subtree) and the totals."""
    years = list(renstra.years)
    owners = _indikator(renstra)
    goals, items = _goal_tree(renstra), _item_tree(renstra, years if with_pagu else None)
    notes = _Footnotes()
    _attach(goals, owners, years, notes)
    goal_notes = list(notes.notes)
    _attach(items, owners, years, notes)
    item_notes = notes.notes[len(goal_notes) :]
    pagu = _total_pagu(renstra, years) if with_pagu else None
    return RenstraPlan(years, goals, items, goal_notes=goal_notes, item_notes=item_notes, pagu=pagu)


def approved_years(renstra: Renstra) -> list[int]:
    """Years of the Renstra whose Renja (any version) is disetujui, in order."""
    # Through the reverse relation: renstra sits below renja and must not import it.
    rows = renstra.renja.filter(status=RENJA_DISETUJUI).values_list("year", flat=True)
    return sorted(set(rows))


def is_leaf(item: RenstraItem) -> bool:
    """True when no Renstra item sits below `item` (where pagu may be written)."""
    return not item.children.exists()


def kept_import_findings(renstra: Renstra) -> list[dict[str, Any]]:
    """The open findings kept from the file the Renstra was imported from (reverse
    relation of `imports.ImportFinding`), as the findings table of the page shows them."""
    rows = renstra.import_findings.filter(resolved_at=None).order_by("id")
    return [
        {**row.details, "message": row.message, "id": row.pk, "source": row.source,
         "plan": "Renstra", "link": ""}
        for row in rows
    ]  # fmt: skip
