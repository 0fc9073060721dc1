"""T‑C.30 (Tabel 2.2, pencapaian kinerja pelayanan) and the tujuan/sasaran table (Bab III).

Both are built from the Renstra's tujuan and sasaran indikator.
"""

from collections.abc import Iterator, Sequence

from kinerja.evaluation.achievement import (
    REALISASI_KOSONG,
    TAHUN_DI_LUAR_RENSTRA,
    TARGET_KOSONG,
)
from kinerja.evaluation.bands import PERMENDAGRI86_2017, BandSet
from kinerja.evaluation.tables.cells import blank, footnotes, headers, text, value_cell
from kinerja.evaluation.tables.model import Cell, HeaderCell, Row, Table
from kinerja.evaluation.types import PlanInput, RenstraIndikatorInput, TujuanInput

TC30_CODE = "T-C.30"
TUJUAN_SASARAN_CODE = "tujuan-sasaran"


def _ordered_tujuan(plan: PlanInput) -> list[TujuanInput]:
    return sorted(plan.tujuan, key=lambda tujuan: tujuan.order)


def _indikator(plan: PlanInput) -> Iterator[tuple[int, RenstraIndikatorInput]]:
    """Every tujuan and sasaran indikator in display order, with depth 0 or 1."""
    for tujuan in _ordered_tujuan(plan):
        for ind in tujuan.indikator:
            yield 0, ind
        for sasaran in sorted(tujuan.sasaran, key=lambda s: s.order):
            for ind in sasaran.indikator:
                yield 1, ind


def _target(plan: PlanInput, ind: RenstraIndikatorInput, year: int) -> Cell:
    in_period = plan.renstra_first_year <= year <= plan.renstra_last_year
    return value_cell(
        ind.figures.targets.get(year),
        ind.semantics,
        unit=ind.satuan,
        reason=TARGET_KOSONG if in_period else TAHUN_DI_LUAR_RENSTRA,
    )


def build_tc30(
    plan: PlanInput,
    *,
    years: Sequence[int] | None = None,
    band_set: BandSet = PERMENDAGRI86_2017,
) -> Table:
    """T‑C.30 (Tabel 2.2) for the Renja of `plan.year` (n) from the tujuan/sasaran indikator.

    Columns: No; Indikator; Target Renstra akhir periode (kondisi akhir); the Renstra
    target of each of `years` (default: the Renstra years up to n); the realisasi of those
    of `years` before n; Proyeksi n and n+1 (the Renstra targets of those years); Catatan
    analisis (the notes stored with the realisasi). SPM/IKK columns are left out: no data
    holds them yet.
    """
    n = plan.year
    if years is None:
        years = range(plan.renstra_first_year, min(n, plan.renstra_last_year) + 1)
    target_years = tuple(years)
    real_years = tuple(year for year in target_years if year < n)
    rows = [
        Row(
            kind="indikator",
            depth=depth,
            indikator_id=ind.id,
            cells=(
                text(f"{number}."),
                text(ind.name),
                value_cell(
                    ind.figures.kondisi_akhir, ind.semantics, unit=ind.satuan, reason=TARGET_KOSONG
                ),
                *[_target(plan, ind, year) for year in target_years],
                *[
                    value_cell(
                        ind.figures.realisasi.get(year),
                        ind.semantics,
                        unit=ind.satuan,
                        reason=REALISASI_KOSONG,
                    )
                    for year in real_years
                ],
                _target(plan, ind, n),
                _target(plan, ind, n + 1),
                text("; ".join(f"{y}: {note}" for y, note in sorted(ind.figures.notes.items()))),
            ),
        )
        for number, (depth, ind) in enumerate(_indikator(plan), start=1)
    ]
    header = _tc30_headers(plan, target_years, real_years)
    width = sum(cell.colspan for cell in header[0])
    return Table(
        code=TC30_CODE,
        title="Pencapaian Kinerja Pelayanan Perangkat Daerah",
        subtitle=f"{plan.opd_name} {plan.pemda}".strip(),
        header_rows=header,
        column_numbers=tuple(str(number) for number in range(1, width + 1)),
        rows=tuple(rows),
        footnotes=footnotes(
            rows,
            band_set,
            rules=[
                f"Proyeksi tahun {n} dan {n + 1} adalah target Renstra tahun tersebut; "
                "realisasi hanya untuk tahun sebelum tahun Renja."
            ],
        ),
    )


def _tc30_headers(
    plan: PlanInput, target_years: tuple[int, ...], real_years: tuple[int, ...]
) -> tuple[tuple[HeaderCell, ...], ...]:
    n = plan.year
    top = [
        ("No", 1, 2),
        ("Indikator Kinerja", 1, 2),
        (f"Target Renstra Perangkat Daerah Tahun {plan.renstra_last_year}", 1, 2),
    ]
    if target_years:
        top.append(("Target Renstra Perangkat Daerah", len(target_years), 1))
    if real_years:
        top.append(("Realisasi Capaian", len(real_years), 1))
    top += [("Proyeksi", 2, 1), ("Catatan Analisis", 1, 2)]
    second = [(f"Tahun {year}", 1, 1) for year in (*target_years, *real_years)]
    second += [(f"Tahun {n}", 1, 1), (f"Tahun {n + 1}", 1, 1)]
    return headers(top, second)


def build_tujuan_sasaran(plan: PlanInput, *, band_set: BandSet = PERMENDAGRI86_2017) -> Table:
    """The tujuan and sasaran table of Bab III with a target column for every Renstra year.

    Columns: No, Tujuan, Sasaran, Indikator tujuan/sasaran, then one target per Renstra
    year; column numbers 1 … 4 + the number of years. A tujuan's row carries its first
    indikator; each sasaran starts a row with its first indikator; further indikator get
    `indikator` rows.
    """
    years = range(plan.renstra_first_year, plan.renstra_last_year + 1)
    rows: list[Row] = []
    for number, tujuan in enumerate(_ordered_tujuan(plan), start=1):
        lead = (text(f"{number}."), text(tujuan.name), text())
        rows += _ts_rows("tujuan", tujuan.id, 0, lead, tujuan.indikator, plan, years)
        for sasaran in sorted(tujuan.sasaran, key=lambda s: s.order):
            lead = (text(), text(), text(sasaran.name))
            rows += _ts_rows("sasaran", sasaran.id, 1, lead, sasaran.indikator, plan, years)
    header = headers(
        (
            ("No", 1, 2),
            ("Tujuan", 1, 2),
            ("Sasaran", 1, 2),
            ("Indikator Tujuan/Sasaran", 1, 2),
            ("Target Kinerja Tujuan/Sasaran pada Tahun ke-", len(years), 1),
        ),
        [(str(year), 1, 1) for year in years],
    )
    return Table(
        code=TUJUAN_SASARAN_CODE,
        title="Tujuan dan Sasaran Jangka Menengah Pelayanan Perangkat Daerah",
        subtitle=f"{plan.opd_name} {plan.pemda}".strip(),
        header_rows=header,
        column_numbers=tuple(str(number) for number in range(1, 5 + len(years))),
        rows=tuple(rows),
        footnotes=footnotes(rows, band_set),
    )


def _ts_rows(
    kind: str,
    owner_id: int,
    depth: int,
    lead: tuple[Cell, Cell, Cell],
    indikator: tuple[RenstraIndikatorInput, ...],
    plan: PlanInput,
    years: range,
) -> list[Row]:
    if not indikator:
        return [
            Row(
                kind=kind,
                depth=depth,
                item_id=owner_id,
                cells=(*lead, *[blank()] * (1 + len(years))),
            )
        ]
    return [
        Row(
            kind=kind if position == 0 else "indikator",
            depth=depth,
            item_id=owner_id,
            indikator_id=ind.id,
            cells=(
                *(lead if position == 0 else (text(), text(), text())),
                text(ind.name),
                *[_target(plan, ind, year) for year in years],
            ),
        )
        for position, ind in enumerate(indikator)
    ]
