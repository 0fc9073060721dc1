"""A tiny reader of the text tables the engine tests keep their cases in.

    polaritas | target | realisasi | capaian
    positif   | 100    | 91        | 91.00
    negatif   | 10     | -         | -

The first line names the columns; `-` (or an empty cell) is None; `#` starts a comment
line; lines of only `-`, `|`, `+` and spaces are separators.
"""

from decimal import Decimal

NONE = {"", "-", "–"}


class Case(dict[str, str | None]):
    """One row of a text table, with typed accessors for its cells."""

    def text(self, column: str) -> str:
        """The cell's text; a `-` here is a mistake in the table."""
        value = self[column]
        if value is None:
            raise ValueError(f"kolom {column!r} kosong")
        return value

    def dec(self, column: str) -> Decimal | None:
        """The cell as Decimal, None for `-`."""
        return dec(self[column])

    def number(self, column: str) -> Decimal:
        """The cell as Decimal; a `-` here is a mistake in the table."""
        return Decimal(self.text(column))

    def integer(self, column: str) -> int:
        """The cell as int."""
        return int(self.text(column))


def parse(text: str) -> list[Case]:
    """The rows of a text table as dicts from column name to cell text (None for `-`)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    header = [name.strip() for name in lines[0].split("|")]
    rows: list[Case] = []
    for line in lines[1:]:
        if set(line) <= set("-|+ "):
            continue
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) != len(header):
            raise ValueError(f"{len(cells)} sel, bukan {len(header)}: {line!r}")
        values = zip(header, cells, strict=True)
        rows.append(Case({name: None if cell in NONE else cell for name, cell in values}))
    return rows


def dec(text: str | None) -> Decimal | None:
    """A cell as Decimal (None stays None)."""
    return None if text is None else Decimal(text)


def cases(text: str) -> list[Case]:
    """`parse`, for `pytest.mark.parametrize` (one case per row)."""
    return parse(text)
