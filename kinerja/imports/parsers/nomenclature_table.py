"""Nomenclature decree tables (Kepmendagri lampiran, XLSX or CSV) → `SourceNomenclature`.

Columns (permendagri86.md §5): urusan, bidang, program, kegiatan, sub kegiatan,
nomenklatur, keterangan, kinerja, indikator, satuan; headers matched case- and
space-insensitively, on one row or two (a merged "KODE" above the five code columns).
The code is either split over the five code columns (`5 | 03 | 02 | 2.01 | 0001`) or
written in full, in a "kode" column or as the last filled code column. A row whose
parent columns are blank takes its parents from the rows above. The level comes from
the full code's shape.

Reported: codes stored as numbers (padded to their column's width: bidang and program 2
digits, kegiatan k.kk, sub kegiatan `sub_kegiatan_digits`; `code-format` info), codes of
no known shape and repeated codes (`code-format` warning), rows without nomenklatur
(`missing-value`), rows without any code (`layout` info, skipped). The edition is the
`edition` argument, or the decree number found in the title rows
(`900.1.15.5-1317/2023`).
"""

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from kinerja.evaluation.source import Location, SourceNomenclature, SourceNomenclatureRow
from kinerja.evaluation.types import Finding
from kinerja.imports.parsers import sheet as sh

SPLIT = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")
CUMULATIVE_PARTS = (1, 2, 3, 5, 6)  # parts of the full code ending at each split column
TEXTS = ("nomenklatur", "keterangan", "kinerja", "indikator", "satuan")
ALIASES = {
    "bidang_urusan": "bidang",
    "subkegiatan": "sub_kegiatan",
    "sub_kegiatan_kab_kota": "sub_kegiatan",
    "uraian": "nomenklatur",
    "nama": "nomenklatur",
    "kode_nomenklatur": "kode",
    "kode_lengkap": "kode",
}
_DECREE = re.compile(r"\b(\d{3}(?:\.\d+)*\s*[-‑–]\s*\d+\s*/\s*\d{4})\b")
HEADER_ROWS = 15

Cell = Callable[[int, int], Location]  # (line, 0-based column) → location


def header_key(text: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
    if key.startswith("nomenklatur"):
        return "nomenklatur"
    return ALIASES.get(key, key)


def read(
    content: bytes, source: str, *, edition: str = "", sub_kegiatan_digits: int = 4
) -> SourceNomenclature:
    """Read a decree table, XLSX or CSV (told apart by the bytes, not the name)."""
    grid, cell = _xlsx_grid(content, source) if sh.is_xlsx(content) else _csv_grid(content, source)
    found = _header(grid)
    if found is None:
        message = "baris judul dengan kolom nomenklatur dan kode tidak ditemukan"
        return SourceNomenclature(
            source=source, findings=(Finding(rule=sh.LAYOUT, severity="error", message=message),)
        )
    first_data, columns = found
    titles = " ".join(sh.cell_text(v) for row in grid[: first_data - 1] for v in row if v)
    decree = _DECREE.search(titles)
    reading = _Reading(cell=cell, digits=sub_kegiatan_digits, name_column=columns["nomenklatur"])
    for index in range(first_data - 1, len(grid)):
        reading.row(index + 1, {key: _at(grid[index], c) for key, c in columns.items()})
    edition_found = re.sub(r"\s+", "", decree.group(1)).replace("‑", "-") if decree else ""
    return SourceNomenclature(
        source=source,
        edition=edition or edition_found,
        rows=tuple(reading.rows),
        findings=tuple(reading.findings + reading.summary()),
    )


def _at(values: list[Any], column: int) -> Any:
    return values[column] if column < len(values) else None


def _xlsx_grid(content: bytes, source: str) -> tuple[list[list[Any]], Cell]:
    workbook = sh.open_workbook(content, source)
    worksheet = workbook.worksheets[0]
    for candidate in workbook.worksheets:
        texts = [sh.cell_text(v).lower() for r in range(1, 16) for v in sh.row_values(candidate, r)]
        if any("nomenklatur" in text for text in texts):
            worksheet = candidate
            break
    anchors = sh.merged_anchors(worksheet)
    columns = range(1, sh.last_column(worksheet) + 1)
    grid = [
        [sh.merged_value(worksheet, anchors, row, c) for c in columns]
        for row in range(1, sh.last_row(worksheet) + 1)
    ]

    def cell(line: int, column: int) -> Location:
        return sh.location(source, worksheet, line, column + 1)

    return grid, cell


def _csv_grid(content: bytes, source: str) -> tuple[list[list[Any]], Cell]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    grid: list[list[Any]] = [list(row) for row in sh.csv_records(reader, source)]

    def cell(line: int, column: int) -> Location:
        return Location(source=source, line=line)

    return grid, cell


def _header(grid: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """(first data row, {key: column index}); the header may span two rows (a merged
    "KODE" over the five code columns, named on the row below)."""
    for index, values in enumerate(grid[:HEADER_ROWS]):
        keys = _keys(values)
        if "nomenklatur" not in keys:
            continue
        lower = _keys(grid[index + 1]) if index + 1 < len(grid) else {}
        two_rows = any(key in lower for key in SPLIT)
        if two_rows:
            keys.pop("kode", None)
            keys.update({key: c for key, c in lower.items() if key in SPLIT})
        if "kode" in keys or any(key in keys for key in SPLIT):
            columns = {k: c for k, c in keys.items() if k in (*SPLIT, *TEXTS, "kode")}
            return index + (3 if two_rows else 2), columns
    return None


def _keys(values: list[Any]) -> dict[str, int]:
    """Header key → the first column carrying it."""
    keys: dict[str, int] = {}
    for column, value in enumerate(values):
        if not sh.is_blank(value):
            keys.setdefault(header_key(sh.cell_text(value)), column)
    return keys


class _Reading:
    def __init__(self, *, cell: Cell, digits: int, name_column: int) -> None:
        self.cell = cell
        self.name_column = name_column
        self.digits = digits
        self.rows: list[SourceNomenclatureRow] = []
        self.findings: list[Finding] = []
        self.context: dict[int, str] = {}  # number of parts → the last code of that level
        self.seen: dict[str, int] = {}
        self.padded: list[str] = []
        self.skipped: list[int] = []

    def row(self, line: int, cells: dict[str, Any]) -> None:
        if all(sh.is_blank(value) for value in cells.values()):
            return
        code = self.code(line, cells)
        if not code:
            self.skipped.append(line)
            return
        level = sh.code_level(code)
        name = sh.clean(sh.cell_text(cells.get("nomenklatur")))
        if level is None:
            self.warn(sh.CODE_FORMAT, line, code, f"kode {code!r} bukan bentuk kode nomenklatur")
        elif code in self.seen:
            message = (
                f"kode {code} muncul lagi (pertama di baris {self.seen[code]}); baris dilewati"
            )
            self.warn(sh.CODE_FORMAT, line, code, message)
        elif not name:
            self.warn(sh.MISSING_VALUE, line, code, f"kode {code} tanpa nomenklatur; dilewati")
        else:
            self.keep(line, code, level, name, cells)

    def keep(self, line: int, code: str, level: str, name: str, cells: dict[str, Any]) -> None:
        self.seen[code] = line
        parts = len(code.split("."))
        self.context = {n: c for n, c in self.context.items() if n < parts}
        self.context[parts] = code
        texts = {key: sh.clean(sh.cell_text(cells.get(key))) for key in TEXTS}
        self.rows.append(
            SourceNomenclatureRow(
                level=level,
                code=code,
                name=name,
                keterangan=texts["keterangan"],
                kinerja=texts["kinerja"],
                indikator=texts["indikator"],
                satuan=texts["satuan"],
                location=self.cell(line, self.name_column),
            )
        )

    def code(self, line: int, cells: dict[str, Any]) -> str:
        full = sh.code_text(cells.get("kode"))[0]
        if full:
            return full
        parts = [self.part(line, key, cells.get(key)) for key in SPLIT]
        filled = [index for index, part in enumerate(parts) if part]
        if not filled:
            return ""
        last = filled[-1]
        if len(parts[last].split(".")) == CUMULATIVE_PARTS[last]:
            return parts[last]  # the column holds the full code
        if all(parts[: last + 1]):
            return sh.join_code(parts[: last + 1])
        parent = self.context.get(CUMULATIVE_PARTS[last - 1]) if last else None
        return sh.join_code([parent, parts[last]]) if parent else sh.join_code(parts)

    def part(self, line: int, key: str, value: Any) -> str:
        """A code column's text; a number is padded to the column's width and reported."""
        text, as_number = sh.code_text(value)
        if not as_number or not text:
            return text
        width = {"bidang": 2, "program": 2, "sub_kegiatan": self.digits}.get(key)
        if width:
            padded = text.zfill(width)
        elif key == "kegiatan" and "." in text:
            whole, fraction = text.split(".", 1)
            padded = f"{whole}.{fraction.ljust(2, '0')}"
        else:
            padded = text
        self.padded.append(f"baris {line} {key} {text}→{padded}")
        return padded

    def warn(self, rule: str, line: int, code: str, message: str) -> None:
        self.findings.append(
            Finding(rule=rule, severity="warning", line=line, code=code, message=message)
        )

    def summary(self) -> list[Finding]:
        findings = []
        if self.padded:
            findings.append(
                Finding(
                    rule=sh.CODE_FORMAT,
                    severity="info",
                    message=(
                        f"{len(self.padded)} sel kode tersimpan sebagai angka dan dilengkapi "
                        f"angka nolnya menurut lebar kolomnya: {sh.examples(self.padded)}"
                    ),
                )
            )
        if self.skipped:
            findings.append(
                Finding(
                    rule=sh.LAYOUT,
                    severity="info",
                    line=self.skipped[0],
                    message=(
                        f"{len(self.skipped)} baris tanpa kode dilewati (baris "
                        f"{sh.examples([str(line) for line in self.skipped])})"
                    ),
                )
            )
        return findings
