"""Template tags of the evaluation pages: `{% load evaluation_tables %}`.

`{% table_rows table as rows %}` prepares the body of any engine `Table` for the one
generic fragment (`monitoring/renja_tables.html#evaluation-table`): each cell's text in
Indonesian format (through `monitoring.display.cell_text`, shared with the CLI and the
documents), its CSS classes and its tooltip. `{{ cell|cell_view }}` does the same for
one cell; `{% predikat_legend %}` lists the predikat bands; `{% review_pemda_ids user %}`
names the pemda a user reviews as Bappeda.
"""

from dataclasses import dataclass

from django import template
from django.utils.text import slugify

from kinerja.accounts.models import User
from kinerja.evaluation.achievement import REASONS
from kinerja.evaluation.bands import PERMENDAGRI86_2017, BandSet
from kinerja.evaluation.tables import Cell, Row, Table
from kinerja.monitoring.access import reviewable_pemdas
from kinerja.monitoring.display import cell_text, flat_headers

register = template.Library()

PREDIKAT_LABELS = frozenset(
    [label for _, label in PERMENDAGRI86_2017.bands] + [PERMENDAGRI86_2017.below]
)
# Headers naming the column that holds the tree (indented by depth), in order of preference.
NAME_HEADERS = ("Program/Kegiatan", "Tujuan", "Indikator")
FIGURE_CSS = {"number": "num", "money": "num money", "percent": "num percent"}


@dataclass(frozen=True)
class CellView:
    """One cell as printed: text, column span, CSS classes and tooltip."""

    text: str
    colspan: int = 1
    css: str = ""
    title: str = ""


@dataclass(frozen=True)
class RowView:
    """One body row as printed."""

    css: str
    cells: list[CellView]
    item_id: int | None = None
    anchor: str = ""  # "item-<id>" on an item's first row, so findings can link to it


ITEM_KINDS = ("program", "kegiatan", "sub_kegiatan")


def predikat_css(predikat: str) -> str:
    """The CSS class of a predikat, e.g. `predikat-sangat-tinggi`."""
    return f"predikat predikat-{slugify(predikat)}"


def reason_title(reason: str) -> str:
    """The tooltip of a "–": what the reason code means, then the code."""
    meaning = REASONS.get(reason, reason)
    return f"{meaning[:1].upper()}{meaning[1:]} ({reason})"


def present_cell(cell: Cell, *, extra_css: str = "") -> CellView:
    """A cell's text, classes (kind, dash, predikat) and tooltip."""
    css = [FIGURE_CSS.get(cell.kind, "text"), extra_css]
    title = ""
    if cell.is_dash and cell.reason:
        css.append("dash")
        title = reason_title(cell.reason)
    if cell.predikat:
        css.append(predikat_css(cell.predikat))
        title = f"Predikat: {cell.predikat}"
    elif isinstance(cell.value, str) and cell.value in PREDIKAT_LABELS:
        css.append(predikat_css(cell.value))
        title = f"Predikat: {cell.value}"
    text = cell_text(cell)
    return CellView(text=text, colspan=cell.colspan, css=" ".join(c for c in css if c), title=title)


def present_row(row: Row, name_column: int, wide_column: int | None = None) -> RowView:
    """A row's cells: its name marked `name depth-N`, the indikator column `wide`, footer
    labels and narrative."""
    cells = []
    column = 0
    summary = row.kind in ("footer", "total")
    named = False
    for position, cell in enumerate(row.cells):
        extra = ""
        # The name is the first text from the tree column on (a sasaran's sits to the right
        # of its tujuan's, in a column of its own), before the indikator column.
        before_wide = wide_column is None or column < wide_column
        is_name = column >= name_column and before_wide and cell.kind == "text" and cell.value
        if is_name and not (named or summary):
            extra = f"name depth-{row.depth}"
            named = True
        elif column == wide_column and not summary:
            extra = "wide"
        elif summary and position == 0:
            extra = "label"
        elif row.kind == "footer" and cell.colspan > 1 and cell.value:
            extra = "narrative"
        cells.append(present_cell(cell, extra_css=extra))
        column += cell.colspan
    first_of_item = row.item_id is not None and row.kind in ITEM_KINDS
    return RowView(
        css=f"kind-{row.kind} depth-{row.depth}",
        cells=cells,
        item_id=row.item_id,
        anchor=f"item-{row.item_id}" if first_of_item else "",
    )


def _first_column(labels: list[str], wanted: str, *, skip: int = -1) -> int | None:
    return next(
        (i for i, label in enumerate(labels) if wanted.lower() in label.lower() and i != skip),
        None,
    )


def name_column(table: Table) -> int:
    """The column holding program/kegiatan (or tujuan, or else indikator) names."""
    labels = flat_headers(table)
    for wanted in NAME_HEADERS:
        found = _first_column(labels, wanted)
        if found is not None:
            return found
    return min(1, table.width - 1)


@register.simple_tag
def table_rows(table: Table) -> list[RowView]:
    name = name_column(table)
    # The indikator names get room too, when they have a column of their own.
    wide = _first_column(flat_headers(table), "Indikator", skip=name)
    return [present_row(row, name, wide) for row in table.rows]


@register.filter
def cell_view(cell: Cell) -> CellView:
    return present_cell(cell)


@register.filter
def predikat_class(predikat: str) -> str:
    return predikat_css(predikat)


@dataclass(frozen=True)
class Band:
    """One predikat band for the legend."""

    label: str
    css: str
    range: str


@register.simple_tag
def predikat_legend(band_set: BandSet = PERMENDAGRI86_2017) -> list[Band]:
    bands = [
        Band(label=label, css=predikat_css(label), range=f"≥ {threshold}")
        for threshold, label in band_set.bands
    ]
    lowest = band_set.bands[-1][0] if band_set.bands else ""
    bands.append(Band(label=band_set.below, css=predikat_css(band_set.below), range=f"< {lowest}"))
    return bands


@register.simple_tag
def review_pemda_ids(user: User) -> set[int]:
    """Ids of the pemda `user` reviews as Bappeda (one query), for links on the home page."""
    return set(reviewable_pemdas(user).values_list("id", flat=True))
