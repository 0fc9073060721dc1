"""Every number a check judges by, as versioned data: `Thresholds` and its `DEFAULT`.

A finding that depends on a threshold names the threshold set's `id` in its message, and
`summary()` reports it, so a report read later says which limits produced it. Change a
value by building a new instance with a new `id` (`dataclasses.replace(DEFAULT, id=…,
growth_factor=Decimal(4))`); never edit `DEFAULT` in place for one pemda.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    """The limits of the checks. Field by field, with the default and why:

    - `id` ("kinerja-checks/2025.1"): names this set in messages and summaries.
    - `rounding_per_part` (Rp1): `pagu-rounding` instead of `pagu-sum` when a printed
      total differs from the sum of its parts by at most (number of parts ×
      this). Each part rounded to whole rupiah can move the sum by less than Rp1.
    - `growth_factor` (3): `growth-outlier` when a sub kegiatan's ratio pagu n+1 / pagu n,
      divided by the document's median ratio, is above this or below its inverse.
      Prakiraan maju usually grow by one common rate for the whole OPD (the seed: ×1,15).
      A factor of 3 lets honest changes through, such as a one-off purchase doubling
      a line. It catches amounts moved to another row (the seed: ×197, ×0,04).
    - `growth_min_ratios` (5): with fewer sub kegiatan that have both amounts, the median
      is not trusted and 1 (no growth) stands in for it.
    - `digit_slip_tolerance` (0,25): a ratio (raw, or divided by the median) within
      ×/÷ 1,25 of 10, 100 or 1000 (or their inverses) is reported as `digit-slip`, a digit
      added or dropped, instead of `growth-outlier`. The range 8–12,5 around 10 covers a
      slipped zero on top of the usual growth of up to 25%.
    - `digit_slip_powers` ((1, 2, 3)): the powers of ten checked by `digit-slip`: one,
      two or three zeros, the typing slips seen in real files.
    - `renstra_jump_factor` (5): a Renstra pagu that changes from one year to the next by
      more than this factor (up or down) is a `growth-outlier` (`digit-slip` near a power
      of ten). Renstra years have no common rate to compare with, so the limit is raw. 5
      passes growth plans and catches the Bantul jumps (×235, ×0,05, ×18).
    - `realisation_over_target` (3): `value-range` when a realisasi is above this
      multiple of its target (300%). Over-achievement is common (the seed has 255%), but
      3× usually means a different unit or a misplaced figure.
    - `percentage_max` (100): a share ("Persentase …", "Proporsi …", "Cakupan …" in %)
      above this is a `value-range` warning.
    - `renstra_pagu_tolerance` (0,10): a Renja pagu off the Renstra's pagu for year n by
      more than 10% is a `renstra-consistency` warning; a smaller difference is info.
      The Renstra pagu is indicative, and Renja adjustments of a few percent are normal.
    - `sub_kegiatan_digits` (4): digits of the last code part of a sub kegiatan. It is 4
      since Kepmendagri 900.1.15.5-1317/2023. Set 2 to check plans coded under the
      earlier editions.
    - `examples` (3): how many cells a summarising message lists as examples
      (`number-as-text`, aggregated `code-format`).
    """

    id: str = "kinerja-checks/2025.1"
    rounding_per_part: Decimal = Decimal(1)
    growth_factor: Decimal = Decimal(3)
    growth_min_ratios: int = 5
    digit_slip_tolerance: Decimal = Decimal("0.25")
    digit_slip_powers: tuple[int, ...] = (1, 2, 3)
    renstra_jump_factor: Decimal = Decimal(5)
    realisation_over_target: Decimal = Decimal(3)
    percentage_max: Decimal = Decimal(100)
    renstra_pagu_tolerance: Decimal = Decimal("0.10")
    sub_kegiatan_digits: int = 4
    examples: int = 3

    def __post_init__(self) -> None:
        if self.growth_factor <= 1 or self.renstra_jump_factor <= 1:
            raise ValueError("faktor pertumbuhan harus lebih dari 1")
        if self.digit_slip_tolerance <= 0 or self.realisation_over_target <= 0:
            raise ValueError("toleransi dan batas realisasi harus positif")
        if self.sub_kegiatan_digits not in (2, 4):
            raise ValueError("kode sub kegiatan berdigit 2 (lama) atau 4")


DEFAULT = Thresholds()
