"""renstra_plan: both trees in print order, figures per year, notes numbered, six queries."""

from decimal import Decimal

from kinerja.renstra.queries import Figure, renstra_plan


def test_goals_are_tujuan_with_their_sasaran(renstra_a):
    plan = renstra_plan(renstra_a)
    assert [(node.kind, node.depth) for node in plan.goal_rows()] == [
        ("tujuan", 0),
        ("sasaran", 1),
    ]


def test_items_are_a_tree_in_print_order(renstra_a):
    plan = renstra_plan(renstra_a)
    assert [(node.code, node.kind, node.depth) for node in plan.item_rows()] == [
        ("5.03.02", "program", 0),
        ("5.03.02.2.01", "kegiatan", 1),
        ("5.03.02.2.01.0003", "sub_kegiatan", 2),
    ]


def test_every_year_has_a_target_and_a_realisasi_cell(renstra_a):
    tujuan = renstra_plan(renstra_a).goals[0]
    figures = tujuan.indikator[0]
    assert [f.year for f in figures.targets] == [2021, 2022, 2023, 2024, 2025, 2026]
    assert [f.value for f in figures.targets][:4] == [Decimal(71), Decimal(73), Decimal(75), None]
    assert figures.realisasi[0] == Figure(2021, Decimal(71))
    assert figures.realisasi[1] == Figure(2022, None, "6I", 1)
    assert figures.realisasi[2] == Figure(2023)


def test_notes_are_numbered_in_print_order_per_table(renstra_a):
    sub = renstra_a.items.get(code="5.03.02.2.01.0003")
    sub.indikator.get().realisasi.filter(year=2023).update(note="angka dari laporan tahunan")
    plan = renstra_plan(renstra_a)
    assert plan.goal_notes == [(1, "6I")]
    assert plan.item_notes == [(2, "angka dari laporan tahunan")]


def test_a_node_without_indikator_takes_one_row(renstra_a):
    plan = renstra_plan(renstra_a)
    program = plan.items[0]
    assert program.indikator == []
    assert program.span == 1
    assert plan.goals[0].span == 2


def test_the_plan_costs_six_queries(renstra_a, django_assert_num_queries):
    with django_assert_num_queries(6):
        plan = renstra_plan(renstra_a)
        [row.indikator for row in [*plan.goal_rows(), *plan.item_rows()]]
