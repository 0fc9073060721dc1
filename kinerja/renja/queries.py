"""Reads of a Renja: the Tabel 4.1 (T-C.33) tree with its totals computed in the database.

`renja_tree(renja)` costs three queries whatever the size of the Renja: the items with
their subtree totals (one `GROUP BY` over items, children and grandchildren), their
indikator, and the grand total. Pagu lives on sub kegiatan only, so a total is the
sum over the sub kegiatan below an item; it is `None` only when none of them has a pagu.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce

from kinerja.accounts.models import PerangkatDaerah
from kinerja.lib.trees import link, walk
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renstra.models import MONEY, Level


@dataclass
class RenjaNode:
    """One row of Tabel 4.1: an item, its indikator, its (computed) pagu and its children."""

    item: RenjaItem
    indikator: list[Indikator]
    pagu: Decimal | None
    pagu_n1: Decimal | None
    depth: int = 0
    children: list["RenjaNode"] = field(default_factory=list)

    @property
    def span(self) -> int:
        """Table rows the item takes: one per indikator, at least one."""
        return max(1, len(self.indikator))

    @property
    def extra_indikator(self) -> list[Indikator]:
        """Indikator after the first, printed as sub-rows of the item's row."""
        return self.indikator[1:]


@dataclass(frozen=True)
class RenjaTree:
    """The programs of a Renja (roots of the tree) and the grand totals of n and n+1."""

    roots: list[RenjaNode]
    pagu: Decimal | None
    pagu_n1: Decimal | None

    def rows(self) -> Iterator[RenjaNode]:
        """Every node in print order: a program, its kegiatan, each followed by its sub kegiatan."""
        return walk(self.roots)


def subtree_total(amount: str) -> Coalesce:
    """The item's own `amount` (a sub kegiatan) or the `Sum` over the sub kegiatan below it.

    The tree has three levels (program → kegiatan → sub kegiatan), so children and
    grandchildren reach every sub kegiatan below an item, one placed right under a
    program included. Only sub kegiatan carry pagu and they have no children, so the
    join repeats no row that has an amount: each amount is summed once.
    """
    below = Coalesce(f"children__children__{amount}", f"children__{amount}")
    return Coalesce(amount, Sum(below), output_field=DecimalField(**MONEY))


def _items(renja: Renja) -> QuerySet[RenjaItem]:
    indikator = Prefetch("indikator", queryset=Indikator.objects.order_by("order", "id"))
    return (
        RenjaItem.objects.filter(renja=renja)
        .annotate(total_pagu=subtree_total("pagu"), total_pagu_n1=subtree_total("pagu_n1"))
        .prefetch_related(indikator)
        .order_by("order", "id")
    )


def _grand_total(renja: Renja) -> dict[str, Decimal | None]:
    leaves = RenjaItem.objects.filter(renja=renja, level=Level.SUB_KEGIATAN)
    return leaves.aggregate(pagu=Sum("pagu"), pagu_n1=Sum("pagu_n1"))


def renja_tree(renja: Renja) -> RenjaTree:
    """The Tabel 4.1 tree of `renja` with kegiatan, program and grand totals (Decimal)."""
    nodes = {
        item.pk: RenjaNode(
            item=item,
            indikator=list(item.indikator.all()),
            pagu=item.total_pagu,  # type: ignore[attr-defined]
            pagu_n1=item.total_pagu_n1,  # type: ignore[attr-defined]
        )
        for item in _items(renja)
    }
    roots = link(nodes, lambda node: node.item.parent_id)
    total = _grand_total(renja)
    return RenjaTree(roots=roots, pagu=total["pagu"], pagu_n1=total["pagu_n1"])


def has_example_realisasi(renja: Renja) -> bool:
    """Whether any triwulan report of `renja` holds example (demo) realisasi."""
    # Through the reverse relation: renja sits below monitoring and must not import it.
    return renja.laporan.filter(is_example=True).exists()


STAGE_RANK = {stage: rank for rank, stage in enumerate(Renja.Stage.values)}


def current_renja(opd: PerangkatDaerah, year: int) -> Renja | None:
    """The Renja of `opd` for `year` that counts: the furthest stage, then the latest version."""
    candidates = list(Renja.objects.filter(perangkat_daerah=opd, year=year))
    return max(candidates, key=lambda r: (STAGE_RANK[r.stage], r.version), default=None)
