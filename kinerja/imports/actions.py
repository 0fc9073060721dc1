"""Apply a validated plan file to the database in one transaction, with its audit row.

`import_plan` (a plan file) and `import_data` (an agency file as its mapping read it) are
the entry points: parse, validate, write, or write nothing at all. What may be overwritten
and what needs the user's explicit consent (replacing a plan, another agency's file, a
file with errors) is decided here and in `replacing` (ADR 0011, docs/security.md §4–5).
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from kinerja.accounts.access import opds_to_edit
from kinerja.accounts.models import Pemda, PerangkatDaerah
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.evaluation.types import Finding
from kinerja.imports import plan_yaml
from kinerja.imports.models import ImportFinding, ReplacedPlan
from kinerja.imports.ownership import Identity, Target, mismatch
from kinerja.imports.plan_rows import (
    create_renja,
    create_renstra,
    renja_ident,
    upsert_nomenclature,
    upsert_opd,
)
from kinerja.imports.plan_rules import rule_errors
from kinerja.imports.plan_schema import PlanError, PlanRejected, schema_errors
from kinerja.imports.queries import Contents, renja_label, replace_token
from kinerja.imports.replacing import (
    EXISTS_HINT,
    Consent,
    Need,
    Replacing,
    consent_record,
    missing_consent,
)
from kinerja.monitoring.display import finding_json
from kinerja.renja import models as renja_models
from kinerja.renstra import models as renstra_models

# Findings kept with an imported plan (infos are shown at the preview only).
KEPT_SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class FileFacts:
    """What a checked agency file says beyond its plan data: whose it is, its findings."""

    identity: Identity | None = None
    findings: tuple[Finding, ...] = ()
    # False for plan files: their findings are those of the stored plan, recomputed by
    # the Pemeriksaan page, so keeping them would only repeat them.
    keep_findings: bool = True


NO_CONSENT, NO_FACTS = Consent(), FileFacts()


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do), and what it still needs."""

    source: str
    errors: list[PlanError] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    written: bool = False
    perangkat_daerah: PerangkatDaerah | None = None
    replaced: list[Contents] = field(default_factory=list)  # what the import deletes
    replace_token: str = ""  # confirms exactly that list (Consent.replace)
    mismatch: str | None = None  # the file names another agency: both named
    error_findings: int = 0
    needs: list[Need] = field(default_factory=list)  # confirmations still missing
    archives: list[ReplacedPlan] = field(default_factory=list)

    def need(self, kind: str) -> Need | None:
        return next((need for need in self.needs if need.kind == kind), None)


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
    consent: Consent = NO_CONSENT,
) -> ImportResult:
    """Read, validate and apply a plan file in one transaction; on any error write nothing."""
    data, errors = read_plan(content, source)
    if errors:
        return ImportResult(source=source, errors=errors)
    return import_data(
        data, source=source, acting_user=acting_user, replace=replace, dry_run=dry_run,
        consent=consent, facts=FileFacts(keep_findings=False),
    )  # fmt: skip


def import_data(
    data: dict[str, Any],
    *,
    source: str,
    acting_user: Any,
    replace: bool = False,
    dry_run: bool = False,
    consent: Consent = NO_CONSENT,
    facts: FileFacts = NO_FACTS,
    check: Callable[[PerangkatDaerah], None] | None = None,
) -> ImportResult:
    """Validate plan data (as a reader mapped it) and apply it like a plan file.

    A dry run applies and rolls back: it counts what would be written and lists what would
    be replaced (`replaced`, `replace_token`) and which confirmations are missing (`needs`);
    a real run without them writes nothing. `check(opd)` makes it a check's simulation:
    applied as if nothing stood in the way, inspected, rolled back.
    """
    errors = schema_errors(data) or rule_errors(data)
    if errors:
        return ImportResult(source=source, errors=errors)
    result = ImportResult(source=source)
    result.mismatch = _mismatch(data, facts.identity)
    result.error_findings = sum(finding.severity == "error" for finding in facts.findings)
    simulated = check is not None
    if not (dry_run or simulated):
        early = missing_consent(consent, result)
        if early:  # refused before writing anything
            result.needs, result.errors = early, [PlanError("", n.message) for n in early]
            return result
    replacing = Replacing(
        allowed=replace, acting_user=acting_user, source=source, archive=not (dry_run or simulated),
        guarded=not simulated, reviewed_ok=consent.reviewed,
    )  # fmt: skip

    def apply() -> None:
        extra = {"consent": consent_record(consent, result)}
        written = apply_plan(
            data, acting_user=acting_user, replacing=replacing, counts=result.counts,
            source=source, extra=extra,
        )  # fmt: skip
        result.perangkat_daerah = written.opd
        result.replaced, result.archives = replacing.replaced, replacing.archives
        result.replace_token = replace_token(replacing.replaced)
        result.needs = missing_consent(consent, result)
        if check is not None:
            check(written.opd)
        elif result.needs and not dry_run:
            raise PlanRejected([PlanError("", need.message) for need in result.needs])
        elif facts.keep_findings:
            _keep_findings(written, facts, acting_user, source)

    return _in_one_transaction(result, apply, dry_run=dry_run or simulated)


def _mismatch(data: dict[str, Any], identity: Identity | None) -> str | None:
    """The message naming both agencies when the file names another one than the target."""
    if not identity:
        return None
    pemda = Pemda.objects.filter(name=data["pemda"]["name"]).first()
    opd_data = data["perangkat_daerah"]
    opd = PerangkatDaerah.objects.filter(pemda=pemda, code=opd_data["code"]).first()
    target = Target(
        pemda=data["pemda"]["name"],
        pemda_code=(pemda.code if pemda else "") or data["pemda"].get("code", ""),
        opd_code=opd_data["code"],
        opd_name=opd.name if opd else opd_data["name"],
        opd_short_name=(opd.short_name if opd else "") or opd_data.get("short_name", ""),
    )
    return mismatch(identity, target)


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
    if not result.written:
        result.archives = []  # rolled back
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


@dataclass
class Written:
    """What `apply_plan` wrote: the OPD, the file's Renstra (if it had one) and its Renja."""

    opd: PerangkatDaerah
    renstra: renstra_models.Renstra | None = None
    renja: list[renja_models.Renja] = field(default_factory=list)


@transaction.atomic
def apply_plan(
    data: dict[str, Any],
    *,
    acting_user: Any,
    replacing: Replacing,
    counts: Counter[str],
    source: str = "",
    extra: dict[str, Any] | None = None,
) -> Written:
    """Write a validated plan file; what stands in its way goes through `replacing`."""
    written = Written(opd=upsert_opd(data["pemda"], data["perangkat_daerah"]))
    entries = upsert_nomenclature(data.get("nomenclature"), counts)
    if "renstra" in data:
        renstra = _replace_renstra(written.opd, data["renstra"], replacing)
        written.renstra = renstra
        indikator_by_key = create_renstra(renstra, data["renstra"], entries, counts)
        for renja in data.get("renja") or []:
            _replace_renja(renstra, renja, replacing)
            written.renja.append(create_renja(renstra, renja, entries, indikator_by_key, counts))
    for index, renja in enumerate(data.get("renja") or [] if "renstra" not in data else []):
        renstra = _existing_renstra(written.opd, renja["year"], index)
        entries.edition = entries.edition or renstra.edition
        by_key = {i.key: i for i in renstra.indikator.exclude(key="")}
        _check_keys(renja, by_key, index)
        _replace_renja(renstra, renja, replacing)
        written.renja.append(create_renja(renstra, renja, entries, by_key, counts))
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_IMPORTED,
        obj=written.opd,
        extra_data={
            "source": source,
            "replace": replacing.allowed,
            "counts": dict(counts),
            "archives": [archive.pk for archive in replacing.archives],
            **(extra or {}),
        },
    )
    return written


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
    opd: PerangkatDaerah, data: dict[str, Any], replacing: Replacing
) -> renstra_models.Renstra:
    """The file's new Renstra, once every Renstra of the OPD its period overlaps is gone
    (the database refuses overlapping periods; this says so first, naming them)."""
    first, last = data["first_year"], data["last_year"]
    overlapping = renstra_models.Renstra.objects.filter(
        perangkat_daerah=opd, first_year__lte=last, last_year__gte=first
    ).order_by("first_year")
    for existing in overlapping:
        if existing.first_year == first:
            what = f"{existing} sudah ada"
        else:
            what = (
                f"periode {first}–{last} berkas tumpang tindih dengan {existing}, padahal "
                "periode Renstra satu perangkat daerah tidak boleh tumpang tindih"
            )
        replacing.clear(existing, "renstra", f"{what}; {EXISTS_HINT} (Renstra beserta Renja-nya)")
    return renstra_models.Renstra.objects.create(
        perangkat_daerah=opd, first_year=first, last_year=last
    )


def _replace_renja(
    renstra: renstra_models.Renstra, data: dict[str, Any], replacing: Replacing
) -> None:
    existing = renja_models.Renja.objects.filter(**renja_ident(renstra, data)).first()
    if existing is not None:
        replacing.clear(existing, "renja", f"{renja_label(existing)} sudah ada; {EXISTS_HINT}")


def _keep_findings(written: Written, facts: FileFacts, acting_user: Any, source: str) -> None:
    """Keep the file's errors and warnings with the plan it made (Pemeriksaan page)."""
    kept = [finding for finding in facts.findings if finding.severity in KEPT_SEVERITIES]
    owners: list[dict[str, Any]] = (
        [{"renstra": written.renstra}] if written.renstra else [{"renja": r} for r in written.renja]
    )
    ImportFinding.objects.bulk_create(
        ImportFinding(
            **owner,
            source=source[:300],
            severity=finding.severity,
            rule=finding.rule,
            message=finding.message,
            details={k: v for k, v in finding_json(finding).items() if k != "message"},
            acknowledged_by=acting_user if acting_user and acting_user.pk else None,
        )
        for owner in owners
        for finding in kept
    )


@transaction.atomic
def resolve_import_finding(
    finding: ImportFinding, *, acting_user: Any, resolution: str
) -> ImportFinding:
    """Mark a kept finding of an imported file resolved, saying how; audited. Only who
    writes the plan's OPD may; a finding resolved already stays as it was."""
    current = ImportFinding.objects.select_for_update().get(pk=finding.pk)
    plan = current.renja or current.renstra
    if not opds_to_edit(acting_user).filter(pk=plan.perangkat_daerah_id).exists():  # type: ignore[union-attr]
        raise PermissionDenied("Anda tidak berwenang mengubah rencana perangkat daerah ini.")
    if not resolution.strip():
        raise ValueError("Tuliskan bagaimana temuan ini diselesaikan.")
    if current.resolved_at is not None:
        return current
    current.resolved_at, current.resolved_by = timezone.now(), acting_user
    current.resolution = resolution.strip()
    current.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.IMPORT_FINDING_RESOLVED,
        obj=current,
        extra_data={
            "changes": {"resolution": ["", current.resolution]},
            "rule": current.rule,
            "renja_id": current.renja_id,
            "renstra_id": current.renstra_id,
        },
    )
    return current
