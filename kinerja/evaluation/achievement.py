"""Capaian of an indikator, combining periods by sifat, serapan, and display rounding.

All arithmetic runs in `CONTEXT` (28 significant digits), whatever the caller's decimal
context; nothing is rounded until `rounded` is called for display.
"""

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from functools import reduce
from types import MappingProxyType

from kinerja.evaluation.bands import PERMENDAGRI86_2017, BandSet, predikat
from kinerja.evaluation.types import (
    KUMULATIF,
    NEGATIF,
    NON_KUMULATIF,
    RATA_RATA,
    Capaian,
    Semantics,
)

CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
HUNDRED = Decimal(100)
ZERO = Decimal(0)

FORMULA_VERSION = "permendagri86-2017"
POSITIF_FORMULA = f"positif/{FORMULA_VERSION}"
NEGATIF_FORMULA = f"negatif/{FORMULA_VERSION}"
KUALITATIF_FORMULA = f"kualitatif/{FORMULA_VERSION}"
RATA_RATA_FORMULA = "rata-rata-capaian/v1"
SERAPAN_FORMULA = "serapan/v1"

FORMULAS: Mapping[str, str] = MappingProxyType(
    {
        POSITIF_FORMULA: "capaian = R / T × 100 (positif: makin tinggi makin baik)",
        NEGATIF_FORMULA: (
            "capaian = (2T − R) / T × 100, paling rendah 0 (negatif: makin rendah makin baik)"
        ),
        KUALITATIF_FORMULA: (
            "capaian kualitatif = 100 bila posisi realisasi pada skala ≥ posisi target, "
            "selain itu posisi realisasi / posisi target × 100"
        ),
        RATA_RATA_FORMULA: "rata-rata capaian = rata-rata capaian indikator yang berangka",
        SERAPAN_FORMULA: "serapan = realisasi anggaran / pagu × 100",
    }
)

TARGET_KOSONG = "target-kosong"
TARGET_NOL = "target-nol"
TARGET_NEGATIF = "target-negatif"
REALISASI_KOSONG = "realisasi-kosong"
NILAI_DI_LUAR_SKALA = "nilai-di-luar-skala"
PAGU_KOSONG = "pagu-kosong"
PAGU_NOL = "pagu-nol"
TIDAK_TERHUBUNG_RENSTRA = "tidak-terhubung-renstra"
TAHUN_DI_LUAR_RENSTRA = "tahun-di-luar-renstra"
TIDAK_ADA_CAPAIAN = "tidak-ada-capaian"
LAPORAN_KOSONG = "laporan-kosong"

REASONS: Mapping[str, str] = MappingProxyType(
    {
        TARGET_KOSONG: "target tidak diisi",
        TARGET_NOL: "target bernilai 0, sehingga persentase tidak dapat dihitung",
        TARGET_NEGATIF: "target bernilai negatif; rumus capaian tidak berlaku",
        REALISASI_KOSONG: "realisasi tidak diisi atau tidak berupa angka",
        NILAI_DI_LUAR_SKALA: "nilai kualitatif tidak ada pada skala indikator",
        PAGU_KOSONG: "pagu atau anggaran tidak diisi",
        PAGU_NOL: "pagu bernilai 0, sehingga persentase tidak dapat dihitung",
        TIDAK_TERHUBUNG_RENSTRA: "indikator tidak terhubung ke indikator Renstra",
        TAHUN_DI_LUAR_RENSTRA: "tahun tersebut di luar periode Renstra",
        TIDAK_ADA_CAPAIAN: "tidak ada indikator dengan capaian berangka",
        LAPORAN_KOSONG: "laporan triwulan belum diisi",
    }
)


def total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the given values, skipping None; None when every value is None."""
    present = [value for value in values if value is not None]
    return reduce(CONTEXT.add, present, ZERO) if present else None


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """The mean of the given values, skipping None; None when every value is None."""
    present = [value for value in values if value is not None]
    if not present:
        return None
    return CONTEXT.divide(reduce(CONTEXT.add, present, ZERO), Decimal(len(present)))


def combine(
    values_by_period: Mapping[int, Decimal | None], sifat: str, *, up_to: int | None = None
) -> Decimal | None:
    """Combine the values of periods (triwulan or years) by the indikator's `sifat`.

    Only reported periods count (value not None) and, with `up_to`, only periods `<= up_to`:
    kumulatif → their sum; non_kumulatif → the value of the last reported period (the
    highest key with a value); rata_rata → their mean. None when nothing is reported.

    >>> combine({1: Decimal(3), 2: None, 3: Decimal(4)}, "kumulatif")
    Decimal('7')
    >>> combine({1: Decimal(3), 2: None, 3: Decimal(4)}, "non_kumulatif", up_to=2)
    Decimal('3')
    """
    reported = sorted(
        (period, value)
        for period, value in values_by_period.items()
        if value is not None and (up_to is None or period <= up_to)
    )
    values = [value for _, value in reported]
    if sifat == KUMULATIF:
        return total(values)
    if sifat == NON_KUMULATIF:
        return values[-1] if values else None
    if sifat == RATA_RATA:
        return mean(values)
    raise ValueError(f"sifat {sifat!r} tidak dikenal")


def formula_of(semantics: Semantics) -> str:
    """The versioned formula id `capaian` uses for an indikator of these semantics."""
    if semantics.is_kualitatif:
        return KUALITATIF_FORMULA
    return NEGATIF_FORMULA if semantics.polaritas == NEGATIF else POSITIF_FORMULA


def capaian(
    target: Decimal | None,
    realisasi: Decimal | None,
    semantics: Semantics,
    band_set: BandSet = PERMENDAGRI86_2017,
) -> Capaian:
    """The capaian (%) of `realisasi` R against `target` T, with its predikat.

    - positif: R / T × 100, not floored: a negative R (a "tingkat penurunan" that went up)
      gives a negative capaian, predikat Sangat Rendah;
    - negatif: (2T − R) / T × 100, floored at 0;
    - kualitatif (values are 1-based positions on `semantics.scale`, worst first, so
      polaritas does not apply): R ≥ T → 100, else R / T × 100;
    - above 100 is kept, not capped.

    No number, with a reason code, when T is missing (`target-kosong`), 0 (`target-nol`)
    or negative (`target-negatif`, the ratio would flip direction), R is missing
    (`realisasi-kosong`), or a kualitatif value is not on the scale (`nilai-di-luar-skala`).
    The predikat is decided on the unrounded value.
    """
    formula = formula_of(semantics)
    reason = _reason(target, realisasi, semantics)
    if reason is not None or target is None or realisasi is None:
        return Capaian(
            value=None, reason=reason, formula=formula, band_set=band_set.id, predikat=None
        )
    value = _percent(target, realisasi, formula)
    return Capaian(
        value=value,
        reason=None,
        formula=formula,
        band_set=band_set.id,
        predikat=predikat(value, band_set),
    )


def _reason(target: Decimal | None, realisasi: Decimal | None, semantics: Semantics) -> str | None:
    if target is None:
        return TARGET_KOSONG
    if target == 0:
        return TARGET_NOL
    if target < 0:
        return TARGET_NEGATIF
    if realisasi is None:
        return REALISASI_KOSONG
    if semantics.is_kualitatif and not _on_scale(target, realisasi, semantics):
        return NILAI_DI_LUAR_SKALA
    return None


def _on_scale(target: Decimal, realisasi: Decimal, semantics: Semantics) -> bool:
    if semantics.scale:
        return semantics.label(target) is not None and semantics.label(realisasi) is not None
    return all(v == v.to_integral_value() and v >= 1 for v in (target, realisasi))


def _percent(target: Decimal, realisasi: Decimal, formula: str) -> Decimal:
    if formula == KUALITATIF_FORMULA and realisasi >= target:
        return HUNDRED
    if formula == NEGATIF_FORMULA:
        numerator = CONTEXT.subtract(CONTEXT.multiply(Decimal(2), target), realisasi)
        return max(ZERO, CONTEXT.multiply(CONTEXT.divide(numerator, target), HUNDRED))
    return CONTEXT.multiply(CONTEXT.divide(realisasi, target), HUNDRED)


def serapan(realisasi: Decimal | None, pagu: Decimal | None) -> Capaian:
    """Budget absorption: realisasi anggaran / pagu × 100, unrounded, without predikat.

    No number when the pagu is missing (`pagu-kosong`) or 0 (`pagu-nol`), or nothing was
    spent as far as reported (`realisasi-kosong`).
    """
    reason = None
    if pagu is None:
        reason = PAGU_KOSONG
    elif pagu == 0:
        reason = PAGU_NOL
    elif realisasi is None:
        reason = REALISASI_KOSONG
    if reason is not None or pagu is None or realisasi is None:
        return Capaian(
            value=None, reason=reason, formula=SERAPAN_FORMULA, band_set="", predikat=None
        )
    value = CONTEXT.multiply(CONTEXT.divide(realisasi, pagu), HUNDRED)
    return Capaian(value=value, reason=None, formula=SERAPAN_FORMULA, band_set="", predikat=None)


def rata_rata_capaian(values: Iterable[Capaian], band_set: BandSet = PERMENDAGRI86_2017) -> Capaian:
    """The mean of the capaian that have a number, with the predikat of that mean.

    Capaian without a number are left out (not counted as 0); none at all gives reason
    `tidak-ada-capaian`.
    """
    value = mean(item.value for item in values)
    if value is None:
        return Capaian(
            value=None,
            reason=TIDAK_ADA_CAPAIAN,
            formula=RATA_RATA_FORMULA,
            band_set=band_set.id,
            predikat=None,
        )
    return Capaian(
        value=value,
        reason=None,
        formula=RATA_RATA_FORMULA,
        band_set=band_set.id,
        predikat=predikat(value, band_set),
    )


def rounded(value: Decimal, places: int = 2) -> Decimal:
    """`value` rounded half-up to `places` decimals, for display only.

    Rounding never decides a predikat: 90.995 displays as 91.00 and stays Tinggi.

    >>> rounded(Decimal("90.995"))
    Decimal('91.00')
    """
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=CONTEXT)
