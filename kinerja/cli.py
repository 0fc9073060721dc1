"""The `kinerja` command line: demo, serve, import, export, backup, restore (also
`python -m kinerja`)."""

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kinerja.backup import commands as backup_commands
from kinerja.lib import local_install
from kinerja.lib.exit_codes import EXIT_OK, EXIT_REJECTED, EXIT_UNREADABLE


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, set up Django and run one subcommand; exit with its status."""
    args = parser().parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    # A secret key and plain HTTP for a one-machine install (docs/security.md §7).
    local_install.prepare(args.run.__name__.removeprefix("run_"), getattr(args, "host", None))
    import django

    django.setup()
    sys.exit(args.run(args) or EXIT_OK)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="kinerja", description="Kinerja: Renstra, Renja dan evaluasi Perangkat Daerah."
    )
    commands = root.add_subparsers(required=True, metavar="PERINTAH")

    demo = commands.add_parser("demo", help="siapkan basis data, muat demo BKPSDM, jalankan web")
    demo.add_argument("--no-serve", action="store_true", help="muat saja, tanpa menjalankan web")
    _address_arguments(demo)
    demo.set_defaults(run=run_demo)

    serve = commands.add_parser("serve", help="jalankan aplikasi web")
    _address_arguments(serve)
    serve.set_defaults(run=run_serve)

    load = commands.add_parser("import", help="impor berkas rencana (YAML/JSON kinerja-plan)")
    load.add_argument("path", type=Path, metavar="BERKAS")
    load.add_argument("--dry-run", action="store_true", help="periksa saja, tanpa menulis")
    load.add_argument("--replace", action="store_true", help="ganti rencana yang sudah ada")
    load.add_argument(
        "--confirm-replace",
        action="store_true",
        help="setujui penghapusan yang didaftar --replace (tanpa ini: ditanya bila terminal, "
        "ditolak bila bukan)",
    )
    load.add_argument(
        "--confirm-opd",
        action="store_true",
        help="impor walau berkas menyebut pemda/perangkat daerah lain dari tujuan",
    )
    load.add_argument(
        "--accept-errors",
        action="store_true",
        help="impor walau pemeriksaan menemukan galat (galat tetap terbuka di Pemeriksaan)",
    )
    load.add_argument("--opd", metavar="KODE", help="perangkat daerah tujuan (berkas selain YAML)")
    load.add_argument("--pemda", help="nama pemda (bila OPD belum ada)")
    load.add_argument("--opd-name", help="nama perangkat daerah (bila OPD belum ada)")
    load.add_argument("--edition", help="nomor keputusan, untuk tabel nomenklatur")
    load.set_defaults(run=run_import)

    export = commands.add_parser(
        "export",
        help="ekspor rencana (YAML) atau dokumen resmi (DOCX/PDF/XLSX)",
        description=(
            "--format yaml: berkas rencana satu perangkat daerah. --format docx|pdf|xlsx: "
            "dokumen --what (renja, e81, tables) Renja tahun --year, untuk --opd atau "
            "--all-opd (ke folder -o)."
        ),
    )
    whom = export.add_mutually_exclusive_group(required=True)
    whom.add_argument("--opd", metavar="KODE", help="kode perangkat daerah")
    whom.add_argument("--all-opd", action="store_true", help="semua perangkat daerah (dokumen)")
    export.add_argument("--pemda", help="nama pemda, bila kode OPD ada di beberapa pemda")
    export.add_argument("--year", type=int, help="tahun (rencana: di dalam periode Renstra)")
    export.add_argument("--what", choices=["renja", "e81", "tables"], default="renja")
    export.add_argument("--triwulan", type=int, choices=[1, 2, 3, 4], help="untuk e81/tables")
    # YAML: its numbers are read back as exact decimals (JSON tooling would use floats).
    export.add_argument("--format", choices=["yaml", "docx", "pdf", "xlsx"], default="yaml")
    export.add_argument(
        "-o", "--output", type=Path, help="berkas tujuan (baku: layar); folder untuk --all-opd"
    )
    export.set_defaults(run=run_export)

    check = commands.add_parser("check", help="periksa berkas Renja/Renstra/APBD tanpa mengimpor")
    check.add_argument("paths", type=Path, nargs="+", metavar="BERKAS")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument(
        "--edition", help="kode edisi nomenklatur di basis data untuk aturan nomenclature"
    )
    check.set_defaults(run=run_check)

    template = commands.add_parser("template", help="unduh templat Excel Renja (Tabel 4.1)")
    template.add_argument("--year", type=int, required=True, help="tahun Renja (n)")
    template.add_argument("-o", "--output", type=Path, required=True, help="berkas .xlsx")
    template.set_defaults(run=run_template)

    evaluate = commands.add_parser("evaluate", help="tabel evaluasi satu perangkat daerah")
    evaluate.add_argument("--opd", required=True, metavar="KODE", help="kode perangkat daerah")
    evaluate.add_argument("--pemda", help="nama pemda, bila kode OPD ada di beberapa pemda")
    evaluate.add_argument("--year", type=int, required=True, help="tahun Renja (n)")
    evaluate.add_argument("--triwulan", type=int, choices=[1, 2, 3, 4], help="baku: terakhir")
    evaluate.add_argument("--table", choices=list(TABLE_CHOICES), help="baku: semua tabel")
    evaluate.add_argument("--format", choices=["text", "json", "xlsx"], default="text")
    evaluate.add_argument("-o", "--output", type=Path, help="berkas tujuan (wajib untuk xlsx)")
    evaluate.set_defaults(run=run_evaluate)
    backup_commands.add_commands(commands)
    return root


TABLE_CHOICES = {
    "tc29": "tc29",
    "tc30": "tc30",
    "tujuan": "tujuan_sasaran",
    "tc33": "tc33",
    "e81": "e81",
    "serapan": "serapan",
}


def _address_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--host", default="127.0.0.1")
    command.add_argument("--port", type=int, default=8000)


def migrate() -> None:
    from django.conf import settings
    from django.core.management import call_command

    # The static dir too: whitenoise warns at every request when STATIC_ROOT is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)


def run_demo(args: argparse.Namespace) -> int:
    from kinerja.demo import load_demo
    from kinerja.imports.commands import counts_text

    migrate()
    result, users = load_demo()
    opd = result.perangkat_daerah
    print(f"Demo dimuat: {opd.name if opd else ''} ({counts_text(result.counts)})")
    print("Pengguna demo (kata sandi baru setiap kali demo dimuat):")
    for user in users:
        print(f"  {user.username:<12} {user.password:<16} {user.role}")
    return EXIT_OK if args.no_serve else run_serve(args)


def run_serve(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    migrate()
    print(f"Kinerja berjalan di http://{args.host}:{args.port}/  (Ctrl+C untuk berhenti)")
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, verbosity=0)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from kinerja.imports.commands import import_file, read_input

    content = read_input(args.path)
    if content is None:
        return EXIT_UNREADABLE
    migrate()
    return import_file(args, content)


def run_export(args: argparse.Namespace) -> int:
    from kinerja.imports import plan_yaml
    from kinerja.imports.export import export_plan

    if args.format != "yaml":
        return _export_documents(args)
    if args.all_opd:
        print("--all-opd hanya untuk dokumen (--format docx|pdf|xlsx).", file=sys.stderr)
        return EXIT_REJECTED
    opd = _opd(args)
    if opd is None:
        return EXIT_REJECTED
    renstra = _renstra_for(opd, args.year)
    if args.year and renstra is None:
        print(f"Tidak ada Renstra yang mencakup tahun {args.year}.", file=sys.stderr)
        return EXIT_REJECTED
    _write(args.output, plan_yaml.dump(export_plan(opd, renstra)))
    return EXIT_OK


def _export_documents(args: argparse.Namespace) -> int:
    """`export --format docx|pdf|xlsx`: one OPD's document, or every OPD's into a folder."""
    from kinerja.documents.produce import DocumentError, produce
    from kinerja.renja.queries import current_renja

    if args.year is None:
        print("Sebutkan --year untuk dokumen.", file=sys.stderr)
        return EXIT_REJECTED
    if args.all_opd:
        return _export_all(args)
    opd = _opd(args)
    renja = current_renja(opd, args.year) if opd else None
    if renja is None:
        if opd:
            print(f"{opd.name} belum memiliki Renja tahun {args.year}.", file=sys.stderr)
        return EXIT_REJECTED
    try:
        produced = produce(renja, args.what, args.format, args.triwulan)
    except DocumentError as error:
        print(error, file=sys.stderr)
        return EXIT_REJECTED
    output = args.output or Path(produced.filename)
    output.write_bytes(produced.data)
    print(f"{produced.filename} ditulis ke {output}")
    return EXIT_OK


def _export_all(args: argparse.Namespace) -> int:
    """Every OPD's document of --year (of --pemda, or of the only pemda) into a folder,
    with a progress bar."""
    from rich.progress import Progress

    from kinerja.documents.produce import batch
    from kinerja.monitoring.queries import renjas_of_year

    pemda = _pemda(args)
    if pemda is None:
        return EXIT_REJECTED
    renjas = renjas_of_year(pemda, args.year)
    if not renjas:
        print(f"Belum ada Renja tahun {args.year} di {pemda.name}.", file=sys.stderr)
        return EXIT_REJECTED
    folder = args.output or Path(f"dokumen-{args.year}")
    folder.mkdir(parents=True, exist_ok=True)
    with Progress(transient=False) as progress:
        task = progress.add_task(f"{args.what}.{args.format}", total=len(renjas))
        for produced in batch(
            renjas,
            args.what,
            args.format,
            progress=lambda done, renja: progress.update(
                task, completed=done, description=renja.perangkat_daerah.name[:40]
            ),
        ):
            (folder / produced.filename).write_bytes(produced.data)
    print(f"{len(renjas)} dokumen ditulis ke {folder}")
    return EXIT_OK


def _pemda(args: argparse.Namespace) -> Any:
    """The pemda named by --pemda, or the only one; None after saying why."""
    from kinerja.accounts.models import Pemda

    pemdas = Pemda.objects.filter(name=args.pemda) if args.pemda else Pemda.objects.all()
    if len(pemdas) == 1:
        return pemdas[0]
    problem = "tidak ditemukan" if not pemdas else "lebih dari satu; sebutkan --pemda"
    print(f"Pemda {args.pemda or ''} {problem}.".replace("  ", " "), file=sys.stderr)
    return None


def run_template(args: argparse.Namespace) -> int:
    from kinerja.imports.parsers.kinerja_template import build_template

    args.output.write_bytes(build_template(args.year))
    print(f"Templat Renja {args.year} ditulis ke {args.output}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    import json

    from kinerja.imports.check import (
        UnreadableFile,
        check_file,
        compare_apbd,
        report_text,
        summary,
    )
    from kinerja.imports.commands import read_input
    from kinerja.monitoring.display import finding_json

    migrate()
    edition = _edition_names(args.edition) if args.edition else None
    if args.edition and edition is None:
        return EXIT_UNREADABLE
    reports, unreadable = [], False
    for path in args.paths:
        content = read_input(path)
        if content is None:
            unreadable = True
            continue
        try:
            reports.append(check_file(content, str(path), edition=edition))
        except UnreadableFile as problem:
            print(problem, file=sys.stderr)
            unreadable = True
    compare_apbd(reports)
    for report in reports:
        if args.format == "json":
            document = {
                "source": report.source,
                "kind": report.kind,
                "findings": [finding_json(finding) for finding in report.findings],
                "summary": summary(report.findings),
            }
            print(json.dumps(document, ensure_ascii=False))
        else:
            sys.stdout.write(report_text(report))
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_REJECTED if any(report.errors for report in reports) else EXIT_OK


def _edition_names(code: str) -> dict[str, str] | None:
    """Code → name of every entry of a nomenclature edition in the database."""
    from kinerja.nomenclature import models as nomenclature

    edition = nomenclature.Edition.objects.filter(code=code).first()
    if edition is None:
        print(f"Edisi nomenklatur {code!r} tidak ada di basis data.", file=sys.stderr)
        return None
    names: dict[str, str] = {}
    levels = (
        nomenclature.Urusan,
        nomenclature.BidangUrusan,
        nomenclature.Program,
        nomenclature.Kegiatan,
        nomenclature.SubKegiatan,
    )
    for model in levels:
        names |= dict(model.objects.filter(edition=edition).values_list("code", "name"))
    return names


def run_evaluate(args: argparse.Namespace) -> int:
    import json

    from kinerja.documents.render_xlsx import tables_xlsx
    from kinerja.documents.tables_json import evaluation_json
    from kinerja.documents.tables_text import tables_text
    from kinerja.monitoring.evaluate import TABLES, evaluation_tables, latest_triwulan, load_input
    from kinerja.renja.queries import current_renja

    if args.format == "xlsx" and not args.output:
        print("Format xlsx memerlukan -o BERKAS.xlsx.", file=sys.stderr)
        return EXIT_REJECTED
    opd = _opd(args)
    renja = current_renja(opd, args.year) if opd else None
    if opd and renja is None:
        print(f"{opd} tidak memiliki Renja tahun {args.year}.", file=sys.stderr)
    if renja is None:
        return EXIT_REJECTED
    plan = load_input(renja)
    triwulan = args.triwulan or latest_triwulan(plan)
    names = [TABLE_CHOICES[args.table]] if args.table else list(TABLES)
    tables = evaluation_tables(plan, names, triwulan)
    if args.format == "xlsx":
        args.output.write_bytes(tables_xlsx(tables))
        return EXIT_OK
    if args.format == "json":
        meta = {
            "pemda": plan.pemda,
            "perangkat_daerah": {"code": opd.code, "name": plan.opd_name},
            "year": plan.year,
            "renja": {"stage": renja.stage, "version": renja.version},
            "triwulan": triwulan,
        }
        text = json.dumps(evaluation_json(tables, meta), ensure_ascii=False, indent=2) + "\n"
    else:
        text = tables_text(tables)
    _write(args.output, text)
    return EXIT_OK


def _opd(args: argparse.Namespace) -> Any:
    """The OPD named by --opd (and --pemda), or None after saying why."""
    from kinerja.accounts.models import PerangkatDaerah

    opds = PerangkatDaerah.objects.filter(code=args.opd)
    if args.pemda:
        opds = opds.filter(pemda__name=args.pemda)
    if len(opds) == 1:
        return opds[0]
    problem = "tidak ditemukan" if not opds else "ada di beberapa pemda; sebutkan --pemda"
    print(f"Perangkat daerah {args.opd!r} {problem}.", file=sys.stderr)
    return None


def _write(output: Path | None, text: str) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _renstra_for(opd: Any, year: int | None) -> Any:
    if year is None:
        return None
    return opd.renstra.filter(first_year__lte=year, last_year__gte=year).first()
