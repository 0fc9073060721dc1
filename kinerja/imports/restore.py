"""Bring an archived plan back (ADR 0011): the admin pemda's `restore_plan`.

Restoring imports the archive's plan file into its OPD like any import (so whatever now
stands in its place is refused while reviewed, else listed, confirmed and archived in
turn), then puts back what the plan file cannot hold: review statuses and notes, the
evidence files (moved back from the archive folder after commit, checked by sha256) and
the import findings. The OPD's own details stay as they are now.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.imports import plan_yaml
from kinerja.imports.actions import NO_CONSENT, FileFacts, ImportResult, import_data
from kinerja.imports.archive import media_path, move, sha256
from kinerja.imports.export import compact, opd_sections
from kinerja.imports.models import ImportFinding, ReplacedPlan
from kinerja.imports.plan_schema import PlanError
from kinerja.imports.replacing import Consent
from kinerja.monitoring.models import Bukti, LaporanTriwulan
from kinerja.renja.models import Renja
from kinerja.renstra.models import Renstra


def restore_refusal(archive: ReplacedPlan) -> str | None:
    """Why `archive` cannot be restored (already restored, an evidence file gone or
    changed), or None."""
    if archive.restored_at:
        user = archive.restored_by
        who = (user.get_full_name() or user.username) if user else "sistem"
        when = timezone.localtime(archive.restored_at).strftime("%d-%m-%Y %H:%M")
        return f"Arsip ini sudah dipulihkan pada {when} oleh {who}; pulihkan arsip lain bila perlu."
    for evidence in _kept_evidence(archive):
        path = _where(evidence)
        name = evidence["original_name"] or evidence["stored_as"]
        if path is None:
            return f"Berkas bukti {name} tidak ada di folder arsip {archive.folder}."
        if sha256(path) != evidence["sha256"]:
            return f"Berkas bukti {name} di folder arsip {archive.folder} berubah (sha256 berbeda)."
    return None


def _kept_evidence(archive: ReplacedPlan) -> list[dict[str, Any]]:
    """The evidence files the archive holds (a file already missing when archived is not)."""
    return [e for e in archive.manifest.get("bukti", []) if e.get("sha256")]


def _where(evidence: dict[str, Any]) -> Any:
    """The file in the archive, or still in its old place if the move never ran."""
    for name in (evidence["archived_as"], evidence["stored_as"]):
        path = media_path(name)
        if path.is_file():
            return path
    return None


def restore_plan(
    archive: ReplacedPlan,
    *,
    acting_user: Any,
    consent: Consent = NO_CONSENT,
    dry_run: bool = False,
) -> ImportResult:
    """Import the archived plan back into its OPD and put back its statuses, evidence and
    findings; audited. A dry run lists what the restore would replace (`replaced`)."""
    source = f"arsip #{archive.pk}: {archive.label}"
    refusal = restore_refusal(archive)
    if refusal:
        return ImportResult(source=source, errors=[PlanError("", refusal)])
    data = plan_yaml.load(archive.plan_file)
    data |= compact(opd_sections(archive.perangkat_daerah))  # the OPD as it is now, not as it was
    with transaction.atomic():
        result = import_data(
            data, source=source, acting_user=acting_user, replace=True, dry_run=dry_run,
            consent=consent, facts=FileFacts(keep_findings=False),
        )  # fmt: skip
        if result.written:
            _bring_back(archive, acting_user, result)
    return result


def _bring_back(archive: ReplacedPlan, acting_user: Any, result: ImportResult) -> None:
    manifest = archive.manifest
    renjas = {_key(state): _restore_review(archive, state) for state in manifest["renja"]}
    for evidence in _kept_evidence(archive):
        _restore_evidence(renjas[_key(evidence["renja"])], evidence)
    renstra = (
        Renstra.objects.get(perangkat_daerah=archive.perangkat_daerah, first_year=archive.year)
        if archive.kind == ReplacedPlan.Kind.RENSTRA
        else None
    )
    for finding in manifest.get("findings", []):
        owner = renjas[_key(finding["renja"])] if finding["renja"] else None
        _restore_finding(finding, owner, renstra)
    archive.restored_at, archive.restored_by = timezone.now(), acting_user
    archive.save(update_fields=["restored_at", "restored_by"])
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_RESTORED,
        obj=archive,
        extra_data={
            "archive_id": archive.pk,
            "plan": archive.label,
            "renja_ids": [renja.pk for renja in renjas.values()],
            "bukti": len(_kept_evidence(archive)),
            "replaced_archives": [replaced.pk for replaced in result.archives],
        },
    )
    moves = [(e["archived_as"], e["stored_as"]) for e in _kept_evidence(archive)]
    transaction.on_commit(lambda: _move_all(moves))


def _move_all(moves: list[tuple[str, str]]) -> None:
    for source, target in moves:
        move(source, target)


def _key(state: dict[str, Any]) -> tuple[int, str, int]:
    return (state["year"], state["stage"], state["version"])


def _restore_review(archive: ReplacedPlan, state: dict[str, Any]) -> Renja:
    """The restored Renja with its review status and its reports' statuses as they were."""
    renja = Renja.objects.get(
        perangkat_daerah=archive.perangkat_daerah,
        year=state["year"],
        stage=state["stage"],
        version=state["version"],
    )
    Renja.objects.filter(pk=renja.pk).update(
        status=state["status"],
        catatan_verifikasi=state["catatan_verifikasi"],
        status_changed_at=_moment(state["status_changed_at"]),
    )
    for laporan in state["laporan"]:
        LaporanTriwulan.objects.filter(renja=renja, triwulan=laporan["triwulan"]).update(
            status=laporan["status"],
            catatan_verifikasi=laporan["catatan_verifikasi"],
            status_changed_at=_moment(laporan["status_changed_at"]),
        )
    return renja


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _restore_evidence(renja: Renja, evidence: dict[str, Any]) -> None:
    laporan, _ = LaporanTriwulan.objects.get_or_create(renja=renja, triwulan=evidence["triwulan"])
    uploader = get_user_model().objects.filter(pk=evidence["uploaded_by"]).first()
    bukti = Bukti.objects.create(
        laporan=laporan,
        file=evidence["stored_as"],
        original_name=evidence["original_name"],
        description=evidence["description"],
        content_type=evidence["content_type"],
        size=evidence["size"],
        uploaded_by=uploader,
    )
    if evidence["uploaded_at"]:
        Bukti.objects.filter(pk=bukti.pk).update(uploaded_at=_moment(evidence["uploaded_at"]))


def _restore_finding(finding: dict[str, Any], renja: Renja | None, renstra: Renstra | None) -> None:
    users = get_user_model().objects
    row = ImportFinding.objects.create(
        renja=renja,
        renstra=None if renja else renstra,
        source=finding["source"],
        severity=finding["severity"],
        rule=finding["rule"],
        message=finding["message"],
        details=finding["details"],
        acknowledged_by=users.filter(pk=finding["acknowledged_by"]).first(),
        resolved_by=users.filter(pk=finding["resolved_by"]).first(),
        resolved_at=_moment(finding["resolved_at"]),
        resolution=finding["resolution"],
    )
    ImportFinding.objects.filter(pk=row.pk).update(imported_at=_moment(finding["imported_at"]))
