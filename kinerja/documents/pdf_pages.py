"""The PDF's pages: portrait, landscape and cover page templates, the page numbers (i, ii, …
before the first numbered chapter, 1, 2, … from it) and the PDF's page labels, the notice
on top of every page and the footer; headings reported to the Daftar Isi and the outline.
"""

from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus import Paragraph as RLParagraph

from kinerja.documents.model import Document
from kinerja.documents.pdf_styles import FONT, markup, text_styles

PAGE_SIZE = A4
LANDSCAPE_SIZE = landscape(A4)
# (left, right, top, bottom)
PORTRAIT_MARGINS = (3 * cm, 2 * cm, 2 * cm, 2 * cm)
LANDSCAPE_MARGINS = (1.5 * cm, 1.5 * cm, 2 * cm, 2 * cm)
COVER_MARGINS = (3 * cm, 2 * cm, 3 * cm, 2.5 * cm)
NOTICE_COLOUR = colors.HexColor("#c00000")
FOOTER_COLOUR = colors.HexColor("#555555")
ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


class DocTemplate(BaseDocTemplate):
    """Portrait, landscape and cover pages; page numbers, notice and footer on each page;
    headings reported to the Daftar Isi, the PDF outline and bookmarks."""

    def __init__(self, out: BytesIO, document: Document) -> None:
        super().__init__(
            out,
            pagesize=PAGE_SIZE,
            title=document.title,
            author="Kinerja",
            creator="Kinerja",
            subject=document.title,
            lang="id-ID",
        )
        self.document = document
        self.cover_pages = 1 if document.cover else 0
        self.roman_front = any(s.level == 1 and s.number for s in document.sections)
        templates = [
            _page_template("portrait", PAGE_SIZE, PORTRAIT_MARGINS),
            _page_template("landscape", LANDSCAPE_SIZE, LANDSCAPE_MARGINS),
        ]
        cover = _page_template("cover", PAGE_SIZE, COVER_MARGINS)
        self.addPageTemplates([cover, *templates] if document.cover else [*templates, cover])

    def beforeDocument(self) -> None:
        """Reset what one pass learns: the first chapter's page, the outline depth."""
        self.chapter_page: int | None = None
        self.outline_level = -1
        self.label_kind = ""

    def page_number(self) -> int:
        """The printed number of the current page: n > 0 is arabic n, n < 0 is roman −n,
        0 is none (the cover)."""
        if self.pageTemplate.id == "cover":
            return 0
        if self.chapter_page is not None:
            return self.page - self.chapter_page + 1
        number = self.page - self.cover_pages
        return -number if self.roman_front else number

    def afterFlowable(self, flowable: Flowable) -> None:
        """Report a heading to the Daftar Isi and the outline, on the page it landed on."""
        if not isinstance(flowable, Heading):
            return
        if flowable.starts_numbering and self.chapter_page is None:
            self.chapter_page = self.page
        self.canv.bookmarkPage(flowable.key)
        level = min(flowable.level, self.outline_level + 1)
        self.canv.addOutlineEntry(flowable.plain, flowable.key, level=level, closed=False)
        self.outline_level = level
        if flowable.in_toc:
            entry = (flowable.level, markup(flowable.plain), self.page_number(), flowable.key)
            self.notify("TOCEntry", entry)

    def decorate(self, canvas: Any) -> None:
        """The notice at the top; page number and title at the foot; the page label."""
        width, height = self.pageTemplate.pagesize
        if self.document.notice:
            _draw_notice(canvas, self.document.notice, width, height)
        number = self.page_number()
        self._label(canvas, number)
        if number == 0:
            return
        canvas.saveState()
        canvas.setFont(FONT, 9.5)
        canvas.drawCentredString(width / 2, 1.15 * cm, page_label(number))
        canvas.setFont(FONT, 7)
        canvas.setFillColor(FOOTER_COLOUR)
        canvas.drawCentredString(width / 2, 0.7 * cm, self.document.title)
        canvas.restoreState()

    def _label(self, canvas: Any, number: int) -> None:
        """The PDF page label (what a viewer shows), set where the numbering changes."""
        kind = "cover" if number == 0 else "roman" if number < 0 else "arabic"
        if kind == self.label_kind:
            return
        self.label_kind = kind
        if kind == "cover":
            canvas.addPageLabel(self.page - 1, prefix="Sampul")
        elif kind == "roman":
            canvas.addPageLabel(self.page - 1, "ROMAN_LOWER", -number)
        else:
            canvas.addPageLabel(self.page - 1, "ARABIC", number)


def _page_template(name: str, size: tuple[float, float], margins: tuple[float, ...]) -> Any:
    left, right, top, bottom = margins
    width, height = size
    frame = Frame(
        left,
        bottom,
        width - left - right,
        height - top - bottom,
        id=name,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    return PageTemplate(
        id=name,
        frames=[frame],
        pagesize=size,
        onPageEnd=lambda canvas, doc: doc.decorate(canvas),
        autoNextPageTemplate="portrait" if name == "cover" else None,
    )


def frame_width(orientation: str) -> float:
    size, margins = (
        (LANDSCAPE_SIZE, LANDSCAPE_MARGINS)
        if orientation == "landscape"
        else (PAGE_SIZE, PORTRAIT_MARGINS)
    )
    return float(size[0] - margins[0] - margins[1])


def _draw_notice(canvas: Any, notice: str, width: float, height: float) -> None:
    paragraph = RLParagraph(
        f'<font color="{NOTICE_COLOUR.hexval()}">{markup(notice)}</font>', text_styles()["notice"]
    )
    _, used = paragraph.wrap(width - 4 * cm, 2 * cm)
    paragraph.drawOn(canvas, 2 * cm, height - 1.0 * cm - used)


def page_label(number: int) -> str:
    """A page number as printed: 3 → "3", −2 → "ii" (front matter), 0 → ""."""
    if number >= 0:
        return str(number) if number else ""
    value, out = -number, ""
    for amount, letters in ROMAN:
        while value >= amount:
            out += letters
            value -= amount
    return out


class Heading(RLParagraph):
    """A heading paragraph that never splits; `level` 0 is a chapter, 1 a subsection."""

    def __init__(
        self,
        markup: str,
        style: ParagraphStyle,
        *,
        plain: str,
        level: int,
        key: str,
        in_toc: bool,
        starts_numbering: bool = False,
    ) -> None:
        super().__init__(markup, style)
        self.plain = plain
        self.level = level
        self.key = key
        self.in_toc = in_toc
        self.starts_numbering = starts_numbering

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []
