"""The one parser of Indonesian numbers: every form planners type, typos never guessed."""

from decimal import Decimal

import pytest

from kinerja.evaluation.numbers import parse_number

# text | value | problem | likely | percent
CASES = """
1.590.078.504       | 1590078504    | -            | -    | no
1.590.078.504,00    | 1590078504.00 | -            | -    | no
Rp 1.590.078.504    | 1590078504    | -            | -    | no
Rp. 15.119.920.991  | 15119920991   | -            | -    | no
Rp1.699.000,00      | 1699000.00    | -            | -    | no
10,3                | 10.3          | -            | -    | no
10,3%               | 10.3          | -            | -    | yes
11,6 %              | 11.6          | -            | -    | yes
-12,5               | -12.5         | -            | -    | no
(1.000.000)         | -1000000      | -            | -    | no
1590078504          | 1590078504    | -            | -    | no
177582000.0         | 177582000.0   | -            | -    | no
6I                  | -             | number-typo  | 61   | no
8I                  | -             | number-typo  | 81   | no
1O0                 | -             | number-typo  | 100  | no
1.500               | 1500          | ambiguous    | -    | no
1,590,078,504.00    | 1590078504.00 | ambiguous    | -    | no
1.59.00             | -             | not-a-number | -    | no
abc                 | -             | not-a-number | -    | no
"""


def rows() -> list[tuple[str, ...]]:
    return [tuple(part.strip() for part in line.split("|")) for line in CASES.strip().splitlines()]


@pytest.mark.parametrize(("text", "value", "problem", "likely", "percent"), rows())
def test_parse_number(text: str, value: str, problem: str, likely: str, percent: str) -> None:
    parsed = parse_number(text)
    assert parsed.value == (None if value == "-" else Decimal(value))
    assert parsed.problem == (None if problem == "-" else problem)
    assert parsed.likely == (None if likely == "-" else Decimal(likely))
    assert parsed.percent is (percent == "yes")
    if parsed.problem:
        assert parsed.message


def test_an_empty_cell_is_empty_not_zero() -> None:
    assert parse_number("").problem == "empty"
    assert parse_number(None).value is None
