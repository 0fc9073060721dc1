"""Apply a validated plan file to the database in one transaction, with its audit row.

`import_plan` is the one entry point: parse, validate, write, or write nothing at all.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from django.db import DatabaseError, IntegrityError, transaction

from kinerja.accounts.models import Pemda, PerangkatDaerah
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.imports import plan_yaml
from kinerja.imports.plan_rules import CODE_PARTS, PARENT_LEVEL, parent_code, rule_errors
from kinerja.imports.plan_schema import PlanError, schema_errors
from kinerja.imports.plan_values import to_db, to_db_or_none
from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.nomenclature import models as nomenclature
from kinerja.renja import models as renja_models
from kinerja.renstra import models as renstra_models

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
SEMANTIC_FIELDS = (
    "name",
    "satuan",
    "jenis",
    "polaritas",
    "sifat",
    "decimals",
    "allows_negative",
    "scale",
)
NARASI_KEYS = (*renja_models.NARASI_FIELDS, "tempat", "tanggal", "cetak_hari")
LAPORAN_FIELDS = (
    "faktor_pendorong",
    "faktor_penghambat",
    "tindak_lanjut",
    "tindak_lanjut_renja",
    "is_example",
)


class PlanRejected(Exception):
    """The file cannot be applied; nothing was written."""

    def __init__(self, errors: list[PlanError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    source: str
    errors: list[PlanError] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    written: bool = False
    perangkat_daerah: PerangkatDaerah | None = None


def read_plan(content: bytes, source: str) -> tuple[Any, list[PlanError]]:
    """Parse and validate a plan file: (data, errors); errors empty means it may be applied."""
    try:
        data = plan_yaml.load(content.decode("utf-8-sig"), source)
    except UnicodeDecodeError:
        return None, [PlanError("", "berkas bukan teks UTF-8")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"baris {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        return None, [PlanError(where, f"YAML tidak dapat dibaca: {problem}")]
    if not isinstance(data, dict):
        return None, [PlanError("", "berkas harus berisi pemetaan (format: kinerja-plan)")]
    errors = schema_errors(data)
    return data, errors or rule_errors(data)


def import_plan(
    content: bytes,
    *,
    source: str,
    acting_user: Any,
    replace: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Read, validate and apply a plan file in one transaction; on any error write nothing."""
    data, errors = read_plan(content, source)
    if errors:
        return ImportResult(source=source, errors=errors)
    return _apply_once(data, source, acting_user, replace=replace, dry_run=dry_run)


def import_data(
    data: dict[str, Any],
    *,
    source: str,
    acting_user: Any,
    replace: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Validate plan data (as a reader mapped it) and apply it like a plan file."""
    errors = schema_errors(data) or rule_errors(data)
    if errors:
        return ImportResult(source=source, errors=errors)
    return _apply_once(data, source, acting_user, replace=replace, dry_run=dry_run)


def _apply_once(
    data: dict[str, Any], source: str, acting_user: Any, *, replace: bool, dry_run: bool
) -> ImportResult:
    """Apply valid data in one transaction (rolled back for a dry run); errors write nothing."""
    result = ImportResult(source=source)

    def apply() -> None:
        result.perangkat_daerah = apply_plan(
            data, acting_user=acting_user, replace=replace, counts=result.counts, source=source
        )

    return _in_one_transaction(result, apply, dry_run=dry_run)


def _in_one_transaction(
    result: ImportResult, apply: Callable[[], None], *, dry_run: bool
) -> ImportResult:
    """Run `apply` atomically; a rejection or a database refusal leaves nothing written."""
    try:
        with transaction.atomic():
            apply()
            if dry_run:
                transaction.set_rollback(True)
    except PlanRejected as rejected:
        result.errors = rejected.errors
    except (IntegrityError, DatabaseError) as error:
        result.errors = [PlanError("", f"basis data menolak isi berkas: {error}")]
    result.written = not result.errors and not dry_run
    return result


def import_nomenclature(
    section: dict[str, Any],
    *,
    source: str,
    acting_user: Any,
    dry_run: bool = False,
) -> ImportResult:
    """Load a nomenclature edition (the plan file's `nomenclature` section) in one transaction.

    Entries are added or renamed; nothing is removed (plans may point to them).
    """
    result = ImportResult(source=source, errors=rule_errors({"nomenclature": section}))
    if result.errors:
        return result

    def apply() -> None:
        entries = _upsert_nomenclature(section, result.counts)
        record(
            acting_user=acting_user,
            event_type=AuditEvent.Type.NOMENCLATURE_IMPORTED,
            obj=entries.edition,  # type: ignore[arg-type]
            extra_data={"source": source, "counts": dict(result.counts)},
        )

    return _in_one_transaction(result, apply, dry_run=dry_run)


@transaction.atomic
def apply_plan(
    data: dict[str, Any],
    *,
    acting_user: Any,
    replace: bool,
    counts: Counter[str],
    source: str = "",
) -> PerangkatDaerah:
    """Write a validated plan file; raise PlanRejected if it would overwrite without `replace`."""
    opd = _upsert_opd(data["pemda"], data["perangkat_daerah"])
    entries = _upsert_nomenclature(data.get("nomenclature"), counts)
    if "renstra" in data:
        renstra = _replace_renstra(opd, data["renstra"], replace)
        indikator_by_key = _create_renstra(renstra, data["renstra"], entries, counts)
        for renja in data.get("renja") or []:
            _create_renja(renstra, renja, entries, indikator_by_key, replace, counts)
    for index, renja in enumerate(data.get("renja") or [] if "renstra" not in data else []):
        renstra = _existing_renstra(opd, renja["year"], index)
        entries.edition = entries.edition or renstra.edition
        by_key = {i.key: i for i in renstra.indikator.exclude(key="")}
        _check_keys(renja, by_key, index)
        _create_renja(renstra, renja, entries, by_key, replace, counts)
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_IMPORTED,
        obj=opd,
        extra_data={"source": source, "replace": replace, "counts": dict(counts)},
    )
    return opd


def _existing_renstra(opd: PerangkatDaerah, year: int, index: int) -> renstra_models.Renstra:
    """The OPD's Renstra covering `year`, for a file that brings a Renja only."""
    renstra = renstra_models.Renstra.objects.filter(
        perangkat_daerah=opd, first_year__lte=year, last_year__gte=year
    ).first()
    if renstra is None:
        raise PlanRejected(
            [
                PlanError(
                    f"renja[{index}].year",
                    f"{opd} belum memiliki Renstra yang mencakup tahun {year}; "
                    "impor Renstra-nya dahulu atau sertakan `renstra` di berkas",
                )
            ]
        )
    return renstra


def _check_keys(renja: dict[str, Any], by_key: dict[str, Any], index: int) -> None:
    unknown = sorted(
        {
            indikator["renstra_indikator"]
            for item in _all_items(renja.get("items") or [])
            for indikator in item.get("indikator") or []
            if indikator.get("renstra_indikator") and indikator["renstra_indikator"] not in by_key
        }
    )
    if unknown:
        raise PlanRejected(
            [PlanError(f"renja[{index}]", f"tidak ada indikator Renstra {', '.join(unknown)}")]
        )


def _all_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x for item in items for x in (item, *_all_items(item.get("children") or []))]


def _upsert_opd(pemda_data: dict[str, Any], opd_data: dict[str, Any]) -> PerangkatDaerah:
    pemda, _ = Pemda.objects.update_or_create(
        name=pemda_data["name"],
        defaults={"code": pemda_data.get("code", ""), "capital": pemda_data.get("capital", "")},
    )
    kepala = opd_data.get("kepala") or {}
    opd, _ = PerangkatDaerah.objects.update_or_create(
        pemda=pemda,
        code=opd_data["code"],
        defaults={
            "name": opd_data["name"],
            "short_name": opd_data.get("short_name", ""),
            "bidang_urusan": opd_data.get("bidang_urusan", []),
            "kepala_title": kepala.get("title", ""),
            "kepala_name": kepala.get("name", ""),
            "kepala_pangkat": kepala.get("pangkat", ""),
            "kepala_nip": kepala.get("nip", ""),
        },
    )
    return opd


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


def _upsert_nomenclature(data: dict[str, Any] | None, counts: Counter[str]) -> Entries:
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


def _replace_renstra(
    opd: PerangkatDaerah, data: dict[str, Any], replace: bool
) -> renstra_models.Renstra:
    existing = renstra_models.Renstra.objects.filter(
        perangkat_daerah=opd, first_year=data["first_year"]
    ).first()
    if existing and not replace:
        raise PlanRejected(
            [
                PlanError(
                    "renstra",
                    f"{existing} sudah ada; impor dengan --replace untuk menggantinya "
                    "(Renstra, Renja dan realisasinya diganti isi berkas)",
                )
            ]
        )
    if existing:
        renja_models.Renja.objects.filter(renstra=existing).delete()
        existing.delete()
    return renstra_models.Renstra.objects.create(
        perangkat_daerah=opd, first_year=data["first_year"], last_year=data["last_year"]
    )


def _create_renstra(
    renstra: renstra_models.Renstra,
    data: dict[str, Any],
    entries: Entries,
    counts: Counter[str],
) -> dict[str, renstra_models.Indikator]:
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


def _create_renja(
    renstra: renstra_models.Renstra,
    data: dict[str, Any],
    entries: Entries,
    by_key: dict[str, renstra_models.Indikator],
    replace: bool,
    counts: Counter[str],
) -> None:
    ident = {
        "perangkat_daerah": renstra.perangkat_daerah,
        "year": data["year"],
        "stage": data["stage"],
        "version": data.get("version", 1),
    }
    existing = renja_models.Renja.objects.filter(**ident).first()
    if existing and not replace:
        raise PlanRejected([PlanError("renja", f"{existing} ({data['stage']}) sudah ada")])
    if existing:
        existing.delete()
    renja = renja_models.Renja.objects.create(renstra=renstra, edition=entries.edition, **ident)
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
