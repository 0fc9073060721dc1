"""`kinerja restore`: an archive into an empty database of either kind, in one transaction.

Order (ADR 0014): the archive is checked whole (members, manifest, every checksum) and
its schema compared with this version before anything is written; the target must have
no rows and no conflicting files; then `migrate` creates the tables of an empty
database, the rows go in table by table (parents first, the database's guards on), ids
are kept and sequences moved past them, the files are written and checked again, and
the transaction commits only if all of it succeeded.
"""

import contextlib
import hashlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from kinerja.backup import rows as row_codec
from kinerja.backup.manifest import (
    ArchiveUnreadable,
    Manifest,
    Refused,
    applied_migrations,
    code_migrations,
    migration_difference,
)
from kinerja.backup.reader import (
    READ_CHUNK,
    Archive,
    Progress,
    file_chunks,
    open_archive,
    quiet,
    rows,
    verify,
)
from kinerja.backup.tables import CHUNK, Model, backed_up_models

UNDECODABLE: tuple[type[Exception], ...] = (DeserializationError, FieldDoesNotExist)
UNDECODABLE += (ObjectDoesNotExist, ValidationError, ValueError, TypeError, KeyError)


def restore(path: Path, progress: Progress = quiet) -> Manifest:
    """Restore the archive at `path`; ArchiveUnreadable or Refused, writing nothing."""
    models = {model._meta.label_lower: model for model in backed_up_models()}
    with open_archive(path) as archive:
        manifest = archive.manifest
        _same_schema(manifest.migrations, code_migrations(), "versi Kinerja ini")
        verify(archive, models, progress)
        _target_is_empty(models)
        targets = _file_targets(manifest)
        call_command("migrate", verbosity=0, interactive=False)
        _same_schema(manifest.migrations, applied_migrations(), "basis data tujuan")
        _load(archive, models, targets, progress)
    return manifest


def _same_schema(archive: dict[str, list[str]], here: dict[str, list[str]], whose: str) -> None:
    difference = migration_difference(archive, here)
    if difference:
        raise Refused(
            f"Skema arsip berbeda dengan {whose} ({difference}). Pulihkan dengan versi "
            "Kinerja yang membuat cadangan ini, lalu perbarui Kinerja seperti biasa."
        )


def _target_is_empty(models: dict[str, Model]) -> None:
    tables = set(connection.introspection.table_names())
    filled = [
        f"{label}: {model._base_manager.count()} baris"
        for label, model in models.items()
        if model._meta.db_table in tables and model._base_manager.exists()
    ]
    if filled:
        raise Refused(
            f"Basis data tujuan tidak kosong ({', '.join(filled[:5])}). Pemulihan hanya ke "
            "basis data kosong: buat basis data baru dan arahkan DATABASE_URL ke sana."
        )


def _file_targets(manifest: Manifest) -> dict[str, Path]:
    """Where each file of the archive goes, leaving out those already there byte for
    byte (moving to PostgreSQL on the same machine keeps MEDIA_ROOT); Refused when one
    would replace a different file, or the disk has no room."""
    root = Path(settings.MEDIA_ROOT).resolve()
    targets: dict[str, Path] = {}
    for entry in manifest.files:
        target = (root / entry["path"]).resolve()
        if not target.is_relative_to(root):
            raise ArchiveUnreadable(f"files/{entry['path']}: di luar MEDIA_ROOT.")
        if target.is_symlink() or (target.exists() and not _same_file(target, entry)):
            raise Refused(
                f"{target} sudah ada dengan isi lain. Pemulihan tidak menimpa berkas: "
                "pindahkan isi MEDIA_ROOT atau arahkan KINERJA_VAR_DIR ke folder baru."
            )
        if not target.exists():
            targets[entry["path"]] = target
    needed = sum(entry["size"] for entry in manifest.files if entry["path"] in targets)
    free = shutil.disk_usage(_existing_parent(root)).free
    if needed > free:
        raise Refused(f"Ruang disk di {root} tidak cukup: perlu {needed} bita, ada {free}.")
    return targets


def _same_file(path: Path, entry: dict[str, Any]) -> bool:
    if not path.is_file() or path.stat().st_size != entry["size"]:
        return False
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest() == entry["sha256"]


def _existing_parent(path: Path) -> Path:
    while not path.exists():
        path = path.parent
    return path


def _load(
    archive: Archive, models: dict[str, Model], targets: dict[str, Path], progress: Progress
) -> None:
    written: list[Path] = []
    try:
        with transaction.atomic():
            _insert_rows(archive, models, progress)
            _finish_tables(archive.manifest, list(models.values()))
            _write_files(archive, targets, written)
    except BaseException:
        for path in reversed(written):  # files, then the folders made for them
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink(missing_ok=True)
        raise


def _insert_rows(archive: Archive, models: dict[str, Model], progress: Progress) -> None:
    total = sum(archive.manifest.rows.values())
    for label, first, batch in _batches(archive, models):
        model = models[label]
        last = first + len(batch) - 1
        progress("Memulihkan baris", last, total)
        where = f"{label} (data.jsonl baris {first}–{last})"
        try:
            objects = row_codec.decode(batch, using=connection.alias)
        except UNDECODABLE as problem:
            raise ArchiveUnreadable(f"{where}: nilai tidak dapat dibaca: {problem}") from None
        try:
            row_codec.insert(model, objects, connection)
        except DatabaseError as problem:
            raise Refused(f"Basis data menolak baris {where}: {problem}") from None


def _batches(
    archive: Archive, models: dict[str, Model]
) -> Iterator[tuple[str, int, list[dict[str, Any]]]]:
    """Consecutive rows of one table, at most CHUNK at a time: (label, first line, rows)."""
    label, first, batch = "", 0, list[dict[str, Any]]()
    for number, row in rows(archive, models):
        if batch and (row["model"] != label or len(batch) >= CHUNK):
            yield label, first, batch
            batch = []
        if not batch:
            label, first = row["model"], number
        batch.append(row)
    if batch:
        yield label, first, batch


def _finish_tables(manifest: Manifest, models: list[Model]) -> None:
    """Check every reference now, move the id sequences past the restored ids, and
    compare the row counts with the manifest."""
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
    except DatabaseError as problem:
        raise Refused(f"Basis data menolak rujukan antarbaris arsip: {problem}") from None
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    for model in models:
        label = model._meta.label_lower
        count, expected = model._base_manager.count(), manifest.rows.get(label, 0)
        if count != expected:
            raise Refused(f"{label}: {count} baris dipulihkan, manifest mencatat {expected}.")


def _write_files(archive: Archive, targets: dict[str, Path], written: list[Path]) -> None:
    """Each file through a temporary name beside it, renamed once its checksum held."""
    for entry in archive.manifest.files:
        target = targets.get(entry["path"])
        if target is None:  # already there, byte for byte
            continue
        _make_folders(target.parent, written)
        partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.pulih")
        written.append(partial)
        with partial.open("xb") as out:
            for chunk in file_chunks(archive, entry):
                out.write(chunk)
        os.replace(partial, target)
        written.append(target)


def _make_folders(folder: Path, written: list[Path]) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        written.append(path)
