"""Predikat band sets as versioned data, and the predikat of a value on one of them."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

SANGAT_TINGGI, TINGGI, SEDANG, RENDAH, SANGAT_RENDAH = (
    "Sangat Tinggi",
    "Tinggi",
    "Sedang",
    "Rendah",
    "Sangat Rendah",
)


@dataclass(frozen=True, kw_only=True)
class BandSet:
    """A versioned set of predikat bands.

    `bands` holds `(threshold, label)` pairs from the highest threshold down: a value
    gets the label of the first threshold it reaches (half-open, `value >= threshold`),
    and `below` when it reaches none. There is no upper bound: a capaian above 100 keeps
    the top label. `note` says how sure the source is; tables print it.
    """

    id: str
    bands: tuple[tuple[Decimal, str], ...]
    below: str
    note: str

    def __post_init__(self) -> None:
        thresholds = [threshold for threshold, _ in self.bands]
        if thresholds != sorted(thresholds, reverse=True) or len(set(thresholds)) != len(
            thresholds
        ):
            raise ValueError(f"ambang band set {self.id} harus menurun tegas")

    def describe(self) -> str:
        """The bands as one line of text, e.g. `≥ 91 Sangat Tinggi; …; < 51 Sangat Rendah`."""
        parts = [f"≥ {threshold} {label}" for threshold, label in self.bands]
        parts.append(f"< {self.bands[-1][0]} {self.below}" if self.bands else self.below)
        return "; ".join(parts)


PERMENDAGRI86_2017 = BandSet(
    id="permendagri86-2017",
    bands=(
        (Decimal(91), SANGAT_TINGGI),
        (Decimal(76), TINGGI),
        (Decimal(66), SEDANG),
        (Decimal(51), RENDAH),
    ),
    below=SANGAT_RENDAH,
    note=(
        "Ambang 91/76/66/51 menurut Permendagri 86/2017; nama kategori [R] (belum "
        "dikonfirmasi pada teks peraturan). Rentang tercetak 91–100, 76–90, 66–75, 51–65, "
        "≤ 50 berongga, sehingga dipakai ambang setengah terbuka; capaian di atas 100 "
        "tetap Sangat Tinggi."
    ),
)

IP_ASN_PERMENPANRB_38_2018 = BandSet(
    id="ip-asn-permenpanrb-38-2018",
    bands=(
        (Decimal(91), SANGAT_TINGGI),
        (Decimal(81), TINGGI),
        (Decimal(71), SEDANG),
        (Decimal(61), RENDAH),
    ),
    below=SANGAT_RENDAH,
    note=(
        "Kategori Indeks Profesionalitas ASN menurut PermenPANRB 38/2018: 91–100, 81–90, "
        "71–80, 61–70, ≤ 60; dipakai ambang setengah terbuka."
    ),
)

BAND_SETS: Mapping[str, BandSet] = MappingProxyType(
    {band_set.id: band_set for band_set in (PERMENDAGRI86_2017, IP_ASN_PERMENPANRB_38_2018)}
)


def get_band_set(band_set_id: str) -> BandSet:
    """The band set with id `band_set_id`; raises `KeyError` for an unknown id."""
    return BAND_SETS[band_set_id]


def predikat(value: Decimal, band_set: BandSet = PERMENDAGRI86_2017) -> str:
    """The predikat of `value` (unrounded) on `band_set`.

    >>> predikat(Decimal("90.995"))
    'Tinggi'
    >>> predikat(Decimal("250"))
    'Sangat Tinggi'
    """
    for threshold, label in band_set.bands:
        if value >= threshold:
            return label
    return band_set.below
