"""Evaluation tables as readable terminal text (rich), one table after another."""

from io import StringIO

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from kinerja.evaluation.tables import Table
from kinerja.evaluation.tables.model import BOLD_ROWS
from kinerja.monitoring.display import cell_text, flat_headers

INDENT = "  "
NAME, FIGURE = 30, 17  # widths of a column of names and of a column of figures


def tables_text(tables: list[Table]) -> str:
    """All `tables` as text: title, one column per physical column, rows, footnotes.

    Wide tables stay wide (read them with `less -S`) rather than folding every number.
    """
    out = StringIO()
    for table in tables:
        console = Console(file=out, width=_width(table), force_terminal=False, color_system=None)
        console.print(_rich(table))
        # Columns are headed by their official numbers; their meaning is listed once.
        for number, label in dict(
            zip(table.column_numbers, flat_headers(table), strict=True)
        ).items():
            console.print(f"  ({number}) {label}", soft_wrap=True, markup=False)
        for index, note in enumerate(table.footnotes, start=1):
            console.print(f"  {index}) {note}", soft_wrap=True, markup=False)
        console.print()
    return out.getvalue()


def _rich(table: Table) -> RichTable:
    title = f"{table.code} {table.title}" + (f"\n{table.subtitle}" if table.subtitle else "")
    # Text objects, not strings: names and footnotes may hold "[…]", which is not markup.
    grid = RichTable(title=Text(title), box=box.SIMPLE_HEAD, header_style="bold")
    names = _name_columns(table)
    for index, number in enumerate(table.column_numbers):
        wide = index in names
        grid.add_column(
            f"({number})",
            overflow="fold",
            min_width=NAME if wide else None,
            max_width=None if wide else NAME,
        )
    for row in table.rows:
        cells = []
        for index, cell in enumerate(row.cells):
            text = cell_text(cell)
            # Indent the name column by depth so the tree shows in plain text.
            cells.append(Text(INDENT * row.depth + text if index == 1 else text))
            cells.extend([Text("")] * (cell.colspan - 1))
        grid.add_row(*cells, style="bold" if row.kind in BOLD_ROWS else None)
    return grid


def _name_columns(table: Table) -> set[int]:
    """Columns holding long text (names of programs, indikator), which need room."""
    columns: set[int] = set()
    for row in table.rows:
        if row.kind in {"footer", "total"}:
            continue
        index = 0
        for cell in row.cells:
            if cell.colspan == 1 and isinstance(cell.value, str) and len(cell.value) > FIGURE:
                columns.add(index)
            index += cell.colspan
    return columns


def _width(table: Table) -> int:
    names = len(_name_columns(table))
    return names * (NAME + 3) + (table.width - names) * (FIGURE + 3)
