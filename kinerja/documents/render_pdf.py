"""A `Document` as a PDF (ReportLab platypus) that reads like an official government document.

A4 portrait with 3 cm left and 2 cm other margins; a cover page without a page number;
chapters ("BAB I" / "PENDAHULUAN") on a new page; a Daftar Isi with the real page numbers
(built in several passes); tables on landscape pages with their header rows and the
column-number row repeated on every page; charts as PNG images; the signature block in the
right half of the page. Pages before the first numbered chapter are numbered i, ii, …
(as in the seed Renja: Kata Pengantar i, Daftar Isi ii), the first chapter starts at 1;
the PDF's page labels say the same. Every page carries the document's notice at the top.

This module builds the story (the flowables in order, with the page orientation each
needs); `pdf_pages` has the page templates and numbering, `pdf_table` the tables and
`pdf_styles` the fonts and styles.
"""

import re
from io import BytesIO
from typing import Any

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreakIfNotEmpty,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tableofcontents import TableOfContents

from kinerja.documents.charts import chart_png
from kinerja.documents.model import (
    Chart,
    Cover,
    Document,
    Paragraph,
    Section,
    Signature,
    TableBlock,
)
from kinerja.documents.pdf_pages import DocTemplate, Heading, frame_width, page_label
from kinerja.documents.pdf_styles import markup, register_fonts, text_styles
from kinerja.documents.pdf_table import pdf_table

CHART_WIDTH = 15 * cm
SIGNATURE_ROOM = 2.2 * cm
NUMBER_PREFIX = re.compile(r"^\s*(\(?(?:\d+|[a-zA-Z])[.)])\s+(.*)$", re.DOTALL)


def render_pdf(document: Document) -> bytes:
    """The document as the bytes of a PDF file."""
    register_fonts()
    out = BytesIO()
    template = DocTemplate(out, document)
    template.multiBuild(_story(document))
    return out.getvalue()


# --- the story: the flowables in order, orientation switches ------------------------------


class _Story:
    """Builds the flowables, switching to landscape pages and back where blocks need it."""

    def __init__(self, document: Document) -> None:
        self.flowables: list[Flowable] = []
        self.orientation = "cover" if document.cover else "portrait"

    def new_page(self, orientation: str) -> None:
        """Start a page of `orientation` unless the current page is still empty."""
        self.flowables.append(PageBreakIfNotEmpty(nextTemplate=orientation))
        self.orientation = orientation

    def turn(self, orientation: str) -> None:
        if orientation != self.orientation:
            self.new_page(orientation)

    def section(self, section: Section, index: int) -> None:
        first = section.blocks[0] if section.blocks else None
        orientation = _orientation(first, "portrait") if first else "portrait"
        if section.level == 1:
            self.new_page(orientation)
        else:
            self.turn(orientation)
        self.flowables.append(
            Heading(
                _headingmarkup(section),
                text_styles()["chapter" if section.level == 1 else "section"],
                plain=section.heading,
                level=0 if section.level == 1 else 1,
                key=f"bagian-{index}",
                in_toc=section.in_toc and section.level <= 2,
                starts_numbering=section.level == 1 and bool(section.number),
            )
        )
        for block in section.blocks:
            self.turn(_orientation(block, self.orientation))
            self.flowables.extend(_block(block, frame_width(self.orientation)))

    def daftar_isi(self) -> None:
        self.new_page("portrait")
        toc = TableOfContents(dotsMinLevel=0, formatter=page_label)
        toc.levelStyles = [text_styles()["toc0"], text_styles()["toc1"]]
        heading = Heading(
            "DAFTAR ISI",
            text_styles()["chapter"],
            plain="DAFTAR ISI",
            level=0,
            key="daftar-isi",
            in_toc=True,
        )
        self.flowables += [heading, toc]


def _story(document: Document) -> list[Flowable]:
    story = _Story(document)
    if document.cover:
        story.flowables.append(_CoverPage(document.cover))
    toc_due = document.toc
    for index, section in enumerate(document.sections):
        if toc_due and section.number:
            story.daftar_isi()
            toc_due = False
        story.section(section, index)
    if toc_due:
        story.daftar_isi()
    return story.flowables


def _headingmarkup(section: Section) -> str:
    if section.level == 1 and section.number:
        return f"{markup(section.number)}<br/>{markup(section.title)}"
    return markup(section.heading)


def _orientation(block: object, current: str) -> str:
    """The page a block goes on: a table its own; a signature or a note stays with what
    precedes it (the form it signs, the table it sources); anything else portrait."""
    if isinstance(block, TableBlock):
        return "landscape" if block.landscape else "portrait"
    if isinstance(block, Signature) or (isinstance(block, Paragraph) and block.style == "note"):
        return current if current != "cover" else "portrait"
    return "portrait"


def _block(block: object, width: float) -> list[Flowable]:
    if isinstance(block, Paragraph):
        return [_paragraph(block)]
    if isinstance(block, TableBlock):
        return _table_block(block, width)
    if isinstance(block, Chart):
        return _chart(block)
    if isinstance(block, Signature):
        return _signature(block)
    raise TypeError(f"blok {type(block).__name__} tidak dikenal")


# --- blocks ------------------------------------------------------------------------------


def _paragraph(paragraph: Paragraph) -> Flowable:
    styles = text_styles()
    if paragraph.style == "bullet":
        return RLParagraph(markup(paragraph.text), styles["bullet"], bulletText="–")
    if paragraph.style == "numbered":
        match = NUMBER_PREFIX.match(paragraph.text)
        if match is None:
            return RLParagraph(markup(paragraph.text), styles["hanging"])
        number, text = match.groups()
        return RLParagraph(markup(text), styles["numbered"], bulletText=markup(number))
    return RLParagraph(markup(paragraph.text), styles[paragraph.style])


def _chart(chart: Chart) -> list[Flowable]:
    png = chart_png(chart)
    pixels_wide, pixels_high = ImageReader(BytesIO(png)).getSize()
    image = Image(BytesIO(png), width=CHART_WIDTH, height=CHART_WIDTH * pixels_high / pixels_wide)
    caption = RLParagraph(markup(f"{chart.number} {chart.title}"), text_styles()["caption"])
    return [KeepTogether([Spacer(1, 6), image, Spacer(1, 4), caption])]


def _signature(signature: Signature) -> list[Flowable]:
    style = text_styles()["signature"]
    lines: list[Flowable] = []
    if signature.place_date:
        lines.append(RLParagraph(markup(signature.place_date), style))
    lines += [RLParagraph(markup(line), style) for line in signature.title]
    lines.append(Spacer(1, SIGNATURE_ROOM))
    lines.append(RLParagraph(f"<u><b>{markup(signature.name)}</b></u>", style))
    if signature.pangkat:
        lines.append(RLParagraph(markup(signature.pangkat), style))
    if signature.nip:
        lines.append(RLParagraph(markup(f"NIP. {signature.nip}"), style))
    box = RLTable([["", lines]], colWidths=["40%", "60%"])
    box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_no_padding()]))
    return [Spacer(1, 0.8 * cm), KeepTogether([box])]


def _no_padding() -> list[tuple[Any, ...]]:
    sides = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
    return [(side, (0, 0), (-1, -1), 0) for side in sides]


class _CoverPage(Flowable):
    """The whole cover: title lines high up, organisation lines below the middle, the
    place and year at the foot."""

    def __init__(self, cover: Cover) -> None:
        super().__init__()
        styles = text_styles()
        self.title = [RLParagraph(markup(t), styles["cover_title"]) for t in cover.title]
        self.organisation = [
            RLParagraph(markup(t), styles["cover_organisation"]) for t in cover.organisation
        ]
        self.foot = [RLParagraph(markup(t), styles["cover_foot"]) for t in cover.foot]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = availWidth, availHeight - 1
        return self.width, self.height

    def draw(self) -> None:
        bottom = self._stack(self.title, self.height * 0.82)
        self._stack(self.organisation, min(self.height * 0.42, bottom - 2 * cm))
        foot_height = sum(p.wrap(self.width, self.height)[1] for p in self.foot)
        self._stack(self.foot, foot_height)

    def _stack(self, paragraphs: list[Any], top: float) -> float:
        """Draw `paragraphs` downwards from `top`; return where they end."""
        for paragraph in paragraphs:
            _, used = paragraph.wrap(self.width, self.height)
            top -= used
            paragraph.drawOn(self.canv, 0, top)
        return top


def _table_block(block: TableBlock, width: float) -> list[Flowable]:
    styles = text_styles()
    table = block.table
    lines = [block.number.upper(), table.title, table.subtitle]
    titles = [RLParagraph(markup(line), styles["table_title"]) for line in lines if line]
    notes = [RLParagraph(markup(note), styles["footnote"]) for note in table.footnotes]
    return [
        CondPageBreak(5 * cm),
        *titles,
        Spacer(1, 8),
        pdf_table(table, width),
        Spacer(1, 4),
        *notes,
        Spacer(1, 10),
    ]
