"""The `kinerja backup` and `kinerja restore` commands: messages, exit codes, progress."""

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja.lib.exit_codes import EXIT_OK, EXIT_REJECTED, EXIT_UNREADABLE


def add_commands(commands: Any) -> None:
    """`kinerja backup` and `kinerja restore` on the `kinerja` command's subparsers."""
    backup = commands.add_parser(
        "backup",
        help="cadangkan basis data dan semua berkas unggahan ke satu arsip",
        description="Menulis satu arsip ZIP: isi basis data (DATABASE_URL), semua berkas di "
        "MEDIA_ROOT dan manifest dengan jumlah baris dan checksum.",
    )
    backup.add_argument("-o", "--output", type=Path, required=True, help="berkas arsip (.zip)")
    backup.set_defaults(run=run_backup)
    restore = commands.add_parser(
        "restore",
        help="pulihkan arsip cadangan ke basis data kosong (juga pindah ke PostgreSQL)",
        description="Memulihkan arsip `kinerja backup` ke basis data DATABASE_URL yang kosong "
        "(tabelnya dibuat bila belum ada) dan ke MEDIA_ROOT.",
    )
    restore.add_argument("path", type=Path, metavar="ARSIP")
    restore.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from django.db import DatabaseError

    from kinerja.backup.archive import write_backup
    from kinerja.backup.manifest import Refused
    from kinerja.lib.numbers import format_number

    try:
        backup = write_backup(args.output)
    except Refused as refusal:
        print(f"Cadangan tidak dibuat: {refusal}", file=sys.stderr)
        return EXIT_REJECTED
    except OSError as problem:
        print(f"{args.output}: tidak dapat ditulis: {problem.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    except DatabaseError as problem:
        return _database_unusable(problem, "Cadangan tidak dibuat")
    for skipped in backup.skipped:
        print(f"  dilewati: {skipped}", file=sys.stderr)
    manifest = backup.manifest
    size = sum(entry["size"] for entry in manifest.files)
    print(
        f"Cadangan ditulis ke {args.output}: {format_number(sum(manifest.rows.values()))} "
        f"baris dari {len(manifest.rows)} tabel, {format_number(len(manifest.files))} berkas "
        f"({format_number(size)} bita)."
    )
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from django.db import DatabaseError

    from kinerja.backup.manifest import ArchiveUnreadable, Refused
    from kinerja.lib.numbers import format_number

    try:
        manifest = _restore_with_progress(args.path)
    except ArchiveUnreadable as problem:
        print(f"{args.path}: tidak dipulihkan, tidak ada yang ditulis: {problem}", file=sys.stderr)
        return EXIT_UNREADABLE
    except Refused as refusal:
        print(f"{args.path}: ditolak, tidak ada yang ditulis: {refusal}", file=sys.stderr)
        return EXIT_REJECTED
    except DatabaseError as problem:
        return _database_unusable(problem, f"{args.path}: tidak dipulihkan")
    print(
        f"{args.path} dipulihkan (dibuat {manifest.created} dari {manifest.vendor}, Kinerja "
        f"{manifest.kinerja_version}): {format_number(sum(manifest.rows.values()))} baris, "
        f"{format_number(len(manifest.files))} berkas."
    )
    return EXIT_OK


def _database_unusable(problem: Exception, what: str) -> int:
    """The database of DATABASE_URL cannot be opened or stopped answering."""
    detail = str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem)
    print(
        f"{what}: basis data (DATABASE_URL) tidak dapat dipakai: {detail}. Periksa alamat, "
        "nama basis data, pengguna dan folder berkas SQLite-nya.",
        file=sys.stderr,
    )
    return EXIT_UNREADABLE


def _restore_with_progress(path: Path) -> Any:
    """`restore`, with a progress bar on stderr (shown on a terminal only)."""
    from rich.console import Console
    from rich.progress import Progress

    from kinerja.backup.restore import restore

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Memeriksa arsip", total=None)
        return restore(
            path,
            lambda stage, done, total: bar.update(
                task, description=stage, completed=done, total=total
            ),
        )
