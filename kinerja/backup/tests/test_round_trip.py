"""`kinerja backup` on one installation, `kinerja restore` on another, each in a process
of its own: SQLite → SQLite, PostgreSQL → PostgreSQL and SQLite → PostgreSQL (moving up)
give byte-identical plan files of every OPD, identical audit rows (every field, ids and
times included), identical files by checksum, and row counts equal to the manifest.

PostgreSQL is the server of DATABASE_URL when the suite runs on it, else 127.0.0.1:5432.
"""

import json
import zipfile
from pathlib import Path
from typing import Any

from kinerja.backup.tests.conftest import Side, Source, sqlite_side

# New rows after a restore: the id sequences must have moved past the restored ids.
WRITE_AFTER_RESTORE = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
django.setup()
from kinerja.accounts.models import Pemda, User
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
pemda = Pemda.objects.create(name="Kota Baru")
event = record(acting_user=User.objects.get(username="admin"), event_type="opd_saved", obj=pemda)
assert event.pk > max(AuditEvent.objects.exclude(pk=event.pk).values_list("pk", flat=True))
print("ok", event.pk)
"""


def manifest_rows(archive: Path) -> dict[str, int]:
    with zipfile.ZipFile(archive) as opened:
        return json.loads(opened.read("manifest.json"))["data"]["rows"]


def restored(source: dict[str, Any], archive: Path, target: Side) -> dict[str, Any]:
    """Restore `archive` on `target`, check it against the source's snapshot, return it."""
    done = target.kinerja("restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "dipulihkan" in done.stdout
    after = target.snapshot()
    for part in ("plans", "audit", "files", "templates", "counts"):
        assert after[part] == source[part], part
    assert after["counts"] == manifest_rows(archive)
    return after


def assert_rich(snapshot: dict[str, Any]) -> None:
    """The dataset holds what the round trip is meant to prove."""
    counts = snapshot["counts"]
    assert len([key for key in snapshot["plans"] if key.count("/") == 1]) == 2  # two OPDs
    assert counts["monitoring.realisasikinerja"] > 100
    assert counts["audit.auditevent"] >= 15
    assert counts["monitoring.bukti"] == counts["documents.wordtemplate"] == 1
    assert counts["accounts.user_groups"] == counts["auth.group_permissions"] == 1
    assert any(path.startswith("bukti/") for path in snapshot["files"])
    assert all(len(row["event_time"]) > 26 for row in snapshot["audit"])  # microseconds


def test_sqlite_to_sqlite(sqlite_source: Source, tmp_path: Path) -> None:
    assert_rich(sqlite_source.snapshot)

    restored(sqlite_source.snapshot, sqlite_source.archive, sqlite_side(tmp_path / "tujuan"))


def test_sqlite_to_postgresql_moves_up(sqlite_source: Source, postgres: Any, tmp_path: Path):
    target = Side(postgres(), tmp_path / "tujuan")

    restored(sqlite_source.snapshot, sqlite_source.archive, target)

    written = target.run("-c", WRITE_AFTER_RESTORE)
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith("ok")


def test_postgresql_to_postgresql(postgres: Any, tmp_path: Path) -> None:
    # given: the dataset built on PostgreSQL and backed up there
    source = Side(postgres(), tmp_path / "sumber")
    source.build()
    before = source.snapshot()
    assert_rich(before)
    archive = tmp_path / "cadangan-postgresql.zip"
    done = source.kinerja("backup", "-o", str(archive))
    assert done.returncode == 0, done.stderr

    # when/then: restored into another PostgreSQL database, the same; and writable
    target = Side(postgres(), tmp_path / "tujuan")
    restored(before, archive, target)
    written = target.run("-c", WRITE_AFTER_RESTORE)
    assert written.returncode == 0, written.stderr


def test_an_archive_restored_and_backed_up_again_holds_the_same_rows(
    sqlite_source: Source, tmp_path: Path
) -> None:
    target = sqlite_side(tmp_path / "tujuan")
    restored(sqlite_source.snapshot, sqlite_source.archive, target)

    again = tmp_path / "lagi.zip"
    assert target.kinerja("backup", "-o", str(again)).returncode == 0

    with zipfile.ZipFile(sqlite_source.archive) as first, zipfile.ZipFile(again) as second:
        assert first.read("data.jsonl") == second.read("data.jsonl")
        assert sorted(first.namelist()) == sorted(second.namelist())
