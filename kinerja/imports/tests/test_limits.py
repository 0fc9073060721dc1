"""Every reader is bounded: bombs and corrupt files are refused with the limit or the place
named, in Bahasa Indonesia, exit 2 on the CLI, never a traceback, never a 500."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja.imports.check import OverLimit, UnreadableFile, check_file
from kinerja.imports.tests import bombs
from kinerja.lib import containers, limits
from kinerja.tests.test_cli import run

pytestmark = pytest.mark.django_db

MEMORY_BOUND_MB = 400


def refusal(content: bytes, name: str) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as problem:
        check_file(content, name)
    return problem.value


# --- plan files ---------------------------------------------------------------------------


def test_the_billion_laughs_is_refused_before_anything_is_built():
    assert len(bombs.BILLION_LAUGHS) < 600

    problem = refusal(bombs.BILLION_LAUGHS.encode(), "tawa.yaml")

    assert isinstance(problem, OverLimit)
    assert problem.limit == "MAX_YAML_NODES"
    assert str(problem).startswith("tawa.yaml: ")
    assert "500.000 nilai" in str(problem)


def test_an_alias_inside_itself_is_refused():
    problem = refusal(b"a: &a [1, *a]\n", "diri.yaml")

    assert "merujuk ke dalam dirinya sendiri" in str(problem)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("dalam.yaml", b"a: " + b"[" * 41 + b"]" * 41 + b"\n"),
        ("dalam.json", b'{"a": ' + b"[" * 100 + b"]" * 100 + b"}"),
    ],
)
def test_deep_nesting_is_refused(name, content):
    problem = refusal(content, name)

    assert isinstance(problem, OverLimit)
    assert problem.limit == "MAX_YAML_DEPTH"
    assert "40 tingkat" in str(problem)


def test_more_aliases_than_the_limit_are_refused():
    content = "a: &a 1\nb: [" + ", ".join(["*a"] * 101) + "]\n"

    problem = refusal(content.encode(), "alias.yaml")

    assert isinstance(problem, OverLimit)
    assert problem.limit == "MAX_YAML_ALIASES"


def test_a_few_aliases_still_read():
    from kinerja.imports import plan_yaml

    assert plan_yaml.load("a: &a {x: 1}\nb: *a\n") == {"a": {"x": 1}, "b": {"x": 1}}


# --- containers ---------------------------------------------------------------------------


def test_a_zip_bomb_xlsx_is_refused_from_its_directory():
    content = bombs.zip_bomb_xlsx()
    assert len(content) < 1024 * 1024

    problem = refusal(content, "bom.xlsx")

    assert isinstance(problem, OverLimit)
    assert problem.limit in ("MAX_ZIP_UNCOMPRESSED", "MAX_ZIP_RATIO")
    assert "bom.xlsx" in str(problem)
    assert "bom zip" in str(problem)


def test_a_docx_bomb_is_refused_from_its_directory():
    problem = refusal(bombs.docx_bomb(), "bom.docx")

    assert isinstance(problem, OverLimit)
    assert problem.limit in ("MAX_ZIP_UNCOMPRESSED", "MAX_ZIP_RATIO")


def test_the_total_uncompressed_size_is_limited(monkeypatch):
    monkeypatch.setattr(containers, "MAX_ZIP_UNCOMPRESSED", 10_000)

    with pytest.raises(OverLimit) as problem:
        containers.check_container(bombs.workbook(rows=500), "besar.xlsx")

    assert problem.value.limit == "MAX_ZIP_UNCOMPRESSED"


def test_xml_elements_and_cells_are_counted_while_streaming(monkeypatch):
    content = bombs.workbook(rows=200)
    counts = containers.check_container(content, "ok.xlsx")
    assert counts.cells == 400

    monkeypatch.setattr(containers, "MAX_CELLS", 399)
    with pytest.raises(OverLimit) as problem:
        containers.check_container(content, "sel.xlsx")
    assert problem.value.limit == "MAX_CELLS"

    monkeypatch.setattr(containers, "MAX_XML_ELEMENTS", 100)
    with pytest.raises(OverLimit) as problem:
        containers.check_container(content, "elemen.xlsx")
    assert problem.value.limit == "MAX_XML_ELEMENTS"


def test_a_merged_range_over_the_whole_sheet_is_refused_before_openpyxl_builds_it():
    problem = refusal(bombs.merged_bomb_xlsx(), "gabung.xlsx")

    assert isinstance(problem, OverLimit)
    assert problem.limit == "MAX_CELLS"


def test_a_cell_at_the_last_row_and_column_is_refused():
    problem = refusal(bombs.far_cell_xlsx(), "jauh.xlsx")

    assert isinstance(problem, OverLimit)
    assert problem.limit in ("MAX_ROWS", "MAX_COLUMNS")
    assert problem.sheet == "Renja"
    assert "lembar «Renja»" in str(problem)


def test_a_number_cell_that_is_not_a_number_is_unreadable_at_its_cell():
    rows = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="7"><c r="B7"><v>abc</v></c></row>'
    content = bombs.replace_members(bombs.workbook(), {bombs.SHEET: bombs.sheet_xml(rows)})

    problem = refusal(content, "angka.xlsx")

    assert (problem.sheet, problem.row, problem.cell) == ("Renja", 7, "B7")


def test_an_xml_entity_declaration_is_refused():
    problem = refusal(bombs.entity_xlsx(), "entitas.xlsx")

    assert "DTD" in str(problem)


def test_a_long_cell_text_is_refused_with_its_cell():
    text = b"x" * (limits.MAX_TEXT_LENGTH + 1)  # openpyxl would cut it when writing
    rows = b'<row r="4"><c r="C4" t="inlineStr"><is><t>' + text + b"</t></is></c></row>"
    content = bombs.replace_members(bombs.workbook(), {bombs.SHEET: bombs.sheet_xml(rows)})

    problem = refusal(content, "panjang.xlsx")

    assert problem.limit == "MAX_TEXT_LENGTH"
    assert "sel C4" in str(problem)


# --- corrupt workbooks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "row", "what"),
    [
        (bombs.shared_string_out_of_range, 2, "teks bersama"),
        (bombs.malformed_sheet_xml, 3, "XML rusak"),
    ],
)
def test_a_corrupt_sheet_is_unreadable_at_its_sheet_and_row(build, row, what):
    problem = refusal(build(), "rusak.xlsx")

    assert not isinstance(problem, OverLimit)
    assert (problem.sheet, problem.row) == ("Renja", row)
    assert str(problem).startswith(f"rusak.xlsx, lembar «Renja», baris {row}, sel A{row}: ")
    assert what in str(problem)


@pytest.mark.parametrize(
    "build", [bombs.shared_string_out_of_range, bombs.malformed_sheet_xml, bombs.far_cell_xlsx]
)
def test_the_cli_exits_2_with_the_message_and_no_traceback(build, tmp_path, capsys):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(build())

    status = run("check", str(path))

    err = capsys.readouterr().err
    assert status == 2
    assert f"{path}, lembar «Renja»" in err
    assert "Traceback" not in err


def test_the_cli_refuses_a_file_over_the_size_limit_before_reading_it(tmp_path, capsys):
    path = tmp_path / "besar.csv"
    with path.open("wb") as handle:  # sparse: the size is there, the bytes are not read
        handle.truncate(limits.MAX_FILE_BYTES + 1)

    status = run("check", str(path))

    err = capsys.readouterr().err
    assert status == 2
    assert "melebihi batas 20 MB" in err


def test_the_cli_import_of_a_plan_bomb_exits_2(tmp_path, capsys):
    path = tmp_path / "tawa.yaml"
    path.write_text(bombs.BILLION_LAUGHS, encoding="utf-8")

    status = run("import", str(path), "--dry-run")

    err = capsys.readouterr().err
    assert status == 2
    assert "tawa.yaml" in err
    assert "500.000" in err
    assert "Traceback" not in err


# --- text files ---------------------------------------------------------------------------


def test_a_csv_over_the_size_limit_is_refused():
    content = b"kodeprogram,kodekegiatan,kodesubkegiatan\n" + b"1,2,3\n" * 3_500_000
    assert len(content) > limits.MAX_FILE_BYTES

    problem = refusal(content, "besar.csv")

    assert problem.limit == "MAX_FILE_BYTES"


def test_a_csv_with_too_many_lines_is_refused():
    content = b"kodeprogram,kodekegiatan,kodesubkegiatan\n" + b"\n" * limits.MAX_LINES

    problem = refusal(content, "baris.csv")

    assert problem.limit == "MAX_LINES"
    assert "200.000 baris" in str(problem)


def test_a_text_line_over_the_limit_is_refused_with_its_line():
    content = b"Tabel 4.1\n" + b"x" * (limits.MAX_LINE_LENGTH + 1) + b"\n"

    problem = refusal(content, "renja.txt")

    assert (problem.limit, problem.row) == ("MAX_LINE_LENGTH", 2)


def test_a_csv_field_that_never_closes_is_unreadable_with_its_line():
    content = b'kodeprogram,kodekegiatan,kodesubkegiatan\n1,"' + b"x\n" * 70_000

    problem = refusal(content, "kutip.csv")

    assert problem.row == 2
    assert "baris 2" in str(problem)


def test_reading_stops_when_its_time_is_up():
    with limits.reading("lambat.txt", seconds=0), pytest.raises(OverLimit) as problem:
        limits.tick()

    assert problem.value.limit == "MAX_READ_SECONDS"
    assert str(problem.value).startswith("lambat.txt: pembacaan berkas melebihi batas waktu")


# --- memory ---------------------------------------------------------------------------------

PROBE = """
import os, sys
import django
django.setup()
from kinerja.imports.check import UnreadableFile, check_file
path = sys.argv[1]
try:
    check_file(open(path, "rb").read(), path)
    print("read")
except UnreadableFile as problem:
    print(getattr(problem, "limit", "unreadable"))
# ru_maxrss would carry the parent's peak across exec; VmHWM is this process's own.
peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM")][0]
print(int(peak.split()[1]) // 1024)
"""


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("tawa.yaml", lambda: bombs.BILLION_LAUGHS.encode()),
        ("bom.xlsx", bombs.zip_bomb_xlsx),
        ("bom.docx", bombs.docx_bomb),
        ("gabung.xlsx", bombs.merged_bomb_xlsx),
        ("jauh.xlsx", bombs.far_cell_xlsx),
    ],
)
def test_each_bomb_is_refused_within_the_memory_bound(name, build, tmp_path):
    path = tmp_path / name
    path.write_bytes(build())
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kinerja.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        "KINERJA_VAR_DIR": str(tmp_path),
    }

    done = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True, text=True, env=environment, check=True, timeout=600,
    )  # fmt: skip

    outcome, peak = done.stdout.split()
    assert outcome.startswith("MAX_")
    assert int(peak) < MEMORY_BOUND_MB, json.dumps({"file": name, "peak_mb": int(peak)})


def test_the_limits_are_what_the_docs_say():
    docs = (Path(__file__).resolve().parents[3] / "docs" / "security.md").read_text()
    for name in (n for n in dir(limits) if n.startswith(("MAX_", "ZIP_"))):
        assert f"`{name}`" in docs, f"{name} is not documented in docs/security.md"
