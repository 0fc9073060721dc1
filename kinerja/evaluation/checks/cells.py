"""Walks over what a reader found: the Tabel 4.1 tree and every printed number in context.

Official columns: Tabel 4.1 (T-C.33) target n = 5, pagu n = 6, target n+1 = 9, pagu
n+1 = 10; Tabel 2.1 (T-C.29) columns 4–11 by number.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kinerja.evaluation.checks.report import Where, line_of, printed_column
from kinerja.evaluation.source import (
    Location,
    Printed,
    SourceItem,
    SourceRenja,
    SourceRenstra,
    SourceTc29Row,
)

TABEL_41, TABEL_21 = "Tabel 4.1", "Tabel 2.1"
CAPAIAN_COLUMNS = ("8", "11")
TC33_COLUMNS = {"target": "5", "pagu": "6", "target_n1": "9", "pagu_n1": "10"}
# T-C.29 columns → the year they speak of, relative to n (None: no single year).
TC29_YEARS: dict[str, int | None] = {
    "4": None,
    "5": -3,
    "6": -2,
    "7": -2,
    "8": -2,
    "9": -1,
    "10": -1,
    "11": None,
}


def walk_items(
    items: Sequence[SourceItem], parent: SourceItem | None = None
) -> Iterator[tuple[SourceItem, SourceItem | None]]:
    """Every item of the tree with its parent, depth-first in printed order."""
    for item in items:
        yield item, parent
        yield from walk_items(item.children, item)


def shifted(year: int | None, offset: int | None) -> int | None:
    return None if year is None or offset is None else year + offset


def where_at(
    location: Location,
    *,
    table: str,
    row: str = "",
    code: str = "",
    column: str = "",
    year: int | None = None,
    fallback: Location | None = None,
) -> Where:
    """A `Where` in the table the location names (its sheet) or `table`."""
    line = line_of(location)
    if line is None and fallback is not None:
        line = line_of(fallback)
    sheet = location.sheet or (fallback.sheet if fallback else "")
    return Where(table=sheet or table, row=row, code=code, column=column, year=year, line=line)


@dataclass(frozen=True, kw_only=True)
class PrintedCell:
    """A printed number with where it stood and what it is: money, an indikator value,
    or (`capaian`) a percentage of achievement such as Tabel 2.1 cols 8 and 11."""

    printed: Printed
    where: Where
    money: bool = False
    indikator: str = ""
    satuan: str = ""
    capaian: bool = False


def item_cell(
    item: SourceItem,
    printed: Printed,
    field: str,
    year: int | None,
    *,
    indikator: str = "",
    satuan: str = "",
) -> PrintedCell:
    """The context of one Tabel 4.1 figure (`field`: pagu, pagu_n1, target, target_n1)."""
    offset = 1 if field.endswith("_n1") else 0
    where = where_at(
        printed.location,
        table=TABEL_41,
        row=item.name,
        code=item.code,
        column=printed_column(printed, TC33_COLUMNS[field]),
        year=shifted(year, offset),
        fallback=item.location,
    )
    money = field.startswith("pagu")
    return PrintedCell(
        printed=printed, where=where, money=money, indikator=indikator, satuan=satuan
    )


def item_cells(doc: SourceRenja) -> Iterator[PrintedCell]:
    """Every printed figure of Tabel 4.1, including the grand totals."""
    for item, _ in walk_items(doc.items):
        for field in ("pagu", "pagu_n1"):
            printed = getattr(item, field)
            if printed is not None:
                yield item_cell(item, printed, field, doc.year)
        for ind in item.indikator:
            for field, unit in (("target", ind.satuan), ("target_n1", ind.satuan_n1)):
                printed = getattr(ind, field)
                if printed is not None:
                    yield item_cell(
                        item,
                        printed,
                        field,
                        doc.year,
                        indikator=ind.name,
                        satuan=unit or ind.satuan,
                    )
    for printed, offset in ((doc.total_pagu, 0), (doc.total_pagu_n1, 1)):
        if printed is not None:
            where = where_at(
                printed.location,
                table=TABEL_41,
                row="Jumlah",
                column=printed_column(printed, "6" if offset == 0 else "10"),
                year=shifted(doc.year, offset),
            )
            yield PrintedCell(printed=printed, where=where, money=True)


def tc29_label(row: SourceTc29Row) -> str:
    """The row's name as printed, or its indikator when the name cell is empty."""
    return row.name or row.indikator


def tc29_cells(doc: SourceRenja) -> Iterator[PrintedCell]:
    """Every printed figure of Tabel 2.1, columns 4–11."""
    for row in doc.tc29:
        for number, printed in row.columns:
            where = where_at(
                printed.location,
                table=TABEL_21,
                row=tc29_label(row),
                code=row.code,
                column=printed_column(printed, number),
                year=shifted(doc.year, TC29_YEARS.get(number)),
                fallback=row.location,
            )
            yield PrintedCell(
                printed=printed,
                where=where,
                indikator=row.indikator,
                capaian=number in CAPAIAN_COLUMNS,
            )


def renja_cells(doc: SourceRenja) -> Iterator[PrintedCell]:
    """Tabel 4.1 and 2.1 figures in context, then the reader's other number cells."""
    seen: set[Printed] = set()
    for cell in (*item_cells(doc), *tc29_cells(doc)):
        seen.add(cell.printed)
        yield cell
    for printed in doc.numbers:
        if printed not in seen:
            seen.add(printed)
            where = where_at(printed.location, table="", column=printed_column(printed, ""))
            yield PrintedCell(printed=printed, where=where)


def period_year(label: str, first_year: int | None) -> int | None:
    """The year of a Renstra period label: "1" … "7" count from `first_year`; a
    four-digit label is a year; "awal" and "0" (the baseline) have none."""
    if label.isdigit() and len(label) == 4:
        return int(label)
    if label.isdigit() and int(label) >= 1 and first_year is not None:
        return first_year + int(label) - 1
    return None


def in_period(label: str, doc: SourceRenstra) -> bool:
    """A period label inside the Renstra's years: not the baseline ("awal", "0", or a
    year before the first), not beyond the last year (SIPD's always-zero pagu6/pagu7 of
    a five-year plan)."""
    if not label.isdigit() or int(label) < 1:
        return False
    year = period_year(label, doc.first_year)
    if year is None:
        return True
    if doc.first_year is not None and year < doc.first_year:
        return False
    return doc.last_year is None or year <= doc.last_year


def renstra_cells(doc: SourceRenstra) -> Iterator[PrintedCell]:
    """Every printed volume and pagu of a Renstra extract."""
    table = doc.source or "Renstra"
    for row in doc.rows:
        for kind, pairs in (("volume", row.volume), ("pagu", row.pagu)):
            for label, printed in pairs:
                where = where_at(
                    printed.location,
                    table=table,
                    row=row.nama_sub_kegiatan or row.indikator,
                    code=row.kode_sub_kegiatan,
                    column=printed_column(printed, f"{kind}_{label}"),
                    year=period_year(label, doc.first_year),
                    fallback=row.location,
                )
                yield PrintedCell(
                    printed=printed,
                    where=where,
                    money=kind == "pagu",
                    indikator=row.indikator,
                    satuan=row.satuan,
                )
