"""Reads of a Renstra: tujuan → sasaran and the program/kegiatan tree, each with indikator.

`renstra_plan(renstra)` costs six queries whatever the size of the Renstra: tujuan,
sasaran, items, indikator, their targets and their realisasi. The rows are put in
print order here, and notes of realisasi (a source that printed something other than
a number) are numbered as footnotes in that order.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from kinerja.lib.trees import link, walk
from kinerja.renstra.models import Indikator, RealisasiTahunan, Renstra, Sasaran, Target


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

    @property
    def span(self) -> int:
        """Table rows the node takes: a target and a realisasi row per indikator."""
        return max(1, 2 * len(self.indikator))


@dataclass(frozen=True)
class RenstraPlan:
    """What the Renstra page prints: both trees and the footnotes of their realisasi."""

    years: list[int]
    goals: list[PlanNode]
    items: list[PlanNode]
    goal_notes: list[tuple[int, str]]
    item_notes: list[tuple[int, str]]

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


def _item_tree(renstra: Renstra) -> list[PlanNode]:
    """Programs in order, each with its kegiatan and their sub kegiatan as children."""
    items = list(renstra.items.order_by("order", "id"))
    parents = {item.pk: item.parent_id for item in items}
    nodes = {
        item.pk: PlanNode(("item", item.pk), item.level, item.code, item.name) for item in items
    }
    return link(nodes, lambda node: parents[node.key[1]])


def renstra_plan(renstra: Renstra) -> RenstraPlan:
    """Tujuan/sasaran and the item tree of `renstra`, each indikator with its yearly figures."""
    years = list(renstra.years)
    owners = _indikator(renstra)
    goals, items = _goal_tree(renstra), _item_tree(renstra)
    notes = _Footnotes()
    _attach(goals, owners, years, notes)
    goal_notes = list(notes.notes)
    _attach(items, owners, years, notes)
    item_notes = notes.notes[len(goal_notes) :]
    return RenstraPlan(years, goals, items, goal_notes=goal_notes, item_notes=item_notes)
