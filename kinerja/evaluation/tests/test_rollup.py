"""The item tree and roll-ups: sibling order, broken parents, sums that skip empty parts."""

from decimal import Decimal

from kinerja.evaluation.rollup import build_tree, rollup, walk
from kinerja.evaluation.tests.text_tables import parse
from kinerja.evaluation.types import ItemInput

ITEMS = """
id | parent | level        | order | pagu
1  | -      | program      | 0     | 999
2  | 1      | kegiatan     | 1     | -
3  | 2      | sub_kegiatan | 0     | 100.50
4  | 2      | sub_kegiatan | 0     | -
5  | 1      | kegiatan     | 0     | -
6  | 5      | sub_kegiatan | 0     | 7
7  | 1      | kegiatan     | 2     | -
8  | -      | program      | 1     | -
9  | 8      | kegiatan     | 0     | -
10 | 9      | sub_kegiatan | 0     | -
"""


def items(text: str = ITEMS) -> tuple[ItemInput, ...]:
    return tuple(
        ItemInput(
            id=row.integer("id"),
            parent_id=None if row["parent"] is None else row.integer("parent"),
            level=row.text("level"),
            name=f"item {row['id']}",
            order=row.integer("order"),
            pagu=row.dec("pagu"),
        )
        for row in parse(text)
    )


def test_tree_orders_siblings_and_numbers_them() -> None:
    nodes, findings = build_tree(items())
    assert findings == ()
    walked = [(node.item.id, node.depth, node.number) for node in walk(nodes)]
    assert walked == [
        (1, 0, "1"),
        (5, 1, "1.1"),
        (6, 2, "1.1.1"),
        (2, 1, "1.2"),
        (3, 2, "1.2.1"),
        (4, 2, "1.2.2"),
        (7, 1, "1.3"),
        (8, 0, "2"),
        (9, 1, "2.1"),
        (10, 2, "2.1.1"),
    ]


def test_rollup_sums_sub_kegiatan_and_is_none_only_without_any_value() -> None:
    nodes, _ = build_tree(items())
    pagu = rollup(nodes, lambda item: item.pagu)
    assert pagu.by_item[2] == Decimal("100.50")  # item 4 has no pagu: the known part counts
    assert pagu.by_item[1] == Decimal("107.50")  # the program's own 999 is ignored (ADR 0003)
    assert pagu.by_item[7] is None  # a kegiatan without sub kegiatan
    assert pagu.by_item[8] is None  # no sub kegiatan below has a value
    assert pagu.total == Decimal("107.50")


def test_own_first_keeps_an_amount_set_above_sub_kegiatan() -> None:
    nodes, _ = build_tree(items())
    pagu = rollup(nodes, lambda item: item.pagu, own_first=True)
    assert pagu.by_item[1] == Decimal(999)
    assert pagu.by_item[5] == Decimal(7)
    assert pagu.total == Decimal(999)


def test_an_unknown_parent_makes_a_root_and_a_finding() -> None:
    broken = items("""
id | parent | level        | order | pagu
1  | -      | program      | 0     | -
2  | 42     | sub_kegiatan | 0     | 5
""")
    nodes, findings = build_tree(broken)
    assert [node.item.id for node in nodes] == [1, 2]
    assert [(f.rule, f.severity, f.actual) for f in findings] == [("tree-parent", "error", "42")]
    assert rollup(nodes, lambda item: item.pagu).total == Decimal(5)


def test_a_parent_cycle_is_left_out_with_a_finding() -> None:
    cyclic = items("""
id | parent | level        | order | pagu
1  | -      | program      | 0     | -
2  | 3      | kegiatan     | 0     | -
3  | 2      | sub_kegiatan | 0     | 5
""")
    nodes, findings = build_tree(cyclic)
    assert [node.item.id for node in walk(nodes)] == [1]
    assert sorted(f.row for f in findings if f.rule == "tree-cycle") == ["item 2", "item 3"]
