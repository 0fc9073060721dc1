"""renja_tree: Tabel 4.1 in print order, totals summed by the database, fixed query count."""

from decimal import Decimal

import pytest

from kinerja.renja.queries import renja_tree
from kinerja.testing import build_renja, synthetic_programs


def by_code(tree):
    return {node.item.code: node for node in tree.rows()}


def test_totals_are_the_sums_of_the_sub_kegiatan(renja_a):
    nodes = by_code(renja_tree(renja_a))
    assert nodes["5.03.02.2.01"].pagu == Decimal("1590078504")
    assert nodes["5.03.02.2.02"].pagu == Decimal("462844820")
    assert nodes["5.03.02"].pagu == Decimal("2052923324")
    assert nodes["5.03.02"].pagu_n1 == Decimal("2360861823")
    assert nodes["5.03.02.2.01.0003"].pagu == Decimal("40245752")


def test_the_grand_total_covers_every_program(renja_a):
    tree = renja_tree(renja_a)
    assert tree.pagu == Decimal("2202923324")
    assert tree.pagu_n1 == Decimal("2475861823")


def test_totals_are_decimals(renja_a):
    tree = renja_tree(renja_a)
    amounts = [tree.pagu, tree.pagu_n1, *(node.pagu for node in tree.rows())]
    assert all(isinstance(amount, Decimal) for amount in amounts)


def test_a_sub_kegiatan_without_pagu_adds_nothing(renja_a):
    nodes = by_code(renja_tree(renja_a))
    assert nodes["5.03.01.2.01.0007"].pagu_n1 is None
    assert nodes["5.03.01.2.01"].pagu_n1 == Decimal("115000000")


def test_a_total_is_none_only_when_no_sub_kegiatan_has_pagu(renstra_a):
    renja = build_renja(
        renstra_a,
        programs=[
            ("1", "Program", [], [
                ("1.1", "Kegiatan tanpa pagu", [], [("1.1.1", "Sub", None, None, [])]),
                ("1.2", "Kegiatan tanpa sub kegiatan", [], []),
                ("1.3", "Kegiatan", [], [("1.3.1", "Sub", None, "0", [])]),
            ]),
        ],
    )  # fmt: skip
    tree = renja_tree(renja)
    nodes = by_code(tree)
    assert nodes["1.1"].pagu is None
    assert nodes["1.2"].pagu is None
    assert nodes["1.3"].pagu_n1 == Decimal("0")
    assert nodes["1"].pagu is None
    assert nodes["1"].pagu_n1 == Decimal("0")
    assert tree.pagu is None


def test_cents_are_kept(renstra_a):
    renja = build_renja(
        renstra_a,
        programs=[("1", "P", [], [("1.1", "K", [], [
            ("1.1.1", "S1", "0.10", "1.05", []), ("1.1.2", "S2", "0.20", "2.95", []),
        ])])],
    )  # fmt: skip
    tree = renja_tree(renja)
    assert tree.pagu == Decimal("0.30")
    assert by_code(tree)["1"].pagu_n1 == Decimal("4.00")


def test_rows_come_in_print_order_with_their_depth(renja_a):
    rows = [(node.item.code, node.depth) for node in renja_tree(renja_a).rows()]
    assert rows[:5] == [
        ("5.03.01", 0),
        ("5.03.01.2.01", 1),
        ("5.03.01.2.01.0001", 2),
        ("5.03.01.2.01.0006", 2),
        ("5.03.01.2.01.0007", 2),
    ]
    assert rows[5] == ("5.03.02", 0)
    assert len(rows) == 14


def test_each_node_carries_its_indikator_in_order(renja_a):
    program = by_code(renja_tree(renja_a))["5.03.02"]
    assert [i.name for i in program.indikator][:2] == [
        "Indeks Profesionalitas ASN",
        "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal",
    ]
    assert program.span == 3
    assert len(program.extra_indikator) == 2


@pytest.mark.parametrize("shape", [(1, 1, 1), (4, 5, 6)], ids=["small", "large"])
def test_the_tree_costs_three_queries_whatever_its_size(
    renstra_a, django_assert_num_queries, shape
):
    renja = build_renja(renstra_a, programs=synthetic_programs(*shape))
    with django_assert_num_queries(3):
        tree = renja_tree(renja)
        rows = list(tree.rows())
        indikator = [i.name for node in rows for i in node.indikator]
    programs, kegiatan, subs = shape
    assert len(rows) == programs * (1 + kegiatan * (1 + subs))
    assert len(indikator) == len(rows)
    assert tree.pagu == Decimal("1000000") * programs * kegiatan * subs


def test_the_items_of_another_renja_do_not_count(renja_a, renja_b):
    assert renja_tree(renja_b).pagu == Decimal("1000000")
    assert renja_tree(renja_a).pagu == Decimal("2202923324")
