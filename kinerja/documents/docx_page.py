"""The Word document's page setup and styles: A4 with its margins, Arial 12 pt in
Indonesian as the defaults, the heading and TOC styles, the page-number footer, the
notice in the header, and Word's refreshing of fields when it opens the file."""

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as WordSection
from docx.section import _Footer, _Header
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as WordParagraph

from kinerja.documents.docx_xml import field_char, instruction, sub
from kinerja.documents.model import Document

FONT = "Arial"
BODY_SIZE = Pt(12)
PAGE = (Cm(21), Cm(29.7))
MARGINS = (Cm(3), Cm(2), Cm(2), Cm(2))  # left, right, top, bottom
NOTICE_COLOUR = RGBColor(0xC0, 0x00, 0x00)
# Elements that follow w:updateFields in w:settings (OOXML order).
AFTER_UPDATEFIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def setup(word: WordDocument, document: Document) -> None:
    """The page, default font, styles, footer, header and properties of a new document."""
    section = word.sections[0]
    section.page_width, section.page_height = PAGE
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = MARGINS
    section.header_distance = section.footer_distance = Cm(1.25)
    _default_font(word)
    normal = word.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    ensure_styles(word, restyle=True, width=width_of(section))
    _page_number(section.footer)
    if document.notice:
        notice(section.header.paragraphs[0], document.notice)
    update_fields_on_open(word)
    properties = word.core_properties
    properties.title, properties.language = document.title, "id-ID"
    properties.author, properties.comments = "Kinerja", ""


def _default_font(word: WordDocument) -> None:
    """Arial 12 pt and Indonesian as the document defaults (no theme fonts)."""
    defaults = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    if defaults is None:
        return
    properties = defaults.find(qn("w:rPr"))
    if properties is None:
        properties = sub(defaults, "w:rPr")
    for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang"):
        old = properties.find(qn(tag))
        if old is not None:
            properties.remove(old)
    sub(properties, "w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT)
    sub(properties, "w:sz", val=str(int(BODY_SIZE.pt * 2)))
    sub(properties, "w:szCs", val=str(int(BODY_SIZE.pt * 2)))
    sub(properties, "w:lang", val="id-ID", eastAsia="id-ID", bidi="ar-SA")


def ensure_styles(word: WordDocument, *, restyle: bool, width: Length) -> None:
    """Heading 1 and 2 (centred chapter headings, black, in the body font) and the TOC
    styles. A template's own styles are kept (`restyle=False`) unless missing."""
    for level in (1, 2):
        style, added = _style(word, f"Heading {level}")
        if added or restyle:
            _heading_style(style, level)
        toc, added = _style(word, f"toc {level}")
        if added or restyle:
            _toc_style(toc, level, width)


def _style(word: WordDocument, name: str) -> tuple[ParagraphStyle, bool]:
    try:
        style = word.styles[name]
    except KeyError:
        style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        style.base_style = word.styles["Normal"]
        return style, True
    assert isinstance(style, ParagraphStyle)
    return style, False


def _heading_style(style: ParagraphStyle, level: int) -> None:
    properties = style.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is not None:
        properties.remove(fonts)  # the body font, not the theme's heading font
    style.font.size, style.font.bold, style.font.italic = BODY_SIZE, True, False
    style.font.color.rgb = RGBColor(0, 0, 0)
    paragraph = style.paragraph_format
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 1 else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.space_before = Pt(0 if level == 1 else 12)
    paragraph.space_after = Pt(12 if level == 1 else 6)
    paragraph.keep_with_next = paragraph.keep_together = True
    paragraph.line_spacing = 1.15
    element = style.element.get_or_add_pPr()
    if element.find(qn("w:outlineLvl")) is None:
        outline = OxmlElement("w:outlineLvl", {qn("w:val"): str(level - 1)})
        element.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr")


def _toc_style(style: ParagraphStyle, level: int, width: Length) -> None:
    paragraph = style.paragraph_format
    paragraph.left_indent = Cm(0.6 * (level - 1))
    paragraph.space_after = Pt(3 if level == 1 else 0)
    paragraph.line_spacing = 1.15
    paragraph.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    style.font.bold = level == 1


def update_fields_on_open(word: WordDocument) -> None:
    """w:updateFields: Word refreshes the TOC's page numbers when it opens the file."""
    settings = word.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields", {qn("w:val"): "true"})
        settings.insert_element_before(update, *AFTER_UPDATEFIELDS)


def _page_number(footer: _Footer) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = 1.0
    field_char(paragraph, "begin")
    instruction(paragraph, " PAGE ")
    field_char(paragraph, "separate")
    paragraph.add_run("1")
    field_char(paragraph, "end")
    for run in paragraph.runs:
        run.font.size = Pt(10)


def notice(paragraph: WordParagraph, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.font.size, run.font.italic = Pt(8), True
    run.font.color.rgb = NOTICE_COLOUR


def notice_in_headers(section: WordSection, text: str) -> None:
    """The notice on top of a template's own headers (left alone where there are none)."""
    headers: list[_Header] = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    for header in headers:
        if not header.is_linked_to_previous:
            notice(header.paragraphs[0].insert_paragraph_before(), text)


def width_of(section: WordSection) -> Length:
    """The width of the section's text: the page's less its margins."""
    width = section.page_width or PAGE[0]
    return Length(width - (section.left_margin or 0) - (section.right_margin or 0))
