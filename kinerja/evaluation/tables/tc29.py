"""T‑C.29 (Tabel 2.1): evaluation of the Renja up to year n−2 and of the Renstra.

Built from the Renstra items and their indikator for Renja year n. Column 10 follows
the indikator's sifat rather than the form's unconditional 5 + 7 + 9 (reference §2):
kumulatif → 5 + 7 + 9; non_kumulatif → the latest value (col 9's target as the forecast
of n−1, else col 7, else col 5); rata_rata → the mean of the yearly values.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from kinerja.evaluation.achievement import (
    REALISASI_KOSONG,
    TAHUN_DI_LUAR_RENSTRA,
    TARGET_KOSONG,
    capaian,
    combine,
)
from kinerja.evaluation.bands import PERMENDAGRI86_2017, BandSet
from kinerja.evaluation.rollup import Node, build_tree, walk
from kinerja.evaluation.tables.cells import (
    SIFAT_LABELS,
    blank,
    capaian_of,
    footnotes,
    headers,
    percent,
    realisasi_notes,
    sifat_present,
    text,
    value_cell,
    years_text,
)
from kinerja.evaluation.tables.model import Cell, Derivation, HeaderCell, Row, Table
from kinerja.evaluation.types import (
    KUMULATIF,
    NON_KUMULATIF,
    Capaian,
    PlanInput,
    RenstraIndikatorInput,
    RenstraItemInput,
    Semantics,
)

CODE = "T-C.29"
COLUMN_NUMBERS = ("1", "2", "3", "4", "5", "6", "7", "8=(7/6)", "9", "10=(5+7+9)", "11=(10/4)")


@dataclass(frozen=True, kw_only=True)
class Tc29Figures:
    """The figures of one indikator in T‑C.29, by column, unrounded."""

    target_akhir: Decimal | None  # 4
    realisasi_s_d_n3: Decimal | None  # 5
    target_n2: Decimal | None  # 6
    realisasi_n2: Decimal | None  # 7
    tingkat_realisasi: Capaian  # 8 = 7/6
    target_n1: Decimal | None  # 9
    perkiraan_realisasi: Decimal | None  # 10
    tingkat_capaian: Capaian  # 11 = 10/4


def tc29_figures(
    indikator: RenstraIndikatorInput,
    year: int,
    first_year: int,
    band_set: BandSet = PERMENDAGRI86_2017,
) -> Tc29Figures:
    """Compute T‑C.29 columns 4–11 of one Renstra indikator for Renja year `year` (n).

    Col 5 combines the yearly realisasi from `first_year` to n−3 by sifat; col 10
    combines the yearly realisasi up to n−2 together with col 9 (target n−1, standing
    for the year n−1 as a forecast): for kumulatif that is 5 + 7 + 9 (missing parts are
    not counted), for non_kumulatif the latest of them, for rata_rata their mean.
    Cols 8 and 11 are capaian, so polaritas applies.
    """
    figures, semantics = indikator.figures, indikator.semantics
    realised = {y: v for y, v in figures.realisasi.items() if y >= first_year}
    target_n1 = figures.targets.get(year - 1)
    forecast: dict[int, Decimal | None] = {y: v for y, v in realised.items() if y <= year - 2}
    forecast[year - 1] = target_n1
    target_n2, realisasi_n2 = figures.targets.get(year - 2), figures.realisasi.get(year - 2)
    perkiraan = combine(forecast, semantics.sifat)
    return Tc29Figures(
        target_akhir=figures.kondisi_akhir,
        realisasi_s_d_n3=combine(realised, semantics.sifat, up_to=year - 3),
        target_n2=target_n2,
        realisasi_n2=realisasi_n2,
        tingkat_realisasi=capaian(target_n2, realisasi_n2, semantics, band_set),
        target_n1=target_n1,
        perkiraan_realisasi=perkiraan,
        tingkat_capaian=capaian(figures.kondisi_akhir, perkiraan, semantics, band_set),
    )


def build_tc29(plan: PlanInput, *, band_set: BandSet = PERMENDAGRI86_2017) -> Table:
    """T‑C.29 (Tabel 2.1) for the Renja of `plan.year` from `plan.renstra_items`.

    One row per Renstra item (its first indikator alongside), one `indikator` row per
    further indikator. Missing figures print "–" with a reason code; footnotes state the
    year of each column, the col 5 and col 10 rule of every sifat present, the formulas
    and band set used, the reason codes, and the notes the source printed instead of a
    realisasi (such as `6I`).
    """
    n = plan.year
    nodes, findings = build_tree(plan.renstra_items)
    rows: list[Row] = []
    notes: list[str] = []
    indikator: list[RenstraIndikatorInput] = []
    for node in walk(nodes):
        for position, ind in enumerate(node.item.indikator or (None,)):
            rows.append(_row(node, ind, position == 0, plan, band_set))
            if ind is not None:
                indikator.append(ind)
                notes += realisasi_notes(
                    ind.name, ind.figures.notes, range(plan.renstra_first_year, n - 1)
                )
    rules = _rules(plan, sifat_present(ind.semantics for ind in indikator))
    return Table(
        code=CODE,
        title=(
            "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian "
            f"Renstra Perangkat Daerah s/d Tahun {n - 2}"
        ),
        subtitle=f"{plan.opd_name} {plan.pemda}".strip(),
        header_rows=_headers(plan),
        column_numbers=COLUMN_NUMBERS,
        rows=tuple(rows),
        footnotes=footnotes(rows, band_set, rules=rules, notes=notes),
        findings=findings,
    )


def _row(
    node: Node[RenstraItemInput],
    ind: RenstraIndikatorInput | None,
    first: bool,
    plan: PlanInput,
    band_set: BandSet,
) -> Row:
    item = node.item
    lead = (text(item.code), text(item.name)) if first else (text(), text())
    if ind is None:
        return Row(
            kind=item.level, depth=node.depth, item_id=item.id, cells=(*lead, *[blank()] * 9)
        )
    return Row(
        kind=item.level if first else "indikator",
        depth=node.depth,
        item_id=item.id,
        indikator_id=ind.id,
        cells=(*lead, text(ind.name), *_figure_cells(ind, plan, band_set)),
    )


def _figure_cells(ind: RenstraIndikatorInput, plan: PlanInput, band_set: BandSet) -> list[Cell]:
    n, first, last = plan.year, plan.renstra_first_year, plan.renstra_last_year
    fig = tc29_figures(ind, n, first, band_set)
    sem = ind.semantics

    def when(year: int, reason: str) -> str:
        return reason if first <= year <= last else TAHUN_DI_LUAR_RENSTRA

    return [
        value_cell(fig.target_akhir, sem, unit=ind.satuan, reason=TARGET_KOSONG),
        value_cell(
            fig.realisasi_s_d_n3, sem, unit=ind.satuan, reason=when(n - 3, REALISASI_KOSONG)
        ),
        value_cell(fig.target_n2, sem, unit=ind.satuan, reason=when(n - 2, TARGET_KOSONG)),
        value_cell(fig.realisasi_n2, sem, unit=ind.satuan, reason=when(n - 2, REALISASI_KOSONG)),
        percent(fig.tingkat_realisasi, capaian_of(REALISASI_N2, TARGET_N2, sem)),
        value_cell(fig.target_n1, sem, unit=ind.satuan, reason=when(n - 1, TARGET_KOSONG)),
        replace(
            value_cell(fig.perkiraan_realisasi, sem, unit=ind.satuan, reason=REALISASI_KOSONG),
            derived=_perkiraan(sem),
        ),
        percent(fig.tingkat_capaian, capaian_of(PERKIRAAN, TARGET_AKHIR, sem)),
    ]


# Physical columns of the official columns 4, 5, 6, 7, 9 and 10.
TARGET_AKHIR, REALISASI_N3, TARGET_N2, REALISASI_N2, TARGET_N1, PERKIRAAN = 3, 4, 5, 6, 8, 9


def _perkiraan(sem: Semantics) -> Derivation | None:
    """Column 10 as a formula: 5 + 7 + 9 (kumulatif) or the latest of them (non kumulatif);
    none for rata-rata (an average over years the table does not show) and kualitatif."""
    parts = (REALISASI_N3, REALISASI_N2, TARGET_N1)
    if sem.is_kualitatif or sem.sifat not in {KUMULATIF, NON_KUMULATIF}:
        return None
    return Derivation(op="sum" if sem.sifat == KUMULATIF else "latest", columns=parts)


def _headers(plan: PlanInput) -> tuple[tuple[HeaderCell, ...], ...]:
    n = plan.year
    return headers(
        (
            ("Kode", 1, 2),
            ("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", 1, 2),
            ("Indikator Kinerja Program (outcome)/Kegiatan (output)", 1, 2),
            (
                "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun "
                f"{plan.renstra_last_year}",
                1,
                2,
            ),
            (
                f"Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun {n - 3}",
                1,
                2,
            ),
            (f"Target dan Realisasi Kinerja Program dan Kegiatan Tahun {n - 2}", 3, 1),
            (f"Target Program dan Kegiatan Renja Perangkat Daerah Tahun {n - 1}", 1, 2),
            (
                f"Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d Tahun {n - 1}",
                2,
                1,
            ),
        ),
        (
            (f"Target Renja Perangkat Daerah Tahun {n - 2}", 1, 1),
            (f"Realisasi Renja Perangkat Daerah Tahun {n - 2}", 1, 1),
            ("Tingkat Realisasi (%)", 1, 1),
            (f"Realisasi Capaian Program dan Kegiatan s/d Tahun {n - 1}", 1, 1),
            ("Tingkat Capaian Realisasi Target Renstra (%)", 1, 1),
        ),
    )


def _rules(plan: PlanInput, sifat: list[str]) -> list[str]:
    n, first = plan.year, plan.renstra_first_year
    rules = [
        f"Tahun Renja n = {n}: kolom 5 s/d tahun {n - 3}, kolom 6–8 tahun {n - 2}, "
        f"kolom 9 tahun {n - 1} (tahun berjalan, berupa target sehingga kolom 10 adalah "
        "perkiraan). Kolom 8 = capaian kolom 7 terhadap kolom 6 dan kolom 11 = capaian "
        "kolom 10 terhadap kolom 4, menurut polaritas indikator."
    ]
    to_n3, to_n2 = years_text(first, n - 3), years_text(first, n - 2)
    texts = {
        KUMULATIF: (
            f"kolom 5 = jumlah realisasi tahun {to_n3}; kolom 10 = 5 + 7 + 9 "
            "(bagian yang kosong tidak dijumlahkan)"
        ),
        NON_KUMULATIF: (
            f"kolom 5 = realisasi tahun terakhir yang tersedia s/d {n - 3}; kolom 10 = nilai "
            f"terakhir, yaitu target tahun {n - 1} (kolom 9) sebagai perkiraan, bila kosong "
            f"realisasi tahun {n - 2} (kolom 7), bila kosong kolom 5 — aturan referensi "
            "Permendagri 86/2017 untuk indikator yang tidak dijumlahkan (formulir mencetak "
            "10 = 5 + 7 + 9 tanpa pengecualian)"
        ),
    }
    default = (
        f"kolom 5 = rata-rata realisasi tahun {to_n3}; kolom 10 = rata-rata nilai tahunan "
        f"(realisasi {to_n2} dan target {n - 1})"
    )
    rules += [f"Indikator {SIFAT_LABELS[s]}: {texts.get(s, default)}." for s in sifat]
    return rules
