"""capaian, combine, serapan, rata-rata and rounding, case by case from text tables."""

from decimal import Decimal

import pytest

from kinerja.evaluation.achievement import (
    NEGATIF_FORMULA,
    POSITIF_FORMULA,
    capaian,
    combine,
    rata_rata_capaian,
    rounded,
    serapan,
)
from kinerja.evaluation.bands import PERMENDAGRI86_2017
from kinerja.evaluation.tests.text_tables import Case, cases
from kinerja.evaluation.types import Capaian, Semantics

CAPAIAN = """
polaritas | target | realisasi | capaian | predikat      | reason
# positif: R / T × 100, not floored, not capped
positif   | 100    | 91        | 91.00   | Sangat Tinggi | -
positif   | 15     | 15        | 100.00  | Sangat Tinggi | -
positif   | 62     | 62.2      | 100.32  | Sangat Tinggi | -
positif   | 20     | 51        | 255.00  | Sangat Tinggi | -
positif   | 153    | 144       | 94.12   | Sangat Tinggi | -
positif   | 270    | 188       | 69.63   | Sedang        | -
positif   | 9      | 5         | 55.56   | Rendah        | -
positif   | 66     | 15        | 22.73   | Sangat Rendah | -
positif   | 25     | -12.5     | -50.00  | Sangat Rendah | -
positif   | 10     | 0         | 0.00    | Sangat Rendah | -
# negatif: (2T − R) / T × 100, floored at 0
negatif   | 10     | 8         | 120.00  | Sangat Tinggi | -
negatif   | 10     | 10        | 100.00  | Sangat Tinggi | -
negatif   | 10     | 15        | 50.00   | Sangat Rendah | -
negatif   | 10     | 20        | 0.00    | Sangat Rendah | -
negatif   | 10     | 35        | 0.00    | Sangat Rendah | -
negatif   | 10     | 0         | 200.00  | Sangat Tinggi | -
negatif   | 8      | 9.92      | 76.00   | Tinggi        | -
# no number: the reason code
positif   | -      | 5         | -       | -             | target-kosong
positif   | 0      | 5         | -       | -             | target-nol
positif   | -5     | 3         | -       | -             | target-negatif
positif   | 10     | -         | -       | -             | realisasi-kosong
positif   | -      | -         | -       | -             | target-kosong
negatif   | 0      | 3         | -       | -             | target-nol
negatif   | 10     | -         | -       | -             | realisasi-kosong
"""


@pytest.mark.parametrize("case", cases(CAPAIAN))
def test_capaian(case: Case) -> None:
    semantics = Semantics(jenis="jumlah", polaritas=case.text("polaritas"), sifat="kumulatif")
    result = capaian(case.dec("target"), case.dec("realisasi"), semantics)
    shown = None if result.value is None else str(rounded(result.value))
    assert (shown, result.predikat, result.reason) == (
        case["capaian"],
        case["predikat"],
        case["reason"],
    )
    assert result.formula == f"{case['polaritas']}/permendagri86-2017"
    assert result.band_set == "permendagri86-2017"


KUALITATIF = """
target | realisasi | capaian | predikat      | reason
BB     | A         | 100.00  | Sangat Tinggi | -
BB     | BB        | 100.00  | Sangat Tinggi | -
BB     | B         | 80.00   | Tinggi        | -
A      | BB        | 83.33   | Tinggi        | -
A      | CC        | 50.00   | Sangat Rendah | -
B      | D         | 25.00   | Sangat Rendah | -
CC     | C         | 66.67   | Sedang        | -
-      | A         | -       | -             | target-kosong
A      | -         | -       | -             | realisasi-kosong
A      | 7         | -       | -             | nilai-di-luar-skala
A      | 2.5       | -       | -             | nilai-di-luar-skala
"""
SCALE = ("D", "C", "CC", "B", "BB", "A")


def position(label: str | None) -> Decimal | None:
    if label is None:
        return None
    return Decimal(SCALE.index(label) + 1) if label in SCALE else Decimal(label)


@pytest.mark.parametrize("polaritas", ["positif", "negatif"])
@pytest.mark.parametrize("case", cases(KUALITATIF))
def test_capaian_kualitatif(case: Case, polaritas: str) -> None:
    # The scale runs worst to best, so polaritas does not apply to kualitatif values.
    semantics = Semantics(
        jenis="kualitatif", polaritas=polaritas, sifat="non_kumulatif", scale=SCALE
    )
    result = capaian(position(case["target"]), position(case["realisasi"]), semantics)
    shown = None if result.value is None else str(rounded(result.value))
    assert (shown, result.predikat, result.reason) == (
        case["capaian"],
        case["predikat"],
        case["reason"],
    )
    assert result.formula == "kualitatif/permendagri86-2017"


def test_kualitatif_without_a_scale_accepts_whole_positive_positions() -> None:
    semantics = Semantics(jenis="kualitatif", polaritas="positif", sifat="non_kumulatif")
    assert capaian(Decimal(4), Decimal(3), semantics).value == Decimal(75)
    assert capaian(Decimal(4), Decimal(0), semantics).reason == "nilai-di-luar-skala"


BAND_EDGES = """
value   | predikat      | shown
91      | Sangat Tinggi | 91.00
90.995  | Tinggi        | 91.00
90.9999 | Tinggi        | 91.00
76      | Tinggi        | 76.00
75.999  | Sedang        | 76.00
66      | Sedang        | 66.00
65.995  | Rendah        | 66.00
51      | Rendah        | 51.00
50.99   | Sangat Rendah | 50.99
50.995  | Sangat Rendah | 51.00
100     | Sangat Tinggi | 100.00
250     | Sangat Tinggi | 250.00
0       | Sangat Rendah | 0.00
-50     | Sangat Rendah | -50.00
"""


@pytest.mark.parametrize("case", cases(BAND_EDGES))
def test_predikat_is_decided_on_the_unrounded_value(case: Case) -> None:
    # R against T = 100 gives the value itself as capaian.
    positif = Semantics(jenis="jumlah", polaritas="positif", sifat="kumulatif")
    value = case.number("value")
    result = capaian(Decimal(100), value, positif)
    assert result.value == value
    assert result.predikat == case["predikat"]
    assert str(rounded(value)) == case["shown"]


COMBINE = """
sifat         | tw1  | tw2  | tw3  | tw4 | up_to | result
kumulatif     | 3    | -    | 4    | -   | -     | 7
kumulatif     | 3    | 1    | 4    | 5   | 2     | 4
kumulatif     | 0    | 0    | -    | -   | -     | 0
kumulatif     | -    | -    | -    | -   | -     | -
kumulatif     | -    | -    | 4    | 6   | 2     | -
non_kumulatif | 62.2 | -    | 63.4 | -   | -     | 63.4
non_kumulatif | 62.2 | 62.5 | -    | 64  | 3     | 62.5
non_kumulatif | 70   | 71.5 | -    | 74  | -     | 74
non_kumulatif | -    | 5    | -    | -   | 1     | -
non_kumulatif | 5    | 0    | -    | -   | -     | 0
rata_rata     | 60   | -    | 70   | 80  | -     | 70
rata_rata     | 60   | 61   | -    | -   | -     | 60.5
rata_rata     | 60   | 61   | 90   | -   | 2     | 60.5
rata_rata     | 1    | 1    | 2    | -   | -     | 1.333333333333333333333333333
rata_rata     | -    | -    | -    | -   | 4     | -
"""


@pytest.mark.parametrize("case", cases(COMBINE))
def test_combine_over_four_quarters_with_gaps(case: Case) -> None:
    values = {q: case.dec(f"tw{q}") for q in range(1, 5)}
    up_to = None if case["up_to"] is None else case.integer("up_to")
    assert combine(values, case.text("sifat"), up_to=up_to) == case.dec("result")


def test_combine_ignores_the_order_of_the_mapping() -> None:
    assert combine({4: Decimal(9), 1: Decimal(1)}, "non_kumulatif") == Decimal(9)


def test_combine_rejects_an_unknown_sifat() -> None:
    with pytest.raises(ValueError, match="sifat"):
        combine({1: Decimal(1)}, "akumulasi")


def test_semantics_rejects_unknown_choices() -> None:
    with pytest.raises(ValueError, match="polaritas"):
        Semantics(jenis="jumlah", polaritas="netral", sifat="kumulatif")


SERAPAN = """
realisasi | pagu     | serapan | reason
18863000  | 50000000 | 37.73   | -
50000000  | 50000000 | 100.00  | -
0         | 50000000 | 0.00    | -
60000000  | 50000000 | 120.00  | -
-         | 50000000 | -       | realisasi-kosong
5         | -        | -       | pagu-kosong
5         | 0        | -       | pagu-nol
"""


@pytest.mark.parametrize("case", cases(SERAPAN))
def test_serapan(case: Case) -> None:
    result = serapan(case.dec("realisasi"), case.dec("pagu"))
    shown = None if result.value is None else str(rounded(result.value))
    assert (shown, result.reason, result.predikat) == (case["serapan"], case["reason"], None)


def test_rata_rata_capaian_leaves_out_capaian_without_a_number() -> None:
    positif = Semantics(jenis="jumlah", polaritas="positif", sifat="kumulatif")
    values = [
        capaian(Decimal(100), Decimal(80), positif),
        capaian(Decimal(100), Decimal(100), positif),
        capaian(None, Decimal(5), positif),
    ]
    result = rata_rata_capaian(values)
    assert (result.value, result.predikat, result.band_set) == (
        Decimal(90),
        "Tinggi",
        "permendagri86-2017",
    )
    empty = rata_rata_capaian([values[2]])
    assert (empty.value, empty.reason) == (None, "tidak-ada-capaian")


def test_capaian_is_exact_decimal_and_records_formula_and_band_set() -> None:
    positif = Semantics(jenis="jumlah", polaritas="positif", sifat="kumulatif")
    result = capaian(Decimal(3), Decimal(2), positif, PERMENDAGRI86_2017)
    assert result == Capaian(
        value=Decimal("66.66666666666666666666666667"),
        reason=None,
        formula=POSITIF_FORMULA,
        band_set="permendagri86-2017",
        predikat="Sedang",
    )
    negatif = Semantics(jenis="jumlah", polaritas="negatif", sifat="kumulatif")
    assert capaian(Decimal(3), Decimal(2), negatif).formula == NEGATIF_FORMULA


ROUNDING = """
value    | places | shown
90.995   | 2      | 91.00
0.125    | 2      | 0.13
0.135    | 2      | 0.14
-0.125   | 2      | -0.13
2.5      | 0      | 3
66.6666  | 1      | 66.7
"""


@pytest.mark.parametrize("case", cases(ROUNDING))
def test_rounded_is_half_up(case: Case) -> None:
    assert str(rounded(case.number("value"), case.integer("places"))) == case["shown"]
