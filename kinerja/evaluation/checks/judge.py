"""What an indikator is, judged from how it was printed: its name, satuan and `%` signs.

Used where a file gives no semantics (DESIGN §4 keeps semantics as data in stored plans;
a printed table has only names and units). Every judgement returns the reason in words,
so a message can say why the check thought so.
"""

import re
from collections.abc import Mapping
from decimal import Decimal

from kinerja.evaluation.source import Printed
from kinerja.evaluation.types import KUMULATIF, Semantics

# Names that measure a level, not a count: their yearly values must not be summed.
NON_CUMULATIVE_PREFIXES = (
    "indeks",
    "nilai",
    "persentase",
    "rasio",
    "tingkat",
    "proporsi",
    "cakupan",
    "rata-rata",
)
# Shares: a percentage of a whole, so at most 100.
SHARE_PREFIXES = ("persentase", "proporsi", "cakupan")
# Units that are not counts.
LEVEL_UNITS = frozenset(
    {"%", "persen", "indeks", "nilai", "rasio", "poin", "skor", "predikat", "kategori"}
)
UNIT_SYNONYMS = {"dok": "dokumen", "dok.": "dokumen", "lap": "laporan", "org": "orang"}
_CODE_PREFIX = re.compile(r"^\s*[\dX]+(\.[\dX]+)+\s+")
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


def norm_text(text: str) -> str:
    """Lower case, single spaces, no line breaks: for comparing labels."""
    return " ".join(text.casefold().split())


def norm_name(text: str) -> str:
    """A nomenclature name for comparison: no code prefix (SIPD prints
    `1.05.02.2.03.0002 Pembentukan …`), case, spacing and punctuation ignored."""
    return " ".join(_PUNCTUATION.sub(" ", _CODE_PREFIX.sub("", text).casefold()).split())


def norm_satuan(satuan: str) -> str:
    """A unit for comparison: lower case, single spaces, common abbreviations expanded."""
    unit = norm_text(satuan)
    return UNIT_SYNONYMS.get(unit, unit)


def starts_with(name: str, prefixes: tuple[str, ...]) -> str | None:
    """The prefix `name` starts with (as a word), or None."""
    words = norm_text(name).split(" ", 1)
    return words[0] if words and words[0] in prefixes else None


def non_cumulative(
    name: str,
    satuan: str = "",
    *,
    percent: bool = False,
    semantics: Mapping[str, Semantics] | None = None,
) -> str | None:
    """Why the indikator `name` is not kumulatif (its years must not be summed), or None.

    A stored `semantics` (keyed by `norm_text(name)`) decides when given; otherwise the
    satuan (`%`, Indeks, Nilai, …), a printed `%` sign, or a name starting with Indeks,
    Nilai, Persentase, Rasio, Tingkat, Proporsi, Cakupan or Rata-rata.
    """
    stored = (semantics or {}).get(norm_text(name))
    if stored is not None:
        return None if stored.sifat == KUMULATIF else f"sifatnya tercatat {stored.sifat}"
    unit = norm_satuan(satuan)
    if unit in LEVEL_UNITS:
        return f"satuannya {satuan.strip()}"
    if percent:
        return "nilainya tercetak dengan tanda %"
    prefix = starts_with(name, NON_CUMULATIVE_PREFIXES)
    if prefix:
        return f"namanya diawali '{prefix.capitalize()}'"
    return None


def is_share(name: str, satuan: str, percent: bool) -> bool:
    """A percentage of a whole (at most 100): a share name in % (or printed with %)."""
    in_percent = percent or norm_satuan(satuan) in ("%", "persen")
    return in_percent and starts_with(name, SHARE_PREFIXES) is not None


def is_count(name: str, satuan: str, percent: bool = False) -> bool:
    """A count of things (Dokumen, Orang, Laporan, …): never negative, may be summed."""
    unit = norm_satuan(satuan)
    return bool(unit) and not percent and non_cumulative(name, satuan) is None


def reading(printed: Printed | None) -> Decimal | None:
    """A printed number's value, or the likely value of a typo (`6I` → 61), or None."""
    if printed is None:
        return None
    parsed = printed.parsed
    if printed.value is not None:
        return printed.value
    return parsed.likely if parsed.problem == "number-typo" else None


def is_blank(printed: Printed | None) -> bool:
    """Nothing printed (no cell, an empty cell, or a dash)."""
    return printed is None or printed.parsed.problem == "empty"
