"""`write_backup` and `kinerja backup` in this process, on the suite's database: which
tables it holds and in what order, the archive's members and manifest, tree rows parents
first, and the refusals that leave no archive behind."""

import hashlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from kinerja.backup import archive as backup_archive
from kinerja.backup.archive import write_backup
from kinerja.backup.manifest import Refused, applied_migrations
from kinerja.backup.tables import backed_up_models, foreign_keys, rows
from kinerja.backup.tests.conftest import Side, Source
from kinerja.cli import main
from kinerja.renja.models import Renja, RenjaItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "bukti" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "bukti" / "2026" / "a.pdf").write_bytes(b"%PDF bukti")
    return settings.MEDIA_ROOT


def test_every_table_is_kept_but_those_migrate_recreates_and_sessions():
    kept = {model._meta.label_lower for model in backed_up_models()}
    every = {model._meta.label_lower for model in apps.get_models(include_auto_created=True)}

    not_kept = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    login_records = {label for label in every if label.startswith("axes.")}  # django-axes
    assert every - kept == not_kept | login_records
    assert {"accounts.user_groups", "auth.group_permissions", "admin.logentry"} <= kept


def test_each_table_comes_after_the_tables_it_refers_to():
    order = [model._meta.label_lower for model in backed_up_models()]
    for position, model in enumerate(backed_up_models()):
        for field in foreign_keys(model):
            label = field.related_model._meta.label_lower
            assert label not in order or order.index(label) <= position, (model, label)


def test_tree_rows_come_parents_first_whatever_their_ids(renja_a: Renja):
    # given: a kegiatan moved under a program created after it (its id is lower)
    moved = renja_a.items.filter(level="kegiatan").order_by("pk")[0]
    later = RenjaItem.objects.create(renja=renja_a, level="program", name="Program baru")
    RenjaItem.objects.filter(pk=moved.pk).update(parent=later)

    order = [item.pk for item in rows(RenjaItem)]

    assert len(order) == RenjaItem.objects.count() == len(set(order))
    for item in RenjaItem.objects.exclude(parent=None):
        assert order.index(item.parent_id) < order.index(item.pk)
    assert moved.pk < later.pk
    assert order.index(later.pk) < order.index(moved.pk)


def test_the_archive_holds_every_row_and_file_with_counts_and_checksums(
    renja_a: Renja, planner_a: Any, media: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cadangan.zip"

    backup = write_backup(out)

    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == [
            "data.jsonl",
            "files/bukti/2026/a.pdf",
            "manifest.json",
        ]
        manifest = json.loads(archive.read("manifest.json"))
        data = archive.read("data.jsonl")
    assert (manifest["format"], manifest["version"]) == ("kinerja-backup", 1)
    assert manifest["database"]["vendor"] in ("sqlite", "postgresql")
    assert manifest["migrations"] == applied_migrations()
    assert "0002_append_only" in manifest["migrations"]["audit"]
    assert manifest["data"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["data"]["size"] == len(data)
    lines = [json.loads(line) for line in data.splitlines()]
    assert len(lines) == sum(manifest["data"]["rows"].values())
    for label, count in manifest["data"]["rows"].items():
        assert apps.get_model(label)._base_manager.count() == count
    assert manifest["data"]["rows"]["renja.renjaitem"] == RenjaItem.objects.count() > 0
    assert manifest["files"] == [
        {
            "path": "bukti/2026/a.pdf",
            "sha256": hashlib.sha256(b"%PDF bukti").hexdigest(),
            "size": len(b"%PDF bukti"),
        }
    ]
    assert backup.skipped == []


def test_links_under_media_root_are_left_out_and_named(media: Path, tmp_path: Path) -> None:
    os.symlink("/etc/passwd", media / "tautan")

    backup = write_backup(tmp_path / "cadangan.zip")

    assert backup.skipped == ["tautan (tautan atau bukan berkas biasa)"]
    assert [entry["path"] for entry in backup.manifest.files] == ["bukti/2026/a.pdf"]


def test_an_archive_inside_media_root_is_refused(media: Path) -> None:
    with pytest.raises(Refused, match="jangan simpan cadangan di dalam MEDIA_ROOT"):
        write_backup(media / "cadangan.zip")
    assert not (media / "cadangan.zip").exists()


def test_a_database_behind_the_code_is_refused(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def newer() -> dict[str, list[str]]:
        return {"audit": ["0099_masa_depan"]}

    monkeypatch.setattr(backup_archive, "code_migrations", newer)

    with pytest.raises(Refused, match="belum dimigrasikan.*audit.0099_masa_depan"):
        write_backup(tmp_path / "cadangan.zip")
    assert list(tmp_path.glob("*.zip*")) == list(tmp_path.glob(".*")) == []


def test_a_row_over_the_limit_leaves_no_archive(
    renja_a: Renja, media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_archive, "MAX_ROW_BYTES", 300)

    with pytest.raises(Refused, match=r"renja\.\w+ id \d+: satu baris lebih dari 300 bita"):
        write_backup(tmp_path / "cadangan.zip")
    assert [path.name for path in tmp_path.iterdir()] == ["media"]

    monkeypatch.undo()
    monkeypatch.setattr(backup_archive, "MAX_ROW_VALUES", 3)
    with pytest.raises(Refused, match=r"id \d+: satu baris lebih dari \d+ bita atau 3 nilai"):
        write_backup(tmp_path / "cadangan.zip")
    assert [path.name for path in tmp_path.iterdir()] == ["media"]


def test_the_command_reports_and_exits_0_or_2(
    renja_a: Renja, media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cadangan.zip"
    assert run("backup", "-o", str(out)) == 0
    assert f"Cadangan ditulis ke {out}" in capsys.readouterr().out
    assert zipfile.is_zipfile(out)

    assert run("backup", "-o", str(tmp_path / "tidak-ada" / "cadangan.zip")) == 2
    err = capsys.readouterr().err
    assert "tidak dapat ditulis" in err
    assert "Traceback" not in err


def run(*argv: str) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    return int(exit_info.value.code or 0)


def test_a_database_that_cannot_be_opened_is_named_not_a_traceback(
    sqlite_source: Source, tmp_path: Path
) -> None:
    nowhere = Side(f"sqlite:///{tmp_path / 'tidak-ada' / 'kinerja.sqlite3'}", tmp_path)

    for command in (
        ("backup", "-o", str(tmp_path / "c.zip")),
        ("restore", str(sqlite_source.archive)),
    ):
        done = nowhere.kinerja(*command)
        assert done.returncode == 2, done.stderr
        assert "basis data (DATABASE_URL) tidak dapat dipakai" in done.stderr
        assert "Traceback" not in done.stderr
