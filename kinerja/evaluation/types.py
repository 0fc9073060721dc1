"""The engine's records: indikator semantics, capaian, findings, and the plan inputs.

Every record is a frozen dataclass; numbers are `Decimal` (never float); mappings are
copied into read-only views on construction, so a record cannot change after it is built.
The adapter `kinerja/monitoring/evaluate.py` fills the input records from the ORM.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

JUMLAH, PERSENTASE, RASIO, INDEKS, KUALITATIF = (
    "jumlah",
    "persentase",
    "rasio",
    "indeks",
    "kualitatif",
)
JENIS = (JUMLAH, PERSENTASE, RASIO, INDEKS, KUALITATIF)
POSITIF, NEGATIF = "positif", "negatif"
POLARITAS = (POSITIF, NEGATIF)
KUMULATIF, NON_KUMULATIF, RATA_RATA = "kumulatif", "non_kumulatif", "rata_rata"
SIFAT = (KUMULATIF, NON_KUMULATIF, RATA_RATA)
PROGRAM, KEGIATAN, SUB_KEGIATAN = "program", "kegiatan", "sub_kegiatan"
LEVELS = (PROGRAM, KEGIATAN, SUB_KEGIATAN)

K = TypeVar("K")
V = TypeVar("V")


def frozen_mapping(mapping: Mapping[K, V]) -> Mapping[K, V]:
    """A read-only copy of `mapping` (later changes to the original do not show through)."""
    return MappingProxyType(dict(mapping))


def _empty() -> Mapping[Any, Any]:
    return MappingProxyType({})


def _freeze(record: object, *names: str) -> None:
    """Replace the named mapping fields of a frozen record by read-only copies."""
    for name in names:
        object.__setattr__(record, name, frozen_mapping(getattr(record, name)))


def _require(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} {value!r} tidak dikenal; pilihan: {', '.join(allowed)}")


@dataclass(frozen=True, kw_only=True)
class Semantics:
    """How an indikator is measured (DESIGN §4); the values are the models' choice strings.

    `scale` lists a kualitatif indikator's labels from worst to best (e.g. D, C, CC, B,
    BB, A); its values are 1-based positions on that scale, as `Decimal`.
    """

    jenis: str
    polaritas: str
    sifat: str
    decimals: int = 0
    scale: tuple[str, ...] = ()
    allows_negative: bool = False

    def __post_init__(self) -> None:
        _require(self.jenis, JENIS, "jenis")
        _require(self.polaritas, POLARITAS, "polaritas")
        _require(self.sifat, SIFAT, "sifat")
        if self.decimals < 0:
            raise ValueError("decimals tidak boleh negatif")

    @property
    def is_kualitatif(self) -> bool:
        """True for an indikator valued on an ordered scale of labels."""
        return self.jenis == KUALITATIF

    def label(self, position: Decimal) -> str | None:
        """The scale label at a 1-based `position`, or None when it is not on the scale."""
        if position != position.to_integral_value() or not 1 <= position <= len(self.scale):
            return None
        return self.scale[int(position) - 1]


@dataclass(frozen=True, kw_only=True)
class Capaian:
    """An achievement percentage, or the reason there is none.

    `value` is unrounded (display rounds it, `achievement.rounded`); `reason` is a reason
    code (`achievement.REASONS`) exactly when `value` is None; `formula` and `band_set`
    are the versioned ids used, so a regenerated document prints the same figures;
    `predikat` is decided on the unrounded value (None without a value or a band set).
    """

    value: Decimal | None
    reason: str | None
    formula: str
    band_set: str
    predikat: str | None


@dataclass(frozen=True, kw_only=True)
class Finding:
    """Something a builder or check noticed (DESIGN §6), located as precisely as known.

    `severity` is "error", "warning" or "info"; `message` is Bahasa Indonesia for a planner.
    `line` is the source line (text files) or spreadsheet row the finding points at;
    `column` the table column number or spreadsheet column letter.
    """

    rule: str
    severity: str
    message: str
    table: str = ""
    row: str = ""
    code: str = ""
    column: str = ""
    year: int | None = None
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class RenstraFigures:
    """The Renstra figures of one indikator: end target, yearly targets and realisasi.

    `realisasi` maps a year to its value, or to None when the source printed something
    that is not a number (the text is then in `notes` under the same year).
    """

    kondisi_awal: Decimal | None = None
    kondisi_akhir: Decimal | None = None
    targets: Mapping[int, Decimal] = field(default_factory=_empty)
    realisasi: Mapping[int, Decimal | None] = field(default_factory=_empty)
    notes: Mapping[int, str] = field(default_factory=_empty)

    def __post_init__(self) -> None:
        _freeze(self, "targets", "realisasi", "notes")


@dataclass(frozen=True, kw_only=True)
class IndikatorInput:
    """An indikator of a Renja item: target n and n+1, realisasi per triwulan (1–4).

    `realisasi[q]` is the value of triwulan q for kumulatif indikator and the value at
    the end of triwulan q for non_kumulatif ones. `renstra` holds the figures of the
    linked Renstra indikator (None when not linked).
    """

    id: int
    name: str
    semantics: Semantics
    satuan: str = ""
    target: Decimal | None = None
    target_n1: Decimal | None = None
    realisasi: Mapping[int, Decimal] = field(default_factory=_empty)
    renstra: RenstraFigures | None = None

    def __post_init__(self) -> None:
        _freeze(self, "realisasi")


@dataclass(frozen=True, kw_only=True)
class ItemInput:
    """A program, kegiatan or sub kegiatan of the Renja, in a flat list with parent ids.

    Only sub kegiatan carry `pagu`, `pagu_n1` and `realisasi_anggaran` (triwulan → rupiah
    spent); parents' figures are rolled up. `renstra_pagu` (year → Renstra pagu) and
    `realisasi_anggaran_tahunan` (year → rupiah spent in earlier years) feed the Rp
    columns 5, 6 and 13 of E.81; they may sit on any level (own value first, else the sum
    of the children). `sasaran` and `penanggung_jawab` fill E.81 columns 2 and 15.
    """

    id: int
    level: str
    name: str
    parent_id: int | None = None
    code: str = ""
    order: int = 0
    lokasi: str = ""
    sumber_dana: str = ""
    catatan_penting: str = ""
    pagu: Decimal | None = None
    pagu_n1: Decimal | None = None
    realisasi_anggaran: Mapping[int, Decimal] = field(default_factory=_empty)
    indikator: tuple[IndikatorInput, ...] = ()
    sasaran: str = ""
    penanggung_jawab: str = ""
    renstra_pagu: Mapping[int, Decimal] = field(default_factory=_empty)
    realisasi_anggaran_tahunan: Mapping[int, Decimal] = field(default_factory=_empty)

    def __post_init__(self) -> None:
        _require(self.level, LEVELS, "level")
        _freeze(self, "realisasi_anggaran", "renstra_pagu", "realisasi_anggaran_tahunan")


@dataclass(frozen=True, kw_only=True)
class RenstraIndikatorInput:
    """An indikator of a Renstra item, tujuan or sasaran with its Renstra figures."""

    id: int
    name: str
    semantics: Semantics
    satuan: str = ""
    figures: RenstraFigures = field(default_factory=RenstraFigures)


@dataclass(frozen=True, kw_only=True)
class RenstraItemInput:
    """A program, kegiatan or sub kegiatan of the Renstra, flat with parent ids."""

    id: int
    level: str
    name: str
    parent_id: int | None = None
    code: str = ""
    order: int = 0
    indikator: tuple[RenstraIndikatorInput, ...] = ()

    def __post_init__(self) -> None:
        _require(self.level, LEVELS, "level")


@dataclass(frozen=True, kw_only=True)
class SasaranInput:
    """A sasaran of a tujuan with its indikator."""

    id: int
    name: str
    order: int = 0
    indikator: tuple[RenstraIndikatorInput, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TujuanInput:
    """A tujuan of the Renstra with its indikator and sasaran."""

    id: int
    name: str
    order: int = 0
    indikator: tuple[RenstraIndikatorInput, ...] = ()
    sasaran: tuple[SasaranInput, ...] = ()


@dataclass(frozen=True, kw_only=True)
class LaporanInput:
    """The OPD's narrative for one triwulan; `is_example` marks demo data."""

    triwulan: int
    faktor_pendorong: str = ""
    faktor_penghambat: str = ""
    tindak_lanjut: str = ""
    tindak_lanjut_renja: str = ""
    is_example: bool = False


@dataclass(frozen=True, kw_only=True)
class PlanInput:
    """Everything the tables of one Renja need: year n, its Renstra period and plans.

    `items` and `renstra_items` are flat, in display order, naming their parent; the
    engine builds the trees (siblings ordered by `order`, then by position).
    """

    pemda: str
    opd_name: str
    year: int
    renstra_first_year: int
    renstra_last_year: int
    items: tuple[ItemInput, ...] = ()
    renstra_items: tuple[RenstraItemInput, ...] = ()
    tujuan: tuple[TujuanInput, ...] = ()
    laporan: tuple[LaporanInput, ...] = ()

    def __post_init__(self) -> None:
        if self.renstra_last_year < self.renstra_first_year:
            raise ValueError("tahun akhir Renstra mendahului tahun awalnya")

    @property
    def has_example(self) -> bool:
        """True when any triwulan's figures are example data (the demo)."""
        return any(laporan.is_example for laporan in self.laporan)

    def laporan_of(self, triwulan: int) -> LaporanInput | None:
        """The laporan of `triwulan`, or None when there is none."""
        return next((lap for lap in self.laporan if lap.triwulan == triwulan), None)
