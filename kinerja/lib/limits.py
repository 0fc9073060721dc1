"""How much Kinerja reads from one file or request, and the error every reader raises.

Every number here is far above the largest real agency file (docs/security.md §2 says
how far) and low enough that reading a file at the limits stays within a few hundred MB
of memory. The same limits hold for `kinerja check`/`import` and for the upload page.
A reader that meets one raises `OverLimit`, a malformed file `UnreadableFile`; both name
the file and, where known, the sheet, row and cell, in Bahasa Indonesia.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from kinerja.lib.numbers import format_number

MB = 1024 * 1024

# Bytes of one file: an upload, or a file given to `kinerja check`/`import`.
MAX_FILE_BYTES = 20 * MB
# The body of any request (the file plus its form fields); refused unread above it.
MAX_REQUEST_BYTES = MAX_FILE_BYTES + 1 * MB

# ZIP containers (.xlsx, .docx): checked from the directory before anything is unpacked.
MAX_ZIP_MEMBERS = 1_000
MAX_ZIP_UNCOMPRESSED = 100 * MB
MAX_ZIP_RATIO = 100  # uncompressed : compressed, for a member larger than the allowance
ZIP_RATIO_ALLOWANCE = 1 * MB
# XML inside the container, counted while streaming it before a parser builds a tree.
MAX_XML_ELEMENTS = 1_500_000

# Spreadsheets: cells parsed, and the rows × columns the readers walk (all sheets together).
MAX_CELLS = 500_000
MAX_ROWS = 100_000
MAX_COLUMNS = 500

# Text: one cell, field or paragraph (Excel's own cell limit), one line, lines of a file.
MAX_TEXT_LENGTH = 32_767
MAX_LINE_LENGTH = 100_000
MAX_LINES = 200_000

# Plan files (YAML or JSON): nodes after alias expansion, aliases, nesting.
MAX_YAML_NODES = 500_000
MAX_YAML_ALIASES = 100
MAX_YAML_DEPTH = 40

# Wall-clock time of reading one file, checked between rows and lines.
MAX_READ_SECONDS = 120


class UnreadableFile(Exception):
    """The bytes are not a file Kinerja can read (wrong type, corrupt, empty, too big).

    `str()` is the message a planner reads: the file, the sheet (or `part`, e.g. "tabel 2"),
    row and cell where known, then what is wrong.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str = "",
        sheet: str = "",
        part: str = "",
        row: int | None = None,
        cell: str = "",
    ) -> None:
        self.message, self.source, self.sheet, self.part = message, source, sheet, part
        self.row, self.cell = row, cell
        super().__init__(message)

    def __str__(self) -> str:
        where = [
            self.source,
            f"lembar «{self.sheet}»" if self.sheet else "",
            self.part,
            f"baris {self.row}" if self.row else "",
            f"sel {self.cell}" if self.cell else "",
        ]
        prefix = ", ".join(part for part in where if part)
        return f"{prefix}: {self.message}" if prefix else self.message


class OverLimit(UnreadableFile):
    """A file or request beyond one of the limits above; `limit` is the constant's name."""

    def __init__(self, message: str, *, limit: str, **where: object) -> None:
        self.limit = limit
        super().__init__(message, **where)  # type: ignore[arg-type]


def number(value: int) -> str:
    """A count as a message prints it: 1.000.000."""
    return format_number(value)


def megabytes(size: int) -> str:
    """A size as a message prints it: 20 MB, 0,5 MB."""
    return f"{format_number((Decimal(size) / MB).quantize(Decimal('0.1')).normalize())} MB"


def check_file_size(size: int, source: str) -> None:
    """Refuse a file of more than MAX_FILE_BYTES before it is read."""
    if size > MAX_FILE_BYTES:
        raise OverLimit(
            f"berkas berukuran {megabytes(size)}, melebihi batas {megabytes(MAX_FILE_BYTES)}; "
            "pecah berkasnya atau hapus lembar dan gambar yang tidak diperlukan",
            limit="MAX_FILE_BYTES",
            source=source,
        )


def check_text(text: str, source: str) -> None:
    """Refuse a text (CSV, TXT) of more than MAX_LINES lines or a line over MAX_LINE_LENGTH."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise OverLimit(
            f"berkas berisi {number(lines)} baris, melebihi batas {number(MAX_LINES)} baris",
            limit="MAX_LINES",
            source=source,
        )
    start = 0
    for line_number in range(1, lines + 1):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > MAX_LINE_LENGTH:
            raise OverLimit(
                f"baris ini berisi {number(end - start)} karakter, melebihi batas "
                f"{number(MAX_LINE_LENGTH)} karakter per baris",
                limit="MAX_LINE_LENGTH",
                source=source,
                row=line_number,
            )
        start = end + 1


def check_cell_text(
    text: str, source: str, *, sheet: str = "", part: str = "", cell: str = ""
) -> None:
    """Refuse one cell, field or paragraph longer than MAX_TEXT_LENGTH characters."""
    if len(text) > MAX_TEXT_LENGTH:
        raise OverLimit(
            f"teks berisi {number(len(text))} karakter, melebihi batas "
            f"{number(MAX_TEXT_LENGTH)} karakter per sel",
            limit="MAX_TEXT_LENGTH",
            source=source,
            sheet=sheet,
            part=part,
            cell=cell,
        )


# --- time ---------------------------------------------------------------------------------

_DEADLINE: ContextVar[tuple[float, float, str] | None] = ContextVar(
    "kinerja_read_deadline", default=None
)


@contextmanager
def reading(source: str, seconds: float = MAX_READ_SECONDS) -> Iterator[None]:
    """Within this block `tick()` refuses to go on once `seconds` have passed."""
    token = _DEADLINE.set((time.monotonic() + seconds, seconds, source))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def tick() -> None:
    """Called between rows and lines: raise `OverLimit` when the reading's time is up."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise OverLimit(
            f"pembacaan berkas melebihi batas waktu {number(round(deadline[1]))} detik; "
            "pecah berkasnya menjadi beberapa berkas yang lebih kecil",
            limit="MAX_READ_SECONDS",
            source=deadline[2],
        )
