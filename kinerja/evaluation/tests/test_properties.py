"""Properties of capaian, combine and rounding, checked with hypothesis (modest example counts)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.evaluation.achievement import capaian, combine, rounded
from kinerja.evaluation.bands import PERMENDAGRI86_2017, predikat
from kinerja.evaluation.types import Semantics

FAST = settings(max_examples=60, deadline=None, database=None)
Quarters = dict[int, Decimal | None]


def values(
    min_value: str = "-1000", max_value: str = "100000", places: int = 3
) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


targets = values("0.001", "100000")
quarters = st.dictionaries(st.integers(1, 4), st.one_of(st.none(), values()), max_size=4)
sifat = st.sampled_from(["kumulatif", "non_kumulatif", "rata_rata"])


def semantics(polaritas: str) -> Semantics:
    return Semantics(jenis="jumlah", polaritas=polaritas, sifat="kumulatif")


def percent(target: Decimal, realisasi: Decimal, polaritas: str) -> Decimal:
    value = capaian(target, realisasi, semantics(polaritas)).value
    assert value is not None  # T > 0 and R given: always a number
    return value


@FAST
@given(target=targets, low=values(), high=values())
def test_positif_capaian_never_decreases_as_realisasi_grows(
    target: Decimal, low: Decimal, high: Decimal
) -> None:
    low, high = sorted((low, high))
    assert percent(target, low, "positif") <= percent(target, high, "positif")


@FAST
@given(target=targets, low=values(), high=values())
def test_negatif_capaian_never_increases_as_realisasi_grows(
    target: Decimal, low: Decimal, high: Decimal
) -> None:
    low, high = sorted((low, high))
    assert percent(target, low, "negatif") >= percent(target, high, "negatif") >= 0


@FAST
@given(quarters=quarters)
def test_kumulatif_is_the_sum_of_the_reported_quarters(quarters: Quarters) -> None:
    reported = [value for value in quarters.values() if value is not None]
    expected = sum(reported, Decimal(0)) if reported else None
    assert combine(quarters, "kumulatif") == expected


@FAST
@given(quarters=quarters)
def test_non_kumulatif_is_the_last_reported_quarter(quarters: Quarters) -> None:
    reported = sorted((q, value) for q, value in quarters.items() if value is not None)
    expected = reported[-1][1] if reported else None
    assert combine(quarters, "non_kumulatif") == expected


@FAST
@given(quarters=quarters)
def test_rata_rata_lies_between_min_and_max(quarters: Quarters) -> None:
    reported = [value for value in quarters.values() if value is not None]
    result = combine(quarters, "rata_rata")
    if not reported:
        assert result is None
    else:
        assert result is not None
        assert min(reported) <= result <= max(reported)


@FAST
@given(quarters=quarters, up_to=st.integers(0, 4), sifat=sifat)
def test_up_to_is_the_same_as_leaving_later_quarters_out(
    quarters: Quarters, up_to: int, sifat: str
) -> None:
    earlier = {q: value for q, value in quarters.items() if q <= up_to}
    assert combine(quarters, sifat, up_to=up_to) == combine(earlier, sifat)


@settings(max_examples=150, deadline=None, database=None)
@given(realisasi=values("0", "200", places=4))
def test_rounding_half_up_never_changes_the_predikat(realisasi: Decimal) -> None:
    result = capaian(Decimal(100), realisasi, semantics("positif"))
    assert result.value is not None
    # The predikat is the unrounded value's, whatever the display shows…
    assert result.predikat == predikat(result.value)
    # …and the displayed value only crosses a band edge from within half a unit below it.
    if predikat(rounded(result.value)) != result.predikat:
        assert any(
            threshold - Decimal("0.005") <= result.value < threshold
            for threshold, _ in PERMENDAGRI86_2017.bands
        )
