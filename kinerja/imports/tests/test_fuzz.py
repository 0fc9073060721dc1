"""The short fuzz run of every target, and every kept crash input as a regression test.

Deterministic (hypothesis derandomized, no example database): the same inputs each run.
The long run is `python -m kinerja.imports.fuzz` (kinerja/imports/fuzz/README.md).
"""

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.evaluation.checks.report import angka
from kinerja.evaluation.numbers import parse_number
from kinerja.imports.fuzz.engine import Campaign
from kinerja.imports.fuzz.seeds import kept
from kinerja.imports.fuzz.targets import TARGETS
from kinerja.imports.parsers import sheet

pytestmark = pytest.mark.django_db

EXAMPLES = {"string": 300, "text": 150, "zip": 60}
KEPT_PLAN = Path(__file__).resolve().parents[1] / "fuzz" / "corpus" / "plan"


@pytest.mark.parametrize("name", list(TARGETS))
def test_a_short_fuzz_run_finds_no_crash(name):
    campaign = Campaign(TARGETS[name])

    @settings(
        max_examples=EXAMPLES[campaign.target.kind],
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.integers(min_value=0, max_value=2**32))
    def run(index: int) -> None:
        key = campaign.run(index)
        assert key is None, campaign.crashes[key].trace

    run()
    assert campaign.inputs >= EXAMPLES[campaign.target.kind]


@pytest.mark.parametrize(
    ("name", "data"), [(name, data) for name in TARGETS for data in kept(name)]
)
def test_every_kept_input_runs_without_a_crash(name, data):
    campaign = Campaign(TARGETS[name])

    assert campaign.run_input(data) is None, next(iter(campaign.crashes.values())).trace


# The crashes the long runs found, each at its smallest.


def test_a_number_of_more_digits_than_any_figure_is_no_number():
    parsed = parse_number("9" * 40)

    assert (parsed.value, parsed.problem) == (None, "not-a-number")
    assert "24 digit" in parsed.message


def test_a_huge_exponent_is_no_exact_decimal():
    assert sheet.exact_decimal("1e08504303") is None
    assert sheet.printed_float_text("1e08504303", sheet.Location(source="x")).text == "1e08504303"


def test_a_ratio_of_absurd_figures_still_prints():
    ratio = Decimal("999999999999999999999999") / Decimal("0.000001")

    assert angka(ratio, 2) == "999.999.999.999.999.999.999.999.000.000"


def test_a_plan_number_beyond_the_database_is_refused_naming_its_path():
    """SQLite stored a 42-digit kondisi akhir and failed reading it back (InvalidOperation)."""
    from kinerja.imports.plan_rules import rule_errors
    from kinerja.imports.plan_yaml import load

    data = load(KEPT_PLAN.joinpath("forty-two-digit-kondisi.yaml").read_text(errors="replace"))

    assert [str(error) for error in rule_errors(data)] == [
        "renstra.tujuan[0].sasaran[0].indikator[0].kondisi_akhir: "
        "799999999999999999999999999999999999999997 terlalu besar: "
        "paling banyak 18 angka sebelum koma"
    ]


def test_an_empty_item_where_pagu_is_checked_gets_a_message():
    """The schema's "pagu only on sub kegiatan" rule met an item that is no mapping."""
    from kinerja.imports.plan_schema import schema_errors
    from kinerja.imports.plan_yaml import load

    data = load(KEPT_PLAN.joinpath("money-keys-on-a-null-item.yaml").read_text(errors="replace"))

    messages = [str(error) for error in schema_errors(data)]
    assert "renja[0].items[0]: harus berupa pemetaan (kunci: nilai), bukan None" in messages
    assert "renja[0].items[0]: isian ini tidak sah di tempat ini" in " ".join(messages)


def test_a_count_of_more_than_28_digits_still_prints():
    """A sheet claiming a row beyond 10^28 made the MAX_ROWS message raise InvalidOperation."""
    from kinerja.lib.limits import number

    assert number(10**30) == "1" + ".000" * 10


def test_a_zip_of_an_unknown_version_is_unreadable_not_a_crash():
    """zipfile raises NotImplementedError for a ZIP version it does not know."""
    from kinerja.lib.containers import check_container
    from kinerja.lib.limits import UnreadableFile

    data = (KEPT_PLAN.parent / "nomenclature-xlsx" / "zip-version-11-5.xlsx").read_bytes()

    with pytest.raises(UnreadableFile, match="bukan berkas Office"):
        check_container(data, "fuzz.xlsx")
