"""The one adapter from the ORM to the evaluation engine: `load_input(renja) -> PlanInput`.

It reads a Renja, its Renstra and their figures in a fixed number of queries, whatever
the size of the plan, and hands the engine frozen records of `Decimal`s.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Prefetch

from kinerja.evaluation.tables import (
    Table,
    build_e81,
    build_serapan,
    build_tc29,
    build_tc30,
    build_tc33,
    build_tujuan_sasaran,
)
from kinerja.evaluation.types import (
    IndikatorInput,
    ItemInput,
    LaporanInput,
    PlanInput,
    RenstraFigures,
    RenstraIndikatorInput,
    RenstraItemInput,
    SasaranInput,
    Semantics,
    TujuanInput,
)
from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.renja import models as renja_models
from kinerja.renstra import models as renstra_models


def load_input(renja: renja_models.Renja) -> PlanInput:
    """Everything the tables of `renja` need, in 11 queries at any size."""
    renja = renja_models.Renja.objects.select_related("perangkat_daerah__pemda", "renstra").get(
        pk=renja.pk
    )
    renstra = renja.renstra
    figures = _renstra_figures(renstra)
    renstra_indikator = _renstra_indikator_by_owner(renstra, figures)
    opd = renja.perangkat_daerah
    return PlanInput(
        pemda=opd.pemda.name,
        opd_name=opd.name,
        year=renja.year,
        renstra_first_year=renstra.first_year,
        renstra_last_year=renstra.last_year,
        items=_items(renja, figures, penanggung_jawab=opd.short_name or opd.name),
        renstra_items=_renstra_items(renstra, renstra_indikator),
        tujuan=_tujuan(renstra, renstra_indikator),
        laporan=tuple(_laporan(row) for row in LaporanTriwulan.objects.filter(renja=renja)),
    )


def semantics(indikator: renstra_models.IndikatorSemantics) -> Semantics:
    return Semantics(
        jenis=indikator.jenis,
        polaritas=indikator.polaritas,
        sifat=indikator.sifat,
        decimals=indikator.decimals,
        scale=tuple(indikator.scale or ()),
        allows_negative=indikator.allows_negative,
    )


def _renstra_figures(renstra: renstra_models.Renstra) -> dict[int, RenstraFigures]:
    """The figures of every Renstra indikator (3 queries), by indikator id."""
    targets: dict[int, dict[int, Any]] = defaultdict(dict)
    for target in renstra_models.Target.objects.filter(indikator__renstra=renstra):
        targets[target.indikator_id][target.year] = target.value
    realisasi: dict[int, dict[int, Any]] = defaultdict(dict)
    notes: dict[int, dict[int, str]] = defaultdict(dict)
    for row in renstra_models.RealisasiTahunan.objects.filter(indikator__renstra=renstra):
        realisasi[row.indikator_id][row.year] = row.value
        if row.note:
            notes[row.indikator_id][row.year] = row.note
    return {
        indikator.pk: RenstraFigures(
            kondisi_awal=indikator.kondisi_awal,
            kondisi_akhir=indikator.kondisi_akhir,
            targets=targets[indikator.pk],
            realisasi=realisasi[indikator.pk],
            notes=notes[indikator.pk],
        )
        for indikator in renstra_models.Indikator.objects.filter(renstra=renstra).only(
            "kondisi_awal", "kondisi_akhir"
        )
    }


Owner = tuple[str, int]


def _renstra_indikator_by_owner(
    renstra: renstra_models.Renstra, figures: dict[int, RenstraFigures]
) -> dict[Owner, list[RenstraIndikatorInput]]:
    by_owner: dict[Owner, list[RenstraIndikatorInput]] = defaultdict(list)
    for row in renstra_models.Indikator.objects.filter(renstra=renstra):
        owner = (
            ("item", row.item_id)
            if row.item_id
            else ("sasaran", row.sasaran_id)
            if row.sasaran_id
            else ("tujuan", row.tujuan_id)
        )
        by_owner[owner].append(  # type: ignore[index]
            RenstraIndikatorInput(
                id=row.pk,
                name=row.name,
                satuan=row.satuan,
                semantics=semantics(row),
                figures=figures[row.pk],
            )
        )
    return by_owner


def _items(
    renja: renja_models.Renja, figures: dict[int, RenstraFigures], *, penanggung_jawab: str
) -> tuple[ItemInput, ...]:
    anggaran: dict[int, dict[int, Any]] = defaultdict(dict)
    for row in RealisasiAnggaran.objects.filter(item__renja=renja):
        anggaran[row.item_id][row.triwulan] = row.amount
    indikator = renja_models.Indikator.objects.prefetch_related(
        Prefetch("realisasi", queryset=RealisasiKinerja.objects.order_by("triwulan"))
    )
    items = renja.items.prefetch_related(Prefetch("indikator", queryset=indikator))
    return tuple(
        ItemInput(
            id=item.pk,
            level=item.level,
            name=item.name,
            parent_id=item.parent_id,
            code=item.code,
            order=item.order,
            lokasi=item.lokasi,
            sumber_dana=item.sumber_dana,
            catatan_penting=item.catatan_penting,
            pagu=item.pagu,
            pagu_n1=item.pagu_n1,
            realisasi_anggaran=anggaran[item.pk],
            indikator=tuple(_indikator(row, figures) for row in item.indikator.all()),
            penanggung_jawab=penanggung_jawab,
        )
        for item in items
    )


def _indikator(row: renja_models.Indikator, figures: dict[int, RenstraFigures]) -> IndikatorInput:
    linked = row.renstra_indikator_id
    return IndikatorInput(
        id=row.pk,
        name=row.name,
        satuan=row.satuan,
        semantics=semantics(row),
        target=row.target,
        target_n1=row.target_n1,
        realisasi={realisasi.triwulan: realisasi.value for realisasi in row.realisasi.all()},
        renstra=figures.get(linked) if linked else None,
    )


def _renstra_items(
    renstra: renstra_models.Renstra, indikator: dict[Owner, list[RenstraIndikatorInput]]
) -> tuple[RenstraItemInput, ...]:
    return tuple(
        RenstraItemInput(
            id=item.pk,
            level=item.level,
            name=item.name,
            parent_id=item.parent_id,
            code=item.code,
            order=item.order,
            indikator=tuple(indikator[("item", item.pk)]),
        )
        for item in renstra.items.all()
    )


def _tujuan(
    renstra: renstra_models.Renstra, indikator: dict[Owner, list[RenstraIndikatorInput]]
) -> tuple[TujuanInput, ...]:
    rows = renstra.tujuan.prefetch_related("sasaran")
    return tuple(
        TujuanInput(
            id=tujuan.pk,
            name=tujuan.name,
            order=tujuan.order,
            indikator=tuple(indikator[("tujuan", tujuan.pk)]),
            sasaran=_sasaran(tujuan.sasaran.all(), indikator),
        )
        for tujuan in rows
    )


def _sasaran(
    rows: Iterable[renstra_models.Sasaran], indikator: dict[Owner, list[RenstraIndikatorInput]]
) -> tuple[SasaranInput, ...]:
    return tuple(
        SasaranInput(
            id=sasaran.pk,
            name=sasaran.name,
            order=sasaran.order,
            indikator=tuple(indikator[("sasaran", sasaran.pk)]),
        )
        for sasaran in rows
    )


def _laporan(row: LaporanTriwulan) -> LaporanInput:
    return LaporanInput(
        triwulan=row.triwulan,
        faktor_pendorong=row.faktor_pendorong,
        faktor_penghambat=row.faktor_penghambat,
        tindak_lanjut=row.tindak_lanjut,
        tindak_lanjut_renja=row.tindak_lanjut_renja,
        is_example=row.is_example,
    )


TABLES = ("tc29", "tc30", "tujuan_sasaran", "tc33", "e81", "serapan")


def evaluation_tables(plan: PlanInput, names: Iterable[str], triwulan: int) -> list[Table]:
    """The named tables of `plan`; E.81 and serapan for `triwulan`."""
    builders: dict[str, Callable[[], Table]] = {
        "tc29": lambda: build_tc29(plan),
        "tc30": lambda: build_tc30(plan),
        "tujuan_sasaran": lambda: build_tujuan_sasaran(plan),
        "tc33": lambda: build_tc33(plan),
        "e81": lambda: build_e81(plan, triwulan),
        "serapan": lambda: build_serapan(plan, triwulan),
    }
    return [builders[name]() for name in names]


def latest_triwulan(plan: PlanInput) -> int:
    """The last triwulan with any realisasi or laporan (1 when there is none yet)."""
    quarters = {laporan.triwulan for laporan in plan.laporan}
    for item in plan.items:
        quarters.update(item.realisasi_anggaran)
        for indikator in item.indikator:
            quarters.update(indikator.realisasi)
    return max(quarters, default=1)
