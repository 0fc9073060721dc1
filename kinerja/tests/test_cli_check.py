"""`kinerja check` on the worked example and the corpus: what a planner must be told."""

import json
from decimal import Decimal
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


# --- the corpus: each file's irregularities, as SOURCES.md lists them ----------------------

needs_corpus = pytest.mark.skipif(
    not CORPUS.exists(), reason=f"the corpus is not at {CORPUS} (../shared is absent)"
)


def messages(findings: list[dict], rule: str) -> str:
    return "\n".join(f["message"] for f in having(findings, rule))


@needs_corpus
def test_the_penajam_workbook(capsys):
    status, (report,) = check_json(capsys, CORPUS / "penajampaserutara-bapelitbang-2024-renja.xlsx")
    findings = report["findings"]

    assert status == 1
    # amounts stored as text, per amount column
    assert {f["column"] for f in having(findings, "number-as-text")} >= {"N", "O", "P"}
    # the hierarchy repeated in fragments: program 5.01.01 five times, kegiatan twice
    repeats = messages(findings, "code-format")
    assert "5.01.01 duplikat: ditulis 5 kali" in repeats
    assert "5.01.01.2.02 duplikat" in repeats
    assert "5.01.01.2.09 duplikat" in repeats
    # placeholder labels instead of the official names
    placeholders = messages(findings, "nomenclature")
    assert "URUSAN PEMERINTAHAN BIDANG XX" in placeholders
    assert "NON URUSAN" in placeholders
    # empty rows in the middle of the table
    assert any("39, 69, 82, 95" in f["message"] for f in having(findings, "layout"))
    # kegiatan RKPD-Perubahan (P) is a copy of APBD: ≠ sum of its sub kegiatan
    sums = having(findings, "pagu-sum")
    by_code = {(f["code"], Decimal(f["expected"]), Decimal(f["actual"])) for f in sums}
    assert ("5.01.01.2.06", 2420111255, 1658377025) in by_code
    assert ("5.01.03.2.01", 1369567295, 1016111026) in by_code
    assert len({f["code"] for f in sums if f["code"].count(".") == 4}) >= 12
    # program P = sum of sub kegiatan, so ≠ sum of its kegiatan
    assert any(f["code"] == "5.01.02" and Decimal(f["actual"]) == 4727615623 for f in sums)
    # RKPD (N) totals that do not add up
    assert ("5.01.01.2.02", 6361771800, 6616677800) in by_code
    assert ("5.01.01.2.09", 152000000, 197000000) in by_code
    # targets with embedded newlines in swapped order
    assert having(findings, "target-split")


@needs_corpus
def test_the_yogyakarta_renstra_extract(capsys):
    status, (report,) = check_json(capsys, CORPUS / "kotayogyakarta-setda-2025-2029-renstra.csv")
    findings = report["findings"]

    assert status == 0  # nothing wrong enough to stop, but a lot to know
    one_row = [
        f for f in having(findings, "renstra-consistency") if "hanya dicatat" in f["message"]
    ]
    assert len(one_row) == 13
    totals = messages(findings, "renstra-consistency")
    assert "Rp9.517.203.142" in totals
    assert "Rp5.243.061.892" in totals
    assert any("baris baru" in f["message"] for f in having(findings, "layout"))


@needs_corpus
def test_the_bantul_renstra_extract(capsys):
    status, (report,) = check_json(
        capsys, CORPUS / "bantul-dinkopukmperindag-2025-2029-renstra.csv"
    )
    findings = report["findings"]

    assert status == 1
    (lost_zero,) = having(findings, "code-format", code="3.3")
    assert "3.30" in lost_zero["message"]
    assert "21 baris" in lost_zero["message"]
    erratic = having(findings, "growth-outlier") + having(findings, "digit-slip")
    codes = {f["code"] for f in erratic}
    assert {
        "3.31.02.2.01.0001",
        "3.30.07.2.01.0005",
        "3.30.07.2.01.0006",
        "2.22.08.5.06.0003",
    } <= codes
    assert any("spasi berlebih" in f["message"] for f in having(findings, "layout"))
