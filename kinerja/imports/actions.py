"""Apply a validated plan file to the database in one transaction, with its audit row.

`import_plan` is the one entry point: parse, validate, write, or write nothing at all.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.db import DatabaseError, IntegrityError, transaction

from kinerja.accounts.models import PerangkatDaerah
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.imports import plan_yaml
from kinerja.imports.plan_rows import (
    create_renja,
    create_renstra,
    renja_ident,
    upsert_nomenclature,
    upsert_opd,
)
from kinerja.imports.plan_rules import rule_errors
from kinerja.imports.plan_schema import PlanError, PlanRejected, schema_errors
from kinerja.renja import models as renja_models
from kinerja.renstra import models as renstra_models


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
        data = plan_yaml.load(content.decode("utf-8-sig"))
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
        entries = upsert_nomenclature(section, result.counts)
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
    opd = upsert_opd(data["pemda"], data["perangkat_daerah"])
    entries = upsert_nomenclature(data.get("nomenclature"), counts)
    if "renstra" in data:
        renstra = _replace_renstra(opd, data["renstra"], replace)
        indikator_by_key = create_renstra(renstra, data["renstra"], entries, counts)
        for renja in data.get("renja") or []:
            _replace_renja(renstra, renja, replace)
            create_renja(renstra, renja, entries, indikator_by_key, counts)
    for index, renja in enumerate(data.get("renja") or [] if "renstra" not in data else []):
        renstra = _existing_renstra(opd, renja["year"], index)
        entries.edition = entries.edition or renstra.edition
        by_key = {i.key: i for i in renstra.indikator.exclude(key="")}
        _check_keys(renja, by_key, index)
        _replace_renja(renstra, renja, replace)
        create_renja(renstra, renja, entries, by_key, counts)
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


def _replace_renja(renstra: renstra_models.Renstra, data: dict[str, Any], replace: bool) -> None:
    existing = renja_models.Renja.objects.filter(**renja_ident(renstra, data)).first()
    if existing and not replace:
        raise PlanRejected([PlanError("renja", f"{existing} ({data['stage']}) sudah ada")])
    if existing:
        existing.delete()
