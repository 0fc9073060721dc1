"""The PDF renderer, read back with pypdf and drawn with pdftoppm: page count and orientation,
a Daftar Isi whose page numbers are where the headings are, the table's header repeated on
every page it spans, Indonesian numbers, the signature, running footer and notice, and the
29 columns of E.81 fitting a landscape page without a figure spilling out of its cell."""

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as RLParagraph

from kinerja.documents.model import Block, Document, Paragraph, Section, Signature, TableBlock
from kinerja.documents.pdf_pages import LANDSCAPE_MARGINS, LANDSCAPE_SIZE, page_label
from kinerja.documents.pdf_styles import BOLD, FONT
from kinerja.documents.pdf_table import (
    BOLD_ROWS,
    CELL_PADDING,
    MIN_TABLE_FONT_SIZE,
    pdf_table,
    table_layout,
)
from kinerja.documents.render_pdf import render_pdf
from kinerja.documents.tests.sample import sample_document, sample_table
from kinerja.evaluation.tables import Table, build_e81
from kinerja.evaluation.tests.plans import PLAN

TITLE = "Renja BKPSDM Tahun 2024"
NOTICE = "Data realisasi adalah data contoh."
# Cover; Kata Pengantar (i); Daftar Isi (ii); Bab I (1); Bab II with 2.1 (2); the table
# on a landscape page (3); the chart and the note back on portrait (4); Bab V (5).
LABELS = ["Sampul", "i", "ii", "1", "2", "3", "4", "5"]
TOC = {
    "KATA PENGANTAR": "i",
    "DAFTAR ISI": "ii",
    "BAB I PENDAHULUAN": "1",
    "1.1 Latar Belakang": "1",
    "BAB II HASIL EVALUASI": "2",
    "2.1 Evaluasi": "2",
    "BAB V PENUTUP": "5",
}
# Where each heading prints, as pypdf extracts it ("BAB II" and its title on two lines).
PRINTED = {
    "KATA PENGANTAR": "KATA PENGANTAR\n",
    "DAFTAR ISI": "DAFTAR ISI\n",
    "BAB I PENDAHULUAN": "BAB I\nPENDAHULUAN\n",
    "1.1 Latar Belakang": "1.1 Latar Belakang\n",
    "BAB II HASIL EVALUASI": "BAB II\nHASIL EVALUASI\n",
    "2.1 Evaluasi": "2.1 Evaluasi\n",
    "BAB V PENUTUP": "BAB V\nPENUTUP\n",
}
TOC_LINE = re.compile(r"^(\S.*?)\s+(?:\.\s+)+(\S+)$")


def read(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def is_landscape(page: PageObject) -> bool:
    return float(page.mediabox.width) > float(page.mediabox.height)


@pytest.fixture(scope="module")
def small() -> PdfReader:
    return read(render_pdf(sample_document()))


@pytest.fixture(scope="module")
def long() -> PdfReader:
    return read(render_pdf(sample_document(rows_repeat=20)))


def test_the_small_document_has_its_pages_in_order(small: PdfReader) -> None:
    assert len(small.pages) == len(LABELS)
    assert small.page_labels == LABELS


def test_only_the_table_pages_are_landscape(small: PdfReader, long: PdfReader) -> None:
    for reader in (small, long):
        table_pages = {i for i, text in enumerate(texts(reader)) if "Anggaran (Rp)" in text}
        landscape = {i for i, page in enumerate(reader.pages) if is_landscape(page)}
        assert table_pages
        assert landscape == table_pages


def test_the_text_carries_headings_table_figures_and_signature(small: PdfReader) -> None:
    text = "\n".join(texts(small))
    for expected in (
        "RENCANA KERJA (RENJA)",
        "PEMERINTAH KABUPATEN CONTOH",
        *PRINTED.values(),
        "TABEL 2.1\n",
        "Tabel Contoh Evaluasi Tahun 2024",
        "BKPSDM Kabupaten Contoh",
        "1.590.078.504",
        "1.593.078.504,50",
        "112,50",
        "Capaian indikator negatif: (2T − R) / T × 100.",
        "– Undang-Undang Nomor 23 Tahun 2014",
        "1. Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017",
        "Gambar 2.1 Target dan Realisasi Indikator",
        "Sumber: data contoh.",
        "H.R. GATOT SUWARSO, SH., MM",
        "Pembina Utama Muda",
        "NIP. 19631017 199003 1 005",
    ):
        assert expected in text, expected


def test_the_signature_block_stays_on_one_page(small: PdfReader) -> None:
    page = texts(small)[1]
    lines = [line.strip() for line in page.splitlines()]
    start = lines.index("Kuala Tungkal, September 2023")
    assert lines[start + 1] == "KEPALA BADAN KEPEGAWAIAN DAN"
    assert lines.index("H.R. GATOT SUWARSO, SH., MM") > start
    assert lines.index("NIP. 19631017 199003 1 005") == lines.index("Pembina Utama Muda") + 1


def test_the_signature_block_is_never_split_by_a_page_break() -> None:
    signature = next(
        block for block in sample_document().sections[0].blocks if isinstance(block, Signature)
    )
    for filler in range(30, 46, 2):  # pushes the block across the foot of page 1 and 2
        blocks: tuple[Block, ...] = (
            *[Paragraph(text=f"Paragraf {n}.") for n in range(filler)],
            signature,
        )
        document = Document(
            kind="renja", title="T", sections=(Section(number="", title="X", blocks=blocks),)
        )
        pages = texts(read(render_pdf(document)))
        first = next(i for i, text in enumerate(pages) if "Kuala Tungkal" in text)
        assert "NIP. 19631017 199003 1 005" in pages[first], filler


def test_header_cells_span_as_the_model_says() -> None:
    table = sample_table()
    spans = {(tuple(start), tuple(end)) for _, start, end in pdf_table(table, 700)._spanCmds}
    assert spans == {
        ((0, 0), (0, 1)),  # Kode
        ((1, 0), (1, 1)),  # Uraian
        ((2, 0), (4, 0)),  # Kinerja
        ((5, 0), (7, 0)),  # Anggaran (Rp)
        ((8, 0), (8, 1)),  # Terakhir
        ((9, 0), (9, 1)),  # Jumlah (Rp)
        ((0, 12), (9, 12)),  # the footer row under 2 header rows, the numbering row, 9 rows
    }


def test_merged_column_numbers_span_their_columns(e81: Table) -> None:
    spans = {(tuple(start), tuple(end)) for _, start, end in pdf_table(e81, 750)._spanCmds}
    numbering = len(e81.header_rows)
    column = e81.column("5")
    assert ((column, numbering), (column + 1, numbering)) in spans


def toc_entries(reader: PdfReader) -> dict[str, str]:
    page = next(p for p in reader.pages if "DAFTAR ISI" in p.extract_text())
    lines = page.extract_text(extraction_mode="layout").splitlines()
    matches = (TOC_LINE.match(line.strip()) for line in lines)
    return {m.group(1): m.group(2) for m in matches if m}


def test_the_daftar_isi_lists_the_real_pages(small: PdfReader) -> None:
    entries = toc_entries(small)
    assert entries == TOC
    pages = texts(small)
    for heading, label in entries.items():
        index = small.page_labels.index(label)
        assert PRINTED[heading] in pages[index], heading
    bab_ii = [i for i, text in enumerate(pages) if PRINTED["BAB II HASIL EVALUASI"] in text]
    assert bab_ii == [small.page_labels.index(entries["BAB II HASIL EVALUASI"])]


def test_the_daftar_isi_follows_the_long_table(long: PdfReader) -> None:
    entries = toc_entries(long)
    landscape = sum(is_landscape(page) for page in long.pages)
    assert entries["BAB V PENUTUP"] == str(
        4 + landscape
    )  # after Bab I, Bab II, the table, the chart
    index = long.page_labels.index(entries["BAB V PENUTUP"])
    assert PRINTED["BAB V PENUTUP"] in texts(long)[index]


def test_every_page_but_the_cover_prints_its_number_and_the_title(small: PdfReader) -> None:
    pages = texts(small)
    assert TITLE not in pages[0]
    for index, text in enumerate(pages):
        assert NOTICE in text
        if index:
            *_, number, title = text.strip().splitlines()
            assert (number, title) == (LABELS[index], TITLE)


def test_the_long_table_repeats_its_header_on_every_page(long: PdfReader) -> None:
    pages = [text for text, page in zip(texts(long), long.pages, strict=True) if is_landscape(page)]
    assert len(pages) >= 2
    for text in pages:
        for header in ("Kode", "Uraian", "Anggaran (Rp)", "Serapan", "Jumlah (Rp)"):
            assert header in text
        assert re.search(r"\b1\n\s*2\n\s*3\n\s*4\n\s*5=4/3\n\s*6\n\s*7\n\s*8=7/6\n\s*9\n", text)
        assert "10=6+7" in text
    body = "\n".join(pages)
    assert body.count("5.01.01.2.01.0001") == 20  # no row lost or split
    assert body.count("PROGRAM KEPEGAWAIAN") == 20
    assert "TABEL 2.1" in pages[0]
    assert "Faktor pendorong: dukungan pimpinan" in pages[-1]
    assert "– : data belum ada." in pages[-1]


def test_the_chart_is_an_image_above_its_caption(small: PdfReader) -> None:
    page = next(p for p in small.pages if "Gambar 2.1" in p.extract_text())
    assert len(page.images) == 1
    assert not is_landscape(page)


def test_the_metadata_name_the_document(small: PdfReader) -> None:
    assert small.metadata is not None
    assert small.metadata.title == TITLE
    assert small.metadata.author == "Kinerja"
    catalog = small.trailer["/Root"].get_object()
    assert isinstance(catalog, DictionaryObject)
    assert catalog["/Lang"] == "id-ID"


def test_text_with_markup_characters_prints_as_written() -> None:
    text = "Rp < 5 juta & capaian ≥ 90% × bobot – <b>bukan tebal</b>"
    document = Document(
        kind="renja",
        title="Uji & <tanda>",
        sections=(Section(number="BAB I", title="A & B", blocks=(Paragraph(text=text),)),),
    )
    page = read(render_pdf(document)).pages[0].extract_text()
    assert text in page
    assert "A & B" in page
    assert "Uji & <tanda>" in page


def test_every_page_renders_to_an_image(tmp_path: Path) -> None:
    pdf = render_pdf(sample_document(rows_repeat=20))
    source = tmp_path / "renja.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "30", "-png", str(source), str(tmp_path / "halaman")],  # noqa: S607
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    images = sorted(tmp_path.glob("halaman-*.png"))
    assert len(images) == len(read(pdf).pages)
    assert all(image.stat().st_size > 0 for image in images)


def test_page_labels() -> None:
    assert [page_label(n) for n in (-1, -2, -4, -9, -14, 0, 1, 12)] == [
        "i",
        "ii",
        "iv",
        "ix",
        "xiv",
        "",
        "1",
        "12",
    ]


# --- E.81: 29 physical columns on a landscape page ---------------------------------------

LANDSCAPE_WIDTH = LANDSCAPE_SIZE[0] - LANDSCAPE_MARGINS[0] - LANDSCAPE_MARGINS[1]


@pytest.fixture(scope="module")
def e81() -> Table:
    return build_e81(PLAN, 4)


def test_the_e81_columns_fill_the_landscape_width(e81: Table) -> None:
    layout = table_layout(e81, LANDSCAPE_WIDTH)
    assert len(layout.widths) == e81.width == 29
    assert sum(layout.widths) == pytest.approx(LANDSCAPE_WIDTH)
    assert layout.font_size >= MIN_TABLE_FONT_SIZE
    name = layout.widths[e81.column("4")]  # the indikator column is wider than a K column
    assert name > 3 * layout.widths[e81.column("8")]


def test_no_e81_figure_or_word_spills_out_of_its_cell(e81: Table) -> None:
    table = pdf_table(e81, LANDSCAPE_WIDTH)
    size = table_layout(e81, LANDSCAPE_WIDTH).font_size
    widths = table._colWidths
    first = len(e81.header_rows) + 1
    for row, values in zip(e81.rows, table._cellvalues[first:], strict=True):
        column = 0
        for cell in row.cells:
            room = sum(widths[column : column + cell.colspan]) - 2 * CELL_PADDING
            value = values[column]
            if isinstance(value, RLParagraph):
                assert value.minWidth() <= room + 0.01, value.text
            else:
                font = BOLD if row.kind in BOLD_ROWS else FONT
                assert stringWidth(value, font, size) <= room + 0.01, value
            column += cell.colspan


def test_the_e81_renders_on_landscape_pages_with_its_figures(e81: Table) -> None:
    document = Document(
        kind="e81",
        title="Evaluasi Renja Triwulan IV",
        sections=(
            Section(number="", title="EVALUASI", blocks=(TableBlock(number="E.81", table=e81),)),
        ),
    )
    reader = read(render_pdf(document))
    assert all(is_landscape(page) for page in reader.pages)
    text = "".join(texts(reader)).replace("\n", "")
    assert "1.590.078.504" in text  # whole, or folded at a thousands dot
