"""The archive of replaced plans (ADR 0011): `archive_plan` keeps a Renja or a Renstra
restorable just before an import deletes it.

An archive is a `ReplacedPlan` row (the plan file and the manifest, so the database backup
holds it) and a folder under MEDIA_ROOT/arsip/ (so the backup of MEDIA_ROOT holds it too):
`rencana.yaml`, `manifest.json` and the evidence files, moved there, never copied and
never deleted. Disk changes happen only once the transaction commits
(`transaction.on_commit`): a rolled-back import leaves every file where it was. Should the
process die between the commit and the move, the manifest still names each file's old
place, where restoring finds it.
"""

import hashlib
import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.imports import plan_yaml
from kinerja.imports.export import export_plan, export_renja
from kinerja.imports.models import ImportFinding, ReplacedPlan
from kinerja.imports.queries import Contents, renja_label
from kinerja.monitoring.models import Bukti
from kinerja.renja.models import Renja
from kinerja.renstra.models import Renstra

logger = logging.getLogger(__name__)
ARCHIVE_DIR = "arsip"
PLAN_FILE, MANIFEST = "rencana.yaml", "manifest.json"
MANIFEST_FORMAT = {"format": "kinerja-arsip", "version": 1}


def archive_plan(
    plan: Renja | Renstra, contents: Contents, *, acting_user: Any, source: str
) -> ReplacedPlan:
    """Archive `plan` (a Renja, or a Renstra with its Renja) and delete it; audited.

    Call inside the replacing transaction, after the refusal rule (`Contents.refusal`)."""
    opd = plan.perangkat_daerah
    renjas = [plan] if isinstance(plan, Renja) else list(plan.renja.all())
    data = export_renja(plan) if isinstance(plan, Renja) else export_plan(opd, plan)
    folder = _new_folder(opd.pemda_id, opd.pk)
    manifest = {
        **MANIFEST_FORMAT,
        "kind": contents.kind,
        "label": contents.label,
        "contents": contents.fingerprint(),
        "groups": contents.groups(),  # the deletion list as the replace screen showed it
        "renja": [_review_state(renja) for renja in renjas],
        "bukti": [_evidence(bukti, folder) for bukti in _bukti_of(renjas)],
        "findings": _findings(plan, renjas),
    }
    archive = ReplacedPlan.objects.create(
        pemda_id=opd.pemda_id,
        perangkat_daerah=opd,
        kind=contents.kind,
        label=contents.label,
        **_slot(plan),
        plan_file=plan_yaml.dump(data),
        manifest=manifest,
        folder=folder,
        source=source[:300],
        replaced_by=acting_user,
    )
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.PLAN_REPLACED,
        obj=archive,
        extra_data={
            "archive_id": archive.pk,
            "folder": folder,
            "source": source,
            "plan": contents.label,
            "deleted": contents.lines(),
        },
    )
    _delete(plan, renjas)
    transaction.on_commit(lambda: write_folder(archive))
    return archive


def _new_folder(pemda_id: int, opd_id: int) -> str:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return f"{ARCHIVE_DIR}/{pemda_id}/{opd_id}/{stamp}-{secrets.token_hex(4)}"


def _slot(plan: Renja | Renstra) -> dict[str, Any]:
    if isinstance(plan, Renja):
        return {"year": plan.year, "stage": plan.stage, "version": plan.version}
    return {"year": plan.first_year, "last_year": plan.last_year}


def renja_key(renja: Renja) -> dict[str, Any]:
    """How the manifest names a Renja: its year, stage and version inside the OPD."""
    return {"year": renja.year, "stage": renja.stage, "version": renja.version}


def _review_state(renja: Renja) -> dict[str, Any]:
    """What review did to a Renja and its reports: not in the plan file, kept here."""
    return {
        **renja_key(renja),
        "label": renja_label(renja),
        "status": renja.status,
        "catatan_verifikasi": renja.catatan_verifikasi,
        "status_changed_at": _iso(renja.status_changed_at),
        "laporan": [
            {
                "triwulan": laporan.triwulan,
                "status": laporan.status,
                "catatan_verifikasi": laporan.catatan_verifikasi,
                "status_changed_at": _iso(laporan.status_changed_at),
            }
            for laporan in renja.laporan.order_by("triwulan")
        ],
    }


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def _bukti_of(renjas: list[Renja]) -> list[Bukti]:
    return list(
        Bukti.objects.filter(laporan__renja__in=renjas)
        .select_related("laporan__renja", "uploaded_by")
        .order_by("laporan__renja_id", "laporan__triwulan", "id")
    )


def _evidence(bukti: Bukti, folder: str) -> dict[str, Any]:
    """An evidence file as the manifest keeps it: its row's fields, its place before and
    in the archive, its size and checksum (None when the file was already missing)."""
    stored_as = bukti.file.name
    path = media_path(stored_as)
    return {
        "renja": renja_key(bukti.laporan.renja),
        "triwulan": bukti.laporan.triwulan,
        "stored_as": stored_as,
        "archived_as": f"{folder}/{stored_as}",
        "original_name": bukti.original_name,
        "description": bukti.description,
        "content_type": bukti.content_type,
        "size": bukti.size,
        "sha256": sha256(path) if path.is_file() else None,
        "uploaded_at": _iso(bukti.uploaded_at),
        "uploaded_by": bukti.uploaded_by_id,
    }


def _findings(plan: Renja | Renstra, renjas: list[Renja]) -> list[dict[str, Any]]:
    of_renstra = Q(renstra=plan) if isinstance(plan, Renstra) else Q(pk__in=[])
    rows = ImportFinding.objects.filter(Q(renja__in=renjas) | of_renstra)
    return [
        {
            "renja": renja_key(row.renja) if row.renja else None,
            "source": row.source,
            "severity": row.severity,
            "rule": row.rule,
            "message": row.message,
            "details": row.details,
            "acknowledged_by": row.acknowledged_by_id,
            "imported_at": _iso(row.imported_at),
            "resolved_by": row.resolved_by_id,
            "resolved_at": _iso(row.resolved_at),
            "resolution": row.resolution,
        }
        for row in rows.select_related("renja").order_by("id")
    ]


def _delete(plan: Renja | Renstra, renjas: list[Renja]) -> None:
    """The rows go now; their evidence files are moved by `write_folder` after commit."""
    for renja in renjas:
        renja.delete()
    if isinstance(plan, Renstra):
        plan.delete()


# --- disk, after commit ------------------------------------------------------------------


def media_path(name: str) -> Path:
    """The file `name` (relative, as FileFields store it) under MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / name).resolve()
    if root not in path.parents:
        raise ValueError(f"{name!r} is outside MEDIA_ROOT")
    return path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_folder(archive: ReplacedPlan) -> None:
    """Write the archive's folder and move its evidence files in (once committed)."""
    folder = media_path(archive.folder)
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(folder / PLAN_FILE, archive.plan_file)
    _write_atomically(
        folder / MANIFEST, json.dumps(archive.manifest, ensure_ascii=False, indent=2) + "\n"
    )
    for evidence in archive.manifest.get("bukti", []):
        move(evidence["stored_as"], evidence["archived_as"])


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def move(source: str, target: str) -> None:
    """Move a file inside MEDIA_ROOT; done already (only the target exists) is fine."""
    origin, destination = media_path(source), media_path(target)
    if origin.is_file():
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(origin, destination)
    elif not destination.is_file():
        logger.warning("evidence file %s is neither at %s nor in the archive", source, target)
