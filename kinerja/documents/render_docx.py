"""A `Document` as a Word file (DOCX), in the look of an official Renja or E.81 report.

A4 portrait, Arial 12 pt, 1,5 line spacing, margins 3 cm left and 2 cm elsewhere. The
cover is a page of its own with no number; the front matter (Kata Pengantar, Daftar Isi)
is numbered i, ii, … and the chapters 1, 2, … from BAB I. The Daftar Isi is a real Word
TOC field whose cached entries already list the headings, and Word refreshes its page
numbers on opening. Chapters start a new page; their headings use "Heading 1" and
"Heading 2" so the TOC finds them. A landscape table gets landscape pages of its own,
its header rows and column-number row repeated on every page. `Document.notice` is in
every page's header.

Every section of the body is a copy of one "host" section (the document's last one, or
the pemda template's section that holds `{{p isi }}`), turned landscape or restarting
its page numbers where needed: a template's margins, headers and footers so carry over to
the landscape pages. With `template`, the body goes into the pemda's own Word template
(`kinerja.documents.word_template`) in the template's fonts, which no run here overrides.
"""

import re
from collections.abc import Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, replace
from io import BytesIO

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.section import CT_SectPr
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section as WordSection
from docx.section import _Footer, _Header
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as WordParagraph

from kinerja.documents.charts import chart_png
from kinerja.documents.model import (
    Block,
    Chart,
    Cover,
    Document,
    Paragraph,
    Section,
    Signature,
    TableBlock,
)
from kinerja.documents.word_template import PLACEHOLDERS, Placement, fill_template
from kinerja.evaluation.tables import HeaderCell, Row, Table
from kinerja.evaluation.tables.model import ITEM_KINDS
from kinerja.monitoring.display import cell_text

FONT = "Arial"
BODY_SIZE = Pt(12)
PAGE = (Cm(21), Cm(29.7))
MARGINS = (Cm(3), Cm(2), Cm(2), Cm(2))  # left, right, top, bottom
CHART_WIDTH = Cm(15)
HEADER_FILL = "D9D9D9"
NUMBERING_FILL = "F2F2F2"
NOTICE_COLOUR = RGBColor(0xC0, 0x00, 0x00)
NUMERIC_KINDS = {"number", "money", "percent"}
BOLD_ROWS = {"program", "total"}
CELL_MARGIN = 28  # twips left and right in a table cell
INDENT = Cm(0.15)  # of a name in a table, per level of its tree
NUMBER_PREFIX = re.compile(r"^(\(?[0-9A-Za-z]{1,3}[.)])\s+(.*)$", re.DOTALL)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '
# Elements that follow w:pgNumType, w:vAlign, w:updateFields in their parents (OOXML order).
AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:docGrid")
AFTER_VALIGN = ("w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:docGrid")
AFTER_UPDATEFIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def render_docx(
    document: Document, *, template: bytes | None = None, context: Mapping[str, str] | None = None
) -> bytes:
    """The document as DOCX bytes.

    With `template` (a pemda's DOCX, see `word_template`), the template's own cover and
    letterhead replace `document.cover`, and `context` fills its placeholders beyond
    those the document gives (`judul`, and `opd`, `pemda`, `tahun`, `tempat_tanggal` as
    far as the cover and the signature tell); without a template, `context` is unused.
    Raises `TemplateError` for an unusable template and `ValueError` for an unknown
    placeholder in `context`.
    """
    if template is not None:
        return fill_template(
            template,
            values=template_values(document, context or {}),
            title=document.title,
            write_body=lambda word, placement: _template_body(word, placement, document),
        )
    word = docx.Document()
    _setup(word, document)
    split = _numbering_split(document)
    front = _Spec(page_format="lowerRoman" if split else "decimal", restart=True)
    first = _Spec(cover=True) if document.cover else front
    sections = _Sections(word, _host(word), first, started=False, notice=document.notice)
    writer = _Writer(word, sections, notice="")
    if document.cover:
        writer.cover(document.cover)
        sections.switch(front)
    writer.body(document, split=split)
    sections.finish(trailing=False)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def template_values(document: Document, context: Mapping[str, str]) -> dict[str, str]:
    """The template placeholders' values: what the document tells, then `context`."""
    unknown = sorted(set(context) - set(PLACEHOLDERS))
    if unknown:
        raise ValueError(f"penanda templat tidak dikenal: {', '.join(unknown)}")
    organisation = document.cover.organisation if document.cover else ()
    pemda = next((line for line in organisation if line.upper().startswith("PEMERINTAH")), "")
    cover_title = " ".join(document.cover.title) if document.cover else ""
    years = YEAR.findall(f"{cover_title} {document.title}")
    signature = next(
        (b for s in document.sections for b in s.blocks if isinstance(b, Signature)), None
    )
    values = {
        "judul": document.title,
        "opd": " ".join(line for line in organisation if line != pemda),
        "pemda": pemda,
        "tahun": years[0] if years else "",
        "tempat_tanggal": signature.place_date if signature else "",
    }
    return values | dict(context)


def _template_body(word: WordDocument, placement: Placement, document: Document) -> None:
    """The body of a templated document: as `render_docx` writes it after the cover. The
    notice goes on top of the template's headers, if any, and under the first heading."""
    _ensure_styles(
        word, restyle=False, width=_Sections.width_of(WordSection(placement.host, word.part))
    )
    _update_fields_on_open(word)
    sections = _Sections(word, placement.host, _Spec(), started=True, new_page=placement.new_page)
    if document.notice:
        _notice_in_headers(WordSection(placement.host, word.part), document.notice)
    _Writer(word, sections, notice=document.notice).body(document, split=False)
    sections.finish(trailing=placement.trailing)


def _numbering_split(document: Document) -> bool:
    """Whether the front matter is numbered apart (i, ii) from the chapters (1, 2)."""
    numbered = [bool(section.number) for section in document.sections]
    return any(numbered) and (not numbered[0] or document.toc)


# --- Page setup and styles ---------------------------------------------------------------


def _setup(word: WordDocument, document: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = MARGINS
    section.header_distance = section.footer_distance = Cm(1.25)
    _default_font(word)
    normal = word.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    _ensure_styles(word, restyle=True, width=_Sections.width_of(section))
    _page_number(section.footer)
    if document.notice:
        _notice(section.header.paragraphs[0], document.notice)
    _update_fields_on_open(word)
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
        properties = _sub(defaults, "w:rPr")
    for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang"):
        old = properties.find(qn(tag))
        if old is not None:
            properties.remove(old)
    _sub(properties, "w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT)
    _sub(properties, "w:sz", val=str(int(BODY_SIZE.pt * 2)))
    _sub(properties, "w:szCs", val=str(int(BODY_SIZE.pt * 2)))
    _sub(properties, "w:lang", val="id-ID", eastAsia="id-ID", bidi="ar-SA")


def _ensure_styles(word: WordDocument, *, restyle: bool, width: Length) -> None:
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


def _host(word: WordDocument) -> CT_SectPr:
    return word.element.body.get_or_add_sectPr()


def _update_fields_on_open(word: WordDocument) -> None:
    """w:updateFields: Word refreshes the TOC's page numbers when it opens the file."""
    settings = word.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields", {qn("w:val"): "true"})
        settings.insert_element_before(update, *AFTER_UPDATEFIELDS)


def _page_number(footer: _Footer) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = 1.0
    _field_char(paragraph, "begin")
    _instruction(paragraph, " PAGE ")
    _field_char(paragraph, "separate")
    paragraph.add_run("1")
    _field_char(paragraph, "end")
    for run in paragraph.runs:
        run.font.size = Pt(10)


def _notice(paragraph: WordParagraph, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.font.size, run.font.italic = Pt(8), True
    run.font.color.rgb = NOTICE_COLOUR


def _notice_in_headers(section: WordSection, text: str) -> None:
    """The notice on top of a template's own headers (left alone where there are none)."""
    headers: list[_Header] = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    for header in headers:
        if not header.is_linked_to_previous:
            _notice(header.paragraphs[0].insert_paragraph_before(), text)


def _mark_size(paragraph: WordParagraph, size: Length) -> None:
    """The size of the paragraph mark: the height of an empty paragraph."""
    mark = OxmlElement("w:rPr")
    _sub(mark, "w:sz", val=str(int(size.pt * 2)))
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")


def _field_char(paragraph: WordParagraph, kind: str) -> None:
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))


def _instruction(paragraph: WordParagraph, text: str) -> None:
    instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instruction.text = text
    paragraph.add_run()._r.append(instruction)


def _sub(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag, {qn(f"w:{name}"): value for name, value in attributes.items()})
    parent.append(element)
    return element


# --- Sections: portrait, landscape, page numbering ---------------------------------------


@dataclass(frozen=True)
class _Spec:
    """What a section of the body changes in the host section."""

    landscape: bool = False
    page_format: str | None = None  # w:pgNumType/@w:fmt: lowerRoman, decimal
    restart: bool = False  # page numbers start again at 1
    cover: bool = False  # vertically spread, no page number, notice in the header


class _Sections:
    """The body's sections. A section ends where the spec changes (a landscape table,
    the first chapter) with a copy of the host's section properties in the last
    paragraph; the host itself becomes the last section."""

    def __init__(
        self,
        word: WordDocument,
        host: CT_SectPr,
        spec: _Spec,
        *,
        started: bool,
        new_page: bool = True,
        notice: str = "",
    ) -> None:
        self.word, self.host, self.spec, self.notice = word, host, spec, notice
        self.breaks = 0
        self.mark = -1 if started else self._count()  # where the current section starts
        self.page = self._count() if new_page else -1  # where a page starts, if known

    @property
    def started(self) -> bool:
        """Whether the current section has content."""
        return self._count() > self.mark

    @property
    def on_new_page(self) -> bool:
        """Whether nothing is on the current page yet (no page break needed)."""
        return self._count() == self.page

    def orient(self, landscape: bool) -> None:
        if self.spec.landscape != landscape:
            self.switch(replace(self.spec, landscape=landscape, restart=False, cover=False))

    def switch(self, spec: _Spec) -> None:
        """End the current section, if it has content, and go on with `spec`."""
        if spec == self.spec:
            return
        if self.started:
            properties = deepcopy(self.host)
            self._apply(properties, self.spec, first=self.breaks == 0)
            self._last_paragraph().set_sectPr(properties)
            self.breaks += 1
            self.mark = self.page = self._count()
        self.spec = spec

    def finish(self, *, trailing: bool) -> None:
        """Make the host the last section; with `trailing` content of a template after
        the body, landscape pages end first."""
        if trailing and self.spec.landscape:
            self.orient(False)
        self._apply(self.host, self.spec, first=self.breaks == 0)

    def text_width(self) -> Length:
        section = WordSection(self.host, self.word.part)
        if self.spec.landscape and _portrait(section):
            height = section.page_height or PAGE[1]
            return Length(height - (section.top_margin or 0) - (section.bottom_margin or 0))
        return self.width_of(section)

    def text_height(self) -> Length:
        section = WordSection(self.host, self.word.part)
        height = section.page_height or PAGE[1]
        return Length(height - (section.top_margin or 0) - (section.bottom_margin or 0))

    @staticmethod
    def width_of(section: WordSection) -> Length:
        width = section.page_width or PAGE[0]
        return Length(width - (section.left_margin or 0) - (section.right_margin or 0))

    def _count(self) -> int:
        return sum(1 for child in self.word.element.body if child.tag != qn("w:sectPr"))

    def _last_paragraph(self) -> CT_P:
        """The paragraph to end the section: the last one, or a tiny new one after a
        table (or before the body of a template)."""
        body = [child for child in self.word.element.body if child.tag != qn("w:sectPr")]
        last = body[-1] if body and self.mark < len(body) else None
        if isinstance(last, CT_P) and _may_end_section(last):
            return last
        paragraph = self.word.add_paragraph()
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0
        paragraph.paragraph_format.line_spacing = 1.0
        _mark_size(paragraph, Pt(1))
        return paragraph._p

    def _apply(self, properties: CT_SectPr, spec: _Spec, *, first: bool) -> None:
        if not first:
            _strip_first(properties)
        section = WordSection(properties, self.word.part)
        if spec.landscape and _portrait(section):
            _rotate(section)
        if spec.page_format:
            _page_numbering(properties, spec.page_format, restart=spec.restart)
        if spec.cover:
            self._cover(section, properties)

    def _cover(self, section: WordSection, properties: CT_SectPr) -> None:
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False
        if self.notice:
            section.first_page_header.is_linked_to_previous = False
            _notice(section.first_page_header.paragraphs[0], self.notice)
        align = OxmlElement("w:vAlign", {qn("w:val"): "both"})
        properties.insert_element_before(align, *AFTER_VALIGN)


def _may_end_section(paragraph: CT_P) -> bool:
    """Not a paragraph that ends a section already, nor one with a field (LibreOffice
    loses a section break in the paragraph that ends the TOC field)."""
    ends = paragraph.pPr is not None and paragraph.pPr.sectPr is not None
    return not ends and paragraph.find(f".//{qn('w:fldChar')}") is None


def _portrait(section: WordSection) -> bool:
    return (section.page_width or 0) < (section.page_height or 1)


def _rotate(section: WordSection) -> None:
    """Landscape, the margins turned with the page: its top is the portrait's binding side."""
    left, right = section.left_margin, section.right_margin
    top, bottom = section.top_margin, section.bottom_margin
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.top_margin, section.right_margin = left, top
    section.bottom_margin, section.left_margin = right, bottom


def _strip_first(properties: CT_SectPr) -> None:
    """What only the first section may have: a title page, a page-number start, a
    vertical alignment, a start type other than a new page."""
    for tag in ("w:titlePg", "w:type", "w:vAlign"):
        element = properties.find(qn(tag))
        if element is not None:
            properties.remove(element)
    numbering = properties.find(qn("w:pgNumType"))
    if numbering is not None:
        numbering.attrib.pop(qn("w:start"), None)


def _page_numbering(properties: CT_SectPr, page_format: str, *, restart: bool) -> None:
    numbering = properties.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        properties.insert_element_before(numbering, *AFTER_PGNUMTYPE)
    numbering.set(qn("w:fmt"), page_format)
    if restart:
        numbering.set(qn("w:start"), "1")


# --- The body ----------------------------------------------------------------------------


class _Writer:
    """Writes cover, front matter, Daftar Isi and chapters into a python-docx document."""

    def __init__(self, word: WordDocument, sections: _Sections, *, notice: str) -> None:
        self.word, self.sections = word, sections
        self.notice = notice  # a note under the first heading (a template may have no header)

    def cover(self, cover: Cover) -> None:
        """Title on top, organisation below the middle, place and year at the foot: Word
        spreads the three over the page (w:vAlign), the spacing before them does the same
        where it cannot (LibreOffice), from an estimate of their height."""
        groups = [(cover.title, 18), (cover.organisation, 14), (cover.foot, 12)]
        groups = [(lines, size) for lines, size in groups if lines]
        width = self.sections.text_width()
        used = sum(_estimated_height(lines, Pt(size), width) for lines, size in groups)
        free = max(self.sections.text_height() - used - Cm(3), 0)
        gaps = (0, free * 3 // 5, free * 2 // 5) if len(groups) == 3 else (0, free)
        for (lines, size), gap in zip(groups, gaps, strict=False):
            paragraph = self.word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.line_spacing = 1.15
            paragraph.paragraph_format.space_before = Length(gap)
            _lines(paragraph, lines, bold=True, size=Pt(size))

    def body(self, document: Document, *, split: bool) -> None:
        """Front matter, the Daftar Isi, then the chapters (page 1 from BAB I if `split`)."""
        sections = document.sections
        first = next((i for i, s in enumerate(sections) if s.number), len(sections))
        for section in sections[:first]:
            self.section(section)
        if document.toc:
            self.toc(sections)
        if split:
            self.sections.switch(_Spec(page_format="decimal", restart=True))
        for section in sections[first:]:
            self.section(section)

    def section(self, section: Section) -> None:
        first = section.blocks[0] if section.blocks else None
        # a section that opens with a landscape table has its heading on the table's page
        self.sections.orient(isinstance(first, TableBlock) and first.landscape)
        new_page = section.level == 1 and not self.sections.on_new_page
        paragraph = self.word.add_paragraph(style=self._style_name(section))
        if section.level == 1 and section.number:
            _lines(paragraph, (section.number, section.title), bold=not section.in_toc)
        else:
            paragraph.add_run(section.heading if section.level > 1 else section.title)
            paragraph.runs[0].bold = not section.in_toc or None
        align = WD_ALIGN_PARAGRAPH.CENTER if section.level == 1 else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.alignment = align
        paragraph.paragraph_format.page_break_before = new_page or None
        paragraph.paragraph_format.keep_with_next = True
        if self.notice:
            self.paragraph(Paragraph(text=self.notice, style="note"))
            self.notice = ""
        for block in section.blocks:
            self.block(block)

    def _style_name(self, section: Section) -> str | None:
        return f"Heading {min(section.level, 2)}" if section.in_toc else None

    def block(self, block: Block) -> None:
        if isinstance(block, TableBlock):
            self.sections.orient(block.landscape)
            self.table(block)
            return
        if not (isinstance(block, Paragraph) and block.style == "note"):
            self.sections.orient(False)  # a note (a table's source) stays with the table
        if isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Chart):
            self.chart(block)
        else:
            self.signature(block)

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self.word.add_paragraph()
        layout = paragraph.paragraph_format
        layout.space_after = Pt(6)
        text = block.text
        if block.style in {"body", "bullet", "numbered"}:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if block.style == "body":
            layout.first_line_indent = Cm(1.25)
        elif block.style in {"bullet", "numbered"}:
            text = _list_text(text, block.style)
            hanging = Cm(0.5 if block.style == "bullet" else 0.75)
            layout.left_indent, layout.first_line_indent = Cm(0.75), -hanging
            layout.tab_stops.add_tab_stop(Cm(0.75))
        elif block.style == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        if block.style == "note":
            run.font.size, run.font.italic = Pt(9), True

    def toc(self, sections: Sequence[Section]) -> None:
        """A TOC field whose cached result lists the headings until Word updates it."""
        heading = self.word.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.paragraph_format.page_break_before = not self.sections.on_new_page or None
        heading.paragraph_format.space_after = Pt(12)
        heading.add_run("DAFTAR ISI").bold = True
        entries = [s for s in sections if s.in_toc and s.level in (1, 2)]
        for index, section in enumerate(entries or [None]):
            style = f"toc {section.level}" if section else None
            paragraph = self.word.add_paragraph(style=style)
            if index == 0:
                _field_char(paragraph, "begin")
                _instruction(paragraph, TOC_INSTRUCTION)
                _field_char(paragraph, "separate")
            if section:
                paragraph.add_run(section.heading)
        _field_char(self.word.add_paragraph(), "end")

    def table(self, block: TableBlock) -> None:
        table = block.table
        caption = self.word.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.line_spacing = 1.15
        caption.paragraph_format.space_after = Pt(6)
        lines = [block.number.upper(), table.title, table.subtitle]
        _lines(caption, [line for line in lines if line], bold=True)
        _TableWriter(self.word, table, self.sections.text_width()).write()
        for index, footnote in enumerate(table.footnotes):
            note = self.word.add_paragraph()
            note.paragraph_format.space_before = Pt(3 if index == 0 else 0)
            note.paragraph_format.line_spacing = 1.0
            note.add_run(footnote).font.size = Pt(8)
        if table.footnotes:
            note.paragraph_format.space_after = Pt(6)

    def chart(self, chart: Chart) -> None:
        picture = self.word.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        picture.paragraph_format.line_spacing = 1.0
        width = min(CHART_WIDTH, self.sections.text_width())
        picture.add_run().add_picture(BytesIO(chart_png(chart)), width=width)
        caption = self.word.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.space_after = Pt(12)
        caption.paragraph_format.line_spacing = 1.15
        caption.add_run(f"{chart.number} {chart.title}").bold = True

    def signature(self, signature: Signature) -> None:
        """In the right half: place and date, the title, room to sign, name, pangkat, NIP."""
        lines: list[tuple[str, bool]] = [(signature.place_date, False)]
        lines += [(line, False) for line in signature.title]
        lines += [(" ", False)] * 3 if signature.name else []
        lines += [(signature.name, True), (signature.pangkat, False)]
        lines += [(f"NIP. {signature.nip}" if signature.nip else "", False)]
        lines = [(text, name) for text, name in lines if text]
        indent = Length(self.sections.text_width() // 2)
        for index, (text, name) in enumerate(lines):
            paragraph = self.word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            layout = paragraph.paragraph_format
            layout.left_indent, layout.line_spacing = indent, 1.0
            layout.space_before = Pt(18 if index == 0 else 0)
            layout.keep_with_next = index < len(lines) - 1
            run = paragraph.add_run(text)
            run.bold = run.underline = name or None


def _lines(
    paragraph: WordParagraph,
    lines: Sequence[str],
    *,
    bold: bool = False,
    size: Length | None = None,
) -> None:
    """Lines in one paragraph, separated by line breaks."""
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if size is not None:
            run.font.size = size
        if index < len(lines) - 1:
            run.add_break()


def _estimated_height(lines: Sequence[str], size: Length, width: Length) -> int:
    """The height of bold lines at 1.15 spacing, wrapped at about 0.62 em a character."""
    per_line = max(int(width / (size * 0.62)), 1)
    count = sum(-(-max(len(line), 1) // per_line) for line in lines)
    return int(count * size * 1.15 * 1.15)


def _list_text(text: str, style: str) -> str:
    """A bullet ("–" and a tab) or a numbered item with a tab after its number."""
    if style == "bullet":
        return f"–\t{text}"
    match = NUMBER_PREFIX.match(text)
    return f"{match[1]}\t{match[2]}" if match else text


# --- Tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    """One cell of a table row as Word stores it: where it starts, how far it spans, and
    whether it starts (restart) or continues (continue) a vertical merge."""

    column: int
    span: int
    text: str
    merge: str | None = None


class _TableWriter:
    """One evaluation table as a Word table: header rows merged as in the official form,
    the column-number row, all of them repeated on every page; rows never split."""

    def __init__(self, word: WordDocument, table: Table, width: Length) -> None:
        self.word, self.table = word, table
        self.size, self.widths = _fitting(table, width.twips)
        self.name_column = _name_column(table)

    def write(self) -> None:
        table = OxmlElement("w:tbl")
        table.append(self._properties())
        grid = _sub(table, "w:tblGrid")
        for width in self.widths:
            _sub(grid, "w:gridCol", w=str(width))
        for slots in _header_slots(self.table.header_rows):
            table.append(self._header_row(slots, HEADER_FILL, italic=False))
        numbering = _header_slots((self.table.numbering_row(),))[0]
        table.append(self._header_row(numbering, NUMBERING_FILL, italic=True))
        for row in self.table.rows:
            table.append(self._body_row(row))
        body = self.word.element.body
        end = body.sectPr
        if end is not None:
            end.addprevious(table)
        else:
            body.append(table)

    def _properties(self) -> BaseOxmlElement:
        properties = OxmlElement("w:tblPr")
        _sub(properties, "w:tblW", w=str(sum(self.widths)), type="dxa")
        _sub(properties, "w:jc", val="center")
        borders = _sub(properties, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
        _sub(properties, "w:tblLayout", type="fixed")
        margins = _sub(properties, "w:tblCellMar")
        for side in ("left", "right"):
            _sub(margins, f"w:{side}", w=str(CELL_MARGIN), type="dxa")
        return properties

    def _header_row(self, slots: list[_Slot], fill: str, *, italic: bool) -> BaseOxmlElement:
        row = _row(header=True)
        for slot in slots:
            cell = self._cell(slot, fill=fill, valign="center")
            text = "" if slot.merge == "continue" else slot.text
            size = Pt(self.size.pt - 1) if italic else self.size
            center = WD_ALIGN_PARAGRAPH.CENTER
            self._text(cell, text, align=center, size=size, bold=not italic, italic=italic)
            row.append(cell)
        return row

    def _body_row(self, row: Row) -> BaseOxmlElement:
        element = _row(header=False)
        column = 0
        for cell in row.cells:
            slot = _Slot(column=column, span=cell.colspan, text=cell_text(cell))
            tc = self._cell(slot, fill=None, valign="top")
            numeric = cell.kind in NUMERIC_KINDS
            align = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            indent = Length(INDENT * row.depth) if column == self.name_column else None
            bold = row.kind in BOLD_ROWS
            self._text(tc, slot.text, align=align, size=self.size, bold=bold, indent=indent)
            element.append(tc)
            column += cell.colspan
        return element

    def _cell(self, slot: _Slot, *, fill: str | None, valign: str) -> BaseOxmlElement:
        cell = OxmlElement("w:tc")
        properties = _sub(cell, "w:tcPr")
        width = sum(self.widths[slot.column : slot.column + slot.span])
        _sub(properties, "w:tcW", w=str(width), type="dxa")
        if slot.span > 1:
            _sub(properties, "w:gridSpan", val=str(slot.span))
        if slot.merge:
            _sub(properties, "w:vMerge", val=slot.merge)
        borders = _sub(properties, "w:tcBorders")
        for side in ("top", "left", "bottom", "right"):
            _sub(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
        if fill:
            _sub(properties, "w:shd", val="clear", color="auto", fill=fill)
        _sub(properties, "w:vAlign", val=valign)
        return cell

    def _text(
        self,
        cell: BaseOxmlElement,
        text: str,
        *,
        align: WD_ALIGN_PARAGRAPH,
        size: Length,
        bold: bool,
        italic: bool = False,
        indent: Length | None = None,
    ) -> None:
        paragraph = WordParagraph(_sub(cell, "w:p"), self.word)
        paragraph.alignment = align
        layout = paragraph.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        layout.line_spacing = 1.0
        _mark_size(paragraph, size)
        if indent:
            layout.left_indent = indent
        if text:
            run = paragraph.add_run(text)
            run.font.size, run.bold, run.italic = size, bold or None, italic or None


def _row(*, header: bool) -> BaseOxmlElement:
    row = OxmlElement("w:tr")
    properties = _sub(row, "w:trPr")
    _sub(properties, "w:cantSplit")
    if header:
        _sub(properties, "w:tblHeader")
    return row


def _header_slots(rows: Sequence[Sequence[HeaderCell]]) -> list[list[_Slot]]:
    """The header grid row by row: each cell where it starts, and under a cell spanning
    rows, a continuing cell in each row below."""
    slots: dict[int, list[_Slot]] = {r: [] for r in range(len(rows))}
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            while (r, column) in taken:
                column += 1
            for dr in range(cell.rowspan):
                merge = None if cell.rowspan == 1 else ("restart" if dr == 0 else "continue")
                slots[r + dr].append(_Slot(column, cell.colspan, cell.text, merge))
                taken.update((r + dr, column + dc) for dc in range(cell.colspan))
            column += cell.colspan
    return [sorted(slots[r], key=lambda slot: slot.column) for r in range(len(rows))]


def _fitting(table: Table, total: int) -> tuple[Length, list[int]]:
    """The font size and column widths (twips) that fill `total`: 9 pt for a narrow
    table, else 8; smaller, to 6 pt, while its words and figures do not fit. Then, to
    5,5 pt, the header's words may wrap; then, at 5,5 pt, the body's words too (not its
    figures and codes), each column squeezed by the same share. Past that, the widths
    follow the figures and Word breaks what does not fit."""
    sizes = [9.0, 8.0] if table.width <= 8 else [8.0]
    sizes += [7.5, 7.0, 6.5, 6.0]
    for points in sizes:
        need = _measure(table, Pt(points))
        if sum(need[HEADED]) <= total:
            return Pt(points), _spread(need[HEADED], need[NATURAL], total)
    for points in (*sizes[1:], 5.5):
        need = _measure(table, Pt(points))
        if sum(need[WORDS]) <= total:
            return Pt(points), _spread(need[WORDS], need[HEADED], total)
    if sum(need[FIGURES]) <= total:  # at 5,5 pt, which leaves the words the most room
        return Pt(5.5), _spread(need[FIGURES], need[WORDS], total)
    return Pt(5.5), _spread([0] * table.width, need[FIGURES], total)


FIGURES, WORDS, HEADED, NATURAL = range(4)


def _measure(table: Table, size: Length) -> tuple[list[int], ...]:
    """Per column in twips, what its cells need: the widest figure or code (a word with
    a digit), the widest word of the body, the widest word of the header too, and
    the longest text on one line (at most 60 characters)."""
    figures, words, natural = [0] * table.width, [0] * table.width, [0] * table.width
    names = _name_column(table)
    for row in table.rows:
        column = 0
        for cell in row.cells:
            if cell.colspan == 1:
                text = cell_text(cell)  # a figure is one word; "146 Dokumen" wraps
                indent = INDENT.twips * row.depth if column == names else 0
                figure = _longest(" ".join(w for w in text.split() if re.search(r"\d", w)))
                figures[column] = max(figures[column], _twips(figure, size) + indent)
                words[column] = max(words[column], _twips(_longest(text), size) + indent)
                natural[column] = max(natural[column], _twips(text[:60], size) + indent)
            column += cell.colspan
    headed = list(words)
    for slots in (*_header_slots(table.header_rows), _header_slots((table.numbering_row(),))[0]):
        for slot in slots:
            need = _twips(_longest(slot.text), size, bold=True)
            if slot.span == 1:
                headed[slot.column] = max(headed[slot.column], need)
            elif need > sum(headed[slot.column : slot.column + slot.span]):
                for column in range(slot.column, slot.column + slot.span):
                    headed[column] = max(headed[column], need // slot.span)
    natural = [max(n, h) for n, h in zip(natural, headed, strict=True)]
    return figures, words, headed, natural


def _spread(low: list[int], high: list[int], total: int) -> list[int]:
    """Widths from `low` towards `high`, each column gaining the same share of its
    slack; past `high`, every column grows in proportion."""
    if sum(high) <= total:
        low, high = high, [width * 2 for width in high]
    slack = sum(high) - sum(low)
    share = (total - sum(low)) / slack if slack else 0
    widths = [int(a + (b - a) * share) for a, b in zip(low, high, strict=True)]
    widths[-1] += total - sum(widths)
    return widths


def _longest(text: str) -> str:
    """The longest word: lines break at spaces, and after a slash or a hyphen."""
    return max(re.split(r"\s+|(?<=[/-])", text), key=_em, default="")


def _twips(text: str, size: Length, *, bold: bool = False) -> int:
    """The room a text needs in a cell: its width in Arial (Arial's digits are as wide
    in bold), 8 % to spare for a template's wider font, 6 % more for bold words, and
    the cell margins."""
    spare = 1.08 * (1.06 if bold else 1.0)
    return int(_em(text) * size.pt * 20 * spare) + 2 * CELL_MARGIN + 10


def _em(text: str) -> float:
    """The width of `text` in em, after Arial's metrics, roughly."""
    width = 0.0
    for char in text:
        if char in ".,:;'!|iIjlt ":
            width += 0.278
        elif char in "()[]-–/frJ":
            width += 0.333
        elif char in "mwMW%@":
            width += 0.889
        elif char.isupper():
            width += 0.722
        else:
            width += 0.556
    return width


def _name_column(table: Table) -> int | None:
    """The column of the item names (program, kegiatan …), indented by depth: the first
    column in which most item rows have words, not codes."""
    counts: dict[int, int] = {}
    items = [row for row in table.rows if row.kind in ITEM_KINDS]
    for row in items:
        column = 0
        for cell in row.cells:
            if isinstance(cell.value, str) and re.search(r"[A-Za-z]{2}", cell.value):
                counts[column] = counts.get(column, 0) + 1
            column += cell.colspan
    named = [column for column in sorted(counts) if counts[column] * 2 > len(items)]
    return named[0] if named else None
