"""The template tags that print any engine `Table`: one cell per kind, rows, the fragment."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from kinerja.evaluation.tables import Cell, HeaderCell, Row, Table
from kinerja.monitoring.templatetags.evaluation_tables import (
    name_column,
    predikat_legend,
    present_cell,
    present_row,
)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (Cell(value=Decimal("146"), kind="number", unit="Dokumen"), "146 Dokumen"),
        (Cell(value=Decimal("10.25"), kind="number", decimals=1, unit="%"), "10,3%"),
        (Cell(value=Decimal("64.00"), kind="number", decimals=2, unit="Indeks"), "64 Indeks"),
        (Cell(value=Decimal("62.2"), kind="number", decimals=2), "62,2"),
        (Cell(value=Decimal("1590078504.00"), kind="money", decimals=2), "1.590.078.504"),
        (Cell(value=Decimal("40245752.50"), kind="money", decimals=2), "40.245.752,50"),
        (Cell(value=Decimal("100.315"), kind="percent", decimals=2), "100,32"),
        (Cell(value=Decimal("90.995"), kind="percent", decimals=2), "91,00"),
        (Cell(value="BB", kind="text"), "BB"),
        (Cell(kind="money"), ""),
    ],
)
def test_cells_print_the_indonesian_way(cell, text):
    assert present_cell(cell).text == text


def test_a_dash_carries_its_reason_as_title():
    view = present_cell(Cell(kind="number", reason="realisasi-kosong"))
    assert view.text == "–"
    assert "dash" in view.css.split()
    assert view.title == "Realisasi tidak diisi atau tidak berupa angka (realisasi-kosong)"


def test_an_unknown_reason_still_prints_its_code():
    assert present_cell(Cell(kind="number", reason="baru")).title == "Baru (baru)"


def test_a_capaian_is_coloured_by_its_predikat_not_by_its_rounding():
    # 90.995 prints 91,00 but stays Tinggi: the predikat comes from the unrounded value.
    view = present_cell(
        Cell(value=Decimal("90.995"), kind="percent", decimals=2, predikat="Tinggi")
    )
    assert view.css == "num percent predikat predikat-tinggi"
    assert view.title == "Predikat: Tinggi"


@pytest.mark.parametrize(
    ("label", "css"),
    [
        ("Sangat Tinggi", "predikat-sangat-tinggi"),
        ("Tinggi", "predikat-tinggi"),
        ("Sedang", "predikat-sedang"),
        ("Rendah", "predikat-rendah"),
        ("Sangat Rendah", "predikat-sangat-rendah"),
    ],
)
def test_a_predikat_text_gets_its_class(label, css):
    assert css in present_cell(Cell(value=label)).css.split()


def test_the_legend_lists_every_band():
    assert [(band.label, band.range) for band in predikat_legend()] == [
        ("Sangat Tinggi", "≥ 91"),
        ("Tinggi", "≥ 76"),
        ("Sedang", "≥ 66"),
        ("Rendah", "≥ 51"),
        ("Sangat Rendah", "< 51"),
    ]


def small_table(rows: tuple[Row, ...] = ()) -> Table:
    return Table(
        code="contoh",
        title="Tabel Contoh",
        header_rows=(
            (
                HeaderCell(text="Kode", rowspan=2),
                HeaderCell(text="Program/Kegiatan", rowspan=2),
                HeaderCell(text="Indikator", rowspan=2),
                HeaderCell(text="Pagu", colspan=2),
            ),
            (HeaderCell(text="n"), HeaderCell(text="n+1")),
        ),
        column_numbers=("1", "2", "3", "4", "4"),
        rows=rows,
        footnotes=("Catatan pertama.", "Catatan kedua."),
    )


def test_the_tree_column_is_found_by_its_header():
    assert name_column(small_table()) == 1


def test_rows_mark_the_tree_column_and_footer_cells():
    row = present_row(
        Row(kind="kegiatan", depth=1, cells=(Cell(value="1.1"), Cell(value="Keg"), Cell(),
                                             Cell(), Cell())),
        name_column=1,
        wide_column=2,
    )  # fmt: skip
    assert row.css == "kind-kegiatan depth-1"
    assert [cell.css for cell in row.cells[:3]] == ["text", "text name depth-1", "text wide"]
    footer = present_row(
        Row(kind="footer", cells=(Cell(value="Faktor pendorong"), Cell(value="Baik", colspan=4))),
        name_column=1,
    )
    assert [cell.css for cell in footer.cells] == ["text label", "text narrative"]
    assert footer.cells[1].colspan == 4


def test_the_fragment_renders_spans_numbering_rows_and_footnotes(db):
    table = small_table(
        (
            Row(
                kind="program",
                cells=(
                    Cell(value="5.03.02"),
                    Cell(value="Program Kepegawaian"),
                    Cell(value="Indeks"),
                    Cell(value=Decimal(1000000), kind="money"),
                    Cell(kind="money", reason="pagu-kosong"),
                ),
            ),
            Row(kind="total", cells=(Cell(value="Jumlah", colspan=3), Cell(), Cell())),
        )
    )
    html = Template('{% include "monitoring/renja_tables.html#evaluation-table" %}').render(
        Context({"table": table, "label": "Tabel 9.9"})
    )
    assert '<th rowspan="2">Kode</th>' in html
    assert '<th colspan="2">Pagu</th>' in html
    assert '<tr class="colnum"><th>1</th><th>2</th><th>3</th><th colspan="2">4</th></tr>' in html
    assert '<td class="text name depth-0">Program Kepegawaian</td>' in html
    assert '<td class="num money">1.000.000</td>' in html
    assert 'class="num money dash" title="Pagu atau anggaran tidak diisi (pagu-kosong)">–<' in html
    assert '<td colspan="3" class="text label">Jumlah</td>' in html
    assert '<ol class="footnotes"><li>Catatan pertama.</li><li>Catatan kedua.</li></ol>' in html
    assert "Tabel 9.9<br>Tabel Contoh" in html


def test_an_empty_table_says_so(db):
    html = Template('{% include "monitoring/renja_tables.html#evaluation-table" %}').render(
        Context({"table": small_table()})
    )
    assert '<td colspan="5" class="muted">Tabel ini belum berisi baris.</td>' in html


def test_a_sasaran_name_in_its_own_column_is_the_row_name():
    # The tujuan/sasaran table: No, Tujuan, Sasaran, Indikator; a sasaran row leaves Tujuan empty.
    row = present_row(
        Row(
            kind="sasaran",
            depth=1,
            cells=(Cell(value=""), Cell(value=""), Cell(value="Meningkatnya kompetensi ASN"),
                   Cell(value="Persentase ASN"), Cell(value=Decimal(1), kind="number")),
        ),
        name_column=1,
        wide_column=3,
    )  # fmt: skip
    assert [cell.css for cell in row.cells] == [
        "text",
        "text",
        "text name depth-1",
        "text wide",
        "num",
    ]
