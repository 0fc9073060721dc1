"""`kinerja check` on the worked example and the corpus: what a planner must be told."""

import json
from pathlib import Path

import pytest

from kinerja.tests.test_cli import run

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "renja-bkpsdm-tanjabbar-2024.txt"
CORPUS = SHARED / "corpus"
needs_shared = pytest.mark.skipif(
    not SEED.exists(), reason=f"the seed and corpus are not at {SHARED} (../shared is absent)"
)


def check_json(capsys, *paths: Path) -> tuple[int, list[dict]]:
    status = run("check", *map(str, paths), "--format", "json")
    lines = capsys.readouterr().out.splitlines()
    return status, [json.loads(line) for line in lines]


def having(findings: list[dict], rule: str, **fields) -> list[dict]:
    return [
        f for f in findings
        if f["rule"] == rule and all(f[key] == value for key, value in fields.items())
    ]  # fmt: skip


@needs_shared
def test_the_seed_reports_what_is_wrong_and_nothing_about_2024_totals(capsys):
    status, (report,) = check_json(capsys, SEED)
    findings = report["findings"]

    assert status == 1
    assert report["source"] == str(SEED)
    # 2025 kegiatan totals that disagree with their sub kegiatan
    kegiatan_2025 = having(findings, "pagu-sum", year=2025, table="Tabel 4.1")
    rows = {f["row"] for f in kegiatan_2025}
    assert "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah" in rows
    assert "Administrasi Keuangan Perangkat Daerah" in rows
    # the program total that disagrees with its kegiatan
    assert "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KABUPATEN/ KOTA" in rows
    # 2024 adds up: no pagu-sum error for 2024
    assert having(findings, "pagu-sum", year=2024) == []
    # index rows of Tabel 2.1 whose column 10 sums years
    misuse = having(findings, "cumulative-misuse", table="Tabel 2.1")
    assert {f["column"] for f in misuse} == {"10"}
    assert len(misuse) >= 2
    # the 6I and 8I typos
    typos = having(findings, "number-typo")
    assert {f["actual"] for f in typos} >= {"6I", "8I"}
    assert {f["expected"] for f in typos} >= {"61", "81"}
    # the disagreeing section titles
    titles = having(findings, "title-year")
    assert any(f["line"] == 43 and f["year"] == 2021 for f in titles)
    assert any("Triwulan III" in f["row"] for f in titles)
    # every finding is located and explained
    assert all(f["message"] and (f["line"] or f["row"]) for f in findings)
    assert report["summary"]["by_rule"]["pagu-sum"] == len(having(findings, "pagu-sum"))
    assert report["summary"]["errors"] == sum(f["severity"] == "error" for f in findings)


@needs_shared
def test_text_output_is_for_people(capsys):
    assert run("check", str(SEED)) == 1
    out = capsys.readouterr().out
    assert "galat" in out
    assert "GALAT      pagu-sum" in out
    assert "Rp9.860.123.518" in out


def test_an_unreadable_file_exits_2(tmp_path, capsys):
    strange = tmp_path / "rencana.pdf"
    strange.write_bytes(b"%PDF-1.4 ...")
    assert run("check", str(strange)) == 2
    assert "tidak dikenal" in capsys.readouterr().err


def test_a_clean_plan_file_exits_0(tmp_path, capsys):
    from kinerja.demo import PLAN_FILE

    assert run("check", str(PLAN_FILE), "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["kind"] == "plan"
    assert report["summary"]["errors"] == 0
