"""Export an OPD's plan as a plan file (format kinerja-plan, version 1).

The output is canonical: empty values are left out, keys follow docs/interchange.md,
nomenclature entries are those the plan uses (with their parents), sorted by code.
"""

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch

from kinerja.accounts.models import PerangkatDaerah
from kinerja.imports.plan_rows import LAPORAN_FIELDS, NARASI_KEYS
from kinerja.imports.plan_values import canonical_decimal, to_file
from kinerja.renja import models as renja_models
from kinerja.renstra import models as renstra_models
from kinerja.renstra.models import SEMANTIC_FIELDS

FORMAT = {"format": "kinerja-plan", "version": 1}


def compact(data: Any) -> Any:
    """Drop empty values (None, "", [], {}, False, decimals 0, cetak_hari true) recursively:
    empty means absent."""
    if isinstance(data, dict):
        pairs = ((key, compact(value)) for key, value in data.items())
        return {key: value for key, value in pairs if not _empty(key, value)}
    if isinstance(data, list):
        return [compact(value) for value in data]
    return data


def _empty(key: Any, value: Any) -> bool:
    if key == "decimals":
        return value == 0
    if key == "version":
        return False
    if key == "cetak_hari":  # absent means true (print the full date)
        return value is True
    return value is None or value is False or value in ("", [], {})


def export_plan(opd: PerangkatDaerah, renstra: renstra_models.Renstra | None = None) -> dict:
    """The plan file of `opd` for `renstra` (default: its latest Renstra) as plain data."""
    renstra = renstra or opd.renstra.order_by("-first_year").first()
    data: dict[str, Any] = {
        **FORMAT,
        **opd_sections(opd),
    }
    if renstra is not None:
        renja_list = list(
            renstra.renja.select_related("narasi").order_by("year", "stage", "version")
        )
        data["nomenclature"] = _nomenclature(renstra.edition, renja_list, renstra)
        data["renstra"] = _renstra(renstra)
        data["renja"] = [_renja(renja) for renja in renja_list]
    return compact(data)


def export_renja(renja: renja_models.Renja) -> dict:
    """The plan file of one Renja: its OPD, the nomenclature its items use, and the Renja
    (no `renstra`: on import it attaches to the OPD's Renstra covering its year)."""
    opd = renja.perangkat_daerah
    data: dict[str, Any] = {
        **FORMAT,
        **opd_sections(opd),
        "nomenclature": _nomenclature(renja.edition, [renja]),
        "renja": [_renja(renja)],
    }
    return compact(data)


def opd_sections(opd: PerangkatDaerah) -> dict[str, Any]:
    """The `pemda` and `perangkat_daerah` sections of `opd`'s plan file."""
    pemda = opd.pemda
    return {
        "pemda": {"code": pemda.code, "name": pemda.name, "capital": pemda.capital},
        "perangkat_daerah": _opd(opd),
    }


def _opd(opd: PerangkatDaerah) -> dict[str, Any]:
    return {
        "code": opd.code,
        "name": opd.name,
        "short_name": opd.short_name,
        "bidang_urusan": opd.bidang_urusan,
        "kepala": {
            "title": opd.kepala_title,
            "name": opd.kepala_name,
            "pangkat": opd.kepala_pangkat,
            "nip": opd.kepala_nip,
        },
    }


def _nomenclature(
    edition: Any,
    renja_list: list[renja_models.Renja],
    renstra: renstra_models.Renstra | None = None,
) -> dict[str, Any] | None:
    if edition is None:
        return None
    used: dict[str, dict[str, Any]] = defaultdict(dict)
    items = [
        *(renstra.items.all() if renstra else ()),
        *renja_models.RenjaItem.objects.filter(renja__in=renja_list),
    ]
    for item in _with_nomenclature(items):
        _add_entry(used, item)
    return {
        "edition": {
            "code": edition.code,
            "name": edition.name,
            "sub_kegiatan_digits": edition.sub_kegiatan_digits,
        },
        **{level: [used[level][code] for code in sorted(used[level])] for level in LEVELS},
    }


LEVELS = ("urusan", "bidang_urusan", "program", "kegiatan", "sub_kegiatan")
PARENT = {"sub_kegiatan": "kegiatan", "kegiatan": "program", "program": "bidang_urusan"}


def _with_nomenclature(items: list[Any]) -> list[Any]:
    entries = []
    for item in items:
        entry = getattr(item, f"nomenclature_{item.level}")
        if entry is not None:
            entries.append((item.level, entry))
    return entries


def _add_entry(used: dict[str, dict[str, Any]], level_entry: tuple[str, Any]) -> None:
    level, entry = level_entry
    while entry is not None and entry.code not in used[level]:
        used[level][entry.code] = _entry(level, entry)
        if level == "bidang_urusan":
            used["urusan"].setdefault(entry.urusan.code, _entry("urusan", entry.urusan))
            return
        if level not in PARENT:
            return
        level, entry = PARENT[level], getattr(entry, PARENT[level])


def _entry(level: str, entry: Any) -> dict[str, Any]:
    data = {"code": entry.code, "name": entry.name}
    if level == "sub_kegiatan":
        data |= {"kinerja": entry.kinerja, "indikator": entry.indikator, "satuan": entry.satuan}
    return data


def _semantics(indikator: Any) -> dict[str, Any]:
    return {field: getattr(indikator, field) for field in SEMANTIC_FIELDS}


def _value(indikator: Any, value: Any) -> Any:
    return to_file(value, indikator.scale)


def _renstra(renstra: renstra_models.Renstra) -> dict[str, Any]:
    indikator = renstra_models.Indikator.objects.filter(renstra=renstra).prefetch_related(
        "targets", "realisasi"
    )
    by_owner: dict[tuple[str, int | None], list[Any]] = defaultdict(list)
    for row in indikator:
        owner = ("tujuan", row.tujuan_id) if row.tujuan_id else ("sasaran", row.sasaran_id)
        by_owner[("item", row.item_id) if row.item_id else owner].append(row)
    tujuan = renstra.tujuan.prefetch_related("sasaran")
    items = list(renstra.items.all())
    return {
        "first_year": renstra.first_year,
        "last_year": renstra.last_year,
        "tujuan": [_tujuan(row, by_owner) for row in tujuan],
        "items": _tree(items, None, lambda item, children: _renstra_item(item, children, by_owner)),
    }


def _tujuan(tujuan: renstra_models.Tujuan, by_owner: dict) -> dict[str, Any]:
    return {
        "name": tujuan.name,
        "indikator": [_renstra_indikator(row) for row in by_owner[("tujuan", tujuan.pk)]],
        "sasaran": [
            {
                "name": sasaran.name,
                "indikator": [_renstra_indikator(row) for row in by_owner[("sasaran", sasaran.pk)]],
            }
            for sasaran in tujuan.sasaran.all()
        ],
    }


def _renstra_indikator(indikator: renstra_models.Indikator) -> dict[str, Any]:
    return {
        "key": indikator.key,
        **_semantics(indikator),
        "kondisi_awal": _value(indikator, indikator.kondisi_awal),
        "kondisi_akhir": _value(indikator, indikator.kondisi_akhir),
        "targets": {row.year: _value(indikator, row.value) for row in indikator.targets.all()},
        "realisasi": {row.year: _realisasi(indikator, row) for row in indikator.realisasi.all()},
    }


def _realisasi(indikator: Any, row: renstra_models.RealisasiTahunan) -> Any:
    if row.note:
        return {"value": _value(indikator, row.value), "note": row.note}
    return _value(indikator, row.value)


def _tree(items: list[Any], parent_id: int | None, build: Any) -> list[dict[str, Any]]:
    """Nest flat items (already in order) under their parents, calling `build` on each."""
    children: dict[int | None, list[Any]] = defaultdict(list)
    for item in items:
        children[item.parent_id].append(item)

    def nest(pid: int | None) -> list[dict[str, Any]]:
        return [build(item, nest(item.pk)) for item in children[pid]]

    return nest(parent_id)


def _item_head(item: Any) -> dict[str, Any]:
    return {"level": item.level, "code": item.code, "name": item.name}


def _renstra_item(item: renstra_models.RenstraItem, children: list, by_owner: dict) -> dict:
    return {
        **_item_head(item),
        "indikator": [_renstra_indikator(row) for row in by_owner[("item", item.pk)]],
        "pagu": {row.year: canonical_decimal(row.amount) for row in item.pagu.all()},
        "children": children,
    }


def _renja(renja: renja_models.Renja) -> dict[str, Any]:
    items = list(
        renja.items.prefetch_related(
            "realisasi_anggaran",
            Prefetch(
                "indikator",
                queryset=renja_models.Indikator.objects.select_related(
                    "renstra_indikator"
                ).prefetch_related("realisasi"),
            ),
        )
    )
    return {
        "year": renja.year,
        "stage": renja.stage,
        "version": renja.version,
        "items": _tree(items, None, _renja_item),
        "narasi": _narasi(renja),
        "laporan_triwulan": [
            {"triwulan": laporan.triwulan, **{f: getattr(laporan, f) for f in LAPORAN_FIELDS}}
            for laporan in renja.laporan.all()
        ],
    }


def _narasi(renja: renja_models.Renja) -> dict[str, Any] | None:
    try:
        narasi = renja.narasi
    except renja_models.RenjaNarasi.DoesNotExist:
        return None
    data = {key: getattr(narasi, key) for key in NARASI_KEYS}
    data["tanggal"] = narasi.tanggal.isoformat() if narasi.tanggal else None
    return data


def _money(value: Any) -> Any:
    return None if value is None else canonical_decimal(value)


def _renja_item(item: renja_models.RenjaItem, children: list) -> dict[str, Any]:
    return {
        **_item_head(item),
        "lokasi": item.lokasi,
        "sumber_dana": item.sumber_dana,
        "catatan_penting": item.catatan_penting,
        "pagu": _money(item.pagu),
        "pagu_n1": _money(item.pagu_n1),
        "realisasi_anggaran": {
            row.triwulan: canonical_decimal(row.amount) for row in item.realisasi_anggaran.all()
        },
        "indikator": [_renja_indikator(row) for row in item.indikator.all()],
        "children": children,
    }


def _renja_indikator(indikator: renja_models.Indikator) -> dict[str, Any]:
    linked = indikator.renstra_indikator
    return {
        **_semantics(indikator),
        "renstra_indikator": linked.key if linked else None,
        "target": _value(indikator, indikator.target),
        "target_n1": _value(indikator, indikator.target_n1),
        "realisasi": {
            row.triwulan: _value(indikator, row.value) for row in indikator.realisasi.all()
        },
    }
