"""`apbd-consistency`: the SIPD-RI flat APBD Excel against a Renja.

The APBD file has one line per rekening × komponen × sumber dana; its pagu is summed per
sub kegiatan code and compared with the Renja's sub kegiatan pagu. Its `tahun` column
is checked against the Renja year: a 2027 file uploaded as 2026 is a known accident
(sipd-formats.md §1).
"""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from kinerja.evaluation.checks.cells import TABEL_41, PrintedCell, walk_items, where_at
from kinerja.evaluation.checks.judge import norm_text, reading
from kinerja.evaluation.checks.report import (
    ERROR,
    WARNING,
    Where,
    finding,
    line_of,
    printed_column,
    rupiah,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.checks.typos import typo_findings
from kinerja.evaluation.source import SourceApbd, SourceApbdRow, SourceItem, SourceRenja
from kinerja.evaluation.types import SUB_KEGIATAN, Finding

RULE = "apbd-consistency"


def _table(apbd: SourceApbd, row: SourceApbdRow) -> str:
    return row.location.sheet or apbd.source or "APBD"


def _cells(apbd: SourceApbd) -> list[PrintedCell]:
    cells = []
    for row in apbd.rows:
        for printed, column, money in ((row.pagu, "pagu", True), (row.tahun, "tahun", False)):
            if printed is None:
                continue
            where = where_at(
                printed.location,
                table=_table(apbd, row),
                row=row.nama_sub_kegiatan,
                code=row.kode_sub_kegiatan,
                column=printed_column(printed, column),
                fallback=row.location,
            )
            cells.append(PrintedCell(printed=printed, where=where, money=money))
    return cells


def _years(apbd: SourceApbd, year: int) -> list[Finding]:
    wrong: defaultdict[Decimal, list[SourceApbdRow]] = defaultdict(list)
    for row in apbd.rows:
        value = reading(row.tahun)
        if value is not None and value != year:
            wrong[value].append(row)
    findings = []
    for value, rows in wrong.items():
        first = rows[0]
        where = Where(
            table=_table(apbd, first), column="tahun", year=year, line=line_of(first.location)
        )
        message = (
            f"Kolom tahun berisi {value} pada {len(rows)} baris APBD, padahal Renja yang "
            f"dibandingkan untuk tahun {year}. Pastikan berkas APBD tahun yang benar yang "
            "diunggah."
        )
        findings.append(finding(RULE, ERROR, where, message, expected=str(year), actual=str(value)))
    return findings


def _apbd_pagu(apbd: SourceApbd) -> dict[str, tuple[Decimal, SourceApbdRow]]:
    sums: dict[str, tuple[Decimal, SourceApbdRow]] = {}
    for row in apbd.rows:
        code, value = row.kode_sub_kegiatan.strip(), reading(row.pagu)
        if not code or value is None:
            continue
        before, first = sums.get(code, (Decimal(0), row))
        sums[code] = (before + value, first)
    return sums


def _renja_subs(renja: SourceRenja) -> dict[str, SourceItem]:
    return {
        item.code.strip(): item
        for item, _ in walk_items(renja.items)
        if item.level == SUB_KEGIATAN and item.code.strip()
    }


def _compare(code: str, item: SourceItem, apbd_pagu: Decimal, year: int | None) -> Finding | None:
    planned = reading(item.pagu)
    if planned is None or planned == apbd_pagu:
        return None
    where = where_at(
        item.pagu.location if item.pagu else item.location,
        table=TABEL_41,
        row=item.name,
        code=code,
        column=printed_column(item.pagu, "6"),
        year=year,
        fallback=item.location,
    )
    side = "lebih besar" if planned > apbd_pagu else "lebih kecil"
    message = (
        f"Pagu sub kegiatan '{item.name}' ({code}) di Renja {rupiah(planned)}, di APBD "
        f"{rupiah(apbd_pagu)}: Renja {side} {rupiah(abs(planned - apbd_pagu))}. Sesuaikan "
        "Renja dengan APBD yang ditetapkan, atau periksa kode sub kegiatannya."
    )
    return finding(RULE, WARNING, where, message, expected=apbd_pagu, actual=planned)


def _only_in(message: str, where: Where, code: str) -> Finding:
    return finding(RULE, WARNING, where, message, actual=code)


def _unmatched(
    apbd: SourceApbd,
    apbd_pagu: dict[str, tuple[Decimal, SourceApbdRow]],
    renja: dict[str, SourceItem],
) -> list[Finding]:
    """Sub kegiatan codes found on one side only (APBD codes of programs the Renja does
    not have belong to another SKPD and are left out)."""
    findings = []
    programs = {_program(code) for code in renja}
    for code, (_, row) in apbd_pagu.items():
        if code not in renja and _program(code) in programs:
            where = Where(
                table=_table(apbd, row),
                row=row.nama_sub_kegiatan,
                code=code,
                line=line_of(row.location),
            )
            message = (
                f"Sub kegiatan {code} ('{row.nama_sub_kegiatan}') ada di APBD tetapi tidak ada "
                "di Renja. Periksa kodenya, atau lengkapi Renja."
            )
            findings.append(_only_in(message, where, code))
    for code, item in renja.items():
        if code not in apbd_pagu:
            where = where_at(item.location, table=TABEL_41, row=item.name, code=code)
            message = (
                f"Sub kegiatan {code} ('{item.name}') ada di Renja tetapi tidak ada di APBD. "
                "Periksa kodenya, atau lengkapi APBD."
            )
            findings.append(_only_in(message, where, code))
    return findings


def _program(code: str) -> str:
    return ".".join(code.split(".")[:3])


def _of_opd(apbd: SourceApbd, renja: SourceRenja) -> SourceApbd:
    """The APBD lines of the Renja's OPD when the file names it (a pemda-wide file holds
    every SKPD), else all lines."""
    opd = norm_text(renja.opd_name)
    rows = tuple(row for row in apbd.rows if opd and norm_text(row.nama_skpd) == opd)
    return replace(apbd, rows=rows) if rows else apbd


def check_apbd_against_renja(
    apbd: SourceApbd, renja_doc: SourceRenja, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """The APBD lines against a Renja, all as `apbd-consistency` unless noted:

    - `tahun` ≠ the Renja year: error, one per distinct wrong year, counting its rows;
    - a sub kegiatan's Renja pagu ≠ the sum of its APBD lines: warning;
    - a sub kegiatan code in only one of them: warning (APBD lines of other SKPD, known
      by `nama_skpd` or by a program the Renja does not have, are left out);
    - APBD numbers with letters or unreadable separators: `number-typo`.
    Renja sub kegiatan without a code are not compared (`nomenclature` reports them).
    """
    findings = typo_findings(_cells(apbd))
    if renja_doc.year is not None:
        findings += _years(apbd, renja_doc.year)
    apbd = _of_opd(apbd, renja_doc)
    apbd_pagu, renja = _apbd_pagu(apbd), _renja_subs(renja_doc)
    for code, item in renja.items():
        if code in apbd_pagu:
            found = _compare(code, item, apbd_pagu[code][0], renja_doc.year)
            findings += [found] if found else []
    return findings + _unmatched(apbd, apbd_pagu, renja)
