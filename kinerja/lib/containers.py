"""ZIP containers (.xlsx, .docx) inspected before openpyxl or python-docx open them.

`check_container(content, source)` reads the ZIP directory (members, sizes, ratios) and
then streams every XML member through expat, counting elements and cells without
building a tree, and refusing any DTD (Office files never have one; entity expansion
needs one). Python's zipfile stops a member at its declared size (a larger stream fails
its CRC), so the declared sizes bound what any later reader unpacks.
"""

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from xml.parsers import expat

from kinerja.lib.limits import (
    MAX_CELLS,
    MAX_XML_ELEMENTS,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_UNCOMPRESSED,
    ZIP_RATIO_ALLOWANCE,
    OverLimit,
    UnreadableFile,
    megabytes,
    number,
)

CHUNK = 64 * 1024
_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$")


@dataclass
class Counts:
    """What the XML of a container holds, counted while streaming it: elements, cells, and
    the cells covered by merged ranges (openpyxl makes an object for each)."""

    elements: int = 0
    cells: int = 0


def check_container(content: bytes, source: str) -> Counts:
    """Refuse a container beyond the limits (`OverLimit`) or not a ZIP (`UnreadableFile`)."""
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        members = archive.infolist()
    # NotImplementedError: a ZIP version or compression method zipfile does not know.
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise UnreadableFile(
            "bukan berkas Office (.xlsx/.docx) yang sah: isi ZIP-nya rusak atau terpotong",
            source=source,
        ) from error
    with archive:
        _check_directory(members, source)
        counts = Counts()
        for member in members:
            _scan_member(archive, member, counts, source)
    return counts


def _check_directory(members: list[zipfile.ZipInfo], source: str) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise OverLimit(
            f"berkas berisi {number(len(members))} bagian ZIP, melebihi batas "
            f"{number(MAX_ZIP_MEMBERS)}",
            limit="MAX_ZIP_MEMBERS",
            source=source,
        )
    total = sum(member.file_size for member in members)
    if total > MAX_ZIP_UNCOMPRESSED:
        raise OverLimit(
            f"isi berkas bila dibuka {megabytes(total)}, melebihi batas "
            f"{megabytes(MAX_ZIP_UNCOMPRESSED)} (berkas rusak atau «bom zip»)",
            limit="MAX_ZIP_UNCOMPRESSED",
            source=source,
        )
    for member in members:
        if member.file_size <= ZIP_RATIO_ALLOWANCE:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_ZIP_RATIO:
            raise OverLimit(
                f"bagian {member.filename} memampat {number(round(ratio))}:1, melebihi batas "
                f"{MAX_ZIP_RATIO}:1 (berkas rusak atau «bom zip»)",
                limit="MAX_ZIP_RATIO",
                source=source,
            )


def _scan_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, counts: Counts, source: str
) -> None:
    """Stream one member through expat when it is XML; malformed XML is left to the
    reader (which names the sheet), as Excel and Word tolerate parts they never read."""
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda name, attributes: _count(name, attributes, counts, source)
    parser.StartDoctypeDeclHandler = lambda *args: _refuse_doctype(member.filename, source)
    try:
        with archive.open(member) as stream:
            first = stream.read(CHUNK)
            if not _looks_like_xml(first):
                return
            chunk = first
            while chunk:
                parser.Parse(chunk, False)
                chunk = stream.read(CHUNK)
            parser.Parse(b"", True)
    except expat.ExpatError:
        return
    except UnreadableFile:
        raise
    except Exception as error:  # noqa: BLE001 - zipfile/zlib raise many kinds on corrupt data
        raise UnreadableFile(
            f"bagian {member.filename} tidak dapat dibuka (rusak, terenkripsi atau dimampatkan "
            "dengan cara yang tidak dikenal)",
            source=source,
        ) from error


def _looks_like_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _count(name: str, attributes: dict[str, str], counts: Counts, source: str) -> None:
    counts.elements += 1
    if counts.elements > MAX_XML_ELEMENTS:
        raise OverLimit(
            f"berkas berisi lebih dari {number(MAX_XML_ELEMENTS)} elemen XML, melebihi batas",
            limit="MAX_XML_ELEMENTS",
            source=source,
        )
    local = name.rpartition(":")[2]
    if local in ("c", "mergeCell"):
        counts.cells += 1 if local == "c" else merged_area(attributes.get("ref", ""))
        if counts.cells > MAX_CELLS:
            raise OverLimit(
                f"buku kerja berisi lebih dari {number(MAX_CELLS)} sel (sel gabungan dihitung "
                "satu per satu), melebihi batas; hapus lembar atau baris yang tidak diperlukan",
                limit="MAX_CELLS",
                source=source,
            )


def merged_area(ref: str) -> int:
    """The cells of a merged range `A1:C3` (9); 1 for anything else (openpyxl refuses it)."""
    match = _RANGE.match(ref.strip().upper())
    if match is None:
        return 1
    first, top, last, bottom = match.groups()
    columns = abs(_column_number(last) - _column_number(first)) + 1
    return columns * (abs(int(bottom) - int(top)) + 1)


def _column_number(letters: str) -> int:
    result = 0
    for letter in letters:
        result = result * 26 + ord(letter) - ord("A") + 1
    return result


def _refuse_doctype(member: str, source: str) -> None:
    raise UnreadableFile(
        f"bagian {member} berisi deklarasi DTD/entitas XML, yang tidak pernah ada di berkas "
        "Office asli; berkas ditolak",
        source=source,
    )
