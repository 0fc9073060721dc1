"""The format-neutral document model: what an official document says, not how it looks.

A builder (`renja_document`, `e81_report`) makes one `Document` from the data and the
evaluation tables; each renderer (`render_docx`, `render_pdf`, `render_xlsx`) turns the
same `Document` into the bytes of one file format. Tables are the engine's `Table`
(multi-level headers, column numbers, totals, footnotes, derivations for formulas).
"""

from dataclasses import dataclass
from decimal import Decimal

from kinerja.evaluation.tables import Table

PARAGRAPH_STYLES = ("body", "bullet", "numbered", "note", "center")
CHART_KINDS = ("bar", "line")


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    """Prose. `style`: body, bullet (a "-" list item), numbered (its number is part of
    `text`), note (small, e.g. a source or an example-data warning) or center."""

    text: str
    style: str = "body"

    def __post_init__(self) -> None:
        if self.style not in PARAGRAPH_STYLES:
            raise ValueError(f"gaya paragraf {self.style!r} tidak dikenal")


@dataclass(frozen=True, kw_only=True)
class TableBlock:
    """A numbered table ("Tabel 4.1"), printed on landscape pages when `landscape`.

    Renderers print `number` and `table.title` above it, the header rows repeated on every
    page, the column-number row, the body, then `table.footnotes`.
    """

    number: str
    table: Table
    landscape: bool = True


@dataclass(frozen=True, kw_only=True)
class Series:
    """One named series of a chart; None where there is no figure."""

    name: str
    values: tuple[Decimal | None, ...]


@dataclass(frozen=True, kw_only=True)
class Chart:
    """A numbered chart ("Gambar 2.1"): one value per category and series.

    `unit` labels the value axis ("%", "Rp"); `kind` is bar (grouped) or line.
    """

    number: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    kind: str = "bar"

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"jenis grafik {self.kind!r} tidak dikenal")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(f"seri {series.name!r} tidak selebar kategorinya")


@dataclass(frozen=True, kw_only=True)
class Signature:
    """The signature block: "Kuala Tungkal, September 2023", the head's title (one line
    per list entry), then, after room to sign, name, pangkat and "NIP. 19631017 199003 1 005".
    Empty fields are left out."""

    place_date: str
    title: tuple[str, ...]
    name: str
    pangkat: str = ""
    nip: str = ""


Block = Paragraph | TableBlock | Chart | Signature


@dataclass(frozen=True, kw_only=True)
class Section:
    """A chapter (level 1, starts a new page: "BAB I" / "PENDAHULUAN") or a subsection
    (level 2: "1.1" / "Latar Belakang"). Front matter (Kata Pengantar) has no `number`.
    A chapter's subsections follow it in `Document.sections`."""

    number: str
    title: str
    level: int = 1
    blocks: tuple[Block, ...] = ()
    in_toc: bool = True

    @property
    def heading(self) -> str:
        """The heading as printed: "BAB I PENDAHULUAN", "1.1 Latar Belakang"."""
        return f"{self.number} {self.title}".strip()


@dataclass(frozen=True, kw_only=True)
class Cover:
    """The cover page, each entry one centred line: the title lines ("RENCANA KERJA
    (RENJA)", "TAHUN 2024"), the organisation lines ("PEMERINTAH KABUPATEN …", the OPD)
    and the place and year at the foot ("KUALA TUNGKAL", "2023")."""

    title: tuple[str, ...]
    organisation: tuple[str, ...]
    foot: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Document:
    """One official document.

    `kind`: renja, e81 or e81-pemda. `title` is the file's title (metadata, running
    footer). `toc`: print a Daftar Isi (the level 1 and 2 sections with `in_toc`) after
    the sections before the first numbered chapter. `notice`: a warning every page
    carries (e.g. example data), empty when none.
    """

    kind: str
    title: str
    sections: tuple[Section, ...]
    cover: Cover | None = None
    toc: bool = False
    notice: str = ""

    def tables(self) -> tuple[TableBlock, ...]:
        """Every table block, in document order."""
        return tuple(
            block
            for section in self.sections
            for block in section.blocks
            if isinstance(block, TableBlock)
        )

    def charts(self) -> tuple[Chart, ...]:
        """Every chart, in document order."""
        return tuple(
            block
            for section in self.sections
            for block in section.blocks
            if isinstance(block, Chart)
        )
