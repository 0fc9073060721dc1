"""The Word document's sections: portrait and landscape pages, page numbering (i, ii, …
then 1, 2, …) and the cover. Every section of the body is a copy of one "host" section
(the document's last one, or the pemda template's section that holds the body), turned
landscape or restarting its page numbers where needed."""

from copy import deepcopy
from dataclasses import dataclass, replace

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.section import CT_SectPr
from docx.oxml.text.paragraph import CT_P
from docx.section import Section as WordSection
from docx.shared import Length, Pt

from kinerja.documents.docx_page import PAGE, notice, width_of
from kinerja.documents.docx_xml import mark_size

# Elements that follow w:pgNumType, w:vAlign in w:sectPr (OOXML order).
AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:docGrid")
AFTER_VALIGN = ("w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:docGrid")


@dataclass(frozen=True)
class Spec:
    """What a section of the body changes in the host section."""

    landscape: bool = False
    page_format: str | None = None  # w:pgNumType/@w:fmt: lowerRoman, decimal
    restart: bool = False  # page numbers start again at 1
    cover: bool = False  # vertically spread, no page number, notice in the header


class Sections:
    """The body's sections. A section ends where the spec changes (a landscape table,
    the first chapter) with a copy of the host's section properties in the last
    paragraph; the host itself becomes the last section."""

    def __init__(
        self,
        word: WordDocument,
        host: CT_SectPr,
        spec: Spec,
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

    def switch(self, spec: Spec) -> None:
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
        return width_of(section)

    def text_height(self) -> Length:
        section = WordSection(self.host, self.word.part)
        height = section.page_height or PAGE[1]
        return Length(height - (section.top_margin or 0) - (section.bottom_margin or 0))

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
        mark_size(paragraph, Pt(1))
        return paragraph._p

    def _apply(self, properties: CT_SectPr, spec: Spec, *, first: bool) -> None:
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
            notice(section.first_page_header.paragraphs[0], self.notice)
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


def host(word: WordDocument) -> CT_SectPr:
    """The document's last section properties: the host of a new document's body."""
    return word.element.body.get_or_add_sectPr()
