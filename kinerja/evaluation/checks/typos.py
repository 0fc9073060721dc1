"""`number-typo` and `number-as-text`: printed numbers that do not read as numbers.

`number-typo` uses the one parser (`numbers.parse_number`): letters inside a number
(`6I` → likely 61), separators that do not read (`1.59.078`), and, for indikator
values only, forms that read two ways (`1.500`: taken as 1500).

`number-as-text` — the convention with the readers. A spreadsheet cell whose stored type
is text (openpyxl `data_type == "s"`) but whose text reads as a number is an amount
stored as text (the Penajam Renja: every amount is `'18.130.291.362,00'`). Only the
reader sees cell types. It either reports them itself (the xlsx readers in
`kinerja/imports/parsers` do, as `number-as-text` findings in `doc.findings`), or passes
those cells, as `Printed` with `location.cell` (and `sheet`) set, in the separate
`text_cells` argument of `check_number_as_text` (and of `check_source_renja` /
`check_source_renstra`) and lets this check word them: never both, or they are counted
twice. `SourceRenja.numbers` entries are not judged here: a `Printed` does not say what
type its cell had. Text files (PDF or DOCX extracts) have no cell types and pass nothing.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from kinerja.evaluation.checks.cells import PrintedCell, renja_cells, renstra_cells
from kinerja.evaluation.checks.report import (
    ERROR,
    INFO,
    WARNING,
    Where,
    angka,
    cell_column,
    finding,
    line_of,
    shown,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.numbers import is_number_text
from kinerja.evaluation.source import Printed, SourceRenja, SourceRenstra
from kinerja.evaluation.types import Finding


def _subject(cell: PrintedCell) -> str:
    parts = []
    if cell.where.table:
        parts.append(cell.where.table)
    if cell.where.row:
        parts.append(f"baris '{cell.where.row}'")
    if cell.indikator and cell.indikator != cell.where.row:
        parts.append(f"indikator '{cell.indikator}'")
    if cell.where.column:
        parts.append(f"kolom {cell.where.column}")
    return ", ".join(parts) or "dokumen"


def _separators_only(text: str) -> bool:
    """Digits and separators only (a misplaced separator), not words such as `2 Dok`."""
    body = re.sub(r"^(rp\.?|idr)", "", text.strip(), flags=re.IGNORECASE)
    return any(ch.isdigit() for ch in body) and set(body) <= set("0123456789.,%()- ")


def typo_findings(cells: Iterable[PrintedCell]) -> list[Finding]:
    """`number-typo` findings for the given cells (see the module docstring)."""
    findings = []
    for cell in cells:
        parsed = cell.printed.parsed
        text = shown(cell.printed)
        if parsed.problem == "number-typo" and parsed.likely is not None:
            message = (
                f"Angka '{text}' ({_subject(cell)}) memuat huruf; kemungkinan maksudnya "
                f"{angka(parsed.likely)}. Perbaiki angkanya di dokumen sumber."
            )
            findings.append(
                finding(
                    "number-typo",
                    ERROR,
                    cell.where,
                    message,
                    expected=parsed.likely,
                    actual=text,
                )
            )
        elif parsed.problem == "not-a-number" and _separators_only(text):
            message = (
                f"Angka '{text}' ({_subject(cell)}) tidak dapat dibaca: pemisahnya salah "
                "letak. Tulis dengan titik sebagai pemisah ribuan dan koma sebagai desimal."
            )
            findings.append(finding("number-typo", ERROR, cell.where, message, actual=text))
        elif parsed.problem == "ambiguous" and not cell.money and parsed.value is not None:
            message = f"Angka '{text}' ({_subject(cell)}): {parsed.message}."
            findings.append(
                finding(
                    "number-typo", INFO, cell.where, message, expected=parsed.value, actual=text
                )
            )
    return findings


def check_number_typo(doc: SourceRenja, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """Every number of Tabel 4.1 and 2.1, and the reader's other number cells: letters
    inside a number (error, expected the likely value), unreadable separators (error), an
    indikator value that reads two ways (info)."""
    return typo_findings(renja_cells(doc))


def check_number_typo_renstra(
    doc: SourceRenstra, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """As `check_number_typo`, over every volume and pagu of a Renstra extract."""
    return typo_findings(renstra_cells(doc))


def check_number_as_text(
    text_cells: Sequence[Printed], thresholds: Thresholds = DEFAULT, *, table: str = ""
) -> list[Finding]:
    """Spreadsheet cells stored as text whose text reads as a number (warning), one
    finding per sheet column, naming how many cells and the first few
    (`thresholds.examples`); cells without `location.cell`, or whose text is not a
    number, are ignored (see the module docstring for the convention)."""
    columns: defaultdict[tuple[str, str], list[Printed]] = defaultdict(list)
    for printed in text_cells:
        if printed.location.cell and is_number_text(printed.text):
            key = (printed.location.sheet, cell_column(printed.location))
            columns[key].append(printed)
    findings = []
    for (sheet, column), cells in columns.items():
        examples = ", ".join(
            f"{cell.location.cell} '{shown(cell)}'" for cell in cells[: thresholds.examples]
        )
        sheet_label = f"lembar '{sheet}'" if sheet else "lembar kerja"
        message = (
            f"{len(cells)} angka di kolom {column} {sheet_label} tersimpan sebagai teks "
            f"(mis. {examples}). Ubah format selnya menjadi angka agar dapat dijumlahkan "
            "dan diperiksa."
        )
        where = Where(table=sheet or table, column=column, line=line_of(cells[0].location))
        findings.append(finding("number-as-text", WARNING, where, message, actual=str(len(cells))))
    return findings
