"""Reads of a Renja: the Tabel 4.1 (T-C.33) tree with its totals computed in the database.

`renja_tree(renja)` costs three queries whatever the size of the Renja: the items with
their subtree totals (one `GROUP BY` over items, children and grandchildren), their
indikator, and the grand total. Pagu lives on sub kegiatan only, so a total is the
sum over the sub kegiatan below an item; it is `None` only when none of them has a pagu.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from kinerja.accounts.models import PerangkatDaerah
from kinerja.lib.trees import link, walk
from kinerja.nomenclature.models import Edition
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renstra.models import MONEY, Level, Target


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


# --- Editing reads: the tree's nodes, the nomenclature edition, Renstra targets --------


def find_node(tree: RenjaTree, item_id: int) -> RenjaNode | None:
    """The node of item `item_id` in `tree`, or None."""
    return next((node for node in tree.rows() if node.item.pk == item_id), None)


def ancestors(tree: RenjaTree, node: RenjaNode) -> list[RenjaNode]:
    """The kegiatan and program above `node` (nearest first), whose totals include it."""
    parents = {child.item.pk: parent for parent in tree.rows() for child in parent.children}
    found = []
    while node.item.pk in parents:
        node = parents[node.item.pk]
        found.append(node)
    return found


def descendants(node: RenjaNode) -> list[RenjaNode]:
    """Every node below `node`, in print order (what removing it also removes)."""
    return list(walk(node.children))


def edition_of(renja: Renja) -> Edition | None:
    """The nomenclature edition new items of `renja` come from: its own, else the latest."""
    if renja.edition_id is not None:
        return renja.edition
    return Edition.objects.order_by("-pk").first()


def renstra_targets(renja: Renja) -> dict[tuple[int, int], Decimal]:
    """(Renstra indikator id, year) → the Renstra's target, for the Renstra indikator the
    indikator of `renja` are linked to, in years n and n+1 (one query)."""
    rows = Target.objects.filter(
        indikator__renja_indikator__item__renja=renja, year__in=[renja.year, renja.year + 1]
    ).values_list("indikator_id", "year", "value")
    return {(indikator_id, year): value for indikator_id, year, value in rows}


def compare_with_renstra(renja: Renja, indikator: Iterable[Indikator]) -> None:
    """Set on each indikator its Renstra's targets of years n and n+1 (`renstra_target`,
    `renstra_target_n1`, None when unlinked or not set) and whether its own target differs
    (`differs_from_renstra`, `differs_from_renstra_n1`), for the page's badges."""
    targets = renstra_targets(renja)
    for row in indikator:
        linked = row.renstra_indikator_id
        years = (("", renja.year, row.target), ("_n1", renja.year + 1, row.target_n1))
        for suffix, year, own in years:
            renstra = targets.get((linked, year)) if linked else None
            setattr(row, f"renstra_target{suffix}", renstra)
            setattr(row, f"differs_from_renstra{suffix}", renstra is not None and own != renstra)


def renstra_targets_of(
    renstra_indikator_id: int | None, year: int
) -> tuple[Decimal | None, Decimal | None]:
    """The Renstra targets of years `year` and `year + 1` of one Renstra indikator."""
    if renstra_indikator_id is None:
        return None, None
    rows = dict(
        Target.objects.filter(
            indikator_id=renstra_indikator_id, year__in=[year, year + 1]
        ).values_list("year", "value")
    )
    return rows.get(year), rows.get(year + 1)


def subtree(item: RenjaItem) -> QuerySet[RenjaItem]:
    """`item` and every item below it (the tree has three levels)."""
    return RenjaItem.objects.filter(Q(pk=item.pk) | Q(parent=item) | Q(parent__parent=item))


def items_with_realisasi(item: RenjaItem) -> list[RenjaItem]:
    """The items of `item`'s subtree that have realisasi: anggaran spent or an indikator's
    value in a triwulan (through the reverse relations; renja does not import monitoring)."""
    spent = Q(realisasi_anggaran__isnull=False) | Q(indikator__realisasi__isnull=False)
    ids = subtree(item).filter(spent).values("pk")
    return list(RenjaItem.objects.filter(pk__in=ids).order_by("order", "id"))


def has_realisasi(indikator: Indikator) -> bool:
    """Whether any triwulan realisasi of `indikator` is stored."""
    return indikator.realisasi.exists()


def removal_refusal(item: RenjaItem) -> str | None:
    """Why `item` (with everything below it) may not be removed, or None when it may."""
    blockers = items_with_realisasi(item)
    if not blockers:
        return None
    codes = ", ".join(str(row.code or row.name) for row in blockers[:5])
    more = f" dan {len(blockers) - 5} lainnya" if len(blockers) > 5 else ""
    return (
        f"{item} tidak dapat dihapus: realisasi (kinerja atau anggaran) sudah diisi untuk "
        f"{codes}{more}. Realisasi itu akan ikut terhapus; hapus realisasinya terlebih dahulu "
        "bila baris ini memang tidak dilaksanakan."
    )
