"""A Renja as a Word document (.docx) → `SourceRenja`, through the same row logic as the
text reader (`text_table.interpret`).

Paragraphs give the titles (cover, Daftar Isi, section headings) and the BAB IV list of
kegiatan and sub kegiatan; every table whose header names the Tabel 4.1 columns
(Indikator Kinerja, Target, Pagu, Lokasi, Sumber Dana, n+1) or the Tabel 2.1 ones
(Realisasi, Tingkat, Renstra) is read row by row. The header is the rows above the row
numbering the columns (1, 2, 3 …), or the first row when there is none. A merged cell
is read once, in its first grid column and row.

Locations: `line` is the number of the paragraph (1-based) at or before the text; a
table cell's `cell` names the table and row, 1-based: `T2R5` is row 5 of the second table.
"""

import logging
from collections.abc import Iterator
from io import BytesIO

import docx
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from kinerja.evaluation.source import Location, SourceRenja, Title
from kinerja.imports.parsers.text_table import (
    CAPTION_LINES,
    Cell,
    Paragraph,
    RawTable,
    caption_size,
    clean,
    column_titles,
    interpret,
    is_numbering_row,
    make_title,
    table_kind,
)
from kinerja.lib import limits
from kinerja.lib.containers import check_container

HEADER_SEARCH = 6  # rows at the top of a table where the numbering row may stand
logger = logging.getLogger(__name__)


def read(content: bytes, source: str) -> SourceRenja:
    """Read a Renja from the bytes of a .docx file (see the module docstring)."""
    document = _open(content, source)
    paragraphs: list[Paragraph] = []
    captions: set[int] = set()
    tables: list[RawTable] = []
    titles: list[Title] = []
    number = 0
    for block in _blocks(document, source):
        if isinstance(block, str):
            limits.check_cell_text(block, source, part=f"paragraf {len(paragraphs) + 1}")
            paragraphs.append((len(paragraphs) + 1, block))
            continue
        number += 1
        grid = block
        split = _header_size(grid)
        header = grid[:split]
        kind = table_kind(" ".join(text for row in header for text in row))
        if kind is None and split == 1:
            continue  # a layout table (signatures, boxes): no titles, no rows
        line = len(paragraphs)
        caption = _caption(paragraphs)
        captions.update(caption)
        titles += [
            title
            for title in (
                make_title(clean(text), "table", _at(source, n))
                for n, text in paragraphs
                if n in caption
            )
            if title is not None
        ]
        cells = [
            [Cell(text, _at(source, line, f"T{number}R{r + 1}")) for text in row]
            for r, row in enumerate(grid)
        ]
        for row in cells[:split]:
            titles += column_titles(row)
        if kind is not None:
            rows = tuple(tuple(row) for row in cells[split:])
            tables.append(RawTable(kind=kind, rows=rows, line=line))
    kept = [(n, text) for n, text in paragraphs if n not in captions]
    return interpret(source=source, paragraphs=kept, tables=tables, titles=titles)


def _open(content: bytes, source: str) -> Document:
    """The document, after the container's limits; a malformed one is `UnreadableFile`."""
    check_container(content, source)
    try:
        return docx.Document(BytesIO(content))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds on bad parts
        logger.info("python-docx could not open %s", source, exc_info=True)
        raise limits.UnreadableFile(
            "bukan dokumen Word (.docx) yang sah: bagian utamanya hilang atau rusak; simpan "
            "ulang dari Word sebagai .docx",
            source=source,
        ) from error


def _blocks(document: Document, source: str) -> Iterator[str | list[list[str]]]:
    """Each paragraph's text and each table's grid, in order; a table python-docx cannot
    lay out (a malformed grid) is `UnreadableFile` naming it."""
    tables = 0
    for block in document.iter_inner_content():
        limits.tick()
        if isinstance(block, DocxParagraph):
            yield block.text
            continue
        tables += 1
        try:
            grid = _grid(block)
        except limits.UnreadableFile as problem:
            problem.part = ", ".join(filter(None, (f"tabel {tables}", problem.part)))
            raise
        except Exception as error:  # noqa: BLE001 - python-docx on a malformed table
            logger.info("python-docx could not read table %d of %s", tables, source, exc_info=True)
            raise limits.UnreadableFile(
                "susunan sel tabel rusak (penggabungan sel tidak sah); simpan ulang dari Word",
                source=source,
                part=f"tabel {tables}",
            ) from error
        yield grid


def _at(source: str, line: int, cell: str = "") -> Location:
    return Location(source=source, line=line or None, cell=cell)


def _grid(table: Table) -> list[list[str]]:
    """The text of every grid cell; a merged cell's text only where it starts."""
    seen: set[object] = set()  # the cells' XML elements, kept alive so identity holds
    rows: list[list[str]] = []
    for row in table.rows:
        limits.tick()
        spans = sum(tc.grid_span for tc in row._tr.tc_lst)
        if spans > limits.MAX_COLUMNS:
            raise limits.OverLimit(
                f"baris tabel merentang {limits.number(spans)} kolom, melebihi batas "
                f"{limits.number(limits.MAX_COLUMNS)} kolom",
                limit="MAX_COLUMNS",
                part=f"baris {len(rows) + 1}",
            )
        texts = []
        for cell in row.cells:
            element = cell._tc  # python-docx repeats a merged cell's object across its span
            text = "" if element in seen else cell.text
            limits.check_cell_text(text, "", part=f"baris {len(rows) + 1}")
            texts.append(clean(text))
            seen.add(element)
        rows.append(texts)
    return rows


def _header_size(grid: list[list[str]]) -> int:
    """Rows of the header, the numbering row included; 1 when no row numbers the columns."""
    for index, row in enumerate(grid[:HEADER_SEARCH]):
        if index and is_numbering_row(row):
            return index + 1
    return 1


def _caption(paragraphs: list[Paragraph]) -> set[int]:
    """The paragraphs just before a table that caption it (`text_table.caption_size`)."""
    end = len(paragraphs)
    if end and not paragraphs[end - 1][1].strip():
        end -= 1
    nearest_first = paragraphs[max(0, end - CAPTION_LINES) : end][::-1]
    size = caption_size([text for _, text in nearest_first])
    return {n for n, _ in nearest_first[:size]}
