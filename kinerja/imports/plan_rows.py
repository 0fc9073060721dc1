"""Write the rows of a validated plan file: its OPD, its nomenclature, a Renstra's tree
(tujuan, sasaran, items, indikator with yearly figures) and a Renja's (items, indikator,
realisasi, narasi, triwulan reports). `kinerja.imports.actions` decides what is written.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kinerja.accounts.models import Pemda, PerangkatDaerah
from kinerja.imports.plan_rules import CODE_PARTS, PARENT_LEVEL, parent_code
from kinerja.imports.plan_schema import PlanError, PlanRejected
from kinerja.imports.plan_values import to_db, to_db_or_none
from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.nomenclature import models as nomenclature
from kinerja.renja import models as renja_models
from kinerja.renstra import models as renstra_models
from kinerja.renstra.models import SEMANTIC_FIELDS

ENTRY_MODELS: dict[str, Any] = {
    "urusan": nomenclature.Urusan,
    "bidang_urusan": nomenclature.BidangUrusan,
    "program": nomenclature.Program,
    "kegiatan": nomenclature.Kegiatan,
    "sub_kegiatan": nomenclature.SubKegiatan,
}
PARENT_FIELD = {
    "bidang_urusan": "urusan",
    "program": "bidang_urusan",
    "kegiatan": "program",
    "sub_kegiatan": "kegiatan",
}
NARASI_KEYS = (*renja_models.NARASI_FIELDS, "tempat", "tanggal", "cetak_hari")
LAPORAN_FIELDS = (
    "faktor_pendorong",
    "faktor_penghambat",
    "tindak_lanjut",
    "tindak_lanjut_renja",
    "is_example",
)


def upsert_opd(pemda_data: dict[str, Any], opd_data: dict[str, Any]) -> PerangkatDaerah:
    """The pemda and OPD the file names, created or updated with the details the file
    gives. A detail the file leaves out is kept: an agency's Renja names its OPD but not
    its kepala or NIP, and importing it must not erase them."""
    pemda, _ = Pemda.objects.update_or_create(
        name=pemda_data["name"],
        defaults=_present(pemda_data, {"code": "code", "capital": "capital"}),
    )
    kepala = opd_data.get("kepala") or {}
    opd, _ = PerangkatDaerah.objects.update_or_create(
        pemda=pemda,
        code=opd_data["code"],
        defaults={
            "name": opd_data["name"],
            **_present(opd_data, {"short_name": "short_name", "bidang_urusan": "bidang_urusan"}),
            **_present(
                kepala, {f"kepala_{key}": key for key in ("title", "name", "pangkat", "nip")}
            ),
        },
    )
    return opd


def _present(data: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    """Model field → the file's value, for the keys the file has."""
    return {field: data[key] for field, key in fields.items() if key in data}


@dataclass
class Entries:
    """The nomenclature edition of the file and its entries by level and code."""

    edition: nomenclature.Edition | None = None
    by_level: dict[str, dict[str, Any]] = field(default_factory=dict)

    def find(self, level: str, code: str) -> Any:
        if not code or self.edition is None:
            return None
        if code not in self.by_level.setdefault(level, {}):
            model = ENTRY_MODELS[level]
            self.by_level[level][code] = model.objects.filter(
                edition=self.edition, code=code
            ).first()
        return self.by_level[level][code]


def upsert_nomenclature(data: dict[str, Any] | None, counts: Counter[str]) -> Entries:
    """The file's nomenclature edition and entries, added or renamed (never removed)."""
    entries = Entries()
    if not data:
        return entries
    edition_data = data["edition"]
    entries.edition, _ = nomenclature.Edition.objects.update_or_create(
        code=edition_data["code"],
        defaults={
            "name": edition_data.get("name", ""),
            "sub_kegiatan_digits": edition_data.get("sub_kegiatan_digits", 4),
        },
    )
    for level in CODE_PARTS:
        for entry in data.get(level) or []:
            _upsert_entry(entries, level, entry)
            counts["nomenklatur"] += 1
    return entries


def _upsert_entry(entries: Entries, level: str, entry: dict[str, Any]) -> None:
    defaults = {key: value for key, value in entry.items() if key != "code"}
    if level in PARENT_LEVEL:
        parent = entries.find(PARENT_LEVEL[level], parent_code(level, entry["code"]))
        if parent is None:
            raise PlanRejected(
                [PlanError(f"nomenclature.{level}", f"induk kode {entry['code']!r} tidak dikenal")]
            )
        defaults[PARENT_FIELD[level]] = parent
    obj, _ = ENTRY_MODELS[level].objects.update_or_create(
        edition=entries.edition, code=entry["code"], defaults=defaults
    )
    entries.by_level.setdefault(level, {})[entry["code"]] = obj


def create_renstra(
    renstra: renstra_models.Renstra,
    data: dict[str, Any],
    entries: Entries,
    counts: Counter[str],
) -> dict[str, renstra_models.Indikator]:
    """The tree and indikator of a new Renstra; its indikator by key, for the Renja."""
    renstra.edition = entries.edition
    renstra.save(update_fields=["edition"])
    by_key: dict[str, renstra_models.Indikator] = {}
    counts["renstra"] += 1
    for t, tujuan_data in enumerate(data.get("tujuan") or []):
        tujuan = renstra.tujuan.create(name=tujuan_data["name"], order=t)
        counts["tujuan"] += 1
        _renstra_indikator(renstra, tujuan_data, {"tujuan": tujuan}, by_key, counts)
        for s, sasaran_data in enumerate(tujuan_data.get("sasaran") or []):
            sasaran = tujuan.sasaran.create(name=sasaran_data["name"], order=s)
            counts["sasaran"] += 1
            _renstra_indikator(renstra, sasaran_data, {"sasaran": sasaran}, by_key, counts)
    for order, item in enumerate(data.get("items") or []):
        _create_renstra_item(renstra, item, None, order, entries, by_key, counts)
    return by_key


def _semantics(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in SEMANTIC_FIELDS if key in data}


def _renstra_indikator(
    renstra: renstra_models.Renstra,
    owner_data: dict[str, Any],
    owner: dict[str, Any],
    by_key: dict[str, renstra_models.Indikator],
    counts: Counter[str],
) -> None:
    for order, data in enumerate(owner_data.get("indikator") or []):
        scale = data.get("scale") or []
        indikator = renstra_models.Indikator.objects.create(
            renstra=renstra,
            order=order,
            key=data.get("key", ""),
            kondisi_awal=to_db_or_none(data.get("kondisi_awal"), scale),
            kondisi_akhir=to_db_or_none(data.get("kondisi_akhir"), scale),
            **owner,
            **_semantics(data),
        )
        counts["indikator Renstra"] += 1
        if indikator.key:
            by_key[indikator.key] = indikator
        renstra_models.Target.objects.bulk_create(
            renstra_models.Target(indikator=indikator, year=int(year), value=to_db(value, scale))
            for year, value in (data.get("targets") or {}).items()
        )
        renstra_models.RealisasiTahunan.objects.bulk_create(
            _realisasi_tahunan(indikator, int(year), value, scale)
            for year, value in (data.get("realisasi") or {}).items()
        )


def _realisasi_tahunan(
    indikator: renstra_models.Indikator, year: int, value: Any, scale: list[str]
) -> renstra_models.RealisasiTahunan:
    if isinstance(value, dict):
        return renstra_models.RealisasiTahunan(
            indikator=indikator,
            year=year,
            value=to_db_or_none(value.get("value"), scale),
            note=value.get("note", ""),
        )
    return renstra_models.RealisasiTahunan(
        indikator=indikator, year=year, value=to_db(value, scale)
    )


def _item_fields(data: dict[str, Any], entries: Entries, order: int) -> dict[str, Any]:
    level, code = data["level"], data.get("code", "")
    return {
        "level": level,
        "code": code,
        "name": data["name"],
        "order": order,
        f"nomenclature_{level}": entries.find(level, code),
    }


def _create_renstra_item(
    renstra: renstra_models.Renstra,
    data: dict[str, Any],
    parent: renstra_models.RenstraItem | None,
    order: int,
    entries: Entries,
    by_key: dict[str, renstra_models.Indikator],
    counts: Counter[str],
) -> None:
    item = renstra_models.RenstraItem.objects.create(
        renstra=renstra, parent=parent, **_item_fields(data, entries, order)
    )
    counts[f"{data['level'].replace('_', ' ')} Renstra"] += 1
    _renstra_indikator(renstra, data, {"item": item}, by_key, counts)
    renstra_models.Pagu.objects.bulk_create(
        renstra_models.Pagu(item=item, year=int(year), amount=amount)
        for year, amount in (data.get("pagu") or {}).items()
    )
    for child_order, child in enumerate(data.get("children") or []):
        _create_renstra_item(renstra, child, item, child_order, entries, by_key, counts)


def renja_ident(renstra: renstra_models.Renstra, data: dict[str, Any]) -> dict[str, Any]:
    """The fields that name a Renja of the file: OPD, year, stage, version."""
    return {
        "perangkat_daerah": renstra.perangkat_daerah,
        "year": data["year"],
        "stage": data["stage"],
        "version": data.get("version", 1),
    }


def create_renja(
    renstra: renstra_models.Renstra,
    data: dict[str, Any],
    entries: Entries,
    by_key: dict[str, renstra_models.Indikator],
    counts: Counter[str],
) -> renja_models.Renja:
    """A Renja of the file with its items, narasi and triwulan reports."""
    renja = renja_models.Renja.objects.create(
        renstra=renstra, edition=entries.edition, **renja_ident(renstra, data)
    )
    counts["renja"] += 1
    for order, item in enumerate(data.get("items") or []):
        _create_renja_item(renja, item, None, order, entries, by_key, counts)
    if data.get("narasi"):
        renja_models.RenjaNarasi.objects.create(renja=renja, **narasi_to_db(data["narasi"]))
        counts["narasi"] += 1
    LaporanTriwulan.objects.bulk_create(
        LaporanTriwulan(renja=renja, triwulan=laporan["triwulan"], **_laporan_fields(laporan))
        for laporan in data.get("laporan_triwulan") or []
    )
    counts["laporan triwulan"] += len(data.get("laporan_triwulan") or [])
    return renja


def narasi_to_db(data: dict[str, Any]) -> dict[str, Any]:
    """A file's `narasi` as model fields: the date of signing from its ISO text."""
    fields = {key: data[key] for key in NARASI_KEYS if key in data}
    if "tanggal" in fields:
        fields["tanggal"] = date.fromisoformat(fields["tanggal"])
    return fields


def _laporan_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in LAPORAN_FIELDS if key in data}


def _create_renja_item(
    renja: renja_models.Renja,
    data: dict[str, Any],
    parent: renja_models.RenjaItem | None,
    order: int,
    entries: Entries,
    by_key: dict[str, renstra_models.Indikator],
    counts: Counter[str],
) -> None:
    item = renja_models.RenjaItem.objects.create(
        renja=renja,
        parent=parent,
        lokasi=data.get("lokasi", ""),
        sumber_dana=data.get("sumber_dana", ""),
        catatan_penting=data.get("catatan_penting", ""),
        pagu=data.get("pagu"),
        pagu_n1=data.get("pagu_n1"),
        **_item_fields(data, entries, order),
    )
    counts[f"{data['level'].replace('_', ' ')} Renja"] += 1
    for indikator_order, indikator in enumerate(data.get("indikator") or []):
        _create_renja_indikator(item, indikator, indikator_order, by_key, counts)
    RealisasiAnggaran.objects.bulk_create(
        RealisasiAnggaran(item=item, triwulan=int(triwulan), amount=amount)
        for triwulan, amount in (data.get("realisasi_anggaran") or {}).items()
    )
    counts["realisasi anggaran"] += len(data.get("realisasi_anggaran") or {})
    for child_order, child in enumerate(data.get("children") or []):
        _create_renja_item(renja, child, item, child_order, entries, by_key, counts)


def _create_renja_indikator(
    item: renja_models.RenjaItem,
    data: dict[str, Any],
    order: int,
    by_key: dict[str, renstra_models.Indikator],
    counts: Counter[str],
) -> None:
    scale = data.get("scale") or []
    indikator = renja_models.Indikator.objects.create(
        item=item,
        order=order,
        renstra_indikator=by_key.get(data.get("renstra_indikator", "")),
        target=to_db_or_none(data.get("target"), scale),
        target_n1=to_db_or_none(data.get("target_n1"), scale),
        **_semantics(data),
    )
    counts["indikator Renja"] += 1
    RealisasiKinerja.objects.bulk_create(
        RealisasiKinerja(indikator=indikator, triwulan=int(triwulan), value=to_db(value, scale))
        for triwulan, value in (data.get("realisasi") or {}).items()
    )
    counts["realisasi kinerja"] += len(data.get("realisasi") or {})
