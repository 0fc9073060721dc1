"""What a reader found in an agency's file, as printed: the input of the file checks.

Readers (`kinerja/imports/parsers/`) turn bytes into these records; every printed number
is kept as a `Printed` (its text, its parsed value and where it stood), so the checks can
compare printed totals with their parts, spot letters inside numbers, and point at the
very line or cell. Nothing here is computed: printed totals stay printed totals.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.evaluation.numbers import ParsedNumber, parse_number
from kinerja.evaluation.types import Finding


@dataclass(frozen=True, kw_only=True)
class Location:
    """Where something stood in a file: a text line, or a sheet and cell."""

    source: str = ""
    line: int | None = None
    sheet: str = ""
    cell: str = ""  # e.g. "F12"

    def __str__(self) -> str:
        where = f"baris {self.line}" if self.line else ""
        if self.sheet or self.cell:
            where = f"{self.sheet}!{self.cell}" if self.sheet else self.cell
        return f"{self.source}: {where}" if self.source else where


@dataclass(frozen=True, kw_only=True)
class Printed:
    """A number as printed in a cell, with its reading (`parse_number`)."""

    text: str
    location: Location = field(default_factory=Location)
    column: str = ""  # the table's column number, e.g. "6"

    @property
    def parsed(self) -> ParsedNumber:
        return parse_number(self.text)

    @property
    def value(self) -> Decimal | None:
        """The number, when it reads cleanly (or only ambiguously); else None."""
        parsed = self.parsed
        return parsed.value if parsed.problem in (None, "ambiguous") else None


@dataclass(frozen=True, kw_only=True)
class SourceIndikator:
    """One indikator line of a Renja table row: name, target n (with satuan), n+1."""

    name: str
    target: Printed | None = None
    satuan: str = ""
    target_n1: Printed | None = None
    satuan_n1: str = ""


@dataclass(frozen=True, kw_only=True)
class SourceItem:
    """A program, kegiatan or sub kegiatan row of Tabel 4.1 (T-C.33), as printed.

    `level` is the reader's judgement ("program", "kegiatan", "sub_kegiatan"); `pagu`
    and `pagu_n1` are the printed amounts (on program and kegiatan rows: printed totals).
    """

    level: str
    name: str
    code: str = ""
    lokasi: str = ""
    sumber_dana: str = ""
    catatan_penting: str = ""
    pagu: Printed | None = None
    pagu_n1: Printed | None = None
    indikator: tuple[SourceIndikator, ...] = ()
    children: tuple["SourceItem", ...] = ()
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, kw_only=True)
class SourceTc29Row:
    """A row of Tabel 2.1 (T-C.29) as printed: columns 4–11 by their number."""

    level: str
    name: str
    indikator: str
    code: str = ""
    columns: tuple[tuple[str, Printed], ...] = ()  # ("4", Printed), … ("11", Printed)
    location: Location = field(default_factory=Location)

    def column(self, number: str) -> Printed | None:
        return next((printed for n, printed in self.columns if n == number), None)


@dataclass(frozen=True, kw_only=True)
class Title:
    """A title, caption or column header that names a year or a triwulan."""

    text: str
    role: str  # "document", "section", "table", "column"
    years: tuple[int, ...] = ()
    triwulan: int | None = None
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, kw_only=True)
class SourceRenja:
    """A Renja document or table as a reader found it.

    `year` is the year the document is for (as its main title says), `items` the
    Tabel 4.1 tree, `total_pagu`/`total_pagu_n1` the printed grand totals, `tc29` the
    Tabel 2.1 rows, `titles` every title or header that names a year or triwulan.
    """

    source: str
    year: int | None = None
    opd_name: str = ""
    pemda: str = ""  # the pemda the cover names ("Kabupaten …"), when it does
    items: tuple[SourceItem, ...] = ()
    total_pagu: Printed | None = None
    total_pagu_n1: Printed | None = None
    tc29: tuple[SourceTc29Row, ...] = ()
    titles: tuple[Title, ...] = ()
    numbers: tuple[Printed, ...] = ()  # every number-like cell read, for number-typo
    findings: tuple[Finding, ...] = ()  # what the reader itself noticed (layout, text cells)
    # True for layouts that leave program and kegiatan totals to Kinerja (its own
    # template): an empty total there is expected, not a missing value.
    totals_computed: bool = False


@dataclass(frozen=True, kw_only=True)
class SourceRenstraRow:
    """One indikator row of a Renstra extract (SIPD-style CSV), codes and figures as printed.

    `volume` and `pagu` map a period label ("awal", "1" … "7" as in the file, or a year)
    to the printed cell; pagu may be repeated, split or blank across a sub kegiatan's rows.
    """

    kode_bidang: str
    kode_program: str
    kode_kegiatan: str
    kode_sub_kegiatan: str
    nama_bidang: str = ""
    nama_program: str = ""
    nama_kegiatan: str = ""
    nama_sub_kegiatan: str = ""
    kode_skpd: str = ""
    nama_skpd: str = ""
    kode_indikator: str = ""
    indikator: str = ""
    satuan: str = ""
    kinerja: str = ""
    volume: tuple[tuple[str, Printed], ...] = ()
    pagu: tuple[tuple[str, Printed], ...] = ()
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, kw_only=True)
class SourceRenstra:
    """A Renstra extract: its rows, the period it covers, and the reader's findings."""

    source: str
    first_year: int | None = None
    last_year: int | None = None
    pemda: str = ""
    pemda_code: str = ""
    opd_name: str = ""
    rows: tuple[SourceRenstraRow, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SourceApbdRow:
    """One line of the SIPD-RI flat APBD Excel (sipd-formats.md §1), summed per sub kegiatan
    by the checks that compare it with a Renja."""

    tahun: Printed | None
    kode_skpd: str
    nama_skpd: str
    kode_sub_kegiatan: str
    nama_sub_kegiatan: str
    pagu: Printed
    sumber_dana: str = ""
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, kw_only=True)
class SourceApbd:
    source: str
    rows: tuple[SourceApbdRow, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, kw_only=True)
class SourceNomenclatureRow:
    """One row of a nomenclature decree table: level, full code, names, kinerja/indikator."""

    level: str  # urusan, bidang_urusan, program, kegiatan, sub_kegiatan
    code: str
    name: str
    keterangan: str = ""
    kinerja: str = ""
    indikator: str = ""
    satuan: str = ""
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, kw_only=True)
class SourceNomenclature:
    source: str
    edition: str = ""
    rows: tuple[SourceNomenclatureRow, ...] = ()
    findings: tuple[Finding, ...] = ()
