"""The `kinerja import` command: read a file within the limits, show its findings and
what a replace deletes, ask for the confirmations, import (ADR 0011)."""

import argparse
import sys
from pathlib import Path
from typing import Any

from kinerja.lib.exit_codes import EXIT_OK, EXIT_REJECTED, EXIT_UNREADABLE


def import_file(args: argparse.Namespace, content: bytes) -> int:
    """`kinerja import` of `content` (read from `args.path`) into the migrated database."""
    from kinerja.imports.actions import import_nomenclature, import_plan
    from kinerja.imports.check import (
        NOMENCLATURE,
        PLAN,
        UnreadableFile,
        check_file,
        file_facts,
        report_text,
        to_plan_data,
        unreadable_net,
    )
    from kinerja.imports.mapping_nomenclature import to_plan_nomenclature

    try:
        report = check_file(content, str(args.path))
    except UnreadableFile as problem:
        print(problem, file=sys.stderr)
        return EXIT_UNREADABLE
    sys.stdout.write(report_text(report))
    if report.kind == NOMENCLATURE:
        if not args.edition:
            print("Tabel nomenklatur memerlukan --edition NOMOR-KEPUTUSAN.", file=sys.stderr)
            return EXIT_REJECTED
        section = to_plan_nomenclature(report.document, args.edition)
        result = import_nomenclature(
            section, source=str(args.path), acting_user=None, dry_run=args.dry_run
        )
    elif report.kind == PLAN and any(f.rule == "plan-file" for f in report.errors):
        # The file itself is refused: let the importer name every path.
        try:
            with unreadable_net(str(args.path)):
                result = import_plan(content, source=str(args.path), acting_user=None)
        except UnreadableFile as problem:
            print(problem, file=sys.stderr)
            return EXIT_UNREADABLE
    else:
        target = None if report.kind == PLAN else _import_target(args)
        if report.kind != PLAN and target is None:
            return EXIT_REJECTED
        try:
            with unreadable_net(str(args.path)):
                data, mapped = to_plan_data(report, **(target or _NO_TARGET))
        except UnreadableFile as problem:
            print(problem, file=sys.stderr)
            return EXIT_UNREADABLE
        sys.stdout.write(
            "".join(f"  {m.rule}: {m.message}\n" for m in mapped if m.severity != "info")
        )
        result = _import_confirmed(args, data, file_facts(report))
    if result.errors:
        print(f"{args.path}: ditolak, tidak ada yang ditulis.", file=sys.stderr)
        for error in result.errors:
            print(f"  {args.path}: {error if error.path else error.message}", file=sys.stderr)
        return EXIT_REJECTED
    verb = "akan diimpor (uji coba, tidak ada yang ditulis)" if args.dry_run else "diimpor"
    print(f"{args.path}: {verb}: {counts_text(result.counts)}")
    return EXIT_OK


_NO_TARGET = {"pemda": "", "opd_code": ""}  # a plan file names its own OPD


def _import_confirmed(args: argparse.Namespace, data: dict[str, Any], facts: Any) -> Any:
    """Preview the import (dry run), print what it would replace, then import with the
    confirmations the flags give (or, on a terminal, the replace the user types yes to)."""
    from dataclasses import replace

    from kinerja.imports.actions import import_data
    from kinerja.imports.plan_schema import PlanError
    from kinerja.imports.replacing import REPLACE, Consent, missing_consent

    options = {"source": str(args.path), "acting_user": None, "replace": args.replace}
    consent = Consent(other_agency=args.confirm_opd, errors=args.accept_errors)
    preview = import_data(data, dry_run=True, consent=consent, facts=facts, **options)
    if preview.errors or args.dry_run:
        _print_replaced(preview)
        for need in preview.needs:
            print(f"Perlu konfirmasi: {need.message}")
        return preview
    _print_replaced(preview)
    if preview.replaced:
        # Ask on a terminal only when the replace is all that is missing.
        others = [need for need in missing_consent(consent, preview) if need.kind != REPLACE]
        if args.confirm_replace or (not others and _asked_to_replace()):
            consent = replace(consent, replace=preview.replace_token)
    missing = missing_consent(consent, preview)
    if missing:  # every confirmation still missing, named at once; nothing written
        preview.errors = [PlanError("", need.message) for need in missing]
        return preview
    return import_data(data, consent=consent, facts=facts, **options)


def _print_replaced(result: Any) -> None:
    if not result.replaced:
        return
    print("Yang akan dihapus (disimpan di arsip, dapat dipulihkan admin pemda):")
    for contents in result.replaced:
        print("\n".join(f"  {line}" for line in contents.lines()))


def _asked_to_replace() -> bool:
    """On a terminal, ask before deleting; elsewhere (scripts, cron) never assume yes."""
    if not sys.stdin.isatty():
        return False
    answer = input("Ketik GANTI untuk menghapus semua yang didaftar di atas dan mengimpor: ")
    return answer.strip().upper() == "GANTI"


def read_input(path: Path) -> bytes | None:
    """The bytes of a file to check or import; None after saying why it cannot be read
    (missing, unreadable, or beyond `MAX_FILE_BYTES`, refused before reading it)."""
    from kinerja.lib.limits import UnreadableFile, check_file_size

    try:
        check_file_size(path.stat().st_size, str(path))
        return path.read_bytes()
    except UnreadableFile as problem:
        print(problem, file=sys.stderr)
    except OSError as problem:
        print(f"{path}: tidak dapat dibaca: {problem.strerror}", file=sys.stderr)
    return None


def _import_target(args: argparse.Namespace) -> dict[str, Any] | None:
    """pemda, opd_code and opd_name for an agency file: from --opd, and the OPD if it exists."""
    from kinerja.accounts.models import PerangkatDaerah

    if not args.opd:
        print(
            "Berkas selain YAML memerlukan --opd KODE (dan --pemda bila OPD baru).", file=sys.stderr
        )
        return None
    opd = PerangkatDaerah.objects.filter(code=args.opd).select_related("pemda").first()
    pemda = args.pemda or (opd.pemda.name if opd else None)
    if pemda is None:
        print(f"OPD {args.opd!r} belum ada: sebutkan --pemda dan --opd-name.", file=sys.stderr)
        return None
    return {
        "pemda": pemda,
        "opd_code": args.opd,
        "opd_name": args.opd_name or (opd.name if opd else None),
    }


def counts_text(counts: Any) -> str:
    """What an import wrote (or would write), e.g. «39 sub_kegiatan, 2 program»."""
    return ", ".join(f"{count} {name}" for name, count in counts.items())
