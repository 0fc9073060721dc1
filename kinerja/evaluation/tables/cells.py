"""Small constructors of cells and the footnotes every table shares."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from kinerja.evaluation.achievement import (
    FORMULAS,
    PAGU_KOSONG,
    REALISASI_KOSONG,
    REASONS,
    SERAPAN_FORMULA,
)
from kinerja.evaluation.bands import BandSet
from kinerja.evaluation.rollup import Node
from kinerja.evaluation.tables.model import Cell, Derivation, HeaderCell, Row
from kinerja.evaluation.types import (
    KUMULATIF,
    NON_KUMULATIF,
    RATA_RATA,
    Capaian,
    ItemInput,
    PlanInput,
    Semantics,
)

SIFAT_LABELS = {KUMULATIF: "kumulatif", NON_KUMULATIF: "non kumulatif", RATA_RATA: "rata-rata"}
MONEY_DECIMALS = 2
PERCENT_DECIMALS = 2
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def text(value: str = "", *, colspan: int = 1) -> Cell:
    """A text cell (empty by default)."""
    return Cell(value=value, kind="text", colspan=colspan)


def blank(kind: str = "text") -> Cell:
    """A cell printed blank: nothing to show and nothing to explain."""
    return Cell(kind=kind)


def value_cell(
    value: Decimal | None,
    semantics: Semantics,
    *,
    unit: str = "",
    reason: str | None = REALISASI_KOSONG,
) -> Cell:
    """An indikator value: a number with the indikator's decimals and satuan.

    A kualitatif value on its scale prints as its label. No value prints "–" for `reason`
    (blank when `reason` is None).
    """
    if value is None:
        return Cell(kind="number", decimals=semantics.decimals, reason=reason, unit=unit)
    label = semantics.label(value) if semantics.is_kualitatif else None
    if label is not None:
        return Cell(value=label, kind="text")
    return Cell(value=value, kind="number", decimals=semantics.decimals, unit=unit)


def money(
    value: Decimal | None,
    *,
    reason: str | None = PAGU_KOSONG,
    derived: Derivation | None = None,
) -> Cell:
    """A rupiah amount; no value prints "–" for `reason` (blank when `reason` is None)."""
    return Cell(
        value=value,
        kind="money",
        decimals=MONEY_DECIMALS,
        reason=None if value is not None else reason,
        derived=derived,
    )


def percent(result: Capaian, derived: Derivation | None = None) -> Cell:
    """A capaian or serapan: the unrounded percentage, or "–" with its reason code."""
    return Cell(
        value=result.value,
        kind="percent",
        decimals=PERCENT_DECIMALS,
        reason=result.reason,
        predikat=result.predikat,
        formula=result.formula,
        derived=derived,
    )


SUM_OF_CHILDREN = Derivation(op="sum", children=True)


def children_sum(node: Node[ItemInput]) -> Derivation | None:
    """The derivation of an item's amount: the sum of its children, when it has any."""
    return SUM_OF_CHILDREN if node.children else None


def capaian_of(realisasi: int, target: int, semantics: Semantics) -> Derivation | None:
    """The derivation of a capaian from two columns; None for kualitatif indikator (their
    capaian follows the position on a scale, which a spreadsheet formula cannot know)."""
    if semantics.is_kualitatif:
        return None
    return Derivation(op="capaian", columns=(realisasi, target), polaritas=semantics.polaritas)


def headers(*rows: Sequence[tuple[str, int, int]]) -> tuple[tuple[HeaderCell, ...], ...]:
    """Header rows from `(text, colspan, rowspan)` triples."""
    return tuple(
        tuple(HeaderCell(text=t, colspan=colspan, rowspan=rowspan) for t, colspan, rowspan in row)
        for row in rows
    )


def sifat_present(semantics: Iterable[Semantics]) -> list[str]:
    """The sifat used by the given indikator, in the fixed order kumulatif, non, rata-rata."""
    used = {item.sifat for item in semantics}
    return [sifat for sifat in SIFAT_LABELS if sifat in used]


def footnotes(
    rows: Sequence[Row],
    band_set: BandSet,
    *,
    rules: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> tuple[str, ...]:
    """The footnotes of a table, in a fixed order.

    The builder's `rules` first (how its derived columns were computed), then every
    formula the cells used with its versioned id, the band set when any capaian formula
    was used, a legend line per reason code behind a "–", and last the source `notes`.
    """
    cells = [cell for row in rows for cell in row.cells]
    used_formulas = {cell.formula for cell in cells if cell.formula}
    used_reasons = {cell.reason for cell in cells if cell.reason}
    lines = list(rules)
    lines.extend(
        f"{description} [{formula}]."
        for formula, description in FORMULAS.items()
        if formula in used_formulas
    )
    if used_formulas - {SERAPAN_FORMULA}:
        lines.append(
            f"Predikat dari nilai yang belum dibulatkan, band set {band_set.id}: "
            f"{band_set.describe()}. {band_set.note}"
        )
    lines.extend(f"“–” ({code}): {REASONS[code]}." for code in REASONS if code in used_reasons)
    lines.extend(notes)
    return tuple(lines)


def realisasi_notes(name: str, notes: Mapping[int, str], years: Iterable[int]) -> list[str]:
    """Footnotes for the realisasi of `years` the source printed with a note (e.g. `6I`)."""
    wanted = set(years)
    return [f"{name}, realisasi {year}: {notes[year]}" for year in sorted(notes) if year in wanted]


def years_text(first: int, last: int) -> str:
    """A year range for footnotes: `2021–2023`, `2021`, or a dash when it is empty."""
    if first > last:
        return "– (tidak ada tahun)"
    return str(first) if first == last else f"{first}–{last}"


def example_notes(plan: PlanInput, triwulan: int) -> list[str]:
    """A footnote naming the triwulan up to `triwulan` whose figures are example data."""
    examples = sorted(
        lap.triwulan for lap in plan.laporan if lap.is_example and lap.triwulan <= triwulan
    )
    if not examples:
        return []
    listed = ", ".join(ROMAN.get(t, str(t)) for t in examples)
    return [
        f"DATA CONTOH: realisasi dan laporan triwulan {listed} adalah data contoh, "
        "bukan data resmi."
    ]
