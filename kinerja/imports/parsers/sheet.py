"""Reading spreadsheets as planners fill them: cell text, header blocks, codes, locations.

Shared by the XLSX readers (agency Renja tables, Kinerja's own template, the SIPD APBD
export, nomenclature tables) and, for numbers and codes, by the CSV readers. Pure: bytes
or openpyxl cells in, plain values out; nothing here knows Django.

Rules of the findings the readers themselves make (besides the catalogue of DESIGN §6):
`layout` says how a file was read (which sheet and columns, rows skipped, a choice made
between columns); it is never about the figures themselves.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.evaluation.numbers import MAX_DIGITS, parse_number
from kinerja.evaluation.source import Location, Printed
from kinerja.evaluation.types import Finding
from kinerja.imports.parsers import workbook_limits
from kinerja.lib import limits

LAYOUT = "layout"
NUMBER_AS_TEXT = "number-as-text"
CODE_FORMAT = "code-format"
MISSING_VALUE = "missing-value"
NOMENCLATURE = "nomenclature"
TITLE_YEAR = "title-year"

URUSAN, BIDANG_URUSAN = "urusan", "bidang_urusan"
PROGRAM, KEGIATAN, SUB_KEGIATAN = "program", "kegiatan", "sub_kegiatan"
# Number of dot-separated parts of a full code at each level (5.01.01.2.06.0001: 6 parts).
LEVEL_BY_PARTS = {1: URUSAN, 2: BIDANG_URUSAN, 3: PROGRAM, 5: KEGIATAN, 6: SUB_KEGIATAN}
PARTS_BY_LEVEL = {level: parts for parts, level in LEVEL_BY_PARTS.items()}
LEVEL_NAMES = {
    URUSAN: "urusan",
    BIDANG_URUSAN: "bidang urusan",
    PROGRAM: "program",
    KEGIATAN: "kegiatan",
    SUB_KEGIATAN: "sub kegiatan",
}
EXAMPLES = 5  # cells named in a summary finding before "…"
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def open_workbook(content: bytes, source: str = "") -> Workbook:
    """The workbook of `content`, with cached values instead of formulas, within the limits
    (`workbook_limits`); a corrupt one raises `UnreadableFile` naming the sheet and row.

    Not read-only: the readers need the merged ranges of the header blocks.
    """
    workbook = workbook_limits.load(content, source)
    for worksheet in workbook.worksheets:
        _SIZES[worksheet] = (worksheet.max_row, worksheet.max_column)
    return workbook


# openpyxl computes `max_row` and `max_column` from every cell at each call (a loop over
# rows asking for them is quadratic); the readers never add cells outside that rectangle.
_SIZES: "WeakKeyDictionary[Worksheet, tuple[int, int]]" = WeakKeyDictionary()


def last_row(sheet: Worksheet) -> int:
    """The last row holding a cell, as loaded."""
    return _size(sheet)[0]


def last_column(sheet: Worksheet) -> int:
    """The last column holding a cell, as loaded."""
    return _size(sheet)[1]


def _size(sheet: Worksheet) -> tuple[int, int]:
    found = _SIZES.get(sheet)
    if found is None:
        found = _SIZES[sheet] = (sheet.max_row, sheet.max_column)
    return found


def is_xlsx(content: bytes) -> bool:
    """True when the bytes are a ZIP container (XLSX), as opposed to CSV text."""
    return content[:2] == b"PK"


# --- cells ------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean(text: str) -> str:
    """Text with newlines and runs of spaces collapsed to one space, trimmed."""
    return " ".join(text.split())


def number_text(value: int | float | Decimal) -> str:
    """A numeric cell as plain Indonesian text that `parse_number` reads back exactly.

    `1590078504.0` → `1590078504`, `10.5` → `10,5` (a dot would read as thousands in
    `1.125`). Floats go through their shortest repr, so `0.1` stays `0,1`.
    """
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def cell_text(value: Any) -> str:
    """What a cell shows, as text: numbers the Indonesian way, dates as ISO, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def code_text(value: Any) -> tuple[str, bool]:
    """(code as text, stored as a number?): `1.0` → ("1", True), `'01'` → ("01", False).

    A number keeps the digits Excel kept; lost leading or trailing zeros are reported
    by the readers, never restored here.
    """
    if isinstance(value, bool) or value is None:
        return ("", False)
    if isinstance(value, int):
        return (str(value), True)
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value), True)
    return (str(value).strip(), False)


def printed(value: Any, location: Location, column: str = "") -> Printed | None:
    """The cell as a `Printed` number (None when blank); numeric cells become plain text."""
    if is_blank(value):
        return None
    text = cell_text(value) if not isinstance(value, str) else value.strip()
    return Printed(text=text, location=location, column=column)


def exact_decimal(text: str) -> Decimal | None:
    """`Decimal(text)` for English-style number text (`177582000.0`, `1e3`); else None,
    also for more digits or a larger exponent than any figure (`parse_number`'s rule)."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > MAX_DIGITS:
        return None
    return number if len(number.as_tuple().digits) <= MAX_DIGITS else None


def printed_float_text(text: str, location: Location, column: str = "") -> Printed | None:
    """A number written the English/float way (CSV exports) as a `Printed` read exactly.

    The printed text is kept when `parse_number` reads it to the same value; otherwise
    (`1.125` would read as one thousand one hundred twenty-five) the plain Indonesian
    form of the exact value is kept instead.
    """
    stripped = text.strip()
    if not stripped:
        return None
    exact = exact_decimal(stripped)
    if exact is None or parse_number(stripped).value == exact:
        return Printed(text=stripped, location=location, column=column)
    return Printed(text=number_text(exact), location=location, column=column)


def years_in(text: str) -> tuple[int, ...]:
    """The four-digit years named in a title or header: 'Tahun 2024 dan 2025' → (2024, 2025)."""
    return tuple(int(year) for year in _YEAR.findall(text))


# --- codes ------------------------------------------------------------------------------


def join_code(parts: Iterable[str]) -> str:
    """The code split over several columns as one dotted code: 5, 01, 01, 2.06 → 5.01.01.2.06."""
    return ".".join(part.strip().strip(".") for part in parts if part and part.strip())


def code_level(code: str) -> str | None:
    """The level a full code's shape says (5.01.01 program; 5.01.01.2.01 kegiatan; …)."""
    parts = code.split(".")
    if not code or any(not part for part in parts):
        return None
    return LEVEL_BY_PARTS.get(len(parts))


def parent_code(code: str, level: str) -> str:
    """The code of the parent: kegiatan 5.01.01.2.06 → program 5.01.01."""
    parent = {BIDANG_URUSAN: 1, PROGRAM: 2, KEGIATAN: 3, SUB_KEGIATAN: 5}[level]
    return ".".join(code.split(".")[:parent])


def strip_code_prefix(name: str, code: str) -> str:
    """'1.05.02.2.03.0002 Pembentukan …' → 'Pembentukan …' (SIPD prefixes names)."""
    if code and name.startswith(code):
        return name[len(code) :].lstrip(" -–:.")
    return name


# --- sheets -----------------------------------------------------------------------------


def letter(column: int) -> str:
    """The column letter of a 1-based column index: 14 → "N"."""
    return get_column_letter(column)


def location(source: str, sheet: Worksheet, row: int, column: int) -> Location:
    """Where a cell stood: sheet, cell ("F12") and the spreadsheet row as the line."""
    return Location(
        source=source, sheet=sheet.title, cell=f"{get_column_letter(column)}{row}", line=row
    )


def merged_anchors(sheet: Worksheet) -> dict[tuple[int, int], tuple[int, int]]:
    """Every cell inside a merged range → the range's top-left cell (which holds the value)."""
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                anchors[(row, column)] = (merged.min_row, merged.min_col)
    return anchors


def merged_value(
    sheet: Worksheet, anchors: dict[tuple[int, int], tuple[int, int]], row: int, column: int
) -> Any:
    anchor_row, anchor_column = anchors.get((row, column), (row, column))
    return sheet.cell(row=anchor_row, column=anchor_column).value


def row_values(sheet: Worksheet, row: int) -> list[Any]:
    """The values of one row, index 0 = column A; a text over `MAX_TEXT_LENGTH` is refused."""
    limits.tick()
    values = [sheet.cell(row=row, column=c).value for c in range(1, last_column(sheet) + 1)]
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and len(value) > limits.MAX_TEXT_LENGTH:
            limits.check_cell_text(value, "", sheet=sheet.title, cell=f"{letter(column)}{row}")
    return values


def find_number_row(sheet: Worksheet, *, max_row: int = 40, minimum: int = 5) -> int | None:
    """The row numbering the columns (1, 2, 3 …; equal neighbours allowed for split columns).

    Merged numbering cells count once. Returns None when no row of the first `max_row`
    numbers at least `minimum` columns from 1 upwards.
    """
    for row in range(1, min(last_row(sheet), max_row) + 1):
        numbers = []
        for value in row_values(sheet, row):
            if is_blank(value):
                continue
            match = re.match(r"^\s*(\d+)(\.0)?\b", cell_text(value))
            numbers.append(int(match.group(1)) if match else None)
        leading = _counting_run(numbers)
        if leading >= minimum:
            return row
    return None


def _counting_run(numbers: list[int | None]) -> int:
    """How many cells from the first count 1, 2, 3 … (a repeat of the last number allowed)."""
    expected = 1
    for count, number in enumerate(numbers):
        if number == expected:
            expected += 1
        elif number is None or number != expected - 1:
            return count
    return len(numbers)


@dataclass(frozen=True, kw_only=True)
class Column:
    """One physical column of a table: its letter, its number in the numbering row, and
    its header texts from the top header row down (merged cells repeated)."""

    index: int
    letter: str
    number: str
    path: tuple[str, ...]

    @property
    def text(self) -> str:
        return " / ".join(self.path)

    @property
    def label(self) -> str:
        """How a message names it: 'kolom 10 (N: RKPD 2024)'."""
        number = f"kolom {self.number} " if self.number else "kolom "
        return f"{number}({self.letter}: {self.path[-1] if self.path else ''})"


@dataclass(frozen=True, kw_only=True)
class Header:
    """A table's header block: its first row, the numbering row, and the columns."""

    first_row: int
    number_row: int
    columns: tuple[Column, ...]

    def column(self, index: int) -> Column:
        return next(column for column in self.columns if column.index == index)


def read_header(sheet: Worksheet, number_row: int, *, max_rows: int = 6) -> Header:
    """The header block above `number_row`: rows up to the first blank row (at most six)."""
    anchors = merged_anchors(sheet)
    first = number_row
    while first > 1 and number_row - first < max_rows:
        values = [merged_value(sheet, anchors, first - 1, c) for c in _columns(sheet)]
        if all(is_blank(value) for value in values):
            break
        first -= 1
    columns = []
    for c in _columns(sheet):
        path: list[str] = []
        for row in range(first, number_row):
            text = clean(cell_text(merged_value(sheet, anchors, row, c)))
            if text and (not path or path[-1] != text):
                path.append(text)
        number = clean(cell_text(merged_value(sheet, anchors, number_row, c)))
        columns.append(
            Column(index=c, letter=get_column_letter(c), number=number, path=tuple(path))
        )
    return Header(first_row=first, number_row=number_row, columns=tuple(columns))


def _columns(sheet: Worksheet) -> range:
    return range(1, last_column(sheet) + 1)


def title_lines(sheet: Worksheet, last_row: int) -> Iterator[tuple[int, int, str]]:
    """(row, column, text) of the non-blank cells above the header block (the titles)."""
    for row in range(1, last_row + 1):
        for column, value in enumerate(row_values(sheet, row), start=1):
            text = clean(cell_text(value))
            if text:
                yield row, column, text


# --- summaries --------------------------------------------------------------------------


def examples(cells: list[str]) -> str:
    """'N10, N11, N12, N13, N14 …' — the first cells of a list, for a summary message."""
    shown = ", ".join(cells[:EXAMPLES])
    return shown + (" …" if len(cells) > EXAMPLES else "")


def number_as_text_findings(
    cells: dict[str, list[Printed]], labels: dict[str, str], *, table: str = ""
) -> list[Finding]:
    """One `number-as-text` warning per column: how many amounts are text, and the first cells.

    `cells` maps a column letter to the text cells found there, `labels` the letter to
    how a message names the column.
    """
    findings = []
    for letter, found in cells.items():
        if not found:
            continue
        first = found[0]
        findings.append(
            Finding(
                rule=NUMBER_AS_TEXT,
                severity="warning",
                table=table,
                column=letter,
                line=first.location.line,
                actual=first.text,
                message=(
                    f"{labels.get(letter, 'kolom ' + letter)}: {len(found)} angka tersimpan "
                    f"sebagai teks (mis. {examples([p.location.cell for p in found])}); "
                    "dibaca sebagai angka Indonesia, tetapi ubah sel menjadi angka agar "
                    "dapat dijumlahkan di Excel"
                ),
            )
        )
    return findings


# --- CSV --------------------------------------------------------------------------------


def csv_records(reader: Iterator[list[str]], source: str) -> Iterator[list[str]]:
    """The records of a `csv.reader` within the limits: at most `MAX_COLUMNS` fields of at
    most `MAX_TEXT_LENGTH` characters; a malformed record is `UnreadableFile` with its line."""
    line = 1
    while True:
        limits.tick()
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise limits.UnreadableFile(
                "baris CSV tidak dapat dibaca (tanda kutip tidak tertutup atau isian terlalu "
                "panjang)",
                source=source,
                row=line,
            ) from error
        line = getattr(reader, "line_num", line) + 1
        if len(record) > limits.MAX_COLUMNS:
            raise limits.OverLimit(
                f"baris berisi {limits.number(len(record))} kolom, melebihi batas "
                f"{limits.number(limits.MAX_COLUMNS)} kolom",
                limit="MAX_COLUMNS",
                source=source,
                row=line - 1,
            )
        for field in record:
            limits.check_cell_text(field, source, part=f"baris {line - 1}")
        yield record
