"""The one format-neutral table model every builder returns and every renderer reads.

A table is a grid of physical columns. Header cells may span rows and columns; body
cells may span columns (footer rows). Values stay unrounded `Decimal`; `decimals` says
how a renderer rounds them (half-up). A cell with no value and a `reason` prints "–",
and the table's footnotes explain the reason code; a cell with neither prints blank.
"""

from dataclasses import dataclass
from decimal import Decimal

from kinerja.evaluation.types import Finding

CELL_KINDS = ("text", "number", "money", "percent")
ITEM_KINDS = ("program", "kegiatan", "sub_kegiatan")
BOLD_ROWS = ("program", "total")  # the rows the official forms print bold
DERIVATION_OPS = ("sum", "difference", "latest", "average", "capaian", "ratio")


@dataclass(frozen=True, kw_only=True)
class Derivation:
    """How a derived cell follows from other cells of its table, for renderers that keep
    formulas (XLSX), so that a planner who edits a figure sees the derived ones follow.

    `columns` are physical column indexes (0-based) of the same row, in order.

    - sum: the sum of `columns`; with `children`, the sum of this cell's column over the
      row's child item rows (program → its kegiatan → their sub kegiatan; the grand total
      row → the programs).
    - difference: `columns[0]` − `columns[1]`.
    - latest: the last non-empty of `columns`.
    - average: the mean of the non-empty `columns`.
    - capaian: realisasi `columns[0]` against target `columns[1]` by `polaritas`:
      positif R / T × 100, negatif max(0, (2T − R) / T × 100); empty when T is 0 or empty.
    - ratio: `columns[0]` / `columns[1]` × 100; empty when the divisor is 0 or empty.
    """

    op: str
    columns: tuple[int, ...] = ()
    children: bool = False
    polaritas: str = "positif"

    def __post_init__(self) -> None:
        if self.op not in DERIVATION_OPS:
            raise ValueError(f"turunan {self.op!r} tidak dikenal")
        if self.op in {"capaian", "ratio", "difference"} and len(self.columns) != 2:
            raise ValueError(f"turunan {self.op} memerlukan dua kolom")
        if self.children != (not self.columns):
            raise ValueError("turunan memakai kolom baris ini atau baris anak, tidak keduanya")


@dataclass(frozen=True, kw_only=True)
class Cell:
    """One body cell.

    `kind`: text, number (an indikator value, printed with `decimals` and `unit` as its
    satuan), money (rupiah; renderers print cents only when there are cents) or percent.
    `predikat` and `formula` are set on capaian cells (the predikat of the unrounded value
    and the versioned formula id). `colspan` > 1 only in footer rows. `derived` says how
    the value follows from other cells (see `Derivation`); renderers that keep formulas
    write it as one, the others print the value.
    """

    value: Decimal | str | None = None
    kind: str = "text"
    decimals: int = 0
    reason: str | None = None
    predikat: str | None = None
    formula: str | None = None
    unit: str = ""
    colspan: int = 1
    derived: Derivation | None = None

    def __post_init__(self) -> None:
        if self.kind not in CELL_KINDS:
            raise ValueError(f"jenis sel {self.kind!r} tidak dikenal")
        if self.colspan < 1:
            raise ValueError("colspan minimal 1")
        if self.reason is not None and self.value is not None:
            raise ValueError("sel berangka tidak boleh memiliki alasan kosong")

    @property
    def is_dash(self) -> bool:
        """True when the cell prints "–" (no value, for the reason in `reason`)."""
        return self.value is None and self.reason is not None


@dataclass(frozen=True, kw_only=True)
class HeaderCell:
    """One header cell with its spans."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, kw_only=True)
class Row:
    """One body row.

    `kind`: program, kegiatan, sub_kegiatan (an item's first row), indikator (a further
    indikator of the item above), tujuan, sasaran, opd (a pemda summary's line), total
    (grand total) or footer.
    `depth` is the item's depth in its tree (0 for a program; 0 for a tujuan and 1 for a
    sasaran). `item_id` is the id of the row's owner (the item, or the tujuan or sasaran
    in the tables of Bab III); `indikator_id` the indikator shown, if any.
    """

    kind: str
    cells: tuple[Cell, ...]
    depth: int = 0
    item_id: int | None = None
    indikator_id: int | None = None

    @property
    def width(self) -> int:
        """The number of physical columns the row covers."""
        return sum(cell.colspan for cell in self.cells)


@dataclass(frozen=True, kw_only=True)
class Table:
    """A titled table: header rows, the official column numbering, body rows, footnotes.

    `column_numbers` has one entry per physical column; where an official column has
    two parts (E.81's K and Rp) both carry its number and `numbering_row` merges them.
    `findings` are what the builder noticed about its input (e.g. a broken tree).
    """

    code: str
    title: str
    header_rows: tuple[tuple[HeaderCell, ...], ...]
    column_numbers: tuple[str, ...]
    rows: tuple[Row, ...]
    subtitle: str = ""
    footnotes: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def __post_init__(self) -> None:
        width = len(self.column_numbers)
        if header_width(self.header_rows) != width:
            raise ValueError(f"{self.code}: lebar kepala tabel tidak sama dengan {width} kolom")
        for index, row in enumerate(self.rows):
            if row.width != width:
                raise ValueError(f"{self.code}: baris {index} selebar {row.width}, bukan {width}")

    @property
    def width(self) -> int:
        """The number of physical columns."""
        return len(self.column_numbers)

    def numbering_row(self) -> tuple[HeaderCell, ...]:
        """The numbering row to print: runs of equal adjacent numbers merged into one cell."""
        merged: list[HeaderCell] = []
        for number in self.column_numbers:
            if merged and number and merged[-1].text == number:
                merged[-1] = HeaderCell(text=number, colspan=merged[-1].colspan + 1)
            else:
                merged.append(HeaderCell(text=number))
        return tuple(merged)

    def child_rows(self, index: int) -> tuple[int, ...]:
        """The indexes of the child item rows of row `index` (see `Derivation`): for a
        program or kegiatan, the item rows one level deeper up to its next sibling; for the
        grand total row, the item rows of depth 0 (or the OPD rows of a pemda summary)."""
        row = self.rows[index]
        if row.kind == "total":
            return tuple(
                i
                for i, other in enumerate(self.rows)
                if other.kind in ITEM_KINDS and other.depth == 0
            )
        children = []
        for i in range(index + 1, len(self.rows)):
            other = self.rows[i]
            if other.kind not in ITEM_KINDS:
                if other.kind in {"total", "footer"}:
                    break
                continue
            if other.depth <= row.depth:
                break
            if other.depth == row.depth + 1:
                children.append(i)
        return tuple(children)

    def column(self, number: str) -> int:
        """The index of the first physical column numbered `number` (e.g. "8" or "10")."""
        for index, label in enumerate(self.column_numbers):
            if label == number or label.split("=", 1)[0] == number:
                return index
        raise KeyError(number)


def header_width(header_rows: tuple[tuple[HeaderCell, ...], ...]) -> int:
    """The width of a header grid, checking that every row fills the same width.

    Returns -1 when the rows, with their row spans, do not form a rectangle.
    """
    occupied: dict[int, set[int]] = {}
    widths = set()
    for r, row in enumerate(header_rows):
        taken = occupied.setdefault(r, set())
        column = 0
        for cell in row:
            while column in taken:
                column += 1
            for dr in range(cell.rowspan):
                cells = occupied.setdefault(r + dr, set())
                span = range(column, column + cell.colspan)
                if cells.intersection(span):
                    return -1
                cells.update(span)
            column += cell.colspan
        widths.add(len(taken))
        if taken != set(range(len(taken))):
            return -1
    if len(occupied) > len(header_rows) or len(widths) != 1:
        return -1
    return widths.pop()


def placed_headers(
    header_rows: tuple[tuple[HeaderCell, ...], ...],
) -> list[tuple[int, int, HeaderCell]]:
    """Each header cell with its grid row and column (0-based), in reading order: a cell
    starts at the first column of its row not covered by a row span from above."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(header_rows):
        column = 0
        for cell in row:
            while (r, column) in taken:
                column += 1
            placed.append((r, column, cell))
            taken.update(
                (r + dr, column + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            )
            column += cell.colspan
    return placed
