"""`kinerja backup`: every row of the database and every file under MEDIA_ROOT into one
archive (format in `manifest.py`), streamed table by table and file by file.

The rows are read in one transaction, a consistent snapshot (REPEATABLE READ on
PostgreSQL); the archive is written under a temporary name and renamed when complete,
so a failed backup never leaves a partial archive under the name asked for.
"""

import contextlib
import hashlib
import os
import secrets
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from kinerja.backup.manifest import (
    DATA,
    FILES,
    MANIFEST,
    MAX_MEMBERS,
    MAX_ROW_BYTES,
    MAX_ROW_VALUES,
    Manifest,
    Refused,
    applied_migrations,
    code_migrations,
    migration_difference,
)
from kinerja.backup.reader import READ_CHUNK, safe_path
from kinerja.backup.rows import write_rows
from kinerja.backup.tables import backed_up_models, rows


@dataclass
class Backup:
    """A written archive: its manifest, and files under MEDIA_ROOT left out (and why)."""

    manifest: Manifest
    skipped: list[str] = field(default_factory=list)


def write_backup(path: Path) -> Backup:
    """Write the archive to `path`; Refused (nothing written) if the database is not at
    this version's schema or `path` lies inside MEDIA_ROOT."""
    media = Path(settings.MEDIA_ROOT).resolve()
    if path.resolve().is_relative_to(media):
        raise Refused(f"{path}: jangan simpan cadangan di dalam MEDIA_ROOT ({media}).")
    state = applied_migrations()
    difference = migration_difference(state, code_migrations())
    if difference:
        raise Refused(
            f"Basis data belum dimigrasikan ke versi Kinerja ini ({difference}). Jalankan "
            "`kinerja serve` sekali (atau manage.py migrate), atau buat cadangan dengan "
            "versi Kinerja sebelumnya."
        )
    manifest = Manifest(
        created=timezone.now().isoformat(), vendor=connection.vendor, migrations=state
    )
    backup = Backup(manifest)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.sebagian")
    try:
        with _zip(partial) as archive:
            with _snapshot():
                _write_data(archive, manifest)
            _write_files(archive, media, backup)
            archive.writestr(_info(MANIFEST), manifest.to_json())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return backup


@contextmanager
def _zip(path: Path) -> Iterator[zipfile.ZipFile]:
    with zipfile.ZipFile(path, "x", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        yield archive


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


@contextmanager
def _snapshot() -> Iterator[None]:
    """One read transaction, so rows written meanwhile are all in or all out."""
    # Only the outermost block owns the transaction (inside a test's it cannot change).
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class _Digest:
    """Where the rows go: each line encoded into the ZIP member, counted and hashed."""

    def __init__(self, member: IO[bytes]) -> None:
        self.member, self.sha256, self.size = member, hashlib.sha256(), 0

    def write(self, text: str) -> int:
        data = text.encode()
        self.member.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(text)


def _write_data(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    with archive.open(_info(DATA), "w", force_zip64=True) as member:
        sink = _Digest(member)
        for model in backed_up_models():
            label = model._meta.label_lower
            manifest.rows[label] = 0
            # Closed here on any error, so PostgreSQL's server-side cursor is closed
            # inside the transaction that declared it.
            with contextlib.closing(rows(model)) as objects:
                counted = _counted(objects, manifest.rows, label)
                write_rows(counted, sink, MAX_ROW_BYTES, MAX_ROW_VALUES)
    manifest.data_sha256, manifest.data_size = sink.sha256.hexdigest(), sink.size


def _counted(
    objects: Iterable[models.Model], counts: dict[str, int], label: str
) -> Iterator[models.Model]:
    for obj in objects:
        counts[label] += 1
        yield obj


def _write_files(archive: zipfile.ZipFile, media: Path, backup: Backup) -> None:
    for path in _media_files(media, backup.skipped):
        relative = path.relative_to(media).as_posix()
        digest, size = hashlib.sha256(), 0
        info = zipfile.ZipInfo.from_file(path, FILES + relative)
        # Stored as they are: evidence and templates (PDF, DOCX, images) are compressed
        # already, and a restore then never meets a ratio its bomb check would refuse.
        info.compress_type = zipfile.ZIP_STORED
        with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as out:
            while chunk := source.read(READ_CHUNK):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
        backup.manifest.files.append({"path": relative, "sha256": digest.hexdigest(), "size": size})


def _media_files(media: Path, skipped: list[str]) -> Iterator[Path]:
    """Every regular file under MEDIA_ROOT, sorted; links and names a restore would
    refuse are left out and listed in `skipped`."""
    count = 0
    for folder, subfolders, names in os.walk(media):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            relative = path.relative_to(media).as_posix()
            if path.is_symlink() or not path.is_file():
                skipped.append(f"{relative} (tautan atau bukan berkas biasa)")
            elif not safe_path(relative):
                skipped.append(f"{relative!r} (nama berkas tidak aman)")
            elif count >= MAX_MEMBERS:
                raise Refused(f"MEDIA_ROOT memuat lebih dari {MAX_MEMBERS} berkas.")
            else:
                count += 1
                yield path
