"""`restore` in this process, into the suite's own (empty) test database, SQLite or
PostgreSQL: a sound archive comes back whole; every damaged, forged or hostile archive
and every unsuitable target is refused with a message, and writes nothing."""

import hashlib
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kinerja.accounts.models import Pemda
from kinerja.backup import reader
from kinerja.backup.manifest import ArchiveUnreadable, Refused
from kinerja.backup.restore import restore
from kinerja.backup.tables import backed_up_models
from kinerja.backup.tests.conftest import Source
from kinerja.backup.tests.snapshot import snapshot
from kinerja.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def rewrite(
    archive: Path,
    out: Path,
    *,
    change: Callable[[str, bytes], bytes] = lambda name, content: content,
    add: dict[str, bytes] | None = None,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    consistent: bool = False,
) -> Path:
    """A copy of `archive` with members changed and added; with `consistent`, the
    manifest's sizes and checksums follow the changes (a forger's archive)."""
    with zipfile.ZipFile(archive) as source:
        contents = {name: change(name, source.read(name)) for name in source.namelist()}
    document = json.loads(contents["manifest.json"])
    if consistent:
        data = contents["data.jsonl"]
        document["data"] |= {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for entry in document["files"]:
            content = contents[f"files/{entry['path']}"]
            entry |= {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
    if manifest:
        manifest(document)
    contents["manifest.json"] = json.dumps(document).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in (contents | (add or {})).items():
            target.writestr(name, content)
    return out


def in_data(old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    def change(name: str, content: bytes) -> bytes:
        if name != "data.jsonl":
            return content
        assert old in content
        return content.replace(old, new, 1)

    return change


def nothing_written(media: Path) -> bool:
    empty = not any(model._base_manager.exists() for model in backed_up_models())
    return empty and not (media.exists() and any(media.rglob("*")))


def test_a_sound_archive_comes_back_whole(sqlite_source: Source, media: Path) -> None:
    shown: list[tuple[str, int, int]] = []

    manifest = restore(sqlite_source.archive, lambda *step: shown.append(step))

    assert snapshot() == sqlite_source.snapshot
    assert snapshot()["counts"] == manifest.rows
    total = sum(manifest.rows.values())
    assert shown[-1] == ("Memulihkan baris", total, total)


def test_a_changed_row_fails_the_checksum(sqlite_source: Source, media: Path, tmp_path: Path):
    # The same length, so only the checksum can tell.
    forged = rewrite(
        sqlite_source.archive, tmp_path / "a.zip", change=in_data(b"BKPSDM", b"BKPSDN")
    )

    with pytest.raises(ArchiveUnreadable, match="data.jsonl: checksum SHA-256 tidak cocok"):
        restore(forged)
    assert nothing_written(media)


def test_a_changed_file_fails_the_checksum(sqlite_source: Source, media: Path, tmp_path: Path):
    def change(name: str, content: bytes) -> bytes:
        return content.replace(b"bukti", b"palsu") if name.startswith("files/bukti/") else content

    forged = rewrite(sqlite_source.archive, tmp_path / "a.zip", change=change)

    with pytest.raises(ArchiveUnreadable, match=r"files/bukti/.*checksum SHA-256 tidak cocok"):
        restore(forged)
    assert nothing_written(media)


def test_a_forged_archive_still_meets_the_database_guards(
    sqlite_source: Source, media: Path, tmp_path: Path
) -> None:
    # given: a Renstra target moved out of its period, checksums recomputed
    forged = rewrite(
        sqlite_source.archive,
        tmp_path / "a.zip",
        change=in_data(b'"model": "renstra.target","pk": 1,"fields": {"year": 20',
                       b'"model": "renstra.target","pk": 1,"fields": {"year": 29'),
        consistent=True,
    )  # fmt: skip

    with pytest.raises(Refused, match="Basis data menolak baris renstra.target"):
        restore(forged)
    assert nothing_written(media)


def test_a_failure_while_writing_files_takes_back_files_and_rows(
    sqlite_source: Source, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: the second file breaks off while being written
    chunks = reader.file_chunks
    calls: list[str] = []

    def breaking(archive: Any, entry: dict[str, Any]) -> Any:
        calls.append(entry["path"])
        if len(calls) > 1:
            raise ArchiveUnreadable("terputus")
        return chunks(archive, entry)

    monkeypatch.setattr("kinerja.backup.restore.file_chunks", breaking)

    with pytest.raises(ArchiveUnreadable, match="terputus"):
        restore(sqlite_source.archive)
    assert len(calls) == 2
    assert nothing_written(media)


def test_a_database_with_rows_is_refused(sqlite_source: Source, media: Path) -> None:
    Pemda.objects.create(name="Kabupaten Lain")

    with pytest.raises(Refused, match=r"tidak kosong \(accounts.pemda: 1 baris\)"):
        restore(sqlite_source.archive)
    assert list(Pemda.objects.values_list("name", flat=True)) == ["Kabupaten Lain"]
    assert not media.exists()


def test_a_different_file_already_in_media_root_is_refused(
    sqlite_source: Source, media: Path
) -> None:
    there = media / "impor" / "unggahan-menunggu"
    there.parent.mkdir(parents=True)
    there.write_bytes(b"milik instalasi ini")

    with pytest.raises(Refused, match="sudah ada dengan isi lain"):
        restore(sqlite_source.archive)
    assert there.read_bytes() == b"milik instalasi ini"
    assert not any(model._base_manager.exists() for model in backed_up_models())


def test_the_same_files_already_in_media_root_are_kept(sqlite_source: Source, media: Path) -> None:
    # given: moving to PostgreSQL on the same machine, MEDIA_ROOT stays where it was
    source_media = sqlite_source.side.var_dir / "media"
    for path in source_media.rglob("*"):
        if path.is_file():
            copy = media / path.relative_to(source_media)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(path.read_bytes())

    restore(sqlite_source.archive)

    assert snapshot() == sqlite_source.snapshot


@pytest.mark.parametrize(
    "member",
    [
        "files/../../luar.txt",
        "files/bukti/../../luar.txt",
        "/tmp/luar.txt",  # noqa: S108 (an absolute member name, never written)
        "../luar.txt",
        "files//luar.txt",
        "files/./luar.txt",
        "files/a\\..\\..\\luar.txt",
        "luar.txt",
        "files/",
    ],
)
def test_a_member_outside_files_is_refused(
    sqlite_source: Source, media: Path, tmp_path: Path, member: str
) -> None:
    hostile = rewrite(sqlite_source.archive, tmp_path / "a.zip", add={member: b"isi"})

    with pytest.raises(ArchiveUnreadable, match="bukan anggota arsip cadangan|folder"):
        restore(hostile)
    assert nothing_written(media)
    assert not list(tmp_path.rglob("luar.txt"))


def test_a_link_member_is_refused(sqlite_source: Source, media: Path, tmp_path: Path) -> None:
    link = zipfile.ZipInfo("files/tautan")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    hostile = rewrite(sqlite_source.archive, tmp_path / "a.zip")
    with zipfile.ZipFile(hostile, "a") as archive:
        archive.writestr(link, "/etc/passwd")

    with pytest.raises(ArchiveUnreadable, match="tautan"):
        restore(hostile)
    assert nothing_written(media)


def test_a_file_the_manifest_does_not_list_is_refused(
    sqlite_source: Source, media: Path, tmp_path: Path
) -> None:
    hostile = rewrite(sqlite_source.archive, tmp_path / "a.zip", add={"files/tambahan": b"x"})

    with pytest.raises(ArchiveUnreadable, match="files/tambahan: berkas di arsip yang tidak"):
        restore(hostile)
    assert nothing_written(media)


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (lambda m: m["migrations"]["audit"].append("0099_masa_depan"), "audit.0099_masa_depan"),
        (lambda m: m["migrations"]["renja"].pop(), "hanya di sini: renja."),
    ],
)
def test_another_schema_is_refused_naming_the_difference(
    sqlite_source: Source, media: Path, tmp_path: Path, edit: Any, named: str
) -> None:
    other = rewrite(sqlite_source.archive, tmp_path / "a.zip", manifest=edit)

    with pytest.raises(Refused, match=f"Skema arsip berbeda.*{named}"):
        restore(other)
    assert nothing_written(media)


DEEP = b'{"model": "audit.auditevent","pk": 999,"fields": {"extra_data": ' + b"[" * 100
HOSTILE_ROWS = {
    "too deep": (DEEP + b"]" * 100 + b"}}", "bersarang lebih dari 64"),
    "too wide": (
        b'{"model": "accounts.pemda","pk": 9,"fields": {"name": [' + b"0," * 10**6 + b"0]}}",
        "memuat lebih dari 1000000 nilai",
    ),
    "not JSON": (b'{"model": ', "bukan JSON yang sah"),
    "not a row": (b'["audit.auditevent", 1]', "bukan baris basis data"),
    "a permission": (
        b'{"model": "auth.permission","pk": 999,"fields": {"codename": "semua"}}',
        "tabel 'auth.permission' tidak dikenal",
    ),
    "a session": (
        b'{"model": "sessions.session","pk": "x","fields": {}}',
        "tabel 'sessions.session' tidak dikenal",
    ),
    "an unknown column": (
        b'{"model": "accounts.pemda","pk": 999,"fields": {"is_superuser": true}}',
        "kolom tidak dikenal 'is_superuser'",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE_ROWS))
def test_a_hostile_row_is_refused_before_anything_is_written(
    sqlite_source: Source, media: Path, tmp_path: Path, case: str
) -> None:
    line, message = HOSTILE_ROWS[case]

    def change(name: str, content: bytes) -> bytes:
        return content + line + b"\n" if name == "data.jsonl" else content

    hostile = rewrite(sqlite_source.archive, tmp_path / "a.zip", change=change, consistent=True)

    with pytest.raises(ArchiveUnreadable, match=message):
        restore(hostile)
    assert nothing_written(media)


def test_row_counts_must_match_the_manifest(sqlite_source: Source, media: Path, tmp_path: Path):
    def more(document: dict[str, Any]) -> None:
        document["data"]["rows"]["accounts.pemda"] += 1

    other = rewrite(sqlite_source.archive, tmp_path / "a.zip", manifest=more)

    with pytest.raises(ArchiveUnreadable, match="1 baris accounts.pemda, manifest mencatat 2"):
        restore(other)
    assert nothing_written(media)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"bukan zip sama sekali", "catatan akhir ZIP tidak ditemukan"),
        (b"PK\x05\x06" + b"\0" * 18, "bukan arsip ZIP yang utuh|tidak memuat manifest.json"),
    ],
)
def test_a_file_that_is_no_archive_is_refused(
    media: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "a.zip"
    path.write_bytes(content)

    with pytest.raises(ArchiveUnreadable, match=message):
        restore(path)
    assert nothing_written(media)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.update(format="lain"), "bukan arsip cadangan Kinerja"),
        (lambda m: m.update(version=2), "versi format 2 tidak dikenal"),
        (lambda m: m["files"].append({"path": "x", "sha256": "0"}), "isian files/"),
        (lambda m: m["files"][0].update(path="../../luar"), "tidak ada|tidak aman"),
    ],
)
def test_a_manifest_out_of_format_is_refused(
    sqlite_source: Source, media: Path, tmp_path: Path, edit: Any, message: str
) -> None:
    other = rewrite(sqlite_source.archive, tmp_path / "a.zip", manifest=edit)

    with pytest.raises(ArchiveUnreadable, match=message):
        restore(other)
    assert nothing_written(media)


def test_limits_on_members_ratio_and_row_size(
    sqlite_source: Source, media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zeros = rewrite(sqlite_source.archive, tmp_path / "a.zip", add={"files/nol": bytes(10**6)})
    with pytest.raises(ArchiveUnreadable, match="rasio kompresi lebih dari 1000:1"):
        restore(zeros)

    monkeypatch.setattr(reader, "MAX_MEMBERS", 1)  # the archive has two files
    with pytest.raises(ArchiveUnreadable, match="memuat 4 anggota, batasnya 1 berkas"):
        restore(sqlite_source.archive)
    monkeypatch.undo()

    monkeypatch.setattr(reader, "MAX_ROW_BYTES", 200)
    with pytest.raises(ArchiveUnreadable, match=r"data.jsonl baris \d+: lebih dari 200 bita"):
        restore(sqlite_source.archive)
    assert nothing_written(media)


def test_the_command_says_why_and_exits_2_or_1(
    sqlite_source: Source, media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = rewrite(
        sqlite_source.archive, tmp_path / "a.zip", change=in_data(b"BKPSDM", b"BKPSDN")
    )
    assert run("restore", str(forged)) == 2
    err = capsys.readouterr().err
    assert "tidak dipulihkan, tidak ada yang ditulis" in err
    assert "checksum" in err
    assert "Traceback" not in err

    assert run("restore", str(tmp_path / "tidak-ada.zip")) == 2
    assert "tidak dapat dibaca" in capsys.readouterr().err

    Pemda.objects.create(name="Kabupaten Lain")
    assert run("restore", str(sqlite_source.archive)) == 1
    assert "ditolak, tidak ada yang ditulis: Basis data tujuan tidak kosong" in (
        capsys.readouterr().err
    )


def run(*argv: str) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    return int(exit_info.value.code or 0)
