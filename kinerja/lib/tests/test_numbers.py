"""Indonesian number display, as planners read it in their documents."""

from decimal import Decimal

import pytest

from kinerja.lib.numbers import (
    format_money,
    format_number,
    format_percent,
    format_value,
    terbilang,
)


@pytest.mark.parametrize(
    ("value", "decimals", "printed"),
    [
        ("1590078504", None, "1.590.078.504"),
        ("1590078504.00", None, "1.590.078.504"),
        ("10.3", None, "10,3"),
        ("-12.5", None, "-12,5"),
        ("100.335", 2, "100,34"),  # half-up, not banker's rounding
        ("100.325", 2, "100,33"),
        ("0.5", 0, "1"),
        ("2.5", 0, "3"),
    ],
)
def test_format_number(value, decimals, printed):
    assert format_number(Decimal(value), decimals) == printed


@pytest.mark.parametrize(
    ("value", "printed"),
    [("1590078504.00", "1.590.078.504"), ("1590078504.37", "1.590.078.504,37"), (None, "")],
)
def test_money_shows_cents_only_when_there_are_cents(value, printed):
    assert format_money(None if value is None else Decimal(value)) == printed


@pytest.mark.parametrize(
    ("value", "decimals", "printed"),
    [("64.000000", 2, "64"), ("62.2", 2, "62,2"), ("10.25", 1, "10,3"), ("3020", 0, "3.020")],
)
def test_values_print_at_most_their_decimals(value, decimals, printed):
    assert format_value(Decimal(value), decimals) == printed


def test_percent():
    assert format_percent(Decimal("10.25")) == "10,3%"
    assert format_percent(None) == ""


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "nol"),
        (2, "dua"),
        (11, "sebelas"),
        (12, "dua belas"),
        (20, "dua puluh"),
        (39, "tiga puluh sembilan"),
        (100, "seratus"),
        (115, "seratus lima belas"),
        (1000, "seribu"),
        (2024, "dua ribu dua puluh empat"),
        (1_500_000, "satu juta lima ratus ribu"),
        (-3, "minus tiga"),
    ],
)
def test_terbilang(number, words):
    assert terbilang(number) == words
