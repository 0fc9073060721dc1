"""Opening a workbook within the limits, and saying where a corrupt one breaks.

`load(content, source)` checks the container (`kinerja.lib.containers`), loads it with
openpyxl and refuses sheets beyond `MAX_ROWS`, `MAX_COLUMNS` or, all sheets together,
`MAX_CELLS` (the readers walk each sheet's whole rectangle, merged ranges included).
Whatever openpyxl raises on a malformed file becomes `UnreadableFile` with the sheet,
row and cell where it broke, found by streaming each sheet's XML (`locate`). The
container check has refused any DTD before the small parts are parsed here.
"""

import logging
import zipfile
from contextlib import suppress
from io import BytesIO
from xml.etree.ElementTree import ParseError
from xml.parsers import expat
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from lxml.etree import XMLSyntaxError
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from kinerja.lib import limits
from kinerja.lib.containers import check_container
from kinerja.lib.limits import OverLimit, UnreadableFile, number

logger = logging.getLogger(__name__)


def load(content: bytes, source: str) -> Workbook:
    """The workbook, with cached values instead of formulas (see the module docstring)."""
    check_container(content, source)
    try:
        workbook = load_workbook(BytesIO(content), data_only=True)
    except UnreadableFile:
        raise
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on malformed XML
        logger.info("openpyxl could not load %s", source, exc_info=True)
        raise locate(content, source, error) from error
    check_sheets(workbook, source)
    return workbook


def check_sheets(workbook: Workbook, source: str) -> None:
    """Refuse a sheet beyond MAX_ROWS or MAX_COLUMNS, or all of them beyond MAX_CELLS."""
    cells = 0
    for sheet in workbook.worksheets:
        rows, columns = sheet.max_row, sheet.max_column
        if rows > limits.MAX_ROWS:
            _refuse(
                f"ada sel sampai baris {number(rows)}, melebihi batas {number(limits.MAX_ROWS)} "
                "baris; hapus baris di bawah tabel (juga yang hanya berformat)",
                "MAX_ROWS",
                source,
                sheet.title,
            )
        if columns > limits.MAX_COLUMNS:
            _refuse(
                f"ada sel sampai kolom {get_column_letter(columns)}, melebihi batas "
                f"{number(limits.MAX_COLUMNS)} kolom; hapus kolom di kanan tabel",
                "MAX_COLUMNS",
                source,
                sheet.title,
            )
        merged = sum(
            (r.max_row - r.min_row + 1) * (r.max_col - r.min_col + 1)
            for r in sheet.merged_cells.ranges
        )
        cells += rows * columns + merged
        if cells > limits.MAX_CELLS:
            _refuse(
                f"baris × kolom semua lembar (dengan sel gabungan) sampai lembar ini melebihi "
                f"batas {number(limits.MAX_CELLS)} sel; hapus lembar atau baris yang tidak "
                "diperlukan",
                "MAX_CELLS",
                source,
                sheet.title,
            )


def _refuse(message: str, limit: str, source: str, sheet: str) -> None:
    raise OverLimit(message, limit=limit, source=source, sheet=sheet)


def head_text(content: bytes, source: str, rows: int) -> str:
    """The text of the first `rows` rows of every sheet and the sheet names, lower case."""
    check_container(content, source)
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
        texts = [sheet.title for sheet in workbook.worksheets]
        for sheet in workbook.worksheets:
            cells = sheet.iter_rows(max_row=rows, max_col=limits.MAX_COLUMNS, values_only=True)
            for row in cells:
                texts += [str(value) for value in row if value is not None]
    except Exception as error:  # noqa: BLE001 - see load()
        logger.info("openpyxl could not read the head of %s", source, exc_info=True)
        raise locate(content, source, error) from error
    return " ".join(texts).lower()


def locate(content: bytes, source: str, error: Exception) -> UnreadableFile:
    """The `UnreadableFile` for `error`: the sheet, row and cell where the sheet's XML
    breaks or a cell is invalid (a shared string that is not there, a number that is not
    one), found by streaming each sheet's XML; the whole file when no sheet is at fault."""
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            strings = _shared_string_count(archive)
            for title, member in _sheets(archive):
                found = _scan_sheet(archive, member, strings)
                if found is not None:
                    row, cell, what = found
                    return UnreadableFile(
                        f"{what}; perbaiki sel ini atau simpan ulang berkas dari Excel",
                        source=source, sheet=title, row=row, cell=cell,
                    )  # fmt: skip
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        NotImplementedError,
        ParseError,
        DefusedXmlException,
    ):
        pass
    return UnreadableFile(
        f"bukan berkas Excel (.xlsx) yang sah: {_what(error)} (di daftar lembar, gaya atau "
        "relasi berkas); simpan ulang berkas dari Excel",
        source=source,
    )


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, member) of each sheet, from the workbook part and its relations."""
    workbook = fromstring(archive.read("xl/workbook.xml"))
    relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations}
    found = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATION), "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        found.append((sheet.get("name", ""), member))
    return found


def _shared_string_count(archive: zipfile.ZipFile) -> int:
    names = [name for name in archive.namelist() if name.lower().endswith("sharedstrings.xml")]
    if not names:
        return 0
    counted = [0]
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda name, attrs: _count_si(name, counted)
    with suppress(expat.ExpatError):
        parser.Parse(archive.read(names[0]), True)
    return counted[0]


def _count_si(name: str, counted: list[int]) -> None:
    if name.rpartition(":")[2] == "si":
        counted[0] += 1


def _scan_sheet(
    archive: zipfile.ZipFile, member: str, strings: int
) -> tuple[int | None, str, str] | None:
    """(row, cell, what is wrong) of the first fault in a sheet's XML, or None."""
    state = _SheetState(strings)
    parser = expat.ParserCreate()
    parser.StartElementHandler = state.start
    parser.EndElementHandler = state.end
    parser.CharacterDataHandler = state.text
    try:
        parser.Parse(archive.read(member), True)
    except expat.ExpatError:
        return state.row, state.cell, "isi XML rusak (tidak tersusun dengan benar)"
    except _Fault as fault:
        return state.row, state.cell, str(fault)
    return None


class _Fault(Exception):
    """A cell whose value openpyxl cannot read."""


class _SheetState:
    """Where the scan of a sheet stands: row, cell, its type and value."""

    def __init__(self, strings: int) -> None:
        self.strings, self.cell, self.kind = strings, "", ""
        self.row: int | None = None
        self.value: list[str] | None = None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            self.row = int(attributes["r"]) if attributes.get("r", "").isdigit() else None
        elif local == "c":
            self.cell, self.kind = attributes.get("r", ""), attributes.get("t", "n")
        elif local == "v":
            self.value = []

    def text(self, data: str) -> None:
        if self.value is not None:
            self.value.append(data)

    def end(self, name: str) -> None:
        if name.rpartition(":")[2] != "v" or self.value is None:
            return
        value, self.value = "".join(self.value).strip(), None
        if self.kind == "s" and not (value.isdigit() and int(value) < self.strings):
            raise _Fault("sel merujuk teks bersama (shared string) yang tidak ada di berkas")
        if self.kind == "n" and value and not _is_number(value):
            raise _Fault(f"nilai sel bertipe angka bukan angka: «{value[:40]}»")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _what(error: Exception) -> str:
    """What went wrong, as a planner can understand it (the details go to the log)."""
    if isinstance(error, IndexError):
        return "sel merujuk teks bersama (shared string) yang tidak ada di berkas"
    if isinstance(error, ParseError | ExpatError | XMLSyntaxError):
        return "isi XML rusak (tidak tersusun dengan benar)"
    if isinstance(error, KeyError):
        return "bagian berkas yang dirujuk tidak ada"
    return "isi tidak sah menurut format Excel"
