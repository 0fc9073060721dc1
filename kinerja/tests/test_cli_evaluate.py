"""`kinerja evaluate`: text for people, stable JSON for machines, XLSX with real numbers."""

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pycel import ExcelCompiler

from kinerja.demo import load_demo
from kinerja.tests.test_cli import run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo():
    load_demo()


def test_text_shows_the_table_its_columns_and_rules(capsys):
    assert run("evaluate", "--opd", "BKPSDM", "--year", "2024", "--table", "tc33") == 0

    out = capsys.readouterr().out
    assert "T-C.33" in out
    assert "15.119.920.991" in out
    assert "(10) " in out  # the meaning of column 10 is listed


def test_json_is_stable_and_exact(tmp_path):
    path = tmp_path / "e81.json"
    argv = ["evaluate", "--opd", "BKPSDM", "--year", "2024", "--table", "e81"]
    assert run(*argv, "--triwulan", "2", "--format", "json", "-o", str(path)) == 0

    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["year"], data["triwulan"]) == (
        "kinerja-evaluation", 1, 2024, 2,
    )  # fmt: skip
    assert data["perangkat_daerah"] == {
        "code": "BKPSDM",
        "name": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah",
    }
    (table,) = data["tables"]
    assert table["code"] == "E.81"
    cell_keys = {
        "kind",
        "value",
        "display",
        "decimals",
        "unit",
        "reason",
        "predikat",
        "formula",
        "colspan",
    }
    cells = [cell for row in table["rows"] for cell in row["cells"]]
    assert all(set(cell) == cell_keys for cell in cells)
    numbers = [cell for cell in cells if cell["kind"] == "money" and cell["value"]]
    assert numbers
    assert all(Decimal(cell["value"]) == Decimal(cell["value"]) for cell in numbers)
    assert any(cell["display"] == "10.179.230.831" for cell in numbers)
    capaian = [cell for cell in cells if cell["kind"] == "percent" and cell["predikat"]]
    assert capaian, "some capaian carry a predikat"


def test_xlsx_has_one_sheet_per_table_with_numbers_as_numbers(tmp_path):
    path = tmp_path / "evaluasi.xlsx"
    assert (
        run("evaluate", "--opd", "BKPSDM", "--year", "2024", "--format", "xlsx", "-o", str(path))
        == 0
    )

    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "T-C.29",
        "T-C.30",
        "tujuan-sasaran",
        "T-C.33",
        "E.81",
        "serapan",
    ]
    sheet = workbook["T-C.33"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert any(cell.data_type == "n" and isinstance(cell.value, int) for cell in cells)
    excel = ExcelCompiler(filename=str(path))  # totals are formulas over the figures
    totals = {
        excel.evaluate(f"'T-C.33'!{cell.coordinate}") for cell in cells if cell.data_type == "f"
    }
    assert 15119920991 in totals  # the grand total, computed from numbers, not text
    assert sheet.merged_cells.ranges, "the official headers are merged"
    assert sheet.freeze_panes is not None
    assert sheet.page_setup.orientation == "landscape"


def test_xlsx_needs_an_output_file(capsys):
    assert run("evaluate", "--opd", "BKPSDM", "--year", "2024", "--format", "xlsx") == 1
    assert "-o" in capsys.readouterr().err


def test_a_year_without_renja_is_reported(capsys):
    assert run("evaluate", "--opd", "BKPSDM", "--year", "2023") == 1
    assert "tidak memiliki Renja tahun 2023" in capsys.readouterr().err
