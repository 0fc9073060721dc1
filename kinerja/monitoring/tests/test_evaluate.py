"""The adapter and the demo's evaluation: query counts, and the seed's Tabel 2.1 recomputed."""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.demo import load_demo
from kinerja.evaluation.tables import build_tc29
from kinerja.imports.actions import import_plan
from kinerja.imports.tests.conftest import SMALL_PLAN
from kinerja.monitoring.evaluate import evaluation_tables, latest_triwulan, load_input
from kinerja.renja.models import Renja

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3].parent / "shared/seed/renja-bkpsdm-tanjabbar-2024.txt"
needs_seed = pytest.mark.skipif(
    not SEED.exists(), reason=f"the worked example is not at {SEED} (../shared is absent here)"
)


def queries_to_load(renja: Renja) -> int:
    with CaptureQueriesContext(connection) as captured:
        load_input(renja)
    return len(captured.captured_queries)


def test_the_adapter_reads_a_plan_in_a_fixed_number_of_queries():
    import_plan(SMALL_PLAN.encode(), source="kecil.yaml", acting_user=None)
    small = queries_to_load(Renja.objects.get())
    result, _ = load_demo()
    large = queries_to_load(result.perangkat_daerah.renja.get())

    assert small == large
    assert large <= 15


def test_the_adapter_carries_every_figure_of_the_demo():
    result, _ = load_demo()
    plan = load_input(result.perangkat_daerah.renja.get())

    assert (plan.year, plan.renstra_first_year, plan.renstra_last_year) == (2024, 2021, 2026)
    subs = [item for item in plan.items if item.level == "sub_kegiatan"]
    assert len(subs) == 39
    assert sum(item.pagu for item in subs) == Decimal("15119920991")
    ip_asn = next(
        ind
        for item in plan.items
        for ind in item.indikator
        if ind.name == "Indeks Profesionalitas ASN" and ind.renstra is not None
    )
    assert ip_asn.renstra.kondisi_akhir == 77
    assert ip_asn.semantics.sifat == "non_kumulatif"
    assert latest_triwulan(plan) == 4
    assert [laporan.is_example for laporan in plan.laporan] == [True] * 4


def test_every_table_builds_for_the_demo():
    result, _ = load_demo()
    plan = load_input(result.perangkat_daerah.renja.get())
    codes = [table.code for table in evaluation_tables(plan, ["tc29", "tc30", "tc33", "e81"], 4)]
    assert codes == ["T-C.29", "T-C.30", "T-C.33", "E.81"]


# --- the seed's Tabel 2.1 ------------------------------------------------------------------


def seed_tabel_21() -> dict[str, list[str]]:
    """Printed rows of the seed's Tabel 2.1 with figures, by indikator: columns 4 to 11."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("TABEL 2.1")
    table = text[start : text.index("2.2. Analisis Kinerja", start)]
    rows = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.split("\t")]
        if line.startswith("\t"):
            cells = cells[1:]  # an empty Kode column
        figures = cells[2:10]
        if len(figures) == 8 and any(figures):
            rows[cells[1]] = figures
    return rows


def printed_precision(printed: str) -> Decimal:
    places = len(printed.split(",")[1]) if "," in printed else 0
    return Decimal(1).scaleb(-places)


def as_printed(value: Decimal, printed: str) -> Decimal:
    return value.quantize(printed_precision(printed), rounding=ROUND_HALF_UP)


def printed_number(printed: str) -> Decimal:
    return Decimal(printed.rstrip("%").replace(",", "."))


@pytest.fixture
def tc29():
    result, _ = load_demo()
    return build_tc29(load_input(result.perangkat_daerah.renja.get()))


def computed_rows(table) -> dict[str, dict[str, object]]:
    indikator_column = table.column("3")
    return {
        row.cells[indikator_column].value: {
            number: row.cells[table.column(number)] for number in ("8", "9", "10", "11")
        }
        for row in table.rows
        if isinstance(row.cells[indikator_column].value, str) and row.cells[indikator_column].value
    }


@needs_seed
def test_count_rows_of_tabel_21_recompute_to_the_printed_figures(tc29):
    computed = computed_rows(tc29)
    checked = 0
    for indikator, printed in seed_tabel_21().items():
        if indikator not in computed or computed[indikator]["10"].unit in ("%", "Indeks"):
            continue
        cells = computed[indikator]
        if cells["10"].value is None or printed[6] == "":
            continue
        for number, text in zip(
            ("8", "10", "11"), (printed[4], printed[6], printed[7]), strict=True
        ):
            assert as_printed(cells[number].value, text) == printed_number(text), (
                indikator,
                number,
            )
        checked += 1
    # every count row of Tabel 2.1 with figures: 23 sub kegiatan indikator
    assert checked >= 20


@needs_seed
@pytest.mark.parametrize(
    "indikator",
    [
        "Nilai SAKIP OPD",
        "Indeks Kepuasan Masyarakat",
        "Indeks Profesionalitas ASN",
        "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal",
        "Rasio Pejabat Fungsional Tertentu",
    ],
)
def test_index_and_percentage_rows_use_the_latest_value_not_a_sum(tc29, indikator):
    printed = seed_tabel_21()[indikator]
    cells = computed_rows(tc29)[indikator]

    # The seed sums the years (e.g. Nilai SAKIP 61 + 62,2 + 15 = 138,2); the rule for a
    # non_kumulatif indikator takes the latest value: the year n−1 target of column 9.
    assert cells["10"].value == cells["9"].value
    assert cells["10"].value != printed_number(printed[6])
    assert any("non kumulatif" in note.lower() and "kolom 10" in note for note in tc29.footnotes)


@needs_seed
def test_the_ocr_typos_show_as_dashes_with_their_note(tc29):
    rows = computed_rows(tc29)
    assert rows["Nilai SAKIP OPD"]["10"].value is not None
    column_5 = tc29.column("5")
    sakip = next(row for row in tc29.rows if row.cells[tc29.column("3")].value == "Nilai SAKIP OPD")
    assert sakip.cells[column_5].is_dash
    assert any("6I" in note for note in tc29.footnotes)
