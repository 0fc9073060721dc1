"""Formulir E.81: the quarterly evaluation of the Renja, kinerja (K) and anggaran (Rp).

Columns 1–16 of reference §3, each of 5–14 split into K and Rp, plus the Renja rate
12/7 (K as capaian, Rp as serapan) and the predikat of that rate, clearly marked as not
part of the official form. Footer rows: rata-rata capaian, predikat, faktor pendorong,
faktor penghambat, tindak lanjut (triwulan berikutnya, Renja berikutnya).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from kinerja.evaluation.achievement import (
    LAPORAN_KOSONG,
    PAGU_KOSONG,
    REALISASI_KOSONG,
    TARGET_KOSONG,
    TIDAK_TERHUBUNG_RENSTRA,
    capaian,
    combine,
    formula_of,
    rata_rata_capaian,
    serapan,
    total,
)
from kinerja.evaluation.bands import PERMENDAGRI86_2017, BandSet
from kinerja.evaluation.rollup import Node, Rollup, build_tree, rollup, walk
from kinerja.evaluation.tables.cells import (
    ROMAN,
    SIFAT_LABELS,
    blank,
    capaian_of,
    children_sum,
    example_notes,
    footnotes,
    headers,
    money,
    percent,
    sifat_present,
    text,
    value_cell,
    years_text,
)
from kinerja.evaluation.tables.model import Cell, Derivation, HeaderCell, Row, Table
from kinerja.evaluation.types import (
    KUMULATIF,
    LEVELS,
    NON_KUMULATIF,
    Capaian,
    IndikatorInput,
    ItemInput,
    PlanInput,
    Semantics,
)

CODE = "E.81"
SEMUA = "semua"
LEVEL_LABELS = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
WIDTH = 29  # 4 + 11 K/Rp pairs (5–14 and 12/7) + predikat + 15 + 16
PAIRS = ("5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "(12/7)")


@dataclass(frozen=True, kw_only=True)
class E81Figures:
    """The K figures of one indikator in E.81, by column, unrounded."""

    target_renstra: Decimal | None  # 5
    realisasi_renstra_lalu: Decimal | None  # 6
    target: Decimal | None  # 7
    triwulan: Mapping[int, Decimal | None]  # 8–11, only up to the evaluated triwulan
    realisasi: Decimal | None  # 12
    realisasi_renstra: Decimal | None  # 13
    capaian_renstra: Capaian  # 14 = 13/5
    capaian_renja: Capaian  # 12/7


def e81_figures(
    indikator: IndikatorInput,
    year: int,
    triwulan: int,
    first_year: int,
    band_set: BandSet = PERMENDAGRI86_2017,
) -> E81Figures:
    """Compute the K columns of one Renja indikator for triwulan `triwulan` of `year` (n).

    Col 12 combines triwulan 1…q by sifat. Col 6 combines the Renstra's yearly realisasi
    from `first_year` to n−1; col 13 combines those years with col 12 as year n's value
    (kumulatif: 6 + 12; non_kumulatif: 12, or col 6 while nothing is reported this year;
    rata_rata: the mean of the yearly values). Col 14 = capaian of 13 against col 5; the
    Renja rate = capaian of 12 against col 7. Without a linked Renstra indikator cols 5,
    6, 13 and 14 have reason `tidak-terhubung-renstra`.
    """
    sem = indikator.semantics
    realisasi = combine(indikator.realisasi, sem.sifat, up_to=triwulan)
    renja = capaian(indikator.target, realisasi, sem, band_set)
    quarters = {q: indikator.realisasi.get(q) for q in range(1, triwulan + 1)}
    renstra = indikator.renstra
    if renstra is None:
        unlinked = Capaian(
            value=None,
            reason=TIDAK_TERHUBUNG_RENSTRA,
            formula=formula_of(sem),
            band_set=band_set.id,
            predikat=None,
        )
        return E81Figures(
            target_renstra=None,
            realisasi_renstra_lalu=None,
            target=indikator.target,
            triwulan=quarters,
            realisasi=realisasi,
            realisasi_renstra=None,
            capaian_renstra=unlinked,
            capaian_renja=renja,
        )
    earlier = {y: v for y, v in renstra.realisasi.items() if first_year <= y < year}
    up_to_now = combine({**earlier, year: realisasi}, sem.sifat)
    return E81Figures(
        target_renstra=renstra.kondisi_akhir,
        realisasi_renstra_lalu=combine(earlier, sem.sifat),
        target=indikator.target,
        triwulan=quarters,
        realisasi=realisasi,
        realisasi_renstra=up_to_now,
        capaian_renstra=capaian(renstra.kondisi_akhir, up_to_now, sem, band_set),
        capaian_renja=renja,
    )


@dataclass(frozen=True, kw_only=True)
class _Money:
    """The Rp roll-ups of the plan for one triwulan."""

    renstra_pagu: Rollup
    earlier: Rollup
    pagu: Rollup
    quarters: Mapping[int, Rollup]
    realised: Rollup


def _money(nodes: tuple[Node[ItemInput], ...], plan: PlanInput, q: int) -> _Money:
    n, first = plan.year, plan.renstra_first_year

    def spent(quarter: int) -> Callable[[ItemInput], Decimal | None]:
        return lambda item: item.realisasi_anggaran.get(quarter)

    return _Money(
        renstra_pagu=rollup(nodes, lambda i: total(i.renstra_pagu.values()), own_first=True),
        earlier=rollup(
            nodes,
            lambda i: total(v for y, v in i.realisasi_anggaran_tahunan.items() if first <= y < n),
            own_first=True,
        ),
        pagu=rollup(nodes, lambda i: i.pagu),
        quarters={t: rollup(nodes, spent(t)) for t in range(1, q + 1)},
        realised=rollup(
            nodes, lambda i: total(v for t, v in i.realisasi_anggaran.items() if t <= q)
        ),
    )


def build_e81(
    plan: PlanInput,
    triwulan: int,
    *,
    rata_rata_level: str = "sub_kegiatan",
    band_set: BandSet = PERMENDAGRI86_2017,
) -> Table:
    """Formulir E.81 for triwulan `triwulan` (1–4) of the Renja year `plan.year`.

    One row per item and indikator (Rp on the item's first row; program and kegiatan Rp
    are the sums of their sub kegiatan); quarters after `triwulan` stay blank. The
    footer's rata-rata capaian is the mean of the unrounded capaian that have a number,
    over the indikator of items at `rata_rata_level` ("program", "kegiatan",
    "sub_kegiatan" (default: the outputs the year's budget buys) or "semua"), for the
    Renstra rate (col 14) and the Renja rate (12/7), each with its predikat. The
    narrative rows come from the laporan of `triwulan`.
    """
    if triwulan not in ROMAN:
        raise ValueError("triwulan harus 1–4")
    if rata_rata_level not in (*LEVELS, SEMUA):
        raise ValueError(f"tingkat rata-rata {rata_rata_level!r} tidak dikenal")
    nodes, findings = build_tree(plan.items)
    amounts = _money(nodes, plan, triwulan)
    rows: list[Row] = []
    averaged: list[E81Figures] = []
    for node in walk(nodes):
        item = node.item
        for position, ind in enumerate(item.indikator or (None,)):
            figures = (
                e81_figures(ind, plan.year, triwulan, plan.renstra_first_year, band_set)
                if ind
                else None
            )
            if figures and rata_rata_level in (item.level, SEMUA):
                averaged.append(figures)
            rows.append(_row(node, ind, figures, position == 0, amounts, triwulan))
    rows += _footer(plan, triwulan, averaged, rata_rata_level, band_set)
    semantics = [ind.semantics for item in plan.items for ind in item.indikator]
    return Table(
        code=CODE,
        title="Evaluasi terhadap Hasil Renja Perangkat Daerah Kabupaten/Kota",
        subtitle=(
            f"{plan.opd_name} {plan.pemda} — Triwulan {ROMAN[triwulan]} Tahun {plan.year}"
        ).strip(),
        header_rows=_headers(plan),
        column_numbers=(
            "1",
            "2",
            "3",
            "4",
            *[n for pair in PAIRS for n in (pair, pair)],
            "(predikat)",
            "15",
            "16",
        ),
        rows=tuple(rows),
        footnotes=footnotes(
            rows,
            band_set,
            rules=_rules(plan, triwulan, sifat_present(semantics), rata_rata_level),
            notes=example_notes(plan, triwulan),
        ),
        findings=findings,
    )


def _row(
    node: Node[ItemInput],
    ind: IndikatorInput | None,
    figures: E81Figures | None,
    first: bool,
    amounts: _Money,
    q: int,
) -> Row:
    item = node.item
    lead = (
        (text(node.number), text(item.sasaran), text(f"{item.code} {item.name}".strip()))
        if first
        else (text(), text(), text())
    )
    k = _k_cells(ind, figures, q)
    rp = _rp_cells(node, amounts, q) if first else [blank("money")] * 11
    pairs = [cell for pair in zip(k, rp, strict=True) for cell in pair]
    predikat = (
        Cell(value=figures.capaian_renja.predikat, reason=figures.capaian_renja.reason)
        if figures
        else blank()
    )
    return Row(
        kind=item.level if first else "indikator",
        depth=node.depth,
        item_id=item.id,
        indikator_id=ind.id if ind else None,
        cells=(
            *lead,
            text(ind.name if ind else ""),
            *pairs,
            predikat,
            text(item.penanggung_jawab) if first else text(),
            text(),
        ),
    )


def _k_cells(ind: IndikatorInput | None, fig: E81Figures | None, q: int) -> list[Cell]:
    if ind is None or fig is None:
        return [blank("number")] * 11
    sem, unit = ind.semantics, ind.satuan
    linked = ind.renstra is not None

    def renstra(value: Decimal | None, reason: str) -> Cell:
        return value_cell(
            value, sem, unit=unit, reason=reason if linked else TIDAK_TERHUBUNG_RENSTRA
        )

    quarters = [
        value_cell(fig.triwulan.get(t), sem, unit=unit, reason=REALISASI_KOSONG)
        if t <= q
        else blank("number")
        for t in range(1, 5)
    ]
    realisasi, renstra_sd_n = _k_derivations(sem, q)
    return [
        renstra(fig.target_renstra, TARGET_KOSONG),
        renstra(fig.realisasi_renstra_lalu, REALISASI_KOSONG),
        value_cell(fig.target, sem, unit=unit, reason=TARGET_KOSONG),
        *quarters,
        replace(
            value_cell(fig.realisasi, sem, unit=unit, reason=REALISASI_KOSONG), derived=realisasi
        ),
        replace(
            renstra(fig.realisasi_renstra, REALISASI_KOSONG),
            derived=renstra_sd_n if linked else None,
        ),
        percent(fig.capaian_renstra, capaian_of(K[13], K[5], sem) if linked else None),
        percent(fig.capaian_renja, capaian_of(K[12], K[7], sem)),
    ]


def _column(official: str, part: int) -> int:
    """The physical column of the K (part 0) or Rp (part 1) half of an official column."""
    return 4 + 2 * PAIRS.index(official) + part


K = {int(n): _column(n, 0) for n in PAIRS[:10]}
RP = {int(n): _column(n, 1) for n in PAIRS[:10]}


def _k_derivations(sem: Semantics, q: int) -> tuple[Derivation | None, Derivation | None]:
    """Columns 12 and 13 (K) as formulas, by sifat (see `_rules`); none for kualitatif
    indikator and for column 13 of rata-rata ones (an average over unshown years)."""
    quarters = tuple(K[7 + t] for t in range(1, q + 1))
    if sem.is_kualitatif:
        return None, None
    if sem.sifat == KUMULATIF:
        return Derivation(op="sum", columns=quarters), Derivation(op="sum", columns=(K[6], K[12]))
    if sem.sifat == NON_KUMULATIF:
        return (
            Derivation(op="latest", columns=quarters),
            Derivation(op="latest", columns=(K[6], K[12])),
        )
    return Derivation(op="average", columns=quarters), None


def _rp_cells(node: Node[ItemInput], amounts: _Money, q: int) -> list[Cell]:
    item_id, children = node.item.id, children_sum(node)
    quarters = [
        money(amounts.quarters[t].by_item[item_id], reason=REALISASI_KOSONG, derived=children)
        if t <= q
        else blank("money")
        for t in range(1, 5)
    ]
    renstra_pagu = amounts.renstra_pagu.by_item[item_id]
    realised = amounts.realised.by_item[item_id]
    up_to_now = total([amounts.earlier.by_item[item_id], realised])
    pagu = amounts.pagu.by_item[item_id]
    quarter_columns = tuple(RP[7 + t] for t in range(1, q + 1))
    return [
        money(renstra_pagu, reason=PAGU_KOSONG, derived=children),
        money(amounts.earlier.by_item[item_id], reason=REALISASI_KOSONG, derived=children),
        money(pagu, reason=PAGU_KOSONG, derived=children),
        *quarters,
        money(
            realised,
            reason=REALISASI_KOSONG,
            derived=Derivation(op="sum", columns=quarter_columns),
        ),
        money(
            up_to_now,
            reason=REALISASI_KOSONG,
            derived=Derivation(op="sum", columns=(RP[6], RP[12])),
        ),
        percent(serapan(up_to_now, renstra_pagu), Derivation(op="ratio", columns=(RP[13], RP[5]))),
        percent(serapan(realised, pagu), Derivation(op="ratio", columns=(RP[12], RP[7]))),
    ]


def _footer(
    plan: PlanInput, q: int, averaged: list[E81Figures], level: str, band_set: BandSet
) -> list[Row]:
    renstra = rata_rata_capaian((f.capaian_renstra for f in averaged), band_set)
    renja = rata_rata_capaian((f.capaian_renja for f in averaged), band_set)
    what = "semua indikator" if level == SEMUA else f"indikator {LEVEL_LABELS[level]}"
    rows = [
        Row(
            kind="footer",
            cells=(
                text(f"Rata-rata capaian kinerja (%) — {what}", colspan=4),
                text(colspan=18),
                percent(renstra),
                blank(),
                percent(renja),
                blank(),
                text(colspan=3),
            ),
        ),
        Row(
            kind="footer",
            cells=(
                text("Predikat kinerja", colspan=4),
                text(colspan=18),
                Cell(value=renstra.predikat, reason=renstra.reason, colspan=2),
                Cell(value=renja.predikat, reason=renja.reason, colspan=2),
                text(colspan=3),
            ),
        ),
    ]
    laporan = plan.laporan_of(q)
    narrative = (
        ("Faktor pendorong keberhasilan pencapaian", "faktor_pendorong"),
        ("Faktor penghambat pencapaian kinerja", "faktor_penghambat"),
        ("Tindak lanjut yang diperlukan dalam triwulan berikutnya", "tindak_lanjut"),
        (
            "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya",
            "tindak_lanjut_renja",
        ),
    )
    for label, field_name in narrative:
        value = getattr(laporan, field_name) if laporan else ""
        cell = Cell(
            value=value or None, reason=None if value else LAPORAN_KOSONG, colspan=WIDTH - 4
        )
        rows.append(Row(kind="footer", cells=(text(label, colspan=4), cell)))
    return rows


def _headers(plan: PlanInput) -> tuple[tuple[HeaderCell, ...], ...]:
    n = plan.year
    return headers(
        (
            ("No", 1, 3),
            ("Sasaran", 1, 3),
            ("Program/Kegiatan", 1, 3),
            ("Indikator Kinerja Program (outcome)/Kegiatan (output)", 1, 3),
            (
                f"Target Renstra Perangkat Daerah pada Tahun {plan.renstra_last_year} "
                "(Akhir Periode Renstra)",
                2,
                2,
            ),
            (
                "Realisasi Capaian Kinerja Renstra Perangkat Daerah s/d Renja Tahun Lalu "
                f"({n - 1})",
                2,
                2,
            ),
            (f"Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun {n} yang Dievaluasi", 2, 2),
            ("Realisasi Kinerja pada Triwulan", 8, 1),
            ("Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi", 2, 2),
            (f"Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun {n}", 2, 2),
            (f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s/d Tahun {n} (%)", 2, 2),
            (
                "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja yang Dievaluasi (%) — "
                "tambahan, bukan kolom resmi E.81",
                2,
                2,
            ),
            ("Predikat Capaian Renja (tambahan)", 1, 3),
            ("Unit Perangkat Daerah Penanggung Jawab", 1, 3),
            ("Keterangan", 1, 3),
        ),
        [(roman, 2, 1) for roman in ROMAN.values()],
        [(part, 1, 1) for _ in PAIRS for part in ("K", "Rp")],
    )


def _rules(plan: PlanInput, q: int, sifat: list[str], level: str) -> list[str]:
    n, first = plan.year, plan.renstra_first_year
    lalu = years_text(first, n - 1)
    quarters = "I" if q == 1 else f"I–{ROMAN[q]}"
    rules = [
        f"Evaluasi Triwulan {ROMAN[q]} Tahun {n}: kolom 8–11 hanya s/d triwulan {ROMAN[q]}; "
        "kolom triwulan berikutnya dibiarkan kosong."
    ]
    texts = {
        KUMULATIF: (
            f"kolom 12 = jumlah realisasi triwulan {quarters}; kolom 6 = jumlah realisasi "
            f"Renstra tahun {lalu}; kolom 13 = 6 + 12"
        ),
        NON_KUMULATIF: (
            f"kolom 12 = realisasi triwulan terakhir yang dilaporkan s/d triwulan {ROMAN[q]}; "
            f"kolom 6 = realisasi Renstra tahun terakhir yang tersedia s/d {n - 1}; kolom 13 = "
            "nilai terakhir (kolom 12, atau kolom 6 bila tahun ini belum ada realisasi)"
        ),
    }
    default = (
        f"kolom 12 = rata-rata realisasi triwulan {quarters} yang dilaporkan; kolom 6 = "
        f"rata-rata realisasi Renstra tahun {lalu}; kolom 13 = rata-rata nilai tahunan "
        f"dengan kolom 12 sebagai nilai tahun {n}"
    )
    rules += [f"Indikator {SIFAT_LABELS[s]}: {texts.get(s, default)}." for s in sifat]
    what = "semua tingkat" if level == SEMUA else LEVEL_LABELS[level]
    rules += [
        "Kolom 14 = capaian kolom 13 terhadap kolom 5 menurut polaritas indikator (K); "
        "realisasi anggaran kolom 13 terhadap kolom 5 (Rp).",
        f"Rp: kolom 5 = jumlah pagu Renstra seluruh periode; kolom 6 = realisasi anggaran "
        f"tahun {lalu}; kolom 7 = pagu tahun {n}; kolom 12 = jumlah realisasi anggaran "
        f"triwulan {quarters}; kolom 13 = 6 + 12. Program dan kegiatan: jumlah sub kegiatan.",
        "Kolom (12/7) dan kolom predikat bukan kolom resmi formulir E.81: tingkat capaian "
        "Renja yang dievaluasi = capaian kolom 12 terhadap kolom 7 (K, menurut polaritas) "
        "dan serapan anggaran kolom 12 terhadap kolom 7 (Rp); predikatnya dari capaian K.",
        f"Rata-rata capaian kinerja: rata-rata capaian (belum dibulatkan) indikator {what} "
        "yang berangka, untuk kolom 14 dan kolom (12/7); indikator tanpa angka tidak "
        "dihitung sebagai 0.",
    ]
    return rules
