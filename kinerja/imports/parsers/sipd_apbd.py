"""The SIPD-RI flat APBD Excel (rincian belanja, penetapan APBD) → `SourceApbd`.

One row per rekening × komponen × sub kegiatan × sumber dana (sipd-formats.md §1). No
real sample is public; the layout and its quirks come from two importers' code:

- headers as `kode_sub_kegiatan` or `KODE SUB KEGIATAN` (any case, spaces or `_`), found
  in the first rows; SIPD JSON names are accepted too (`kode_sub_giat`, `rincian`, …);
- codes stored as numbers (`1` read as `1.0`) become text (`1`); a non-integral number
  (`1.1`) may have lost a trailing zero and is reported (`code-format`), never padded;
- names are often blank on some rows of a code: every row gets the last non-empty name
  of its code (a name is never overwritten by a blank); names prefixed with their code
  lose the prefix;
- `pagu` may carry thousands separators or spaces (`1,500,000`, `1 500 000`) or be
  text in the Indonesian way: read by `parse_number`; text amounts are counted
  (`number-as-text`);
- `tahun` is kept on every row; with `year` given, rows of another year are a
  `title-year` error (a 2027 file uploaded as 2026), and a file of several years is
  reported whether or not `year` is given;
- rows with neither sub kegiatan nor standar harga are skipped and counted (`layout`).
"""

import re
from collections import Counter
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from kinerja.evaluation.source import Printed, SourceApbd, SourceApbdRow
from kinerja.evaluation.types import Finding
from kinerja.imports.parsers import sheet as sh

ALIASES = {
    "kode_giat": "kode_kegiatan",
    "nama_giat": "nama_kegiatan",
    "kode_sub_giat": "kode_sub_kegiatan",
    "nama_sub_giat": "nama_sub_kegiatan",
    "rincian": "pagu",
    "kode_dana": "kode_sumber_dana",
    "nama_dana": "nama_sumber_dana",
    "kode_akun": "kode_rekening",
    "nama_akun": "nama_rekening",
    "tahun_anggaran": "tahun",
}
CODES = ("kode_skpd", "kode_sub_unit", "kode_sub_kegiatan", "kode_standar_harga", "kode_rekening")
NAMED = (("kode_skpd", "nama_skpd"), ("kode_sub_kegiatan", "nama_sub_kegiatan"))
NAMED_CODE = {name_key: code_key for code_key, name_key in NAMED}
REQUIRED = ("kode_sub_kegiatan", "pagu")
HEADER_ROWS = 10


def header_key(text: str) -> str:
    """`KODE SUB KEGIATAN`, `Kode Sub-Kegiatan`, `kode_sub_giat` → `kode_sub_kegiatan`."""
    key = re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
    return ALIASES.get(key, key)


def read(content: bytes, source: str, *, year: int | None = None) -> SourceApbd:
    """Read the flat APBD export; `year` is the year the user says the file is for."""
    workbook = sh.open_workbook(content, source)
    for worksheet in workbook.worksheets:
        found = _header(worksheet)
        if found is not None:
            return _read_sheet(worksheet, *found, source=source, year=year)
    message = (
        "kolom kode_sub_kegiatan dan pagu tidak ditemukan di baris judul; "
        "ini bukan ekspor APBD SIPD-RI"
    )
    return SourceApbd(
        source=source, findings=(Finding(rule=sh.LAYOUT, severity="error", message=message),)
    )


def _header(worksheet: Worksheet) -> tuple[int, dict[str, int]] | None:
    """(row, {key: column}) of the header row, when it names the required columns."""
    for row in range(1, min(sh.last_row(worksheet), HEADER_ROWS) + 1):
        columns: dict[str, int] = {}
        for column, value in enumerate(sh.row_values(worksheet, row), start=1):
            key = header_key(sh.cell_text(value))
            if key and key not in columns:
                columns[key] = column
        if all(key in columns for key in REQUIRED):
            return row, columns
    return None


class _Reading:
    def __init__(self, worksheet: Worksheet, columns: dict[str, int], source: str) -> None:
        self.worksheet = worksheet
        self.columns = columns
        self.source = source
        self.numeric_codes: list[str] = []
        self.lossy_codes: list[str] = []
        self.text_amounts: list[Printed] = []
        self.skipped: list[int] = []
        self.names: dict[tuple[str, str], str] = {}
        self.name_variants: dict[tuple[str, str], set[str]] = {}

    def value(self, values: list[Any], key: str) -> Any:
        column = self.columns.get(key)
        return values[column - 1] if column else None

    def code(self, values: list[Any], key: str, row: int) -> str:
        raw = self.value(values, key)
        text, as_number = sh.code_text(raw)
        if as_number:
            cell = sh.location(self.source, self.worksheet, row, self.columns[key]).cell
            self.numeric_codes.append(cell)
            if isinstance(raw, float) and not raw.is_integer():
                self.lossy_codes.append(f"{cell} ({text})")
        return text

    def text(self, values: list[Any], key: str) -> str:
        return sh.clean(sh.cell_text(self.value(values, key)))


def _read_sheet(
    worksheet: Worksheet, header_row: int, columns: dict[str, int], *, source: str, year: int | None
) -> SourceApbd:
    reading = _Reading(worksheet, columns, source)
    raw_rows: list[tuple[int, dict[str, Any]]] = []
    for row in range(header_row + 1, sh.last_row(worksheet) + 1):
        values = sh.row_values(worksheet, row)
        if all(sh.is_blank(value) for value in values):
            continue
        record = _record(reading, values, row)
        if not record["kode_sub_kegiatan"] and not record["kode_standar_harga"]:
            reading.skipped.append(row)
            continue
        for code_key, name_key in NAMED:
            _remember_name(reading, code_key, record[code_key], record[name_key])
        raw_rows.append((row, record))
    rows = tuple(_row(reading, row, record) for row, record in raw_rows)
    findings = _findings(reading, rows, year)
    return SourceApbd(source=source, rows=rows, findings=tuple(findings))


def _record(reading: _Reading, values: list[Any], row: int) -> dict[str, Any]:
    record: dict[str, Any] = {key: reading.code(values, key, row) for key in CODES}
    for _, name_key in NAMED:
        record[name_key] = sh.strip_code_prefix(
            reading.text(values, name_key), record[NAMED_CODE[name_key]]
        )
    record["sumber_dana"] = reading.text(values, "nama_sumber_dana")
    for key in ("tahun", "pagu"):
        column = reading.columns.get(key)
        record[key] = (
            sh.printed(
                values[column - 1], sh.location(reading.source, reading.worksheet, row, column)
            )
            if column
            else None
        )
    record["pagu_is_text"] = isinstance(reading.value(values, "pagu"), str)
    return record


def _remember_name(reading: _Reading, code_key: str, code: str, name: str) -> None:
    """The last non-empty name of each code wins; a blank never overwrites a name."""
    if code and name:
        reading.names[(code_key, code)] = name
        reading.name_variants.setdefault((code_key, code), set()).add(name)


def _row(reading: _Reading, row: int, record: dict[str, Any]) -> SourceApbdRow:
    def name(code_key: str, name_key: str) -> str:
        return reading.names.get((code_key, record[code_key]), record[name_key])

    if record["pagu"] is not None and record["pagu_is_text"]:
        reading.text_amounts.append(record["pagu"])
    pagu = record["pagu"] or Printed(
        text="",
        location=sh.location(reading.source, reading.worksheet, row, reading.columns["pagu"]),
    )
    return SourceApbdRow(
        tahun=record["tahun"],
        kode_skpd=record["kode_skpd"],
        nama_skpd=name("kode_skpd", "nama_skpd"),
        kode_sub_kegiatan=record["kode_sub_kegiatan"],
        nama_sub_kegiatan=name("kode_sub_kegiatan", "nama_sub_kegiatan"),
        pagu=pagu,
        sumber_dana=record["sumber_dana"],
        location=sh.location(reading.source, reading.worksheet, row, 1),
    )


def _findings(
    reading: _Reading, rows: tuple[SourceApbdRow, ...], year: int | None
) -> list[Finding]:
    findings = []
    if reading.skipped:
        findings.append(
            _info(
                f"{len(reading.skipped)} baris tanpa kode sub kegiatan dan tanpa kode standar "
                f"harga dilewati (baris {sh.examples([str(r) for r in reading.skipped])})",
                reading.skipped[0],
            )
        )
    if reading.numeric_codes:
        findings.append(
            Finding(
                rule=sh.CODE_FORMAT,
                severity="warning" if reading.lossy_codes else "info",
                line=int(re.sub(r"\D", "", reading.numeric_codes[0])),
                message=(
                    f"{len(reading.numeric_codes)} sel kode tersimpan sebagai angka "
                    f"(mis. {sh.examples(reading.numeric_codes)}); dibaca sebagai teks"
                    + (
                        f"; {len(reading.lossy_codes)} mungkin kehilangan angka nol di belakang: "
                        f"{sh.examples(reading.lossy_codes)}"
                        if reading.lossy_codes
                        else ""
                    )
                ),
            )
        )
    findings += _name_findings(reading, rows)
    findings += _year_findings(rows, year)
    findings += _pagu_findings(reading, rows)
    return findings


def _info(message: str, line: int | None = None) -> Finding:
    return Finding(rule=sh.LAYOUT, severity="info", message=message, line=line)


def _name_findings(reading: _Reading, rows: tuple[SourceApbdRow, ...]) -> list[Finding]:
    findings = []
    filled = [row for row in rows if _own_name_blank(reading, row) and row.nama_sub_kegiatan]
    if filled:
        findings.append(
            _info(
                f"{len(filled)} baris tanpa nama sub kegiatan diberi nama dari baris lain "
                f"dengan kode yang sama (mis. baris "
                f"{sh.examples([str(row.location.line) for row in filled])})",
                filled[0].location.line,
            )
        )
    for (code_key, code), names in reading.name_variants.items():
        if len(names) > 1:
            findings.append(
                Finding(
                    rule=sh.NOMENCLATURE,
                    severity="warning",
                    code=code,
                    message=(
                        f"kode {code} ({code_key}) bernama berbeda-beda: "
                        f"{'; '.join(sorted(names))}; dipakai yang terakhir"
                    ),
                )
            )
    return findings


def _own_name_blank(reading: _Reading, row: SourceApbdRow) -> bool:
    """True when the row's own name cell was blank (its name came from another row)."""
    column = reading.columns.get("nama_sub_kegiatan")
    if not column or not row.location.line:
        return False
    return sh.is_blank(reading.worksheet.cell(row=row.location.line, column=column).value)


def _year_findings(rows: tuple[SourceApbdRow, ...], year: int | None) -> list[Finding]:
    years = Counter(
        int(row.tahun.value)
        for row in rows
        if row.tahun is not None and row.tahun.value is not None
    )
    findings = []
    if len(years) > 1:
        listed = ", ".join(f"{y} ({n} baris)" for y, n in sorted(years.items()))
        findings.append(
            Finding(
                rule=sh.TITLE_YEAR,
                severity="warning",
                message=f"kolom tahun berisi lebih dari satu tahun: {listed}",
            )
        )
    other = {y: n for y, n in years.items() if year is not None and y != year}
    if other:
        first = next(
            row for row in rows if row.tahun is not None and row.tahun.value in set(map(int, other))
        )
        findings.append(
            Finding(
                rule=sh.TITLE_YEAR,
                severity="error",
                line=first.location.line,
                expected=str(year),
                actual=", ".join(map(str, sorted(other))),
                message=(
                    f"berkas diunggah sebagai tahun {year}, tetapi kolom tahun berisi "
                    f"{', '.join(map(str, sorted(other)))} ({sum(other.values())} baris); "
                    "pilih tahun yang benar atau unggah berkas tahun itu"
                ),
            )
        )
    return findings


def _pagu_findings(reading: _Reading, rows: tuple[SourceApbdRow, ...]) -> list[Finding]:
    findings = []
    unread = [row for row in rows if row.pagu.value is None]
    if unread:
        first = unread[0]
        findings.append(
            Finding(
                rule=sh.MISSING_VALUE,
                severity="warning",
                line=first.location.line,
                code=first.kode_sub_kegiatan,
                actual=first.pagu.text,
                message=(
                    f"{len(unread)} baris dengan pagu kosong atau tak terbaca "
                    f"(mis. {sh.examples([r.pagu.location.cell for r in unread])})"
                ),
            )
        )
    if reading.text_amounts:
        letter = sh.letter(reading.columns["pagu"])
        findings += sh.number_as_text_findings(
            {letter: reading.text_amounts}, {letter: f"kolom pagu ({letter})"}
        )
    return findings
