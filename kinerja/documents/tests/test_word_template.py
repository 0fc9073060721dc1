"""A pemda's Word template: the example template filled with the sample document (kop
surat kept, placeholders replaced, the body with its headings, TOC, landscape table and
chart in place of `{{p isi }}`), and `check_template`'s reasons in Bahasa Indonesia."""

import importlib.util
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as WordParagraph

from kinerja.documents.model import Document, Section, TableBlock
from kinerja.documents.render_docx import render_docx, template_values
from kinerja.documents.tests.sample import sample_document, sample_table
from kinerja.documents.word_template import (
    BODY_NESTED,
    BODY_TWICE,
    NO_BODY,
    NOT_DOCX,
    NOT_DOCX_BUT_DOTX,
    PLAIN_BODY,
    TemplateError,
    check_template,
)

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "templates" / "template-pemda-contoh.docx"
SCRIPT = ROOT / "docs" / "templates" / "buat_template_contoh.py"
CONTEXT = {
    "opd": "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA DAERAH",
    "pemda": "PEMERINTAH KABUPATEN TANJUNG JABUNG BARAT",
}


def read(data: bytes) -> WordDocument:
    return docx.Document(BytesIO(data))


def template(*lines: str, header: str = "") -> bytes:
    """A DOCX with one paragraph per line ("|" splits a line into runs, as Word may)."""
    word = docx.Document()
    for line in lines:
        paragraph = word.add_paragraph()
        for part in line.split("|"):
            paragraph.add_run(part)
    if header:
        word.sections[0].header.paragraphs[0].text = header
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def xml_parts(data: bytes) -> str:
    """The XML of the body, headers and footers."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
        return "".join(archive.read(name).decode() for name in names)


def text_of(element: BaseOxmlElement) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


@pytest.fixture(scope="module")
def filled() -> bytes:
    return render_docx(sample_document(), template=EXAMPLE.read_bytes(), context=CONTEXT)


@pytest.fixture(scope="module")
def word(filled: bytes) -> WordDocument:
    return read(filled)


# --- The example template, filled ----------------------------------------------------------


def test_the_example_template_is_usable() -> None:
    assert check_template(EXAMPLE.read_bytes()) == []


def test_the_letterhead_stays_with_its_line(word: WordDocument) -> None:
    kop = word.paragraphs[0]
    assert kop.text == "PEMERINTAH KABUPATEN CONTOH"
    assert word.paragraphs[1].text == CONTEXT["opd"]  # {{ opd }} in the kop
    line = word.paragraphs[2]._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert line is not None


def test_every_placeholder_is_filled(filled: bytes, word: WordDocument) -> None:
    assert "{{" not in xml_parts(filled)
    assert "{%" not in xml_parts(filled)
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "Renja BKPSDM Tahun 2024" in texts  # {{ judul }}
    assert "TAHUN ANGGARAN 2024" in texts  # {{ tahun }}, from the cover
    assert CONTEXT["pemda"] in texts
    assert "Kuala Tungkal, September 2023" in texts  # {{ tempat_tanggal }}, the signature's


def test_the_body_replaces_the_marker_after_the_cover(word: WordDocument) -> None:
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts.index("Kuala Tungkal, September 2023") < texts.index("KATA PENGANTAR")
    headings = [
        p.text
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings == [
        "KATA PENGANTAR",
        "BAB I\nPENDAHULUAN",
        "1.1 Latar Belakang",
        "BAB II\nHASIL EVALUASI",
        "2.1 Evaluasi",
        "BAB V\nPENUTUP",
    ]
    assert "DAFTAR ISI" in texts


def test_the_body_takes_the_template_fonts(word: WordDocument) -> None:
    defaults = word.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    assert defaults.get(qn("w:ascii")) == "Bookman Old Style"
    body = word.element.body
    assert body.find(f".//{qn('w:r')}/{qn('w:rPr')}/{qn('w:rFonts')}") is None  # no run sets one


def test_the_toc_field_and_the_field_update(filled: bytes, word: WordDocument) -> None:
    instructions = [i.text or "" for i in word.element.body.iter(qn("w:instrText"))]
    assert [i.strip() for i in instructions] == ['TOC \\o "1-2" \\h \\z \\u']
    entries = [
        text_of(p)
        for p in word.element.body.iter(qn("w:p"))
        if p.style in {"toc1", "toc2", "TOC1", "TOC2"}
    ]
    assert entries[:3] == ["KATA PENGANTAR", "BAB I PENDAHULUAN", "1.1 Latar Belakang"]
    assert word.settings.element.find(qn("w:updateFields")) is not None


def test_the_table_keeps_its_header_rows_figures_and_landscape_pages(word: WordDocument) -> None:
    table = word.tables[0]
    heads = len(sample_table().header_rows) + 1
    repeated = [tr.trPr.find(qn("w:tblHeader")) is not None for tr in table._tbl.tr_lst]  # type: ignore[union-attr]
    assert repeated[: heads + 1] == [True] * heads + [False]
    printed = {cell.text for row in table.rows for cell in row.cells}
    assert {"1.590.078.504", "1.000.000,50", "112,50"} <= printed
    index = next(
        i
        for i, section in enumerate(word.sections)
        if any(getattr(item, "_tbl", None) is table._tbl for item in section.iter_inner_content())
    )
    landscape, after = word.sections[index], word.sections[index + 1]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert landscape.page_width > landscape.page_height  # type: ignore[operator]
    assert after.orientation == WD_ORIENT.PORTRAIT
    assert after.page_width < after.page_height  # type: ignore[operator]


def test_the_sections_keep_the_template_footer_and_only_the_first_its_title_page(
    word: WordDocument,
) -> None:
    first, *rest = word.sections
    assert first.different_first_page_header_footer  # the cover: no page number
    assert all(not section.different_first_page_header_footer for section in rest)
    assert all(" PAGE " in section.footer._element.xml for section in word.sections)


def test_the_chart_is_in_the_template_package(word: WordDocument) -> None:
    assert len(word.inline_shapes) == 1
    blip = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    assert word.part.related_parts[blip.embed].blob.startswith(b"\x89PNG")


def test_the_notice_is_under_the_first_heading(word: WordDocument) -> None:
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts[texts.index("KATA PENGANTAR") + 1] == "Data realisasi adalah data contoh."


def test_the_metadata_name_the_document(word: WordDocument) -> None:
    assert word.core_properties.title == "Renja BKPSDM Tahun 2024"


def test_the_example_script_writes_a_usable_template(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("buat_template_contoh", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    output = tmp_path / "contoh.docx"
    script.OUTPUT = output  # type: ignore[attr-defined]
    script.main()
    data = output.read_bytes()
    assert check_template(data) == []
    assert [p.text for p in read(data).paragraphs] == [
        p.text for p in read(EXAMPLE.read_bytes()).paragraphs
    ]


# --- Placement of the body --------------------------------------------------------------------


def first_heading(word: WordDocument) -> WordParagraph:
    return next(p for p in word.paragraphs if p.text == "KATA PENGANTAR")


def test_a_marker_split_over_runs_and_values_with_markup_characters() -> None:
    data = template("SAMPUL {{ pemda }}", "{{|p is|i }}")
    word = read(render_docx(sample_document(), template=data, context={"pemda": "A & B <C>"}))
    assert word.paragraphs[0].text == "SAMPUL A & B <C>"
    assert first_heading(word).paragraph_format.page_break_before  # after the cover's text


def test_after_a_page_break_the_body_starts_without_another() -> None:
    word = docx.Document()
    word.add_paragraph("SAMPUL")
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    word.add_paragraph("{{p isi }}")
    out = BytesIO()
    word.save(out)
    filled = read(render_docx(sample_document(), template=out.getvalue()))
    assert not first_heading(filled).paragraph_format.page_break_before  # no blank page


def test_content_after_the_marker_stays_after_the_body_on_portrait_pages() -> None:
    document = Document(
        kind="e81",
        title="Evaluasi",
        sections=(
            Section(
                number="",
                title="EVALUASI",
                blocks=(TableBlock(number="E.81", table=sample_table()),),
            ),
        ),
    )
    word = read(render_docx(document, template=template("KOP", "{{p isi }}", "PENUTUP TEMPLAT")))
    assert word.paragraphs[-1].text == "PENUTUP TEMPLAT"
    last = word.sections[-1]
    assert last.orientation == WD_ORIENT.PORTRAIT
    assert [item.text for item in last.iter_inner_content() if isinstance(item, WordParagraph)] == [
        "PENUTUP TEMPLAT"
    ]
    assert word.sections[-2].orientation == WD_ORIENT.LANDSCAPE


def test_a_body_ending_landscape_without_content_after_it_ends_the_document_landscape() -> None:
    document = Document(
        kind="e81",
        title="Evaluasi",
        sections=(
            Section(
                number="",
                title="EVALUASI",
                blocks=(TableBlock(number="E.81", table=sample_table()),),
            ),
        ),
    )
    word = read(render_docx(document, template=template("KOP", "{{p isi }}")))
    assert [s.orientation for s in word.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert word.paragraphs[0].text == "KOP"
    assert word.tables[0] is not None


def test_the_notice_tops_the_template_headers() -> None:
    data = template("{{p isi }}", header="KOP {{ opd }}")
    word = read(render_docx(sample_document(), template=data, context={"opd": "BKPSDM"}))
    header = [p.text for p in word.sections[0].header.paragraphs]
    assert header == ["Data realisasi adalah data contoh.", "KOP BKPSDM"]


def test_a_template_without_toc_styles_gets_them_and_no_stray_section() -> None:
    data = render_docx(sample_document(), template=template("{{p isi }}"))
    word = read(data)
    assert word.styles["toc 1"] is not None
    body = word.element.body
    assert len(body.findall(qn("w:sectPr"))) == 1  # the body's own, at its end
    assert body[-1].tag == qn("w:sectPr")


# --- Values -----------------------------------------------------------------------------------


def test_the_values_come_from_the_document_then_the_context() -> None:
    values = template_values(sample_document(), {"opd": "BKPSDM"})
    assert values == {
        "judul": "Renja BKPSDM Tahun 2024",
        "opd": "BKPSDM",
        "pemda": "PEMERINTAH KABUPATEN CONTOH",
        "tahun": "2024",
        "tempat_tanggal": "Kuala Tungkal, September 2023",
    }
    assert template_values(sample_document(), {})["opd"] == "BADAN KEPEGAWAIAN DAERAH"


def test_an_unknown_context_name_is_refused() -> None:
    with pytest.raises(ValueError, match="nama_kepala"):
        render_docx(sample_document(), template=EXAMPLE.read_bytes(), context={"nama_kepala": "X"})


# --- check_template ---------------------------------------------------------------------------


def zipped(**files: str) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name.replace("__", "/"), text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"just some text", NOT_DOCX),
        (b"%PDF-1.4 not word", NOT_DOCX),
        (zipped(readme__txt="bukan word"), NOT_DOCX),
    ],
)
def test_what_is_no_docx_says_so(data: bytes, message: str) -> None:
    assert check_template(data) == [message]
    with pytest.raises(TemplateError) as raised:
        render_docx(sample_document(), template=data)
    assert raised.value.problems == [message]


def test_a_word_template_file_is_asked_to_be_saved_as_docx() -> None:
    data = template("{{p isi }}")
    with zipfile.ZipFile(BytesIO(data)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    types = files["[Content_Types].xml"].decode()
    files["[Content_Types].xml"] = types.replace(
        "wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml"
    ).encode()
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    assert check_template(out.getvalue()) == [NOT_DOCX_BUT_DOTX]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (("Kop surat saja",), NO_BODY),
        (("{{ isi }}",), PLAIN_BODY),
        (("{{p isi }}", "{{p isi }}"), BODY_TWICE % {"count": 2}),
    ],
)
def test_the_body_marker_problems(lines: tuple[str, ...], message: str) -> None:
    assert check_template(template(*lines)) == [message]


def test_the_marker_in_a_table_is_refused() -> None:
    word = docx.Document()
    word.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run("{{p isi }}")
    out = BytesIO()
    word.save(out)
    assert check_template(out.getvalue()) == [BODY_NESTED]


def test_unknown_placeholders_are_named() -> None:
    problems = check_template(
        template("{{ nama_kepala }} {{ judul }}", "{{p isi }}", header="{{ nip }}")
    )
    assert len(problems) == 1
    assert problems[0].startswith("Penanda tidak dikenal: {{ nama_kepala }}, {{ nip }}.")
    assert "{{ tempat_tanggal }}" in problems[0]


def test_a_broken_placeholder_is_explained_not_raised() -> None:
    problems = check_template(template("{{ judul ) }}", "{{p isi }}"))
    assert len(problems) == 1
    assert problems[0].startswith("Penanda templat tidak dapat dibaca")


def test_an_unclosed_placeholder_is_named() -> None:
    problems = check_template(template("Judul: {{ judul ", "{{p isi }}", header="{% if x"))
    assert problems == [
        "Penanda tidak tertutup pada baris “Judul: {{ judul”.",
        "Penanda tidak tertutup pada baris “{% if x”.",
    ]


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked() -> None:
    """A template that would unpack to 150 MB is refused from its ZIP directory, at
    upload and before a fill; python-docx never opens it."""
    from kinerja.documents import word_template
    from kinerja.imports.tests.bombs import docx_bomb

    bomb = docx_bomb()

    problems = check_template(bomb)

    assert len(problems) == 1
    assert problems[0].startswith("Templat Word: isi berkas bila dibuka")
    assert "melebihi batas 100 MB" in problems[0]
    with pytest.raises(TemplateError, match="bom zip"):
        word_template.fill_template(
            bomb, values={}, title="x", write_body=lambda document, placement: None
        )
