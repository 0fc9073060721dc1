"""Assemble a tree from rows that name their parent: roots and children in row order, depths set."""

from collections.abc import Callable, Iterator, Mapping
from typing import Protocol, Self, TypeVar


class TreeNode(Protocol):
    children: list[Self]
    depth: int


Node = TypeVar("Node", bound=TreeNode)


def link(nodes: Mapping[int, Node], parent_of: Callable[[Node], int | None]) -> list[Node]:
    """Attach every node to its parent (a node whose parent is absent is a root); the roots.

    `nodes` maps each row's id to its node, in print order; children keep that order.
    """
    roots = []
    for node in nodes.values():
        parent_id = parent_of(node)
        parent = nodes.get(parent_id) if parent_id is not None else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
    for root in roots:
        _set_depth(root, 0)
    return roots


def _set_depth(node: TreeNode, depth: int) -> None:
    node.depth = depth
    for child in node.children:
        _set_depth(child, depth + 1)


def walk(roots: list[Node]) -> Iterator[Node]:
    """Every node depth-first: a parent, then each child's subtree, in order."""
    for node in roots:
        yield node
        yield from walk(node.children)
