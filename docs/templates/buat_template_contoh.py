"""Membuat templat-pemda-contoh.docx: contoh templat Word pemda untuk dokumen Kinerja.

Kop surat "PEMERINTAH KABUPATEN CONTOH" bergaris bawah, sampul dengan penanda
{{ judul }}, {{ tahun }}, {{ opd }}, {{ pemda }} dan {{ tempat_tanggal }}, lalu {{p isi }}
tempat seluruh isi dokumen disisipkan. Huruf Bookman Old Style, nomor halaman di kaki
halaman (tidak pada sampul). Lihat README.md di folder ini.

Jalankan dari akar repositori:

    .venv/bin/python docs/templates/buat_template_contoh.py
"""

from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

OUTPUT = Path(__file__).with_name("template-pemda-contoh.docx")
FONT = "Bookman Old Style"


def main() -> None:
    document = docx.Document()
    _page(document)
    _styles(document)
    _letterhead(document)
    _cover(document)
    document.add_paragraph("{{p isi }}")
    _page_number(document)
    properties = document.core_properties
    properties.title, properties.author = "Templat dokumen Kinerja", "Kinerja"
    properties.comments = ""
    properties.language = "id-ID"
    properties.created = properties.modified = datetime(2024, 1, 1)  # noqa: DTZ001
    document.save(str(OUTPUT))
    print(f"ditulis: {OUTPUT}")


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.different_first_page_header_footer = True  # sampul tanpa nomor halaman


def _styles(document: Document) -> None:
    """Bookman Old Style 12 pt, spasi 1,5; Heading 1/2 hitam tebal; gaya Daftar Isi."""
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    fonts = defaults.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for name in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{name}"), FONT)
    normal = _style(document, "Normal")
    normal.font.size = Pt(12)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    for level in (1, 2):
        heading = _style(document, f"Heading {level}")
        properties = heading.element.get_or_add_rPr()
        properties.remove(properties.find(qn("w:rFonts")))
        heading.font.size, heading.font.bold = Pt(12), True
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(0 if level == 1 else 12)
        heading.paragraph_format.space_after = Pt(12 if level == 1 else 6)
        toc = document.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.tab_stops.add_tab_stop(
            Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )


def _style(document: Document, name: str) -> ParagraphStyle:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def _letterhead(document: Document) -> None:
    """Kop surat: nama pemda, {{ opd }}, alamat, dan garis tebal-tipis di bawahnya."""
    lines = (
        ("PEMERINTAH KABUPATEN CONTOH", 14, True),
        ("{{ opd }}", 14, True),
        ("Jalan Jenderal Sudirman Nomor 1, Telepon (0742) 21000, Kode Pos 36512", 9, False),
    )
    for index, (text, size, bold) in enumerate(lines):
        paragraph = _centred(document, text, size, bold=bold)
        paragraph.paragraph_format.line_spacing = 1.0
        if index == len(lines) - 1:
            _line_under(paragraph)


def _cover(document: Document) -> None:
    for text, size, before in (
        ("{{ judul }}", 18, 120),
        ("TAHUN ANGGARAN {{ tahun }}", 14, 6),
        ("{{ opd }}", 14, 200),
        ("{{ pemda }}", 14, 6),
        ("{{ tempat_tanggal }}", 12, 150),
    ):
        _centred(document, text, size, bold=True).paragraph_format.space_before = Pt(before)


def _centred(document: Document, text: str, size: int, *, bold: bool) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size, run.bold = Pt(size), bold
    return paragraph


def _line_under(paragraph: Paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "thickThinSmallGap"), ("sz", "24"), ("space", "4")):
        bottom.set(qn(f"w:{name}"), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(
        borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"
    )


def _page_number(document: Document) -> None:
    """Nomor halaman di tengah kaki halaman: field PAGE (kaki halaman pertama kosong)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field_char(paragraph, "begin")
    instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    _field_char(paragraph, "separate")
    paragraph.add_run("1")
    _field_char(paragraph, "end")
    document.sections[0].first_page_footer.is_linked_to_previous = False


def _field_char(paragraph: Paragraph, kind: str) -> None:
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))


if __name__ == "__main__":
    main()
