"""`kinerja import` of files agencies already have: a Renja's text, a decree table; templates."""

from pathlib import Path

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.demo import load_demo
from kinerja.imports.check import check_file
from kinerja.imports.tests.test_import_plan import row_counts
from kinerja.imports.tests.test_nomenclature_table import xlsx_table
from kinerja.nomenclature.models import Edition, SubKegiatan
from kinerja.renja.models import RenjaItem
from kinerja.tests.test_cli import run

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "renja-bkpsdm-tanjabbar-2024.txt"
PENAJAM = SHARED / "corpus" / "penajampaserutara-bapelitbang-2024-renja.xlsx"
needs_shared = pytest.mark.skipif(not SEED.exists(), reason=f"../shared is absent ({SHARED})")


@needs_shared
def test_the_seed_text_imports_into_the_opds_renstra(capsys):
    load_demo()
    before = row_counts()

    # --replace alone shows what it would delete and stops: the seed has 12 errors, and
    # replacing the demo's Renja needs its own confirmation.
    assert run("import", str(SEED), "--opd", "BKPSDM", "--replace") == 1
    shown = capsys.readouterr()
    assert "Yang akan dihapus" in shown.out
    assert "laporan Triwulan I: draf" in shown.out
    assert "--accept-errors" in shown.err
    assert "--confirm-replace" in shown.err
    assert row_counts() == before

    confirmed = ("--replace", "--confirm-replace", "--accept-errors")
    assert run("import", str(SEED), "--opd", "BKPSDM", *confirmed) == 0

    out = capsys.readouterr().out
    assert "pagu-sum" in out  # the findings are shown before importing
    assert "diimpor" in out
    subs = RenjaItem.objects.filter(level="sub_kegiatan", renja__year=2024)
    assert subs.count() == 39
    assert sum(item.pagu for item in subs) == 15119920991


@needs_shared
def test_a_renja_without_renstra_is_refused_and_nothing_written(capsys):
    before = row_counts()

    status = run(
        "import", str(PENAJAM), "--opd", "BAPELITBANG",
        "--pemda", "Kabupaten Penajam Paser Utara", "--opd-name", "Bapelitbang",
    )  # fmt: skip

    assert status == 1
    assert "belum memiliki Renstra" in capsys.readouterr().err
    assert row_counts() == before


def test_an_agency_file_needs_the_opd(tmp_path, capsys):
    path = tmp_path / "renja.txt"
    path.write_text("RENCANA KERJA (RENJA) TA. 2024\n", encoding="utf-8")
    assert run("import", str(path)) in (1, 2)
    assert capsys.readouterr().err


def test_a_nomenclature_table_loads_an_edition(tmp_path, capsys):
    path = tmp_path / "kepmendagri.xlsx"
    path.write_bytes(xlsx_table())

    assert run("import", str(path), "--edition", "900.1.15.5-1317/2023") == 0

    edition = Edition.objects.get(code="900.1.15.5-1317/2023")
    sub = SubKegiatan.objects.get(edition=edition, code="5.03.01.2.01.0001")
    assert sub.indikator == "Jumlah Dokumen Perencanaan Perangkat Daerah"
    assert AuditEvent.objects.filter(event_type="nomenclature_imported").exists()


def test_a_nomenclature_table_needs_its_edition(tmp_path, capsys):
    path = tmp_path / "kepmendagri.xlsx"
    path.write_bytes(xlsx_table())
    assert run("import", str(path)) == 1
    assert "--edition" in capsys.readouterr().err
    assert not Edition.objects.exists()


def test_the_template_is_written_and_read_back_as_a_template(tmp_path):
    path = tmp_path / "templat.xlsx"
    assert run("template", "--year", "2025", "-o", str(path)) == 0
    report = check_file(path.read_bytes(), path.name)
    assert report.kind == "renja"
    assert report.document.totals_computed
