"""Serapan anggaran: rupiah spent against pagu per triwulan, for every item and the OPD."""

from collections.abc import Callable
from decimal import Decimal

from kinerja.evaluation.achievement import (
    CONTEXT,
    PAGU_KOSONG,
    REALISASI_KOSONG,
    serapan,
    total,
)
from kinerja.evaluation.bands import PERMENDAGRI86_2017, BandSet
from kinerja.evaluation.rollup import Rollup, build_tree, rollup, walk
from kinerja.evaluation.tables.cells import (
    ROMAN,
    SUM_OF_CHILDREN,
    blank,
    children_sum,
    example_notes,
    footnotes,
    headers,
    money,
    percent,
    text,
)
from kinerja.evaluation.tables.model import Cell, Derivation, Row, Table
from kinerja.evaluation.types import ItemInput, PlanInput

CODE = "serapan"


PAGU, SPENT = 2, 7  # physical columns 3 and 8
QUARTERS = (3, 4, 5, 6)


def build_serapan(
    plan: PlanInput, triwulan: int, *, band_set: BandSet = PERMENDAGRI86_2017
) -> Table:
    """Serapan anggaran up to triwulan `triwulan` (1–4) of the Renja year `plan.year`.

    Columns: 1 Kode; 2 Program/Kegiatan/Sub Kegiatan; 3 Pagu; 4–7 realisasi anggaran of
    triwulan I–IV (later quarters blank); 8 realisasi s/d the triwulan; 9 serapan =
    8/3 × 100; 10 sisa = 3 − 8. One row per sub kegiatan, kegiatan and program (sums of
    their sub kegiatan) and a last row for the whole OPD.
    """
    if triwulan not in ROMAN:
        raise ValueError("triwulan harus 1–4")
    nodes, findings = build_tree(plan.items)
    pagu = rollup(nodes, lambda item: item.pagu)
    quarters = {t: rollup(nodes, _spent_in(t)) for t in range(1, triwulan + 1)}
    realised = rollup(
        nodes, lambda i: total(v for t, v in i.realisasi_anggaran.items() if t <= triwulan)
    )
    rows = [
        Row(
            kind=node.item.level,
            depth=node.depth,
            item_id=node.item.id,
            cells=(
                text(node.item.code),
                text(node.item.name),
                *_figures(node.item.id, pagu, quarters, realised, triwulan, children_sum(node)),
            ),
        )
        for node in walk(nodes)
    ]
    rows.append(
        Row(
            kind="total",
            cells=(
                text(),
                text(f"Jumlah {plan.opd_name}".strip()),
                *_figures(None, pagu, quarters, realised, triwulan, SUM_OF_CHILDREN),
            ),
        )
    )
    parts = "+".join(str(3 + t) for t in range(1, triwulan + 1))
    return Table(
        code=CODE,
        title=f"Serapan Anggaran s/d Triwulan {ROMAN[triwulan]} Tahun {plan.year}",
        subtitle=f"{plan.opd_name} {plan.pemda}".strip(),
        header_rows=headers(
            (
                ("Kode", 1, 2),
                ("Program/Kegiatan/Sub Kegiatan", 1, 2),
                (f"Pagu Tahun {plan.year} (Rp)", 1, 2),
                ("Realisasi Anggaran Triwulan (Rp)", 4, 1),
                (f"Realisasi s/d Triwulan {ROMAN[triwulan]} (Rp)", 1, 2),
                ("Serapan (%)", 1, 2),
                ("Sisa Anggaran (Rp)", 1, 2),
            ),
            [(roman, 1, 1) for roman in ROMAN.values()],
        ),
        column_numbers=("1", "2", "3", "4", "5", "6", "7", f"8=({parts})", "9=(8/3)", "10=(3-8)"),
        rows=tuple(rows),
        footnotes=footnotes(
            rows,
            band_set,
            rules=[
                "Pagu dan realisasi program, kegiatan dan perangkat daerah adalah jumlah sub "
                "kegiatan di bawahnya; serapan tidak diberi predikat."
            ],
            notes=example_notes(plan, triwulan),
        ),
        findings=findings,
    )


def _spent_in(quarter: int) -> Callable[[ItemInput], Decimal | None]:
    return lambda item: item.realisasi_anggaran.get(quarter)


def _figures(
    item_id: int | None,
    pagu: Rollup,
    quarters: dict[int, Rollup],
    realised: Rollup,
    q: int,
    children: Derivation | None,
) -> list[Cell]:
    """Columns 3–10; `children` is the derivation of the pagu and quarter amounts."""

    def of(rolled: Rollup) -> Decimal | None:
        return rolled.total if item_id is None else rolled.by_item[item_id]

    spent = of(realised)
    budget = of(pagu)
    remaining = None if budget is None or spent is None else CONTEXT.subtract(budget, spent)
    return [
        money(budget, reason=PAGU_KOSONG, derived=children),
        *[
            money(of(quarters[t]), reason=REALISASI_KOSONG, derived=children)
            if t <= q
            else blank("money")
            for t in range(1, 5)
        ],
        money(spent, reason=REALISASI_KOSONG, derived=Derivation(op="sum", columns=QUARTERS[:q])),
        percent(serapan(spent, budget), Derivation(op="ratio", columns=(SPENT, PAGU))),
        money(
            remaining,
            reason=PAGU_KOSONG if budget is None else REALISASI_KOSONG,
            derived=Derivation(op="difference", columns=(PAGU, SPENT)),
        ),
    ]
