"""SIPD-style Renstra extracts (CSV, one row per sub kegiatan indikator) → `SourceRenstra`.

Columns (sipd-formats.md §4): kodepemda, namapemda, idperiode, kodebidang, uraibidang,
kodeprogram, uraiprogram, kodekegiatan, uraikegiatan, kodesubkegiatan, uraisubkegiatan,
kodeskpd, uraiskpd, kodesubkegiatan_indikator, uraisubkegiatan_indikator, satuan,
kinerja, volume_awal, volume_0 … volume_7, pagu_awal, pagu1 … pagu7. Headers are matched
case- and space-insensitively; `,` `;` or tab separate the fields.

How it reads them:

- **Codes stay as printed** (stripped of spaces only): a float-mangled `kodebidang`
  `3.3` stays `3.3`; the checks and the mapping judge it (the bidang of a row is the
  prefix of its program code).
- **Text** (names, indikator, satuan, kinerja): embedded newlines and runs of spaces
  collapse to one space; the cells changed are counted in one `layout` finding.
- **Numbers** are written as floats (`177582000.0`) and read exactly, as `Decimal` of
  the text (`sheet.printed_float_text`); a blank cell is no value.
- **Period** from `idperiode` (`20252029` → 2025–2029). Volumes and pagu are keyed by
  year: `pagu1` and `volume_1` = the first year, `pagu2`/`volume_2` = the second … (the
  real files confirm it: a volume of 0 goes with a pagu of 0 in the same slot);
  `volume_0` = the year before the period (tahun 0, first year − 1); `volume_awal` and
  `pagu_awal` = the baseline (kondisi awal), key `"awal"`. Slots past the last year
  (`volume_6/7`, `pagu6/7`) are dropped when blank or 0, kept under their year and
  reported otherwise.

The pagu of a sub kegiatan with several indikator rows may be repeated, split, put on one
row, or blank on the others: the reader keeps every row as printed; the mapping decides.
"""

import csv
import io
import re
from typing import Any

from kinerja.evaluation.source import Location, Printed, SourceRenstra, SourceRenstraRow
from kinerja.evaluation.types import Finding
from kinerja.imports.parsers import sheet as sh

REQUIRED = ("kodeprogram", "kodekegiatan", "kodesubkegiatan")
TEXT_COLUMNS = (
    "namapemda",
    "uraibidang",
    "uraiprogram",
    "uraikegiatan",
    "uraisubkegiatan",
    "uraiskpd",
    "uraisubkegiatan_indikator",
    "satuan",
    "kinerja",
)
VOLUME_SLOTS = ("awal", *map(str, range(8)))  # volume_awal, volume_0 … volume_7
PAGU_SLOTS = ("awal", *map(str, range(1, 8)))  # pagu_awal, pagu1 … pagu7
BASELINE = "awal"
_PERIOD = re.compile(r"^\s*((?:19|20)\d\d)((?:19|20)\d\d)\s*$")


def volume_column(slot: str) -> str:
    return f"volume_{slot}"


def pagu_column(slot: str) -> str:
    return "pagu_awal" if slot == BASELINE else f"pagu{slot}"


def slot_year(slot: str, first_year: int | None) -> str:
    """The key of a slot: "awal" stays; slot k → str(first_year + k − 1); without a
    period the file's own slot number."""
    if slot == BASELINE or first_year is None:
        return slot
    return str(first_year + int(slot) - 1)


def read(content: bytes, source: str) -> SourceRenstra:
    """Read a Renstra CSV extract (see the module docstring)."""
    text, findings = _decode(content, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records = sh.csv_records(reader, source)
    header = [_column_name(name) for name in next(records, [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        findings.append(
            Finding(
                rule=sh.LAYOUT,
                severity="error",
                line=1,
                message=f"kolom wajib tidak ada: {', '.join(missing)}; ini bukan ekstrak Renstra",
            )
        )
        return SourceRenstra(source=source, findings=tuple(findings))
    reading = _Reading(source=source)
    start = reader.line_num + 1
    for record in records:
        if any(cell.strip() for cell in record):
            cells = dict(zip(header, record, strict=False))
            reading.rows.append(_row(reading, cells, start))
        start = reader.line_num + 1
    findings += reading.summary()
    first = reading.rows[0] if reading.rows else None
    return SourceRenstra(
        source=source,
        first_year=reading.first_year,
        last_year=reading.last_year,
        pemda=reading.pemda,
        opd_name=first.nama_skpd if first else "",
        rows=tuple(reading.rows),
        findings=tuple(findings),
    )


def _decode(content: bytes, source: str) -> tuple[str, list[Finding]]:
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        message = "berkas bukan UTF-8; dibaca sebagai Windows-1252, periksa huruf beraksen"
        finding = Finding(rule=sh.LAYOUT, severity="warning", message=message)
        return content.decode("cp1252", errors="replace"), [finding]


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)


def _column_name(name: str) -> str:
    return re.sub(r"\s+", "_", name.strip().lower())


class _Reading:
    """The rows read so far, the period, and the counts for the summary findings."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows: list[SourceRenstraRow] = []
        self.first_year: int | None = None
        self.last_year: int | None = None
        self.period_text: str | None = None
        self.pemda = ""
        self.cleaned: list[tuple[int, str, bool]] = []  # (line, column, had a newline)
        self.extra: list[tuple[int, str, str]] = []  # slots past the period with a value
        self.findings: list[Finding] = []

    def period(self, text: str, line: int) -> None:
        if self.period_text is None:
            self.period_text = text
            match = _PERIOD.match(text)
            if match:
                self.first_year, self.last_year = int(match.group(1)), int(match.group(2))
            else:
                self.findings.append(
                    Finding(
                        rule=sh.LAYOUT,
                        severity="warning",
                        line=line,
                        column="idperiode",
                        actual=text,
                        message=(
                            f"idperiode {text!r} bukan periode (mis. 20252029); volume dan "
                            "pagu disimpan menurut nomor kolomnya, bukan tahun"
                        ),
                    )
                )
        elif text != self.period_text:
            self.findings.append(
                Finding(
                    rule=sh.LAYOUT,
                    severity="warning",
                    line=line,
                    column="idperiode",
                    expected=self.period_text,
                    actual=text,
                    message=f"idperiode {text!r} berbeda dari baris pertama ({self.period_text})",
                )
            )

    def summary(self) -> list[Finding]:
        findings = list(self.findings)
        if self.cleaned:
            newlines = sum(1 for _, _, newline in self.cleaned if newline)
            cells = [f"baris {line} {column}" for line, column, _ in self.cleaned]
            findings.append(
                Finding(
                    rule=sh.LAYOUT,
                    severity="info",
                    line=self.cleaned[0][0],
                    message=(
                        f"{len(self.cleaned)} sel teks dirapikan ({newlines} berisi baris baru, "
                        f"{len(self.cleaned) - newlines} berisi spasi berlebih), "
                        f"mis. {sh.examples(cells)}"
                    ),
                )
            )
        for line, column, text in self.extra:
            findings.append(
                Finding(
                    rule=sh.LAYOUT,
                    severity="warning",
                    line=line,
                    column=column,
                    actual=text,
                    message=(
                        f"kolom {column} di luar periode {self.first_year}–{self.last_year} "
                        f"berisi {text}; disimpan, periksa"
                    ),
                )
            )
        return findings


def _row(reading: _Reading, cells: dict[str, str], line: int) -> SourceRenstraRow:
    def code(name: str) -> str:
        return cells.get(name, "").strip()

    def text(name: str) -> str:
        raw = cells.get(name, "")
        cleaned = sh.clean(raw)
        if cleaned != raw:
            reading.cleaned.append((line, name, "\n" in raw or "\r" in raw))
        return cleaned

    texts = {name: text(name) for name in TEXT_COLUMNS}
    reading.period(code("idperiode"), line)
    reading.pemda = reading.pemda or texts["namapemda"]
    location = Location(source=reading.source, line=line)
    return SourceRenstraRow(
        kode_bidang=code("kodebidang"),
        kode_program=code("kodeprogram"),
        kode_kegiatan=code("kodekegiatan"),
        kode_sub_kegiatan=code("kodesubkegiatan"),
        nama_program=texts["uraiprogram"],
        nama_kegiatan=texts["uraikegiatan"],
        nama_sub_kegiatan=texts["uraisubkegiatan"],
        kode_skpd=code("kodeskpd"),
        nama_skpd=texts["uraiskpd"],
        kode_indikator=code("kodesubkegiatan_indikator"),
        indikator=texts["uraisubkegiatan_indikator"],
        satuan=texts["satuan"],
        volume=_figures(reading, cells, VOLUME_SLOTS, volume_column, location),
        pagu=_figures(reading, cells, PAGU_SLOTS, pagu_column, location),
        location=location,
        nama_bidang=texts["uraibidang"],
        kinerja=texts["kinerja"],
    )


def _figures(
    reading: _Reading, cells: dict[str, str], slots: tuple[str, ...], column: Any, at: Location
) -> tuple[tuple[str, Printed], ...]:
    figures = []
    for slot in slots:
        name = column(slot)
        number = sh.printed_float_text(cells.get(name, ""), at, name)
        if number is None:
            continue
        year = slot_year(slot, reading.first_year)
        past = (
            slot != BASELINE
            and reading.last_year is not None
            and reading.first_year is not None
            and int(year) > reading.last_year
        )
        if past and number.value == 0:
            continue
        if past:
            reading.extra.append((at.line or 0, name, number.text))
        figures.append((year, number))
    return tuple(figures)
