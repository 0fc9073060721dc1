"""Check any file a planner brings: pick its reader, read it, run the checks, report.

`check_file(content, source)` is what `kinerja check`, `kinerja import` and the upload
page share: a `CheckReport` with the document as read and every finding, or
`UnreadableFile` when the bytes cannot be read at all (exit status 2). It is the safety
net: whatever else a reader raises becomes `UnreadableFile` and its traceback goes to
the server log. `inspect_file` is the same without the net, for the fuzz harness.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.db import transaction

from kinerja.evaluation import checks
from kinerja.evaluation.source import SourceRenja, SourceRenstra
from kinerja.evaluation.source_dpa import SourceDpa
from kinerja.evaluation.types import Finding
from kinerja.imports.actions import import_data, read_plan
from kinerja.lib import limits
from kinerja.lib.limits import OverLimit, UnreadableFile

__all__ = ["OverLimit", "UnreadableFile"]  # re-exported: the CLI and the views catch them here

logger = logging.getLogger(__name__)

RENJA, RENSTRA, APBD, NOMENCLATURE, PLAN = "renja", "renstra", "apbd", "nomenklatur", "plan"
DPA = "dpa"
TEXT_SUFFIXES = (".csv", ".txt")


@contextmanager
def unreadable_net(source: str) -> Iterator[None]:
    """Within the block, reading `source` is bounded in time, an `UnreadableFile` names the
    file, and any other exception becomes one (the traceback goes to the log)."""
    try:
        with limits.reading(source):
            yield
    except UnreadableFile as problem:
        problem.source = problem.source or source
        raise
    except Exception as error:  # noqa: BLE001 - the net: never a traceback for a user
        logger.exception("reading %s failed", source)
        raise UnreadableFile(
            "berkas tidak dapat dibaca: isinya tidak sesuai dengan yang diharapkan pembacanya "
            "(rinciannya dicatat di log server); periksa berkasnya atau simpan ulang dari "
            "aplikasi asalnya",
            source=source,
        ) from error


@dataclass
class CheckReport:
    """What a file holds (`kind`, `document`) and every finding about it."""

    source: str
    kind: str
    document: Any
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "error"]


def check_file(
    content: bytes, source: str, *, edition: dict[str, str] | None = None
) -> CheckReport:
    """Read `content` (named `source`) with the reader its type calls for and check it.

    `edition` maps nomenclature codes to names; without it the `nomenclature` rule is
    not run (an edition not loaded would make every code look unknown). Raises only
    `UnreadableFile` (`OverLimit` beyond a limit of `kinerja.lib.limits`).
    """
    with unreadable_net(source):
        return inspect_file(content, source, edition=edition)


def inspect_file(
    content: bytes, source: str, *, edition: dict[str, str] | None = None
) -> CheckReport:
    """`check_file` without the safety net: a reader's own bug raises as it is."""
    kind, document = read_document(content, source)
    findings = list(getattr(document, "findings", ()))
    findings += _CHECKS[kind](document, edition)
    findings += _other_pagu_stages(content, source, document)
    return CheckReport(source=source, kind=kind, document=document, findings=_unique(findings))


def _other_pagu_stages(content: bytes, source: str, document: Any) -> list[Finding]:
    """Totals of the other pagu columns of an agency workbook (RKPD, APBD, RKPD-P), which
    the plan does not import but whose sums a planner still needs checked."""
    from kinerja.imports.parsers import xlsx_renja

    if not (isinstance(document, SourceRenja) and PurePath(source).suffix.lower() == ".xlsx"):
        return []
    if document.totals_computed:
        return []
    findings: list[Finding] = []
    for stage in xlsx_renja.PAGU_STAGES:
        other = xlsx_renja.read(content, source, pagu_column=stage)
        findings += [f for f in checks.check_pagu_sum(other) if f.rule != "missing-value"]
    return findings


def _unique(findings: list[Finding]) -> list[Finding]:
    """Each finding once (re-reading a workbook per pagu column repeats the shared ones)."""
    return list(dict.fromkeys(findings))


def read_document(content: bytes, source: str) -> tuple[str, Any]:
    """(kind, document): the reader is chosen by the file's extension and its headers."""
    limits.check_file_size(len(content), source)
    if not content.strip():
        raise UnreadableFile("berkas kosong", source=source)
    suffix = PurePath(source).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        limits.check_text(content.decode("latin-1"), source)  # lines count the same in any
    reader = _reader(suffix, content, source)
    if reader is None:
        raise UnreadableFile(
            f"jenis berkas {suffix or '(tanpa ekstensi)'} tidak dikenal; "
            "yang dapat dibaca: .yaml/.yml/.json, .txt, .docx, .xlsx, .csv",
            source=source,
        )
    kind, read = reader
    return kind, read(content, source)


def _reader(
    suffix: str, content: bytes, source: str
) -> tuple[str, Callable[[bytes, str], Any]] | None:
    from kinerja.imports.parsers import (
        csv_renstra,
        docx_renja,
        kinerja_template,
        nomenclature_table,
        sipd_apbd,
        text_dpa,
        workbook_limits,
        xlsx_renja,
    )

    if suffix in (".yaml", ".yml", ".json"):
        return PLAN, _read_plan_file
    if suffix == ".txt":
        if text_dpa.looks_like_dpa(content[:8000].decode("utf-8", errors="replace")):
            return DPA, text_dpa.read
        return RENJA, _read_renja_text
    if suffix == ".docx":
        return RENJA, docx_renja.read
    if suffix == ".csv":
        head = content[:4000].decode("utf-8-sig", errors="replace").lower()
        if "nomenklatur" in head:
            return NOMENCLATURE, nomenclature_table.read
        return RENSTRA, csv_renstra.read
    if suffix in (".xlsx", ".xlsm"):
        head = workbook_limits.head_text(content, source, rows=12)
        if kinerja_template.MARKER.lower() in head:
            return RENJA, kinerja_template.read
        if "kode_rekening" in head or "kode rekening" in head:
            return APBD, sipd_apbd.read
        if "nomenklatur" in head:
            return NOMENCLATURE, nomenclature_table.read
        return RENJA, xlsx_renja.read
    return None


def _read_renja_text(content: bytes, source: str) -> SourceRenja:
    """A Renja as text; a text with neither table is no Renja Kinerja can check (exit 2)."""
    from kinerja.imports.parsers import text_table

    document = text_table.read(content, source)
    if not document.items and not document.tc29:
        raise UnreadableFile(
            "tidak ditemukan Tabel 4.1 atau Tabel 2.1 Renja (baris penomoran kolom "
            "di bawah judul tabel), dan bukan cetakan DPA/RKA Rincian Belanja; tidak ada yang "
            "dapat diperiksa",
            source=source,
        )
    return document


# --- plan files ---------------------------------------------------------------------------


@dataclass
class PlanDocument:
    """A plan file: its data, and the findings of its stored-plan checks."""

    data: Any
    findings: list[Finding] = field(default_factory=list)


def _read_plan_file(content: bytes, source: str) -> PlanDocument:
    data, errors = read_plan(content, source)
    findings = [
        Finding(rule="plan-file", severity="error", row=error.path, message=error.message)
        for error in errors
    ]
    if not errors:
        findings += _check_stored(data, source)
    return PlanDocument(data=data, findings=findings)


def _check_stored(data: dict[str, Any], source: str) -> list[Finding]:
    """Run the stored-plan checks on the file as if imported; nothing stays written."""
    from kinerja.monitoring.evaluate import load_input

    findings: list[Finding] = []
    with transaction.atomic():
        result = import_data(data, source=source, acting_user=None, replace=True)
        if result.perangkat_daerah is not None:
            for renja in result.perangkat_daerah.renja.all():
                findings += checks.check_plan(load_input(renja))
        findings += [
            Finding(rule="plan-file", severity="error", row=e.path, message=e.message)
            for e in result.errors
        ]
        transaction.set_rollback(True)
    return findings


# --- checks per kind ----------------------------------------------------------------------


def _check_renja(document: SourceRenja, edition: dict[str, str] | None) -> list[Finding]:
    return checks.check_source_renja(document, edition=edition)


def _check_renstra(document: SourceRenstra, edition: dict[str, str] | None) -> list[Finding]:
    return checks.check_source_renstra(document, edition=edition)


def _check_dpa(document: SourceDpa, edition: dict[str, str] | None) -> list[Finding]:
    return checks.check_source_dpa(document)


def _no_checks(document: Any, edition: dict[str, str] | None) -> list[Finding]:
    """APBD files are checked against a Renja (`compare_apbd`); plan files while read."""
    return []


_CHECKS: dict[str, Callable[[Any, dict[str, str] | None], list[Finding]]] = {
    RENJA: _check_renja,
    RENSTRA: _check_renstra,
    DPA: _check_dpa,
    APBD: _no_checks,
    NOMENCLATURE: _no_checks,
    PLAN: _no_checks,
}


def compare_apbd(reports: list[CheckReport]) -> None:
    """Add to each APBD report the comparison with every Renja checked alongside it."""
    renja = [report for report in reports if report.kind == RENJA]
    for report in reports:
        if report.kind == APBD:
            for other in renja:
                report.findings += checks.check_apbd_against_renja(report.document, other.document)


SEVERITY_LABELS = {"error": "GALAT", "warning": "PERINGATAN", "info": "INFO"}


def summary(findings: list[Finding]) -> dict[str, Any]:
    """Counts by severity and by rule."""
    by_rule: dict[str, int] = {}
    for finding in findings:
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
    return {
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "infos": sum(f.severity == "info" for f in findings),
        "by_rule": dict(sorted(by_rule.items())),
    }


def where(finding: Finding) -> str:
    """Where a finding points, as a planner reads it: table, line, row, column, year."""
    parts = [
        finding.table,
        f"baris {finding.line}" if finding.line else "",
        f"“{finding.row}”" if finding.row else "",
        f"kode {finding.code}" if finding.code else "",
        f"kolom {finding.column}" if finding.column else "",
        f"tahun {finding.year}" if finding.year else "",
    ]
    return ", ".join(part for part in parts if part)


def report_text(report: CheckReport) -> str:
    """The report for people: a summary line, then one line per finding."""
    counts = summary(report.findings)
    lines = [
        f"{report.source} ({report.kind}): {counts['errors']} galat, "
        f"{counts['warnings']} peringatan, {counts['infos']} info"
    ]
    for finding in report.findings:
        label = SEVERITY_LABELS.get(finding.severity, finding.severity)
        lines.append(f"  {label:<10} {finding.rule:<20} {where(finding)}: {finding.message}")
    return "\n".join(lines) + "\n"


# --- from a checked agency file to plan data ---------------------------------------------


def to_plan_data(
    report: CheckReport, *, pemda: str, opd_code: str, opd_name: str | None = None
) -> tuple[dict[str, Any], list[Finding]]:
    """The plan data of a checked Renja or Renstra file, for `import_data`.

    Plan files are their own data; nomenclature and APBD files bring no plan.
    """
    from kinerja.imports import mapping_renja, mapping_renstra

    if report.kind == PLAN:
        return report.document.data, []
    if report.kind == DPA:
        raise UnreadableFile(
            "DPA/RKA Rincian Belanja hanya diperiksa, tidak diimpor; Kinerja "
            "belum menyimpan DPA. Impor Renja atau Renstra-nya untuk mengisi rencana.",
            source=report.source,
        )
    if report.kind == RENJA:
        return mapping_renja.to_plan(
            report.document, pemda=pemda, opd_code=opd_code, opd_name=opd_name
        )
    if report.kind == RENSTRA:
        return mapping_renstra.to_plan(
            report.document, pemda=pemda, opd_code=opd_code, opd_name=opd_name
        )
    raise UnreadableFile(
        f"berkas {report.kind} tidak berisi rencana untuk diimpor", source=report.source
    )
