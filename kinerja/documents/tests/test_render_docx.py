"""The DOCX renderer, read back with python-docx: headings in order, a real TOC field
listing them, tables with repeated (merged) header rows, Indonesian figures and
landscape pages of their own, the signature block, the chart, page numbers, the notice."""

from decimal import Decimal as D
from io import BytesIO

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section as WordSection
from docx.shared import Cm, Length
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from kinerja.documents.model import (
    Block,
    Document,
    Paragraph,
    Section,
    Signature,
    TableBlock,
)
from kinerja.documents.render_docx import render_docx
from kinerja.documents.tests.sample import sample_document, sample_table
from kinerja.evaluation.tables import Cell, HeaderCell, Row, Table
from kinerja.monitoring.display import cell_text

SAMPLE = sample_document()
A4 = (11906, 16838)  # twips
HEADINGS = [
    "KATA PENGANTAR",
    "BAB I\nPENDAHULUAN",
    "1.1 Latar Belakang",
    "BAB II\nHASIL EVALUASI",
    "2.1 Evaluasi",
    "BAB V\nPENUTUP",
]


def read(data: bytes) -> WordDocument:
    return docx.Document(BytesIO(data))


@pytest.fixture(scope="module")
def word() -> WordDocument:
    return read(render_docx(SAMPLE))


@pytest.fixture(scope="module")
def table(word: WordDocument) -> WordTable:
    assert len(word.tables) == 1  # the signature block is no table
    return word.tables[0]


def style(paragraph: WordParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def emu(length: Length | None) -> int:
    """A length that must be set, in EMU."""
    assert length is not None
    return int(length)


def twips(length: Length | None) -> int:
    assert length is not None
    return length.twips


def points(length: Length | None) -> float:
    assert length is not None
    return length.pt


def text_of(element: BaseOxmlElement) -> str:
    """The text of an XML element: its w:t, in order."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def texts(word: WordDocument) -> list[str]:
    return [paragraph.text for paragraph in word.paragraphs]


def section_of(word: WordDocument, table: WordTable) -> int:
    """The index of the section holding `table`."""
    for index, section in enumerate(word.sections):
        if any(getattr(item, "_tbl", None) is table._tbl for item in section.iter_inner_content()):
            return index
    raise AssertionError("tabel tidak ada di bagian mana pun")


def small(*blocks: Block, level: int = 2) -> Document:
    """A document of one chapter (and a subsection holding `blocks` when level 2)."""
    sections = [Section(number="BAB I", title="PENDAHULUAN")]
    if level == 2:
        sections.append(Section(number="1.1", title="Isi", level=2, blocks=blocks))
    else:
        sections = [Section(number="BAB I", title="PENDAHULUAN", blocks=blocks)]
    return Document(kind="renja", title="Uji", sections=tuple(sections))


# --- Headings and the Daftar Isi --------------------------------------------------------------


def test_the_headings_are_word_headings_in_order(word: WordDocument) -> None:
    found = [p.text for p in word.paragraphs if style(p) in {"Heading 1", "Heading 2"}]
    assert found == HEADINGS
    levels = [style(p) for p in word.paragraphs if style(p).startswith("Heading")]
    assert levels == ["Heading 1", "Heading 1", "Heading 2", "Heading 1", "Heading 2", "Heading 1"]


def test_chapters_start_a_new_page_and_are_centred(word: WordDocument) -> None:
    chapters = [p for p in word.paragraphs if style(p) == "Heading 1"]
    for paragraph in chapters:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # Kata Pengantar follows the cover's section break, BAB I the front matter's (its own
    # page numbers): a new page already; BAB II and BAB V break the page themselves
    breaks = [p.paragraph_format.page_break_before for p in chapters]
    assert breaks == [None, None, True, True]


def test_the_heading_styles_are_black_in_the_body_font(word: WordDocument) -> None:
    for name in ("Heading 1", "Heading 2"):
        style = word.styles[name]
        assert style.font.color.rgb == docx.shared.RGBColor(0, 0, 0)
        assert style.font.bold
        assert style.element.rPr.find(qn("w:rFonts")) is None  # no theme font
    defaults = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:ascii")) == "Arial"
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "id-ID"


def toc_field(word: WordDocument) -> tuple[str, list[str]]:
    """The TOC field's instruction and the texts of the paragraphs of its cached result."""
    body = word.element.body
    paragraphs = body.findall(qn("w:p"))
    begin = next(
        i for i, p in enumerate(paragraphs) if p.find(f".//{qn('w:instrText')}") is not None
    )
    end = next(
        i
        for i, p in enumerate(paragraphs)
        if i >= begin and any(c.get(qn("w:fldCharType")) == "end" for c in p.iter(qn("w:fldChar")))
    )
    instruction = "".join(t.text for t in paragraphs[begin].iter(qn("w:instrText")))
    kinds = [c.get(qn("w:fldCharType")) for c in paragraphs[begin].iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate"]
    entries = ["".join(t.text for t in p.iter(qn("w:t"))) for p in paragraphs[begin:end]]
    return instruction, [entry for entry in entries if entry]


def test_the_daftar_isi_is_a_toc_field_listing_every_heading(word: WordDocument) -> None:
    instruction, entries = toc_field(word)
    assert instruction.strip() == 'TOC \\o "1-2" \\h \\z \\u'
    assert entries == [
        "KATA PENGANTAR",
        "BAB I PENDAHULUAN",
        "1.1 Latar Belakang",
        "BAB II HASIL EVALUASI",
        "2.1 Evaluasi",
        "BAB V PENUTUP",
    ]


def test_the_daftar_isi_follows_the_front_matter(word: WordDocument) -> None:
    paragraphs = texts(word)
    daftar_isi = paragraphs.index("DAFTAR ISI")
    assert paragraphs.index("KATA PENGANTAR") < daftar_isi < paragraphs.index(HEADINGS[1])


def test_word_updates_the_fields_on_opening(word: WordDocument) -> None:
    update = word.settings.element.find(qn("w:updateFields"))
    assert update is not None
    assert update.get(qn("w:val")) == "true"


def test_a_section_left_out_of_the_toc_has_no_heading_style() -> None:
    document = Document(
        kind="renja",
        title="Uji",
        toc=True,
        sections=(
            Section(number="", title="LAMPIRAN", in_toc=False),
            Section(number="BAB I", title="PENDAHULUAN"),
        ),
    )
    word = read(render_docx(document))
    lampiran = next(p for p in word.paragraphs if p.text == "LAMPIRAN")
    assert not style(lampiran).startswith("Heading")
    assert lampiran.runs[0].bold
    assert toc_field(word)[1] == ["BAB I PENDAHULUAN"]


# --- Paragraphs --------------------------------------------------------------------------------


def paragraph(word: WordDocument, start: str) -> WordParagraph:
    return next(p for p in word.paragraphs if p.text.startswith(start))


def test_paragraph_styles(word: WordDocument) -> None:
    body = paragraph(word, "Renja disusun setiap tahun.")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert emu(body.paragraph_format.first_line_indent) > 0
    bullet = paragraph(word, "–\tUndang-Undang Nomor 23 Tahun 2014").paragraph_format
    assert emu(bullet.first_line_indent) < 0 < emu(bullet.left_indent)
    numbered = paragraph(word, "1.\tPeraturan Menteri Dalam Negeri Nomor 86 Tahun 2017")
    hanging = numbered.paragraph_format
    assert emu(hanging.first_line_indent) == -emu(hanging.left_indent)  # text after "1."
    note = paragraph(word, "Sumber: data contoh.")
    assert note.runs[0].italic
    assert points(note.runs[0].font.size) == 9


# --- Tables ------------------------------------------------------------------------------------


def row_properties(table: WordTable) -> list[tuple[bool, bool]]:
    """(repeated header, cannot split) for every row."""
    found = []
    for tr in table._tbl.tr_lst:
        properties = tr.trPr
        assert properties is not None
        header = properties.find(qn("w:tblHeader")) is not None
        found.append((header, properties.find(qn("w:cantSplit")) is not None))
    return found


def test_every_header_row_and_the_numbering_row_repeat_on_each_page(table: WordTable) -> None:
    model = sample_table()
    heads = len(model.header_rows) + 1  # and the column-number row
    properties = row_properties(table)
    assert len(properties) == heads + len(model.rows)
    assert [header for header, _ in properties] == [True] * heads + [False] * len(model.rows)
    assert all(split for _, split in properties)


def test_header_cells_span_as_the_model_says(table: WordTable) -> None:
    model = sample_table()
    first, second = (table._tbl.tr_lst[r].tc_lst for r in range(2))
    spans = [(tc.grid_span, tc.vMerge) for tc in first]
    assert spans == [
        (1, "restart"),  # Kode
        (1, "restart"),  # Uraian
        (3, None),  # Kinerja
        (3, None),  # Anggaran (Rp)
        (1, "restart"),  # Terakhir
        (1, "restart"),  # Jumlah (Rp)
    ]
    assert [h.colspan for h in model.header_rows[0]] == [span for span, _ in spans]
    assert [tc.vMerge for tc in second] == ["continue"] * 2 + [None] * 6 + ["continue"] * 2
    assert table.cell(1, 0)._tc is table.cell(0, 0)._tc  # Kode spans both rows
    assert table.cell(0, 4).text == "Kinerja"
    assert table.cell(0, 2)._tc is table.cell(0, 4)._tc  # Kinerja spans three columns
    assert [table.cell(1, c).text for c in range(2, 8)] == [h.text for h in model.header_rows[1]]


def test_the_header_is_shaded_bold_and_centred(table: WordTable) -> None:
    cell = table.cell(0, 0)
    assert cell._tc.tcPr is not None
    assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9"
    assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert cell.paragraphs[0].runs[0].bold


def test_the_numbering_row_merges_runs_of_equal_numbers() -> None:
    model = Table(
        code="X",
        title="Kolom berpasangan",
        header_rows=((HeaderCell(text="Uraian"), HeaderCell(text="Target", colspan=2)),),
        column_numbers=("1", "2", "2"),
        rows=(Row(kind="program", cells=(Cell(value="A"), Cell(), Cell())),),
    )
    word = read(render_docx(small(TableBlock(number="Tabel 1.1", table=model))))
    numbering = word.tables[0]._tbl.tr_lst[1]
    assert [(tc.grid_span, text_of(tc)) for tc in numbering.tc_lst] == [
        (1, "1"),
        (2, "2"),
    ]
    runs = word.tables[0].rows[1].cells[0].paragraphs[0].runs
    assert runs[0].italic


def test_the_numbering_row_prints_the_column_numbers(table: WordTable) -> None:
    model = sample_table()
    numbering = table._tbl.tr_lst[len(model.header_rows)]
    printed = [text_of(tc) for tc in numbering.tc_lst]
    assert printed == [cell.text for cell in model.numbering_row()]
    assert printed[4] == "5=4/3"


def test_every_body_figure_prints_as_cell_text_says(table: WordTable) -> None:
    model = sample_table()
    body = table._tbl.tr_lst[len(model.header_rows) + 1 :]
    for row, tr in zip(model.rows, body, strict=True):
        printed = [text_of(tc) for tc in tr.tc_lst]
        assert printed == [cell_text(cell) for cell in row.cells]
        assert [tc.grid_span for tc in tr.tc_lst] == [cell.colspan for cell in row.cells]


def test_figures_are_in_the_indonesian_format(table: WordTable) -> None:
    printed = {cell.text for row in table.rows for cell in row.cells}
    assert {"1.590.078.504", "1.000.000,50", "112,50", "150,00", "90%"} <= printed
    assert "1590078504" not in "".join(printed)


def test_figures_align_right_and_program_rows_are_bold(table: WordTable) -> None:
    model = sample_table()
    first = len(model.header_rows) + 1
    program = table.rows[first]  # 5.01.01 PROGRAM PENUNJANG
    assert program.cells[5].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert program.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert program.cells[5].paragraphs[0].runs[0].bold
    sub = table.rows[first + 2]  # a sub kegiatan
    assert not sub.cells[5].paragraphs[0].runs[0].bold
    assert emu(sub.cells[1].paragraphs[0].paragraph_format.left_indent) > 0  # depth 2


def test_the_footer_row_is_one_merged_cell(table: WordTable) -> None:
    footer = table._tbl.tr_lst[-1]
    assert [tc.grid_span for tc in footer.tc_lst] == [10]
    assert text_of(footer) == "Faktor pendorong: dukungan pimpinan"


def test_every_cell_has_a_width_borders_and_a_small_font(table: WordTable) -> None:
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 10
    width = int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
    assert sum(grid) == width == Cm(29.7 - 2 - 2).twips  # the landscape text width
    uraian, target = grid[1], grid[2]
    assert uraian > 2 * target  # the name column is wider
    for tr in table._tbl.tr_lst:
        for tc in tr.tc_lst:
            assert tc.tcPr is not None
            assert tc.tcPr.find(qn("w:tcW")) is not None
            borders = tc.tcPr.find(qn("w:tcBorders"))
            sides = {side.tag.split("}")[1]: side.get(qn("w:val")) for side in borders}
            assert sides == dict.fromkeys(("top", "left", "bottom", "right"), "single")
    sizes = {
        run.font.size.pt
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
        for run in p.runs
    }
    assert max(sizes) <= 9


def test_caption_above_and_footnotes_under_the_table(word: WordDocument, table: WordTable) -> None:
    caption = table._tbl.getprevious()
    assert text_of(caption) == "TABEL 2.1Tabel Contoh Evaluasi Tahun 2024BKPSDM Kabupaten Contoh"
    assert paragraph(word, "TABEL 2.1").alignment == WD_ALIGN_PARAGRAPH.CENTER
    notes = [table._tbl.getnext(), table._tbl.getnext().getnext()]
    assert [text_of(note) for note in notes] == list(sample_table().footnotes)
    sizes = {points(r.font.size) for p in word.paragraphs if p._p in notes for r in p.runs}
    assert sizes == {8}


def test_the_table_has_landscape_pages_of_its_own(word: WordDocument, table: WordTable) -> None:
    index = section_of(word, table)
    before, landscape, after = word.sections[index - 1 : index + 2]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert emu(landscape.page_width) > emu(landscape.page_height)
    assert twips(landscape.page_width) == A4[1]
    for portrait in (before, after):
        assert portrait.orientation == WD_ORIENT.PORTRAIT
        assert emu(portrait.page_width) < emu(portrait.page_height)
    # the binding side (the portrait's 3 cm left margin) is the landscape page's top
    assert landscape.top_margin == before.left_margin
    assert twips(landscape.top_margin) == Cm(3).twips


def test_a_subsection_opening_with_a_table_has_its_heading_on_the_table_page() -> None:
    table = TableBlock(number="Tabel 1.1", table=sample_table())
    word = read(render_docx(small(table)))
    index = section_of(word, word.tables[0])
    heading = next(p for p in word.paragraphs if p.text == "1.1 Isi")
    inside = list(word.sections[index].iter_inner_content())
    assert any(getattr(item, "_p", None) is heading._p for item in inside)


def test_a_portrait_table_stays_on_portrait_pages() -> None:
    table = TableBlock(number="Tabel 1.1", table=sample_table(), landscape=False)
    word = read(render_docx(small(Paragraph(text="Pengantar."), table)))
    assert all(section.orientation == WD_ORIENT.PORTRAIT for section in word.sections)
    assert len(word.sections) == 1
    width = int(word.tables[0]._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
    assert width == Cm(21 - 3 - 2).twips


def test_a_long_table_repeats_its_header_rows() -> None:
    word = read(render_docx(sample_document(rows_repeat=8)))
    model = sample_table()
    properties = row_properties(word.tables[0])
    heads = len(model.header_rows) + 1
    assert [header for header, _ in properties[:heads]] == [True] * heads
    assert not any(header for header, _ in properties[heads:])
    assert len(properties) == heads + 8 * (len(model.rows) - 2) + 2


# --- Signature, chart, pages -------------------------------------------------------------------


def test_the_signature_block(word: WordDocument) -> None:
    paragraphs = texts(word)
    start = paragraphs.index("Kuala Tungkal, September 2023")
    assert [text.strip() for text in paragraphs[start : start + 9]] == [
        "Kuala Tungkal, September 2023",
        "KEPALA BADAN KEPEGAWAIAN DAN",
        "PENGEMBANGAN SUMBER DAYA MANUSIA DAERAH,",
        "",
        "",
        "",
        "H.R. GATOT SUWARSO, SH., MM",
        "Pembina Utama Muda",
        "NIP. 19631017 199003 1 005",
    ]
    name = word.paragraphs[start + 6]
    assert name.runs[0].bold
    assert name.runs[0].underline
    for block in word.paragraphs[start : start + 9]:
        assert abs(emu(block.paragraph_format.left_indent) - Cm(8)) < Cm(0.01)  # half 16 cm
    assert all(p.paragraph_format.keep_with_next for p in word.paragraphs[start : start + 8])


def test_a_signature_leaves_out_its_empty_parts() -> None:
    signature = Signature(place_date="Kuala Tungkal, 2024", title=("KEPALA,",), name="BUDI")
    paragraphs = texts(read(render_docx(small(signature, level=1))))
    start = paragraphs.index("Kuala Tungkal, 2024")
    assert [p.strip() for p in paragraphs[start:]] == [
        "Kuala Tungkal, 2024",
        "KEPALA,",
        "",
        "",
        "",
        "BUDI",
    ]
    assert not any(p.startswith("NIP") for p in paragraphs)


def test_the_chart_is_a_png_picture_with_its_caption(word: WordDocument) -> None:
    assert len(word.inline_shapes) == 1
    shape = word.inline_shapes[0]
    assert shape.width == Cm(15)
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    image = word.part.related_parts[blip.embed]
    assert image.content_type == "image/png"
    assert image.blob.startswith(b"\x89PNG")
    holder = next(p for p in word.paragraphs if p._p.find(f".//{qn('w:drawing')}") is not None)
    caption = holder._p.getnext()
    assert text_of(caption) == "Gambar 2.1 Target dan Realisasi Indikator"


def footer_xml(section: WordSection, *, first: bool = False) -> str:
    footer = section.first_page_footer if first else section.footer
    return footer._element.xml


def test_the_footer_numbers_the_pages_but_not_the_cover(word: WordDocument) -> None:
    cover, *rest = word.sections
    assert cover.different_first_page_header_footer
    assert "PAGE" not in footer_xml(cover, first=True)
    assert " PAGE " in footer_xml(cover)
    for section in rest:
        assert not section.different_first_page_header_footer
        assert " PAGE " in footer_xml(section)  # inherited from the cover's section
    page = next(p for p in cover.footer.paragraphs if "PAGE" in p._p.xml)
    assert page.alignment == WD_ALIGN_PARAGRAPH.CENTER


def page_numbering(section: WordSection) -> tuple[str | None, str | None]:
    element = section._sectPr.find(qn("w:pgNumType"))
    if element is None:
        return None, None
    return element.get(qn("w:fmt")), element.get(qn("w:start"))


def test_front_matter_is_numbered_i_ii_and_the_chapters_from_1(word: WordDocument) -> None:
    numbering = [page_numbering(section) for section in word.sections]
    assert numbering[1] == ("lowerRoman", "1")  # Kata Pengantar, Daftar Isi
    assert numbering[2] == ("decimal", "1")  # from BAB I
    assert all(fmt == "decimal" and start is None for fmt, start in numbering[3:])
    first_chapter = next(iter(word.sections[2].iter_inner_content()))
    assert isinstance(first_chapter, WordParagraph)
    assert first_chapter.text == "BAB I\nPENDAHULUAN"


def test_the_notice_is_in_every_header(word: WordDocument) -> None:
    cover = word.sections[0]
    for header in (cover.header, cover.first_page_header):
        notice = header.paragraphs[0]
        assert notice.text == "Data realisasi adalah data contoh."
        assert notice.runs[0].italic
        assert points(notice.runs[0].font.size) <= 9
        assert notice.runs[0].font.color.rgb == docx.shared.RGBColor(0xC0, 0, 0)
    for section in word.sections[1:]:
        assert section.header.paragraphs[0].text == "Data realisasi adalah data contoh."


def test_no_notice_no_header() -> None:
    word = read(render_docx(small(Paragraph(text="Isi."))))
    assert not any(p.text for p in word.sections[0].header.paragraphs)


def test_the_cover_is_centred_on_its_own_page(word: WordDocument) -> None:
    cover = [p for p in word.sections[0].iter_inner_content() if isinstance(p, WordParagraph)]
    assert [p.text for p in cover] == [
        "RENCANA KERJA (RENJA)\nTAHUN 2024",
        "PEMERINTAH KABUPATEN CONTOH\nBADAN KEPEGAWAIAN DAERAH",
        "KUALA TUNGKAL\n2023",
    ]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.runs[0].bold for p in cover)
    assert emu(cover[2].paragraph_format.space_before) > Cm(3)  # the foot towards the bottom
    align = word.sections[0]._sectPr.find(qn("w:vAlign"))
    assert align.get(qn("w:val")) == "both"


def test_a4_portrait_with_the_official_margins(word: WordDocument) -> None:
    section = word.sections[-1]
    assert (twips(section.page_width), twips(section.page_height)) == A4
    assert twips(section.left_margin) == Cm(3).twips
    assert section.right_margin == section.top_margin == section.bottom_margin
    assert twips(section.bottom_margin) == Cm(2).twips


def test_the_metadata_name_the_document(word: WordDocument) -> None:
    assert word.core_properties.title == "Renja BKPSDM Tahun 2024"
    assert word.core_properties.language == "id-ID"


def test_text_with_markup_characters_prints_as_written() -> None:
    text = 'Anggaran < 5% & > 2 "kutip" {{ bukan penanda }}'
    word = read(render_docx(small(Paragraph(text=text), level=1)))
    assert text in texts(word)


def test_a_money_figure_without_cents_has_none() -> None:
    model = Table(
        code="X",
        title="Uang",
        header_rows=((HeaderCell(text="Uraian"), HeaderCell(text="Pagu")),),
        column_numbers=("1", "2"),
        rows=(
            Row(
                kind="program",
                cells=(Cell(value="A"), Cell(value=D("1590078504.00"), kind="money")),
            ),
        ),
    )
    word = read(render_docx(small(TableBlock(number="Tabel 1.1", table=model))))
    assert word.tables[0].cell(2, 1).text == "1.590.078.504"
