"""A Renja as text extracted from its PDF → `SourceRenja`; also the row logic every Renja
reader shares (`interpret`, used by `docx_renja`).

The text keeps one line per table row with its cells split by tabs, but loses what a PDF
does not print: empty leading Kode cells and empty Catatan cells simply vanish, page breaks
leave blank lines inside tables, and a row broken inside a cell continues on the next line.
So the reader:

- finds each table by the row numbering its columns (`1 2 3 … 10`, `10=(5+7+9)`) under
  its header; the header tells Tabel 4.1 / T-C.33 (Lokasi, Target, Pagu, Sumber Dana)
  from Tabel 2.1 / T-C.29 (Realisasi, Tingkat, Renstra); other tables only give titles;
- joins a line with fewer cells than any row of the table has to the line after it (a
  wrapped cell), and a row holding only lower-case text to the row above (wrapped text);
- places each row's cells in the table's columns by what they hold (`align`): the Kode
  and Catatan columns may be missing, trailing empty cells may be extra;
- decides each row's level (`_decide_levels`). A row named "PROGRAM …" (or with a
  3-part code) is a program; the rows up to the next program are split into groups of
  one kegiatan followed by its sub kegiatan, taking the split that agrees best with, by
  weight: printed codes (5 parts kegiatan, 6 sub kegiatan); the names the document
  itself lists in its BAB IV ("1. <kegiatan>" then "- <sub kegiatan>" lines) and the
  nomenclature names of permendagri86.md §5; the figures (Tabel 4.1: a kegiatan's pagu
  is the sum of its sub kegiatan's; Tabel 2.1: kegiatan rows print no figures). A row
  none of these decide is guessed, and the guess is reported;
- attaches a row with no name but an indikator to the item above (further indikator of a
  program), reads a row with only amounts as the grand total;
- keeps every figure as printed (`Printed`), targets split into number and satuan
  (`18 Dok` → `18` + `Dok`), and records what it could not place as findings (rule
  `layout`), never raising on an odd row.

Titles naming a year or triwulan are kept with their role: the cover's title
("document"), Daftar Isi entries and section headings ("section"), table captions
("table") and column headers ("column").
"""

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from itertools import combinations

from kinerja.evaluation.numbers import is_number_text, parse_number
from kinerja.evaluation.source import (
    Location,
    Printed,
    SourceIndikator,
    SourceItem,
    SourceRenja,
    SourceTc29Row,
    Title,
)
from kinerja.evaluation.types import KEGIATAN, PROGRAM, SUB_KEGIATAN, Finding

TC33, TC29 = "T-C.33", "T-C.29"
TABLE_NAMES = {TC33: "Tabel 4.1", TC29: "Tabel 2.1"}
LAYOUT = "layout"


@dataclass(frozen=True)
class Column:
    """A column of a Renja table: its key, official number and the kind of cell it holds."""

    key: str
    number: str
    kind: str  # code, text, lokasi, target, money, sumber, note, figure
    droppable: bool = False  # a PDF extraction may lose it when it is empty


LAYOUTS: dict[str, tuple[Column, ...]] = {
    TC33: (
        Column("code", "1", "code", droppable=True),
        Column("name", "2", "text"),
        Column("indikator", "3", "text"),
        Column("lokasi", "4", "lokasi"),
        Column("target", "5", "target"),
        Column("pagu", "6", "money"),
        Column("sumber_dana", "7", "sumber"),
        Column("catatan", "8", "note", droppable=True),
        Column("target_n1", "9", "target"),
        Column("pagu_n1", "10", "money"),
    ),
    TC29: (
        Column("code", "1", "code", droppable=True),
        Column("name", "2", "text"),
        Column("indikator", "3", "text"),
        *(Column(str(number), str(number), "figure") for number in range(4, 12)),
    ),
}
FIGURE_KEYS = tuple(str(number) for number in range(4, 12))

# Nomenclature names of permendagri86.md §5 (Kepmendagri 900.1.15.5-1317/2023): what a
# row's name says about its level when the document has no list of its own.
NOMENCLATURE_KEGIATAN = (
    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "Administrasi Keuangan Perangkat Daerah",
    "Administrasi Barang Milik Daerah pada Perangkat Daerah",
    "Administrasi Kepegawaian Perangkat Daerah",
    "Administrasi Umum Perangkat Daerah",
    "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
    "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
    "Mutasi dan Promosi ASN",
    "Pengembangan Kompetensi ASN",
    "Penilaian dan Evaluasi Kinerja Aparatur",
)
NOMENCLATURE_SUB_KEGIATAN = (
    "Penyusunan Dokumen Perencanaan Perangkat Daerah",
    "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
    "Evaluasi Kinerja Perangkat Daerah",
    "Penyediaan Gaji dan Tunjangan ASN",
    "Penyediaan Administrasi Pelaksanaan Tugas ASN",
    "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
    "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
    "Sosialisasi Peraturan Perundang-Undangan",
    "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
    "Penyediaan Bahan Logistik Kantor",
    "Penyediaan Barang Cetakan dan Penggandaan",
    "Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan",
    "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
    "Pengadaan Peralatan dan Mesin Lainnya",
    "Penyediaan Jasa Surat Menyurat",
    "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
    "Penyediaan Jasa Pelayanan Umum Kantor",
    "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan Perorangan "
    "Dinas atau Kendaraan Dinas Jabatan",
    "Pemeliharaan Peralatan dan Mesin Lainnya",
    "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
    "Pengelolaan Mutasi ASN",
    "Pengelolaan Kenaikan Pangkat ASN",
    "Pengelolaan Administrasi Diklat dan Sertifikasi ASN",
)
SUMBER_DANA = {"APBD", "APBN", "DAK", "DAU", "DBH", "DID", "BLUD", "BOS", "BOK", "PAD", "HIBAH"}
NAME_MATCH = 0.92  # similarity of two names taken as the same (typos, "Pemerintah(an)")
CODE_WEIGHT, NAME_WEIGHT, SUM_WEIGHT = 8.0, 5.0, 4.0
MAX_GROUP = 80  # rows of one kegiatan with its sub kegiatan, at most
COVER_LINES = 25
CAPTION_LINES = 6

_CODE = re.compile(r"^[\dX]+(\.[\dX]+)*\.?$")
_NUMBERING = re.compile(r"^(\d{1,2})(\s*=.*)?$")
_TARGET = re.compile(r"^([-(]?\d[\d.,]*(?:[IlO|][\d.,IlO|]*)?\)?)(?=\s|%|$)\s*(.*)$")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_TRIWULAN = re.compile(r"\b(?:triwulan|tw)\.?\s*(IV|III|II|I|[1-4])\b", re.IGNORECASE)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_HEADING = re.compile(r"^(?:-\s*)?(?:BAB\b|TABEL\b|GAMBAR\b|\d+(?:\.\d+)+\.?\s)", re.IGNORECASE)
_SECTION = re.compile(r"^(?:BAB\.?\s+[IVX]+\b|\d+(?:\.\d+)+\.?\s+\S)", re.IGNORECASE)
_COVER_END = re.compile(r"^(KATA PENGANTAR|DAFTAR ISI|BAB\b)", re.IGNORECASE)
_BAB = re.compile(r"^BAB\.?\s+[IVX]+\b", re.IGNORECASE)
_AGENCY = re.compile(
    r"^(BADAN|DINAS|SEKRETARIAT|INSPEKTORAT|KANTOR|SATUAN|RUMAH SAKIT|KECAMATAN)\b", re.I
)
_LISTED = re.compile(r"^(?:-\s*)?\d{1,2}[.)]\s+(.+)$")
_BULLET = re.compile(r"^[-•–]\s*(.+)$")
_COUNTS = re.compile(r"(\d+)\s+kegiatan\s+dan\s+(\d+)\s+sub\s*kegiatan", re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    """One cell's text (whitespace collapsed) and where it stood."""

    text: str
    location: Location


@dataclass(frozen=True)
class RawTable:
    """A Tabel 4.1 or 2.1 body as found: rows of cells, not yet placed in columns.

    `line` orders the table among the paragraphs (its first header line, or for a .docx
    the number of paragraphs before it).
    """

    kind: str
    rows: tuple[tuple[Cell, ...], ...]
    line: int


@dataclass(frozen=True)
class Row:
    """A row placed in its table's columns: the non-empty cells by column key."""

    kind: str
    cells: Mapping[str, Cell]
    location: Location

    def text(self, key: str) -> str:
        cell = self.cells.get(key)
        return cell.text if cell else ""


Paragraph = tuple[int, str]  # (line or paragraph number, text)


def read(content: bytes, source: str) -> SourceRenja:
    """Read a Renja document from the text of its PDF (see the module docstring)."""
    lines = _decode(content).splitlines()
    numberings = _numbering_rows(lines)
    headers = {numbering: _header_lines(lines, numbering) for numbering in numberings}
    stops = {i for numbering, header in headers.items() for i in (*header, numbering)}
    used: set[int] = set(stops)
    tables: list[RawTable] = []
    titles: list[Title] = []
    findings: list[Finding] = []
    for numbering, header in headers.items():
        first = header[0] if header else numbering
        caption = _caption_lines(lines, first)
        body = _body_lines(lines, numbering, stops)
        used.update(caption, body)
        titles += _caption_titles(lines, caption, source)
        for index in header:
            titles += column_titles(
                [Cell(text, _at(source, index)) for text in _cells(lines[index])]
            )
        kind = table_kind(" ".join(lines[index] for index in header))
        if kind is not None:
            rows = _join_wrapped(lines, body, kind, source, findings)
            tables.append(RawTable(kind=kind, rows=rows, line=first + 1))
    paragraphs = [(index + 1, line) for index, line in enumerate(lines) if index not in used]
    return interpret(
        source=source, paragraphs=paragraphs, tables=tables, titles=titles, findings=findings
    )


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _at(source: str, index: int) -> Location:
    return Location(source=source, line=index + 1)


def clean(text: str) -> str:
    """A cell's or paragraph's text: markup stars dropped, whitespace collapsed."""
    return " ".join(text.replace("**", " ").split())


def _cells(line: str) -> list[str]:
    return [clean(text) for text in line.split("\t")]


# --- finding tables in the text ---------------------------------------------------------


def is_numbering_row(texts: Sequence[str]) -> bool:
    """True for the row under a header that numbers the columns: `1 2 3 …`, `10=(5+7+9)`."""
    filled = [text for text in texts if text]
    matches = [_NUMBERING.match(text) for text in filled]
    if len(filled) < 4 or not all(matches):
        return False
    numbers = [int(match.group(1)) for match in matches if match]
    return numbers[0] <= 3 and all(b > a for a, b in zip(numbers, numbers[1:], strict=False))


def table_kind(header: str) -> str | None:
    """T-C.33 or T-C.29 from a table's header text, else None (a table not read)."""
    text = header.lower()
    if "pagu" in text and "target" in text and ("lokasi" in text or "sumber dana" in text):
        return TC33
    if "realisasi" in text and "tingkat" in text and "renstra" in text:
        return TC29
    return None


def _numbering_rows(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if "\t" in line and is_numbering_row(_cells(line))]


def _header_lines(lines: list[str], numbering: int) -> list[int]:
    start = numbering
    while start > 0 and "\t" in lines[start - 1] and lines[start - 1].strip():
        start -= 1
    return list(range(start, numbering))


def caption_size(texts: Sequence[str]) -> int:
    """How many of the lines just above a table (nearest first) are its caption: short
    lines up to and including "TABEL x.y", stopping at a blank line or a heading."""
    taken = 0
    for raw in texts:
        text = clean(raw)
        table_line = text.upper().startswith("TABEL")
        heading = (_HEADING.match(text) or _COVER_END.match(text)) and not table_line
        if not text or "\t" in raw or len(text) > 150 or text.endswith(":") or heading:
            break
        taken += 1
        if table_line or taken == CAPTION_LINES:
            break
    return taken


def _caption_lines(lines: list[str], first: int) -> list[int]:
    """The caption of the table whose header starts at `first` (one blank line may stand
    between them)."""
    index = first - 1
    if index >= 0 and not lines[index].strip():
        index -= 1
    size = caption_size([lines[i] for i in range(index, max(-1, index - CAPTION_LINES), -1)])
    return list(range(index - size + 1, index + 1))


def _body_lines(lines: list[str], numbering: int, stops: set[int]) -> list[int]:
    """The lines of a table's body: up to another table's header, a heading, or text that
    does not continue a row. Blank lines (page breaks) are skipped."""
    body: list[int] = []
    for index in range(numbering + 1, len(lines)):
        line = lines[index]
        if index in stops or (
            line.strip() and "\t" not in line and not _continues(lines, index, stops)
        ):
            break
        if line.strip():
            body.append(index)
    return body


def _continues(lines: list[str], index: int, stops: set[int]) -> bool:
    """A tab-less line inside a table is a wrapped cell when a table row follows it."""
    if _HEADING.match(lines[index].strip()):
        return False
    following = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    return following is not None and "\t" in lines[following] and following not in stops


def _join_wrapped(
    lines: list[str], body: list[int], kind: str, source: str, findings: list[Finding]
) -> tuple[tuple[Cell, ...], ...]:
    """Body lines as rows of cells; a line too short for any row continues on the next."""
    layout = LAYOUTS[kind]
    shortest = len(layout) - sum(column.droppable for column in layout)
    rows: list[tuple[Cell, ...]] = []
    pending: list[Cell] = []
    for index in body:
        cells = [Cell(text, _at(source, index)) for text in _cells(lines[index])]
        if pending:
            joined = f"{pending[-1].text} {cells[0].text}".strip()
            cells = [*pending[:-1], Cell(joined, pending[-1].location), *cells[1:]]
        if len(cells) < shortest:
            pending = cells
            continue
        pending = []
        rows.append(tuple(cells))
    if pending:
        findings.append(
            layout_finding(
                kind,
                pending[0].location,
                "baris terpotong di akhir tabel tidak lengkap dan tidak dibaca: "
                + " | ".join(cell.text for cell in pending if cell.text),
                severity="error",
            )
        )
    return tuple(rows)


# --- titles --------------------------------------------------------------------------


def make_title(text: str, role: str, location: Location) -> Title | None:
    """A `Title` when `text` names a year or a triwulan, else None."""
    years = tuple(dict.fromkeys(int(year) for year in _YEAR.findall(text)))
    match = _TRIWULAN.search(text)
    triwulan = None
    if match:
        label = match.group(1).upper()
        triwulan = _ROMAN[label] if label in _ROMAN else int(label)
    if not years and triwulan is None:
        return None
    return Title(text=text, role=role, years=years, triwulan=triwulan, location=location)


def column_titles(cells: Sequence[Cell]) -> list[Title]:
    """The column headers of one header row that name a year or triwulan."""
    found = (make_title(cell.text, "column", cell.location) for cell in cells if cell.text)
    return [title for title in found if title is not None]


def _caption_titles(lines: list[str], caption: list[int], source: str) -> list[Title]:
    found = (make_title(clean(lines[i]), "table", _at(source, i)) for i in caption)
    return [title for title in found if title is not None]


def _first_cell(text: str) -> str:
    cells = [cell for cell in (clean(part) for part in text.split("\t")) if cell]
    return re.sub(r"^-\s*", "", cells[0]) if cells else ""


def _cover_size(paragraphs: Sequence[Paragraph]) -> int:
    """How many paragraphs the cover has: up to the preface, contents or BAB I, and at
    most COVER_LINES non-empty ones (a file without a cover has a short one)."""
    filled = 0
    for index, (_, text) in enumerate(paragraphs):
        first = _first_cell(text)
        filled += bool(first)
        if _COVER_END.match(first) or filled > COVER_LINES:
            return index
    return len(paragraphs)


def paragraph_titles(paragraphs: Sequence[Paragraph], source: str) -> list[Title]:
    """Titles of the cover ("document") and of the Daftar Isi entries and section
    headings ("section") that name a year or triwulan."""
    cover = _cover_size(paragraphs)
    titles: list[Title] = []
    for index, (line, text) in enumerate(paragraphs):
        first = _first_cell(text)
        role = "document" if index < cover else "section"
        if role == "section" and not (_SECTION.match(first) and len(first) <= 150):
            continue
        title = make_title(first, role, Location(source=source, line=line)) if first else None
        if title is not None:
            titles.append(title)
    return titles


def _pemda_name(paragraphs: Sequence[Paragraph]) -> str:
    """The pemda on the cover: the "PEMERINTAH KABUPATEN …" line without "PEMERINTAH"."""
    cover = [_first_cell(text) for _, text in paragraphs[: _cover_size(paragraphs)]]
    line = next((text for text in cover if text.upper().startswith("PEMERINTAH ")), "")
    return line[len("PEMERINTAH ") :].strip()


def _opd_name(paragraphs: Sequence[Paragraph]) -> str:
    """The agency's name on the cover: the lines after "PEMERINTAH …" (or from "BADAN …",
    "DINAS …") up to a blank line."""
    cover = [_first_cell(text) for _, text in paragraphs[: _cover_size(paragraphs)]]
    start = next(
        (i + 1 for i, text in enumerate(cover) if text.upper().startswith("PEMERINTAH")), None
    )
    if start is None or start >= len(cover) or not cover[start]:
        start = next((i for i, text in enumerate(cover) if _AGENCY.match(text)), None)
    block: list[str] = []
    for text in cover[start:] if start is not None else []:
        if not text:
            break
        block.append(text)
    return " ".join(block)


# --- names the document lists as kegiatan and sub kegiatan ---------------------------


@dataclass(frozen=True)
class LevelHints:
    """Names known as kegiatan or sub kegiatan, and the counts the document states."""

    kegiatan: tuple[str, ...] = ()
    sub_kegiatan: tuple[str, ...] = ()
    counts: tuple[int, int] | None = None


def normal_name(name: str) -> str:
    """A name for comparison: lower case, punctuation as spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower()).split())


def list_hints(paragraphs: Sequence[Paragraph], before: int) -> LevelHints:
    """The "1. <kegiatan>" / "- <sub kegiatan>" list of the chapter holding line `before`
    (BAB IV for Tabel 4.1), and a sentence such as "12 kegiatan dan 39 sub kegiatan"."""
    region = [(line, text) for line, text in paragraphs if line < before]
    start = max((i for i, (_, text) in enumerate(region) if _BAB.match(text.strip())), default=0)
    kegiatan: list[str] = []
    subs: list[str] = []
    pending: str | None = None
    counts = None
    for _, raw in region[start:]:
        text = clean(raw)
        if match := _COUNTS.search(text):
            counts = (int(match.group(1)), int(match.group(2)))
        if not text:
            continue
        listed, bullet = _LISTED.match(text), _BULLET.match(text)
        if listed:
            name = listed.group(1)
            pending = None if name.lower().startswith("program") else name
        elif bullet:
            subs.append(bullet.group(1))
            if pending:
                kegiatan.append(pending)
                pending = None
        else:
            pending = None
    return LevelHints(kegiatan=tuple(kegiatan), sub_kegiatan=tuple(subs), counts=counts)


class _NameLevels:
    """The level a name is known to have, by similarity to the listed names."""

    def __init__(self, hints: LevelHints) -> None:
        self.known = [
            (normal_name(name), level)
            for level, names in (
                (KEGIATAN, (*hints.kegiatan, *NOMENCLATURE_KEGIATAN)),
                (SUB_KEGIATAN, (*hints.sub_kegiatan, *NOMENCLATURE_SUB_KEGIATAN)),
            )
            for name in names
        ]

    def level(self, name: str) -> str | None:
        """The level of the most similar known name (at least NAME_MATCH), else None."""
        key = normal_name(name)
        best, best_ratio = None, 0.0
        for known, level in self.known:
            matcher = SequenceMatcher(None, key, known)
            if matcher.real_quick_ratio() < NAME_MATCH or matcher.quick_ratio() < NAME_MATCH:
                continue
            ratio = matcher.ratio()
            if ratio >= NAME_MATCH and ratio > best_ratio:
                best, best_ratio = level, ratio
        return best


# --- placing cells in columns ----------------------------------------------------------


def split_target(text: str) -> tuple[str, str]:
    """`18 Dok` → (`18`, `Dok`); `10,3%` → (`10,3`, `%`); text without a number → ("", text)."""
    match = _TARGET.match(text.strip())
    if not match:
        return "", text.strip()
    return match.group(1), match.group(2).strip()


def _numeric(text: str) -> tuple[bool, str, Decimal | None]:
    number, satuan = split_target(text)
    if not number or not is_number_text(number):
        return False, satuan, None
    parsed = parse_number(number)
    return True, satuan, parsed.value if parsed.problem in (None, "ambiguous") else None


def _is_sumber(text: str) -> bool:
    first = re.split(r"[\s/,-]+", text.strip().upper())[0]
    return first in SUMBER_DANA or text.lower().startswith("dana ")


def _fit(kind: str, text: str) -> float:
    """How well a cell's text fits a column kind (negative: it cannot stand there)."""
    if not text:
        return 0.0
    if kind == "code":
        return 2.0 if _CODE.match(text) else -10.0
    numeric, satuan, value = _numeric(text)
    if kind == "note":
        return -1.0 if numeric else 0.2
    if kind in ("text", "lokasi"):
        return -3.0 if numeric else (0.5 if _is_sumber(text) else 1.0)
    if kind == "sumber":
        return -5.0 if numeric else (3.0 if _is_sumber(text) else 0.5)
    if kind == "figure":
        return 1.0 if numeric and satuan in ("", "%") else -3.0
    if kind == "target":
        big = value is not None and not satuan and abs(value) >= 1_000_000
        return (0.5 if big else 2.0) if numeric else -1.0
    if not numeric:  # money
        return -5.0
    if satuan:
        return -3.0
    return 1.0 if value is None else (3.0 if abs(value) >= 1000 else -1.0)


def align(cells: Sequence[Cell], kind: str) -> tuple[Row, float] | None:
    """Place a row's cells in the columns of `kind`'s layout, and how well they fit.

    A row may lack the droppable columns (Kode, Catatan) and carry extra trailing empty
    cells; every such reading is scored by `_fit` and the best kept. None when the row
    has too many or too few cells for any reading.
    """
    layout = LAYOUTS[kind]
    droppable = [i for i, column in enumerate(layout) if column.droppable]
    trailing = len(cells) - len(_rstrip(cells))
    best: tuple[float, list[Column], int] | None = None
    for trim in range(trailing + 1):
        count = len(cells) - trim
        missing = len(layout) - count
        if not 0 <= missing <= len(droppable):
            continue
        for dropped in combinations(droppable, missing):
            columns = [column for i, column in enumerate(layout) if i not in dropped]
            score = sum(_fit(c.kind, cell.text) for c, cell in zip(columns, cells, strict=False))
            score -= 0.3 * trim + 0.1 * len(dropped)
            if best is None or score > best[0]:
                best = (score, columns, count)
    if best is None:
        return None
    score, columns, count = best
    placed = {c.key: cell for c, cell in zip(columns, cells[:count], strict=True) if cell.text}
    return Row(kind=kind, cells=placed, location=cells[0].location), score


def _rstrip(cells: Sequence[Cell]) -> Sequence[Cell]:
    end = len(cells)
    while end and not cells[end - 1].text:
        end -= 1
    return cells[:end]


def layout_finding(
    kind: str, location: Location, message: str, *, severity: str = "warning", row: str = ""
) -> Finding:
    """A finding of the reader itself (rule `layout`), located at a line or cell."""
    where = f" ({location.cell})" if location.cell else ""
    return Finding(
        rule=LAYOUT,
        severity=severity,
        message=message + where,
        table=TABLE_NAMES.get(kind, kind),
        row=row,
        line=location.line,
    )


def _rows(tables: Sequence[RawTable], kind: str, findings: list[Finding]) -> list[Row]:
    """The placed rows of every table of `kind`; wrapped lower-case text joins the row above."""
    rows: list[Row] = []
    for table in (table for table in tables if table.kind == kind):
        for cells in table.rows:
            if not any(cell.text for cell in cells):
                continue
            placed = align(cells, kind)
            if placed is None:
                findings.append(
                    layout_finding(
                        kind,
                        cells[0].location,
                        f"baris dengan {len(cells)} sel tidak cocok dengan susunan "
                        f"{TABLE_NAMES[kind]} ({len(LAYOUTS[kind])} kolom); tidak dibaca",
                        severity="error",
                    )
                )
                continue
            row, score = placed
            if rows and _wrapped_text(row):
                rows[-1] = _join_rows(rows[-1], row)
                continue
            if score < 0:
                findings.append(
                    layout_finding(
                        kind, row.location, "isi baris tidak cocok dengan kolomnya; periksa"
                    )
                )
            rows.append(row)
    return rows


def _wrapped_text(row: Row) -> bool:
    """Only name/indikator text, each starting in lower case: the rest of the row above."""
    keys = set(row.cells)
    return (
        bool(keys)
        and keys <= {"name", "indikator"}
        and all(cell.text[0].islower() for cell in row.cells.values())
    )


def _join_rows(above: Row, wrapped: Row) -> Row:
    cells = dict(above.cells)
    for key, cell in wrapped.cells.items():
        first = cells.get(key)
        cells[key] = Cell(f"{first.text} {cell.text}", first.location) if first else cell
    return Row(kind=above.kind, cells=cells, location=above.location)


# --- levels -------------------------------------------------------------------------


@dataclass
class _Node:
    row: Row
    level: str = ""
    extra: list[Row] = field(default_factory=list)  # continuation rows: further indikator
    children: list["_Node"] = field(default_factory=list)


def _code_parts(row: Row) -> int:
    """Parts of a nomenclature code (`5.03.01` → 3); 0 for none or a row number (`1`)."""
    code = row.text("code")
    return len(code.split(".")) if "." in code.strip(".") else 0


def _shape(row: Row) -> str:
    """What a row is before levels: item, program, continuation, total, heading or stray."""
    name, code = row.text("name"), row.text("code")
    money = row.kind == TC33 and ("pagu" in row.cells or "pagu_n1" in row.cells)
    if not name and not row.text("indikator") and not code:
        return "total" if money else "stray"
    if name.lower() in ("jumlah", "total", "jumlah total", "total pagu") and money:
        return "total"
    if not name:
        return "continuation" if not code else "stray"
    if re.match(r"program\b", name, re.IGNORECASE) or _code_parts(row) == 3:
        return "program"
    if re.match(r"(URUSAN|BIDANG|UNSUR)\b", name) or (_code_parts(row) == 2 and name.isupper()):
        return "heading"
    return "item"


def _place(
    rows: list[Row], hints: LevelHints, findings: list[Finding]
) -> tuple[list[_Node], list[Row]]:
    """The program nodes (kegiatan and sub kegiatan below them) and the total rows."""
    programs: list[_Node] = []
    totals: list[Row] = []
    block: list[_Node] = []
    last: _Node | None = None
    names = _NameLevels(hints)
    for row in rows:
        shape = _shape(row)
        if shape == "total":
            totals.append(row)
        elif shape == "continuation" and last is not None:
            last.extra.append(row)
        elif shape == "heading":
            findings.append(
                layout_finding(
                    row.kind,
                    row.location,
                    f"baris urusan/bidang {row.text('name')!r} dilewati",
                    severity="info",
                )
            )
        elif shape == "program":
            if programs:
                _decide_levels(programs[-1], block, names, findings)
            block = []
            last = _Node(row=row, level=PROGRAM)
            programs.append(last)
        elif shape == "item" and programs:
            last = _Node(row=row)
            block.append(last)
        else:
            last = None if shape == "item" else last
            findings.append(_unplaceable(row, shape))
    if programs:
        _decide_levels(programs[-1], block, names, findings)
    return programs, totals


def _unplaceable(row: Row, shape: str) -> Finding:
    what = {
        "item": "berada sebelum program pertama",
        "continuation": "berisi indikator tanpa baris program/kegiatan di atasnya",
    }.get(shape, "tidak bernama dan tidak dikenali")
    label = (
        row.text("name") or row.text("indikator") or " | ".join(c.text for c in row.cells.values())
    )
    return layout_finding(
        row.kind,
        row.location,
        f"baris {label!r} {what}; tingkatnya (program/kegiatan/sub kegiatan) tidak dapat "
        "ditentukan dan baris tidak dibaca",
        severity="error",
        row=label,
    )


def _votes(node: _Node, names: _NameLevels) -> dict[str, float]:
    """What the row's code and name say about its level (positive: it is that level)."""
    votes = {KEGIATAN: 0.0, SUB_KEGIATAN: 0.0}
    by_code = {5: KEGIATAN, 6: SUB_KEGIATAN}.get(_code_parts(node.row))
    by_name = names.level(node.row.text("name"))
    for level, weight in ((by_code, CODE_WEIGHT), (by_name, NAME_WEIGHT)):
        if level is not None:
            other = SUB_KEGIATAN if level == KEGIATAN else KEGIATAN
            votes[level] += weight
            votes[other] -= weight
    return votes


def _amount(node: _Node, key: str) -> Decimal | None:
    text = node.row.text(key)
    parsed = parse_number(text) if text else None
    return parsed.value if parsed and parsed.problem in (None, "ambiguous") else None


def _evidence(block: list[_Node], start: int, end: int) -> float:
    """What the figures say for "row `start` is a kegiatan of the rows up to `end`"."""
    head, subs = block[start], block[start + 1 : end]
    if not subs:
        return -2.0  # a kegiatan without sub kegiatan is unusual
    if head.row.kind == TC29:
        has = [any(key in node.row.cells for key in FIGURE_KEYS) for node in (head, *subs)]
        return (0.0 if has[0] else 1.0) + sum(0.5 if flag else -1.0 for flag in has[1:])
    score = 0.0
    for key, weight in (("pagu", SUM_WEIGHT), ("pagu_n1", 1.0)):
        total, parts = _amount(head, key), [_amount(node, key) for node in subs]
        known = [part for part in parts if part is not None]
        if total is not None and len(known) == len(parts) and total == sum(known, Decimal(0)):
            score += weight
    return score


def _decide_levels(
    program: _Node, block: list[_Node], names: _NameLevels, findings: list[Finding]
) -> None:
    """Split a program's rows into kegiatan each followed by its sub kegiatan (see the
    module docstring): the split with the best score of votes and figures wins."""
    votes = [_votes(node, names) for node in block]
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("-inf"), 0)] * len(block)
    for end in range(1, len(block) + 1):
        for start in range(max(0, end - MAX_GROUP), end):
            score = best[start][0] + votes[start][KEGIATAN] + _evidence(block, start, end)
            score += sum(votes[i][SUB_KEGIATAN] for i in range(start + 1, end))
            if score > best[end][0]:
                best[end] = (score, start)
    end = len(block)
    groups: list[tuple[int, int]] = []
    while end:
        start = best[end][1]
        groups.insert(0, (start, end))
        end = start
    for start, end in groups:
        kegiatan = block[start]
        kegiatan.level = KEGIATAN
        kegiatan.children = block[start + 1 : end]
        for node in kegiatan.children:
            node.level = SUB_KEGIATAN
        program.children.append(kegiatan)
        evidence = _evidence(block, start, end) > 0
        for index in range(start, end):
            findings += _level_findings(block[index], votes[index], evidence)


def _level_findings(node: _Node, votes: dict[str, float], evidence: bool) -> list[Finding]:
    label = "kegiatan" if node.level == KEGIATAN else "sub kegiatan"
    name = node.row.text("name")
    if votes[node.level] < 0:
        message = (
            f"{name!r} dibaca sebagai {label} menurut susunan tabel, padahal kode/namanya "
            "menunjukkan tingkat lain; periksa"
        )
    elif votes[node.level] == 0 and not evidence:
        message = (
            f"tingkat {name!r} ditebak sebagai {label}: kode, daftar nama dan jumlah pagu "
            "tidak menentukannya; periksa"
        )
    else:
        return []
    return [layout_finding(node.row.kind, node.row.location, message, row=name)]


# --- from placed rows to records -----------------------------------------------------


def _printed(row: Row, key: str, numbers: list[Printed]) -> Printed | None:
    cell = row.cells.get(key)
    if cell is None:
        return None
    column = next(c.number for c in LAYOUTS[row.kind] if c.key == key)
    printed = Printed(text=cell.text, location=cell.location, column=column)
    numbers.append(printed)
    return printed


def _target(row: Row, key: str, numbers: list[Printed]) -> tuple[Printed | None, str]:
    cell = row.cells.get(key)
    if cell is None:
        return None, ""
    number, satuan = split_target(cell.text)
    column = next(c.number for c in LAYOUTS[row.kind] if c.key == key)
    printed = Printed(text=number or cell.text, location=cell.location, column=column)
    if number:
        numbers.append(printed)
    return printed, satuan if number else ""


def _indikator(row: Row, numbers: list[Printed]) -> SourceIndikator | None:
    target, satuan = _target(row, "target", numbers)
    target_n1, satuan_n1 = _target(row, "target_n1", numbers)
    name = row.text("indikator")
    if not name and target is None and target_n1 is None:
        return None
    return SourceIndikator(
        name=name, target=target, satuan=satuan, target_n1=target_n1, satuan_n1=satuan_n1
    )


def _item(node: _Node, numbers: list[Printed]) -> SourceItem:
    row = node.row
    pagu, pagu_n1 = _printed(row, "pagu", numbers), _printed(row, "pagu_n1", numbers)
    indikator = [_indikator(r, numbers) for r in (row, *node.extra)]
    return SourceItem(
        level=node.level,
        name=row.text("name"),
        code=row.text("code"),
        lokasi=row.text("lokasi"),
        sumber_dana=row.text("sumber_dana"),
        catatan_penting=row.text("catatan"),
        pagu=pagu,
        pagu_n1=pagu_n1,
        indikator=tuple(ind for ind in indikator if ind is not None),
        children=tuple(_item(child, numbers) for child in node.children),
        location=row.location,
    )


def _walk(nodes: Sequence[_Node]) -> Iterator[_Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _tc29_rows(programs: list[_Node], numbers: list[Printed]) -> list[SourceTc29Row]:
    rows: list[SourceTc29Row] = []
    for node in _walk(programs):
        for row in (node.row, *node.extra):
            columns = [(key, p) for key in FIGURE_KEYS if (p := _printed(row, key, numbers))]
            rows.append(
                SourceTc29Row(
                    level=node.level,
                    name=node.row.text("name"),
                    indikator=row.text("indikator"),
                    code=node.row.text("code"),
                    columns=tuple(columns),
                    location=row.location,
                )
            )
    return rows


def interpret(
    *,
    source: str,
    paragraphs: Sequence[Paragraph],
    tables: Sequence[RawTable],
    titles: Sequence[Title] = (),
    findings: Sequence[Finding] = (),
) -> SourceRenja:
    """A `SourceRenja` from a document's paragraphs (in order, numbered) and its Tabel 4.1
    and 2.1 bodies; `titles` and `findings` are what the caller found already."""
    found = list(findings)
    all_titles = sorted(
        [*paragraph_titles(paragraphs, source), *titles],
        key=lambda title: title.location.line or 0,
    )
    first_tc33 = min((t.line for t in tables if t.kind == TC33), default=None)
    hints = list_hints(paragraphs, first_tc33 if first_tc33 is not None else 0)
    numbers: list[Printed] = []
    programs, totals = _place(_rows(tables, TC33, found), hints, found)
    items = tuple(_item(node, numbers) for node in programs)
    total_row = totals[-1] if totals else None
    for row in totals[:-1]:
        found.append(
            layout_finding(
                TC33,
                row.location,
                "baris jumlah di tengah tabel tidak dipakai sebagai jumlah keseluruhan",
            )
        )
    total = _printed(total_row, "pagu", numbers) if total_row else None
    total_n1 = _printed(total_row, "pagu_n1", numbers) if total_row else None
    tc29_programs, _ = _place(_rows(tables, TC29, found), hints, found)
    tc29 = _tc29_rows(tc29_programs, numbers)
    found += _count_findings(hints, programs)
    return SourceRenja(
        source=source,
        year=_document_year(all_titles, first_tc33),
        opd_name=_opd_name(paragraphs),
        pemda=_pemda_name(paragraphs),
        items=items,
        total_pagu=total,
        total_pagu_n1=total_n1,
        tc29=tuple(tc29),
        titles=tuple(all_titles),
        numbers=tuple(sorted(numbers, key=lambda printed: printed.location.line or 0)),
        findings=tuple(found),
    )


def _document_year(titles: Sequence[Title], tc33_line: int | None) -> int | None:
    """The year the cover's title names, else the first year of Tabel 4.1's caption."""
    for title in titles:
        if title.role == "document" and title.years:
            return title.years[0]
    for title in titles:
        line = title.location.line or 0
        near = tc33_line is not None and tc33_line - 8 <= line <= tc33_line
        if title.role == "table" and title.years and near:
            return title.years[0]
    return None


def _count_findings(hints: LevelHints, programs: list[_Node]) -> list[Finding]:
    if hints.counts is None or not programs:
        return []
    nodes = list(_walk(programs))
    kegiatan = sum(node.level == KEGIATAN for node in nodes)
    subs = sum(node.level == SUB_KEGIATAN for node in nodes)
    if (kegiatan, subs) == hints.counts:
        return []
    stated_kegiatan, stated_subs = hints.counts
    return [
        layout_finding(
            TC33,
            programs[0].row.location,
            f"dokumen menyebut {stated_kegiatan} kegiatan dan {stated_subs} sub kegiatan, "
            f"Tabel 4.1 memuat {kegiatan} kegiatan dan {subs} sub kegiatan",
        )
    ]
