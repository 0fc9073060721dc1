"""The rows of the realisasi page of one Renja and triwulan: every item of the Renja with
its indikator and, for a sub kegiatan, its anggaran; the figures of the earlier triwulan
beside the input of this one, and what they add up to so far.

Reads only; the page costs the same few queries at any size (the Renja tree, the
realisasi of both kinds, the laporan and its bukti). Every figure stays a `Decimal`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.evaluation.achievement import capaian, combine, serapan, total
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.evaluation.types import Capaian
from kinerja.lib.numbers import format_money, format_number, format_percent
from kinerja.monitoring.evaluate import semantics
from kinerja.monitoring.models import RealisasiAnggaran, RealisasiKinerja
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renja.queries import RenjaNode, renja_tree
from kinerja.renstra.models import Jenis, Level, Sifat
from kinerja.renstra.templatetags.figures import scale_label

PERCENT_DECIMALS = 2  # as E.81 prints capaian and serapan
# What to type for this triwulan, by how the indikator's triwulan combine (E.81 col 12).
SIFAT_HINTS: dict[str, Promise] = {
    Sifat.KUMULATIF: _("kumulatif: isi realisasi triwulan ini saja"),
    Sifat.NON_KUMULATIF: _("non kumulatif: isi nilai pada akhir triwulan"),
    Sifat.RATA_RATA: _("rata-rata: isi nilai triwulan ini saja; capaian memakai rata-ratanya"),
}
ANGGARAN_HINT = _("isi belanja triwulan ini saja (Rp)")


def input_text(value: Decimal | None) -> str:
    """A stored value as the user would type it back: `10,25`, `1.590.078.504` (no rounding)."""
    return "" if value is None else format_number(value.normalize())


def is_scaled(indikator: Indikator) -> bool:
    """A kualitatif indikator with a scale: its values are positions, typed as labels."""
    return indikator.jenis == Jenis.KUALITATIF and bool(indikator.scale)


@dataclass
class Entry:
    """What a row's input shows after a POST: the typed text, the revision to send back,
    and the outcome (saved, a problem, a stale edit with the stored value, a refusal)."""

    typed: str | None = None
    revision: int | None = None
    saved: bool = False
    errors: list[str] = field(default_factory=list)
    stale: str = ""
    stored_now: str | None = None
    refusal: str = ""


@dataclass
class KinerjaRow:
    """One indikator: its target, its realisasi per triwulan, and this triwulan's input."""

    indikator: Indikator
    triwulan: int
    values: dict[int, Decimal | None]
    row: RealisasiKinerja | None
    entry: Entry = field(default_factory=Entry)

    @property
    def dom_id(self) -> str:
        return f"k-{self.indikator.pk}"

    @property
    def earlier(self) -> list[tuple[str, Decimal | None]]:
        return [(ROMAN[q], self.values.get(q)) for q in range(1, self.triwulan)]

    @property
    def up_to(self) -> Decimal | None:
        """The realisasi s/d this triwulan, combined by sifat as E.81 column 12 does."""
        return combine(self.values, self.indikator.sifat, up_to=self.triwulan)

    @property
    def capaian(self) -> Capaian:
        return capaian(self.indikator.target, self.up_to, semantics(self.indikator))

    @property
    def capaian_text(self) -> str:
        return format_percent(self.capaian.value, PERCENT_DECIMALS)

    @property
    def hint(self) -> Promise:
        return SIFAT_HINTS[self.indikator.sifat]

    @property
    def revision(self) -> int:
        if self.entry.revision is not None:
            return self.entry.revision
        return self.row.revision if self.row else 0

    @property
    def text(self) -> str:
        """The input's text: what was typed, else the stored value (a label on a scale)."""
        if self.entry.typed is not None:
            return self.entry.typed
        value = self.row.value if self.row else None
        if value is not None and is_scaled(self.indikator):
            return scale_label(value, self.indikator.scale) or input_text(value)
        return input_text(value)


@dataclass
class AnggaranRow:
    """One sub kegiatan's anggaran: pagu, spending per triwulan, this triwulan's input."""

    item: RenjaItem
    triwulan: int
    amounts: dict[int, Decimal]
    row: RealisasiAnggaran | None
    entry: Entry = field(default_factory=Entry)

    @property
    def dom_id(self) -> str:
        return f"a-{self.item.pk}"

    @property
    def earlier(self) -> list[tuple[str, Decimal | None]]:
        return [(ROMAN[q], self.amounts.get(q)) for q in range(1, self.triwulan)]

    @property
    def earlier_total(self) -> Decimal | None:
        return total(v for q, v in self.amounts.items() if q < self.triwulan)

    @property
    def up_to(self) -> Decimal | None:
        return total(v for q, v in self.amounts.items() if q <= self.triwulan)

    @property
    def serapan(self) -> Capaian:
        return serapan(self.up_to, self.item.pagu)

    @property
    def serapan_text(self) -> str:
        return format_percent(self.serapan.value, PERCENT_DECIMALS)

    @property
    def year_total(self) -> Decimal | None:
        return total(self.amounts.values())

    @property
    def over_pagu(self) -> bool:
        """The year's spending so far exceeds the pagu: saved, but the planner is warned."""
        spent, pagu = self.year_total, self.item.pagu
        return spent is not None and pagu is not None and spent > pagu

    @property
    def revision(self) -> int:
        if self.entry.revision is not None:
            return self.entry.revision
        return self.row.revision if self.row else 0

    @property
    def text(self) -> str:
        if self.entry.typed is not None:
            return self.entry.typed
        return format_money(self.row.amount) if self.row else ""


@dataclass
class ItemRows:
    """An item of the Renja tree with its anggaran row (sub kegiatan) and indikator rows."""

    node: RenjaNode
    anggaran: AnggaranRow | None
    kinerja: list[KinerjaRow]

    @property
    def item(self) -> RenjaItem:
        return self.node.item


def entry_rows(renja: Renja, triwulan: int) -> list[ItemRows]:
    """Every item of `renja` in print order with the rows of triwulan `triwulan`."""
    values: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    kinerja: dict[tuple[int, int], RealisasiKinerja] = {}
    for row in RealisasiKinerja.objects.filter(indikator__item__renja=renja):
        values[row.indikator_id][row.triwulan] = row.value
        kinerja[(row.indikator_id, row.triwulan)] = row
    amounts: dict[int, dict[int, Decimal]] = defaultdict(dict)
    anggaran: dict[tuple[int, int], RealisasiAnggaran] = {}
    for spent in RealisasiAnggaran.objects.filter(item__renja=renja):
        amounts[spent.item_id][spent.triwulan] = spent.amount
        anggaran[(spent.item_id, spent.triwulan)] = spent
    return [
        ItemRows(
            node=node,
            anggaran=AnggaranRow(
                node.item, triwulan, amounts[node.item.pk], anggaran.get((node.item.pk, triwulan))
            )
            if node.item.level == Level.SUB_KEGIATAN
            else None,
            kinerja=[
                KinerjaRow(ind, triwulan, values[ind.pk], kinerja.get((ind.pk, triwulan)))
                for ind in node.indikator
            ],
        )
        for node in renja_tree(renja).rows()
    ]


def kinerja_row(indikator: Indikator, triwulan: int, entry: Entry | None = None) -> KinerjaRow:
    """The row of one indikator as stored now (after a save, for the HTMX response)."""
    rows = {row.triwulan: row for row in RealisasiKinerja.objects.filter(indikator=indikator)}
    values: dict[int, Decimal | None] = {q: row.value for q, row in rows.items()}
    return KinerjaRow(indikator, triwulan, values, rows.get(triwulan), entry or Entry())


def anggaran_row(item: RenjaItem, triwulan: int, entry: Entry | None = None) -> AnggaranRow:
    """The anggaran row of one sub kegiatan as stored now."""
    rows = {row.triwulan: row for row in RealisasiAnggaran.objects.filter(item=item)}
    amounts = {q: row.amount for q, row in rows.items()}
    return AnggaranRow(item, triwulan, amounts, rows.get(triwulan), entry or Entry())


def with_entry(items: list[ItemRows], row: KinerjaRow | AnggaranRow) -> None:
    """Put `row` (a posted row with its outcome) in place of its stored version."""
    for item in items:
        if isinstance(row, AnggaranRow) and item.anggaran and item.anggaran.dom_id == row.dom_id:
            item.anggaran = row
        if isinstance(row, KinerjaRow):
            item.kinerja = [row if k.dom_id == row.dom_id else k for k in item.kinerja]
