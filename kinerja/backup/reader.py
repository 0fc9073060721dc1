"""Reading an archive back as hostile input: bounded before it is opened, every member
checked by name, kind and size, every checksum verified, rows streamed line by line.

Nothing here writes; `restore` calls `verify` before it writes anything, and reads the
rows and files a second time while writing, checking their checksums again.
"""

import hashlib
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kinerja.backup.manifest import (
    DATA,
    FILES,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    MAX_PATH_CHARS,
    MAX_RATIO,
    MAX_ROW_BYTES,
    MAX_ROW_VALUES,
    ArchiveUnreadable,
    Manifest,
    parse_json,
)
from kinerja.backup.tables import Model, serialized_fields

# A ZIP's central directory is read whole by zipfile: bound it before opening.
MAX_DIRECTORY_BYTES = 32 * 1024 * 1024
READ_CHUNK = 1024 * 1024
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"
# NotImplementedError: a ZIP version or compression method zipfile does not know.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)


# progress(stage, rows done, rows in all), called now and then by a long restore.
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 10_000


def quiet(stage: str, done: int, total: int) -> None:
    """No progress shown."""


@dataclass
class Archive:
    """An opened archive whose members and manifest passed the checks."""

    path: Path
    zip: zipfile.ZipFile
    manifest: Manifest

    def size(self, name: str) -> int:
        return self.zip.getinfo(name).file_size


@contextmanager
def open_archive(path: Path) -> Iterator[Archive]:
    """The archive at `path`, its members and manifest checked; ArchiveUnreadable if not."""
    try:
        with path.open("rb") as handle:
            _check_directory(handle)
    except OSError as problem:
        raise ArchiveUnreadable(f"{path}: tidak dapat dibaca: {problem.strerror}.") from None
    try:
        archive = zipfile.ZipFile(path)
    except DAMAGED as problem:
        raise ArchiveUnreadable(f"bukan arsip ZIP yang utuh ({problem}).") from problem
    with archive:
        try:
            _check_members(archive.infolist())
            manifest = _read_manifest(archive)
            _check_listed(archive, manifest)
        except DAMAGED as problem:
            raise ArchiveUnreadable(f"bukan arsip ZIP yang utuh ({problem}).") from problem
        # Outside the try: the caller's own errors are not the archive's.
        yield Archive(path, archive, manifest)


def _check_directory(handle: IO[bytes]) -> None:
    """Refuse a ZIP whose end record declares too many members or too large a directory."""
    handle.seek(0, 2)
    end = handle.tell()
    handle.seek(max(0, end - 65_557))
    tail = handle.read()
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < 22:
        raise ArchiveUnreadable("bukan arsip ZIP (catatan akhir ZIP tidak ditemukan).")
    members = int.from_bytes(tail[at + 10 : at + 12], "little")
    directory = int.from_bytes(tail[at + 12 : at + 16], "little")
    locator = tail[at - 20 : at] if at >= 20 else b""
    if locator.startswith(_END64_LOCATOR):
        handle.seek(int.from_bytes(locator[8:16], "little"))
        record = handle.read(56)
        if record.startswith(_END64):
            members = int.from_bytes(record[32:40], "little")
            directory = int.from_bytes(record[40:48], "little")
    if members > MAX_MEMBERS + 2:
        raise ArchiveUnreadable(f"arsip memuat {members} anggota, batasnya {MAX_MEMBERS} berkas.")
    if directory > MAX_DIRECTORY_BYTES:
        raise ArchiveUnreadable(
            f"daftar isi arsip {directory} bita, batasnya {MAX_DIRECTORY_BYTES} bita."
        )


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    names = Counter(info.filename for info in infos)
    twice = sorted(name for name, count in names.items() if count > 1)
    if twice:
        raise ArchiveUnreadable(f"{twice[0]}: anggota arsip muncul lebih dari sekali.")
    if len(infos) > MAX_MEMBERS + 2:
        raise ArchiveUnreadable(
            f"arsip memuat {len(infos)} anggota, batasnya {MAX_MEMBERS} berkas."
        )
    for info in infos:
        problem = _member_problem(info)
        if problem:
            raise ArchiveUnreadable(f"{info.filename!r}: {problem}; tidak ada yang ditulis.")


def _member_problem(info: zipfile.ZipInfo) -> str:
    name = info.filename
    known = name in (MANIFEST, DATA) or (name.startswith(FILES) and safe_path(name[len(FILES) :]))
    if not known:
        return (
            "bukan anggota arsip cadangan (hanya manifest.json, data.jsonl, files/…) "
            "atau jalurnya tidak aman"
        )
    if info.is_dir() or stat.S_ISLNK(info.external_attr >> 16):
        return "anggota arsip berupa folder atau tautan, bukan berkas"
    if info.flag_bits & 0x1:
        return "anggota arsip terenkripsi"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return "metode kompresi tidak dikenal"
    if info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"rasio kompresi lebih dari {MAX_RATIO}:1 (bom ZIP?)"
    return ""


def safe_path(relative: str) -> bool:
    """True for a plain relative path under MEDIA_ROOT: no absolute path, no `..`, no
    empty or `.` part, no backslash or control character (no "zip slip")."""
    parts = relative.split("/")
    return (
        0 < len(relative) <= MAX_PATH_CHARS
        and all(part not in ("", ".", "..") for part in parts)
        and not any(char == "\\" or ord(char) < 32 or ord(char) == 127 for char in relative)
    )


def _read_manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise ArchiveUnreadable(f"arsip tidak memuat {MANIFEST}.") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise ArchiveUnreadable(f"{MANIFEST}: lebih dari {MAX_MANIFEST_BYTES} bita.")
    with archive.open(info) as stream:
        return Manifest.from_json(stream.read(MAX_MANIFEST_BYTES + 1))


def _check_listed(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    """The members are exactly the data file and the files the manifest lists, at the
    sizes it lists."""
    sizes = {info.filename: info.file_size for info in archive.infolist()}
    if sizes.get(DATA) != manifest.data_size:
        raise ArchiveUnreadable(f"{DATA}: tidak ada, atau ukurannya bukan yang dicatat manifest.")
    listed = {FILES + entry["path"]: entry["size"] for entry in manifest.files}
    if len(listed) != len(manifest.files):
        raise ArchiveUnreadable(f"{MANIFEST}: sebuah berkas tercatat lebih dari sekali.")
    for name, size in listed.items():
        if not safe_path(name[len(FILES) :]):
            raise ArchiveUnreadable(f"{MANIFEST}: jalur berkas tidak aman: {name!r}.")
        if sizes.get(name) != size:
            raise ArchiveUnreadable(f"{name}: tidak ada, atau ukurannya bukan yang dicatat.")
    extra = sorted(set(sizes) - set(listed) - {MANIFEST, DATA})
    if extra:
        raise ArchiveUnreadable(f"{extra[0]}: berkas di arsip yang tidak dicatat manifest.")


def verify(archive: Archive, models: dict[str, Model], progress: Progress = quiet) -> None:
    """Read the whole archive once: every row well-formed and of a known table, the row
    counts, sizes and checksums those of the manifest. ArchiveUnreadable otherwise."""
    unknown = sorted(set(archive.manifest.rows) - set(models))
    if unknown:
        raise ArchiveUnreadable(f"{MANIFEST}: tabel tidak dikenal versi ini: {unknown[0]}.")
    total = sum(archive.manifest.rows.values())
    counts: Counter[str] = Counter()
    for number, row in rows(archive, models):
        counts[row["model"]] += 1
        if number % PROGRESS_EVERY == 0:
            progress("Memeriksa arsip", number, total)
    for label, count in archive.manifest.rows.items():
        if counts[label] != count:
            raise ArchiveUnreadable(
                f"{DATA}: {counts[label]} baris {label}, manifest mencatat {count}."
            )
    for entry in archive.manifest.files:
        for _chunk in file_chunks(archive, entry):
            pass


def rows(archive: Archive, models: dict[str, Model]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row) of data.jsonl, each row checked for shape; the data file's
    checksum is compared when the last line has been read."""
    digest = hashlib.sha256()
    with _member(archive, DATA) as stream:
        number = 0
        while line := stream.readline(MAX_ROW_BYTES + 1):
            number += 1
            if len(line) > MAX_ROW_BYTES:
                raise ArchiveUnreadable(f"{DATA} baris {number}: lebih dari {MAX_ROW_BYTES} bita.")
            digest.update(line)
            row = parse_json(line, f"{DATA} baris {number}", MAX_ROW_VALUES)
            yield number, _row(row, number, models)
    _same_digest(digest, archive.manifest.data_sha256, DATA)


def _row(row: Any, number: int, models: dict[str, Model]) -> dict[str, Any]:
    where = f"{DATA} baris {number}"
    if not isinstance(row, dict) or set(row) != {"model", "pk", "fields"}:
        raise ArchiveUnreadable(f"{where}: bukan baris basis data (model, pk, fields).")
    if row["model"] not in models or not isinstance(row["fields"], dict):
        raise ArchiveUnreadable(f"{where}: tabel {str(row['model'])[:60]!r} tidak dikenal.")
    unknown = set(row["fields"]) - serialized_fields(models[row["model"]])
    if unknown:
        raise ArchiveUnreadable(f"{where}: kolom tidak dikenal {sorted(unknown)[0][:60]!r}.")
    return row


def file_chunks(archive: Archive, entry: dict[str, Any]) -> Iterator[bytes]:
    """The content of a listed file in chunks; its size and checksum are compared at
    the end (ArchiveUnreadable if they differ)."""
    name = FILES + entry["path"]
    digest, size = hashlib.sha256(), 0
    with _member(archive, name) as stream:
        while chunk := stream.read(READ_CHUNK):
            size += len(chunk)
            digest.update(chunk)
            yield chunk
    if size != entry["size"]:
        raise ArchiveUnreadable(f"{name}: {size} bita, manifest mencatat {entry['size']}.")
    _same_digest(digest, entry["sha256"], name)


@contextmanager
def _member(archive: Archive, name: str) -> Iterator[IO[bytes]]:
    try:
        with archive.zip.open(name) as stream:
            yield stream
    except DAMAGED as problem:
        raise ArchiveUnreadable(f"{name}: rusak di dalam arsip ({problem}).") from problem


def _same_digest(digest: Any, expected: str, name: str) -> None:
    if digest.hexdigest() != expected:
        raise ArchiveUnreadable(
            f"{name}: checksum SHA-256 tidak cocok dengan manifest (arsip rusak atau diubah)."
        )
