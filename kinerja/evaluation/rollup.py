"""The item tree (program → kegiatan → sub kegiatan) and roll-ups of amounts along it.

Totals are always computed from the sub kegiatan (ADR 0003): a kegiatan's pagu is the
sum of its sub kegiatan, a program's the sum of its kegiatan, the grand total the sum of
the programs. A total is None only when no part below it has a value.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from kinerja.evaluation.achievement import total
from kinerja.evaluation.types import SUB_KEGIATAN, Finding, frozen_mapping


class TreeItem(Protocol):
    """What a tree needs of an item: its id, its parent's id, its level and sibling order."""

    @property
    def id(self) -> int:
        """The item's id, unique among the items of one tree."""

    @property
    def parent_id(self) -> int | None:
        """The parent's id; None for a root."""

    @property
    def level(self) -> str:
        """program, kegiatan or sub_kegiatan."""

    @property
    def order(self) -> int:
        """The position among siblings (ties keep the input order)."""

    @property
    def name(self) -> str:
        """The item's name, for findings."""


T = TypeVar("T", bound=TreeItem)


@dataclass(frozen=True)
class Node(Generic[T]):
    """An item in the tree: its depth (0 for a root), its children and its number.

    `number` is the hierarchical position used as "No" in tables: `1`, `1.2`, `1.2.3`.
    """

    item: T
    depth: int
    number: str
    children: "tuple[Node[T], ...]"


def build_tree(items: Sequence[T]) -> tuple[tuple[Node[T], ...], tuple[Finding, ...]]:
    """Build the tree of flat `items` (display order, each naming its parent).

    Siblings are ordered by `order`, then by position in `items`. An item whose parent is
    not among `items` becomes a root (finding `tree-parent`); items caught in a parent
    cycle are left out (finding `tree-cycle`).
    """
    ids = {item.id for item in items}
    children: defaultdict[int | None, list[T]] = defaultdict(list)
    findings: list[Finding] = []
    for item in items:
        parent = item.parent_id if item.parent_id in ids else None
        if item.parent_id is not None and parent is None:
            findings.append(_finding("tree-parent", item, "induknya tidak ada dalam daftar"))
        children[parent].append(item)
    seen: set[int] = set()
    roots = _nodes(children, None, 0, "", seen)
    findings.extend(
        _finding("tree-cycle", item, "induknya membentuk lingkaran")
        for item in items
        if item.id not in seen
    )
    return roots, tuple(findings)


def _nodes(
    children: Mapping[int | None, list[T]],
    parent: int | None,
    depth: int,
    prefix: str,
    seen: set[int],
) -> tuple[Node[T], ...]:
    ordered = sorted(children.get(parent, []), key=lambda item: item.order)
    nodes = []
    for position, item in enumerate(ordered, start=1):
        seen.add(item.id)
        number = f"{prefix}{position}"
        kids = _nodes(children, item.id, depth + 1, f"{number}.", seen)
        nodes.append(Node(item=item, depth=depth, number=number, children=kids))
    return tuple(nodes)


def _finding(rule: str, item: TreeItem, what: str) -> Finding:
    return Finding(
        rule=rule,
        severity="error",
        message=f"{item.level} {item.name!r} (id {item.id}): {what}",
        row=item.name,
        actual=str(item.parent_id),
    )


def walk(nodes: Sequence[Node[T]]) -> Iterator[Node[T]]:
    """Every node depth-first: a parent, then each child's subtree, in order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


@dataclass(frozen=True, kw_only=True)
class Rollup:
    """Rolled-up amounts: `by_item` maps every item id to its value; `total` is the sum."""

    by_item: Mapping[int, Decimal | None]
    total: Decimal | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_item", frozen_mapping(self.by_item))


def rollup(
    nodes: Sequence[Node[T]], amount: Callable[[T], Decimal | None], *, own_first: bool = False
) -> Rollup:
    """Roll `amount` up the tree.

    By default a sub kegiatan has its own amount and every other item the sum of its
    children (an amount on a program or kegiatan is ignored: ADR 0003). With
    `own_first`, any item with its own amount keeps it and the others sum their children
    (for figures that may sit above sub kegiatan, such as a Renstra pagu planned per
    kegiatan). The grand total is the sum of the roots. None only where no part has a value.
    """
    by_item: dict[int, Decimal | None] = {}

    def visit(node: Node[T]) -> Decimal | None:
        parts = [visit(child) for child in node.children]
        own = amount(node.item)
        value: Decimal | None
        if own_first:
            value = own if own is not None else total(parts)
        else:
            value = own if node.item.level == SUB_KEGIATAN else total(parts)
        by_item[node.item.id] = value
        return value

    return Rollup(by_item=by_item, total=total([visit(node) for node in nodes]))
