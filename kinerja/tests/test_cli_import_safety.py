"""`kinerja import` asks before it destroys or misfiles: --replace shows what it deletes
and needs --confirm-replace (or a typed GANTI on a terminal); reviewed work is refused;
another agency's file needs --confirm-opd; a file with errors needs --accept-errors."""

import io
from pathlib import Path

import pytest

from kinerja.demo import load_demo
from kinerja.imports.models import ReplacedPlan
from kinerja.imports.tests.test_import_plan import row_counts
from kinerja.monitoring.models import LaporanTriwulan
from kinerja.renstra.models import Renstra
from kinerja.tests.test_cli import run

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "renja-bkpsdm-tanjabbar-2024.txt"
BANTUL = SHARED / "corpus" / "bantul-dinkopukmperindag-2025-2029-renstra.csv"
CONFIRMED = ("--replace", "--confirm-replace", "--accept-errors")


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not there")


@pytest.fixture(autouse=True)
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()


@needs(BANTUL)
def test_another_pemdas_renstra_is_refused_naming_both_until_confirmed(capsys):
    before = row_counts()

    assert run("import", str(BANTUL), "--opd", "BKPSDM") == 1
    plain = capsys.readouterr()
    assert "tumpang tindih dengan Renstra BKPSDM 2021–2026" in plain.err

    assert run("import", str(BANTUL), "--opd", "BKPSDM", *CONFIRMED) == 1
    err = capsys.readouterr().err
    assert "“Dinas Koperasi Usaha Kecil dan Menengah, Perindustrian dan Perdagangan” (kode " in err
    assert "dari “KAB. BANTUL” (kode 3402)" in err
    assert "“Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah” (kode BKPSDM)" in err
    assert "dari “Kabupaten Tanjung Jabung Barat”" in err
    assert "--confirm-opd" in err
    assert row_counts() == before

    assert run("import", str(BANTUL), "--opd", "BKPSDM", *CONFIRMED, "--confirm-opd") == 0
    assert list(Renstra.objects.values_list("first_year", "last_year")) == [(2025, 2029)]
    assert ReplacedPlan.objects.get().label == "Renstra BKPSDM 2021–2026"


@needs(SEED)
def test_a_verified_report_is_never_replaced(capsys):
    LaporanTriwulan.objects.filter(triwulan=1).update(status="diverifikasi")
    before = row_counts()

    assert run("import", str(SEED), "--opd", "BKPSDM", *CONFIRMED) == 1

    err = capsys.readouterr().err
    assert "Laporan Triwulan I Renja BKPSDM 2024 (final, versi 1) berstatus diverifikasi" in err
    assert row_counts() == before


@needs(SEED)
@pytest.mark.parametrize(("typed", "status"), [("ganti\n", 0), ("tidak\n", 1)])
def test_on_a_terminal_the_replace_is_asked(monkeypatch, capsys, typed, status):
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    before = row_counts()

    assert run("import", str(SEED), "--opd", "BKPSDM", "--replace", "--accept-errors") == status

    out = capsys.readouterr().out
    assert "Ketik GANTI" in out
    assert ReplacedPlan.objects.exists() is (status == 0)
    if status:
        assert row_counts() == before


@needs(SEED)
def test_a_dry_run_lists_what_it_would_replace_and_writes_nothing(capsys):
    before = row_counts()

    assert run("import", str(SEED), "--opd", "BKPSDM", "--replace", "--dry-run") == 0

    out = capsys.readouterr().out
    assert "Yang akan dihapus" in out
    assert "Renja BKPSDM 2024 (final, versi 1), draf:" in out
    assert "Perlu konfirmasi: Impor ini menghapus Renja BKPSDM 2024" in out
    assert row_counts() == before
