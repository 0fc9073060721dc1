"""The demo's Renja as the files a planner submits, read back: the DOCX's Tabel 4.1 holds
every figure of the seed's Tabel 4.1 (totals computed from the sub kegiatan), the XLSX's
formulas evaluate to the same totals, the PDF has its pages, titles and grand total and
renders to PNG with pdftoppm."""

import subprocess
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.db.models import Sum
from pycel import ExcelCompiler
from pypdf import PdfReader

from kinerja.demo.tests.test_demo import needs_seed, rupiah, seed_tabel_41
from kinerja.documents.produce import produce
from kinerja.evaluation.numbers import parse_number
from kinerja.lib.numbers import format_money
from kinerja.renja.models import RenjaItem

# Measured on the demo (cover, Kata Pengantar, Daftar Isi, BAB I–V with four landscape
# tables and two charts); a layout change that moves it must be looked at, then pinned.
EXPECTED_PDF_PAGES = 31
TABLE_TITLES = (
    "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah",
    "Pencapaian Kinerja Pelayanan Perangkat Daerah",
    "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2024",
)


def figure(printed: str) -> Decimal | None:
    """The number of a printed target ("3.020 Unit", "10,3%"); None for blank or "–"."""
    head = printed.split(" ")[0]
    return parse_number(head).value if head not in {"", "–"} else None


def docx_tabel_41(data: bytes) -> dict[str, list[str]]:
    """Tabel 4.1 of the DOCX: each body row's ten cell texts, by lower-case name."""
    document = docx.Document(BytesIO(data))
    table = next(t for t in document.tables if "Prakiraan Maju" in t.rows[0].cells[-1].text)
    rows = {}
    for row in table.rows:
        cells = [cell.text.strip() for cell in row.cells]
        if cells[1] and cells[1] not in {"2"} and not cells[0].startswith("Kode"):
            rows[cells[1].lower()] = cells
    return rows


def sums(level: str, renja) -> dict[str, tuple[Decimal, Decimal]]:
    items = RenjaItem.objects.filter(renja=renja, level=level)
    result = {}
    for item in items:
        subs = RenjaItem.objects.filter(renja=renja, level="sub_kegiatan", parent__in=[item])
        if level == "program":
            subs = RenjaItem.objects.filter(renja=renja, parent__parent=item)
        totals = subs.aggregate(n=Sum("pagu"), n1=Sum("pagu_n1"))
        result[item.name.lower()] = (totals["n"], totals["n1"])
    return result


@pytest.fixture
def renja_docx(demo_renja) -> bytes:
    return produce(demo_renja, "renja", "docx").data


@needs_seed
def test_the_docx_tabel_41_holds_every_sub_kegiatan_figure_of_the_seed(demo_renja, renja_docx):
    printed = docx_tabel_41(renja_docx)
    seed = seed_tabel_41()
    checked = 0
    for item in RenjaItem.objects.filter(renja=demo_renja, level="sub_kegiatan"):
        row, expected = printed[item.name.lower()], seed[item.name.lower()]
        assert row[5] == expected["pagu"], item.name  # e.g. 1.590.078.504, as printed
        assert row[9] == (expected["pagu_n1"] or "–"), item.name
        assert figure(row[4]) == figure(expected["target"]), item.name
        assert figure(row[8]) == figure(expected["target_n1"]), item.name
        checked += 1
    assert checked == 39
    assert printed["pengadaan, pemberhentian dan informasi kepegawaian asn"][5] == "1.590.078.504"


@needs_seed
def test_the_docx_totals_are_computed_from_the_sub_kegiatan(demo_renja, renja_docx):
    printed = docx_tabel_41(renja_docx)
    seed = seed_tabel_41()
    for name, (n, n1) in sums("kegiatan", demo_renja).items():
        assert printed[name][5] == format_money(n), name
        assert rupiah(printed[name][5]) == rupiah(seed[name]["pagu"]), name  # 2024 agrees
        assert printed[name][9] == format_money(n1), name  # 2025: ours, not the seed's
    total = printed["jumlah"]
    assert total[5] == "15.119.920.991"
    grand_n1 = RenjaItem.objects.filter(renja=demo_renja).aggregate(s=Sum("pagu_n1"))["s"]
    assert total[9] == format_money(grand_n1)


def test_the_xlsx_formulas_evaluate_to_the_same_totals(demo_renja, tmp_path):
    path = tmp_path / "renja.xlsx"
    path.write_bytes(produce(demo_renja, "renja", "xlsx").data)
    compiler = ExcelCompiler(filename=str(path))
    import openpyxl

    sheet = openpyxl.load_workbook(path)["Tabel 4.1"]
    by_name = {
        str(row[1].value).lower(): row[0].row for row in sheet.iter_rows(min_row=1) if row[1].value
    }
    total_row = by_name["jumlah"]
    assert str(sheet[f"F{total_row}"].value).startswith("=SUM(")
    grand = RenjaItem.objects.filter(renja=demo_renja).aggregate(n=Sum("pagu"), n1=Sum("pagu_n1"))
    assert Decimal(str(compiler.evaluate(f"'Tabel 4.1'!F{total_row}"))) == Decimal("15119920991")
    assert Decimal(str(compiler.evaluate(f"'Tabel 4.1'!J{total_row}"))) == grand["n1"]
    for name, (n, n1) in {**sums("kegiatan", demo_renja), **sums("program", demo_renja)}.items():
        row = by_name[name]
        assert str(sheet[f"F{row}"].value).startswith("="), name
        assert Decimal(str(compiler.evaluate(f"'Tabel 4.1'!F{row}"))) == n, name
        assert Decimal(str(compiler.evaluate(f"'Tabel 4.1'!J{row}"))) == n1, name
    # A planner edits one sub kegiatan's pagu: its kegiatan, program and the total follow.
    sub = by_name["pengadaan, pemberhentian dan informasi kepegawaian asn"]
    compiler.set_value(f"'Tabel 4.1'!F{sub}", 1590078504 + 1000)
    assert Decimal(str(compiler.evaluate(f"'Tabel 4.1'!F{total_row}"))) == Decimal("15119921991")


def test_the_pdf_has_its_pages_titles_and_grand_total_and_renders(demo_renja, tmp_path):
    path = tmp_path / "renja.pdf"
    path.write_bytes(produce(demo_renja, "renja", "pdf").data)
    reader = PdfReader(path)
    assert len(reader.pages) == EXPECTED_PDF_PAGES
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    for heading in ("TABEL 2.1", "TABEL 2.2", "TABEL 3.1", "TABEL 4.1", "DAFTAR ISI", "BAB V"):
        assert heading in text
    flat = " ".join(text.split())
    for title in TABLE_TITLES:
        assert title in flat
    assert "15.119.920.991" in text
    assert "NIP. 19631017 199003 1 005" in text
    landscape = [page.mediabox.width > page.mediabox.height for page in reader.pages]
    assert any(landscape)
    assert not landscape[0]
    done = subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")],  # noqa: S607
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == EXPECTED_PDF_PAGES
    assert all(png.stat().st_size > 0 for png in pngs)


def test_every_formula_of_every_demo_table_computes_the_engines_value(demo_renja, tmp_path):
    """All six tables at triwulan II: each derived cell, evaluated as a spreadsheet would,
    equals what the engine printed ("–" and blank cells stay so)."""
    from kinerja.documents.produce import TABLE_NUMBERS, build
    from kinerja.documents.render_xlsx import Layout, render_xlsx

    document = build(demo_renja, "tables", 2)
    path = tmp_path / "tabel.xlsx"
    path.write_bytes(render_xlsx(document))
    excel = ExcelCompiler(filename=str(path))
    checked = 0
    for block in document.tables():
        assert block.number in TABLE_NUMBERS.values()
        layout = Layout(block.table)
        for index, row in enumerate(block.table.rows):
            column = 0
            for cell in row.cells:
                if cell.derived is not None and isinstance(cell.value, Decimal):
                    value = excel.evaluate(f"'{block.number}'!{layout.ref(index, column)}")
                    assert abs(Decimal(str(value)) - cell.value) < Decimal("0.000001"), (
                        block.number,
                        index,
                        column,
                    )
                    checked += 1
                column += cell.colspan
    assert checked > 500
