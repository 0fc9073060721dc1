"""The `kinerja` command line: import and export with their exit statuses and messages."""

import pytest

from kinerja.cli import main
from kinerja.imports import plan_yaml
from kinerja.imports.tests.conftest import SMALL_PLAN
from kinerja.renja.models import RenjaItem

pytestmark = pytest.mark.django_db


def run(*argv: str) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    return int(exit_info.value.code or 0)


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "rencana.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


def test_import_then_export(plan_file, tmp_path, capsys):
    assert run("import", str(plan_file)) == 0
    assert "diimpor" in capsys.readouterr().out

    out = tmp_path / "ekspor.yaml"
    assert run("export", "--opd", "DINAS-A", "--format", "yaml", "-o", str(out)) == 0
    exported = plan_yaml.load(out.read_text(encoding="utf-8"))
    assert exported["perangkat_daerah"]["code"] == "DINAS-A"
    assert exported["renja"][0]["items"][0]["children"][0]["children"][0]["pagu"] == 299984275


def test_a_dry_run_writes_nothing(plan_file, capsys):
    assert run("import", str(plan_file), "--dry-run") == 0

    assert "uji coba" in capsys.readouterr().out
    assert not RenjaItem.objects.exists()


def test_a_rejected_file_exits_1_and_names_file_and_path(plan_file, capsys):
    plan_file.write_text(SMALL_PLAN.replace("pagu: 135418345", "pagu: -5"), encoding="utf-8")

    assert run("import", str(plan_file)) == 1

    err = capsys.readouterr().err
    assert "ditolak, tidak ada yang ditulis" in err
    assert f"{plan_file}: renja[0].items[0].children[0].children[1].pagu" in err
    assert not RenjaItem.objects.exists()


def test_an_unreadable_file_exits_2(tmp_path, capsys):
    assert run("import", str(tmp_path / "tidak-ada.yaml")) == 2
    assert "tidak dapat dibaca" in capsys.readouterr().err


def test_export_of_an_unknown_opd_exits_1(capsys):
    assert run("export", "--opd", "TIDAK-ADA") == 1
    assert "tidak ditemukan" in capsys.readouterr().err


def test_python_dash_m_kinerja_shows_help():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "kinerja", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "import" in done.stdout
    assert "export" in done.stdout
    assert "demo" in done.stdout
