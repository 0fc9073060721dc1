"""`kinerja export --format docx|pdf|xlsx`: one OPD's document, or every OPD's in a folder."""

from io import BytesIO

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.demo import load_demo
from kinerja.imports.actions import import_plan
from kinerja.imports.tests.conftest import SMALL_PLAN
from kinerja.tests.test_cli import run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo():
    load_demo()


def test_the_renja_as_docx(tmp_path, capsys):
    path = tmp_path / "renja.docx"
    argv = ["export", "--opd", "BKPSDM", "--year", "2024", "--what", "renja", "--format", "docx"]
    assert run(*argv, "-o", str(path)) == 0
    text = "\n".join(p.text for p in docx.Document(BytesIO(path.read_bytes())).paragraphs)
    assert "KATA PENGANTAR" in text
    assert "renja-2024-bkpsdm.docx ditulis" in capsys.readouterr().out


def test_the_e81_of_a_triwulan_as_pdf_and_the_tables_as_xlsx(tmp_path):
    pdf = tmp_path / "e81.pdf"
    argv = ["export", "--opd", "BKPSDM", "--year", "2024", "--what", "e81", "--format", "pdf"]
    assert run(*argv, "--triwulan", "2", "-o", str(pdf)) == 0
    text = " ".join((PdfReader(pdf).pages[0].extract_text() or "").split())
    assert "TRIWULAN II TAHUN 2024" in text

    xlsx = tmp_path / "tabel.xlsx"
    argv = ["export", "--opd", "BKPSDM", "--year", "2024", "--what", "tables", "--format", "xlsx"]
    assert run(*argv, "-o", str(xlsx)) == 0
    assert load_workbook(xlsx).sheetnames == [
        "Tabel 2.1",
        "Tabel 2.2",
        "Tabel 3.1",
        "Tabel 4.1",
        "Formulir E.81",
        "Serapan",
    ]


def test_all_opd_writes_one_file_per_renja_of_the_year(tmp_path, capsys):
    assert import_plan(SMALL_PLAN.encode(), source="kecil.yaml", acting_user=None).written
    folder = tmp_path / "dokumen"
    argv = ["export", "--all-opd", "--year", "2024", "--what", "tables", "--format", "xlsx"]
    pemda = ["--pemda", "Kabupaten Tanjung Jabung Barat"]
    assert run(*argv, *pemda, "-o", str(folder)) == 0
    assert [p.name for p in folder.iterdir()] == ["tables-2024-bkpsdm.xlsx"]
    assert "1 dokumen ditulis" in capsys.readouterr().out


def test_all_opd_names_the_pemda_when_there_are_several(tmp_path, capsys):
    assert import_plan(SMALL_PLAN.encode(), source="kecil.yaml", acting_user=None).written
    argv = ["export", "--all-opd", "--year", "2024", "--format", "pdf", "-o", str(tmp_path)]
    assert run(*argv) == 1
    assert "sebutkan --pemda" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--opd", "BKPSDM", "--format", "pdf"], "Sebutkan --year"),
        (["--opd", "BKPSDM", "--year", "2031", "--format", "pdf"], "belum memiliki Renja"),
        (["--all-opd", "--format", "yaml"], "--all-opd hanya untuk dokumen"),
    ],
)
def test_what_cannot_be_exported_is_said_plainly(argv, message, capsys):
    assert run("export", *argv) == 1
    assert message in capsys.readouterr().err
