"""T‑C.33 (Tabel 4.1): rumusan rencana program dan kegiatan tahun n and prakiraan maju n+1."""

from kinerja.evaluation.achievement import PAGU_KOSONG, TARGET_KOSONG
from kinerja.evaluation.bands import PERMENDAGRI86_2017, BandSet
from kinerja.evaluation.rollup import Node, Rollup, build_tree, rollup, walk
from kinerja.evaluation.tables.cells import (
    SUM_OF_CHILDREN,
    blank,
    children_sum,
    footnotes,
    headers,
    money,
    text,
    value_cell,
)
from kinerja.evaluation.tables.model import Cell, Row, Table
from kinerja.evaluation.types import IndikatorInput, ItemInput, PlanInput

CODE = "T-C.33"
COLUMN_NUMBERS = tuple(str(number) for number in range(1, 11))


def build_tc33(plan: PlanInput, *, band_set: BandSet = PERMENDAGRI86_2017) -> Table:
    """T‑C.33 (Tabel 4.1) for the Renja of `plan.year` (n) from `plan.items`.

    Columns 1–10: Kode; Program/Kegiatan/Sub Kegiatan; Indikator; Lokasi; Target n;
    Pagu n; Sumber dana; Catatan penting; Target n+1; Pagu n+1. Program and kegiatan
    rows carry the computed totals of their sub kegiatan (a pagu stored on them is
    ignored); the last row is the grand total. An item with several indikator shows each
    on its own row (kind `indikator`). A missing target or pagu prints "–".
    """
    nodes, findings = build_tree(plan.items)
    pagu = rollup(nodes, lambda item: item.pagu)
    pagu_n1 = rollup(nodes, lambda item: item.pagu_n1)
    rows: list[Row] = []
    for node in walk(nodes):
        rows += _item_rows(node, pagu, pagu_n1)
    rows.append(
        Row(
            kind="total",
            cells=(
                text(),
                text("Jumlah"),
                *[blank()] * 3,
                money(pagu.total, derived=SUM_OF_CHILDREN),
                *[blank()] * 3,
                money(pagu_n1.total, derived=SUM_OF_CHILDREN),
            ),
        )
    )
    n = plan.year
    return Table(
        code=CODE,
        title=(
            f"Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {n} dan "
            f"Prakiraan Maju Tahun {n + 1}"
        ),
        subtitle=f"{plan.opd_name} {plan.pemda}".strip(),
        header_rows=headers(
            (
                ("Kode", 1, 2),
                ("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", 1, 2),
                ("Indikator Kinerja Program/Kegiatan", 1, 2),
                (f"Rencana Tahun {n}", 4, 1),
                ("Catatan Penting", 1, 2),
                (f"Prakiraan Maju Rencana Tahun {n + 1}", 2, 1),
            ),
            (
                ("Lokasi", 1, 1),
                ("Target Capaian Kinerja", 1, 1),
                ("Kebutuhan Dana/Pagu Indikatif (Rp)", 1, 1),
                ("Sumber Dana", 1, 1),
                ("Target Capaian Kinerja", 1, 1),
                ("Kebutuhan Dana/Pagu Indikatif (Rp)", 1, 1),
            ),
        ),
        column_numbers=COLUMN_NUMBERS,
        rows=tuple(rows),
        footnotes=footnotes(
            rows,
            band_set,
            rules=[
                "Pagu program dan kegiatan serta jumlah keseluruhan adalah jumlah pagu sub "
                "kegiatan di bawahnya (dihitung, tidak disimpan)."
            ],
        ),
        findings=findings,
    )


def _item_rows(node: Node[ItemInput], pagu: Rollup, pagu_n1: Rollup) -> list[Row]:
    item = node.item
    first = item.indikator[0] if item.indikator else None
    name, target, target_n1 = _indikator_cells(first)
    rows = [
        Row(
            kind=item.level,
            depth=node.depth,
            item_id=item.id,
            indikator_id=first.id if first else None,
            cells=(
                text(item.code),
                text(item.name),
                name,
                text(item.lokasi),
                target,
                money(pagu.by_item[item.id], reason=PAGU_KOSONG, derived=children_sum(node)),
                text(item.sumber_dana),
                text(item.catatan_penting),
                target_n1,
                money(pagu_n1.by_item[item.id], reason=PAGU_KOSONG, derived=children_sum(node)),
            ),
        )
    ]
    for ind in item.indikator[1:]:
        name, target, target_n1 = _indikator_cells(ind)
        rows.append(
            Row(
                kind="indikator",
                depth=node.depth,
                item_id=item.id,
                indikator_id=ind.id,
                cells=(
                    text(),
                    text(),
                    name,
                    text(),
                    target,
                    blank(),
                    text(),
                    text(),
                    target_n1,
                    blank(),
                ),
            )
        )
    return rows


def _indikator_cells(ind: IndikatorInput | None) -> tuple[Cell, Cell, Cell]:
    """Name, target n and target n+1 of an indikator (blank cells without one)."""
    if ind is None:
        return text(), blank(), blank()
    return (
        text(ind.name),
        value_cell(ind.target, ind.semantics, unit=ind.satuan, reason=TARGET_KOSONG),
        value_cell(ind.target_n1, ind.semantics, unit=ind.satuan, reason=TARGET_KOSONG),
    )
