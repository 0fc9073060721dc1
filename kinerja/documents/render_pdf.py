"""A `Document` as a PDF (ReportLab platypus) that reads like an official government document.

A4 portrait with 3 cm left and 2 cm other margins; a cover page without a page number;
chapters ("BAB I" / "PENDAHULUAN") on a new page; a Daftar Isi with the real page numbers
(built in several passes); tables on landscape pages with their header rows and the
column-number row repeated on every page; charts as PNG images; the signature block in the
right half of the page. Pages before the first numbered chapter are numbered i, ii, …
(as in the seed Renja: Kata Pengantar i, Daftar Isi ii), the first chapter starts at 1;
the PDF's page labels say the same. Every page carries the document's notice at the top.

The fonts are the DejaVu Sans TTFs that ship inside matplotlib (no system fonts), embedded
so that "–", "≥", "−" and "×" print.
"""

import re
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreakIfNotEmpty,
    PageTemplate,
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
from kinerja.evaluation.tables import Cell, HeaderCell, Row, Table
from kinerja.monitoring.display import DASH, cell_text

PAGE_SIZE = A4
LANDSCAPE_SIZE = landscape(A4)
# (left, right, top, bottom)
PORTRAIT_MARGINS = (3 * cm, 2 * cm, 2 * cm, 2 * cm)
LANDSCAPE_MARGINS = (1.5 * cm, 1.5 * cm, 2 * cm, 2 * cm)
COVER_MARGINS = (3 * cm, 2 * cm, 3 * cm, 2.5 * cm)

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

BODY_SIZE = 10.5
TABLE_FONT_SIZE = 7.5
MIN_TABLE_FONT_SIZE = 5.5
CELL_PADDING = 1.5
TEXT_COLUMN_SHARE = 0.28  # a text column's natural width is at most this share of the frame
CHART_WIDTH = 15 * cm
SIGNATURE_ROOM = 2.2 * cm
HEADER_FILL = colors.HexColor("#d9d9d9")
NUMBERING_FILL = colors.HexColor("#f2f2f2")
NOTICE_COLOUR = colors.HexColor("#c00000")
FOOTER_COLOUR = colors.HexColor("#555555")
BOLD_ROWS = {"program", "total"}
NUMBER_PREFIX = re.compile(r"^\s*(\(?(?:\d+|[a-zA-Z])[.)])\s+(.*)$", re.DOTALL)
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


def render_pdf(document: Document) -> bytes:
    """The document as the bytes of a PDF file."""
    _register_fonts()
    out = BytesIO()
    template = _DocTemplate(out, document)
    template.multiBuild(_story(document))
    return out.getvalue()


# --- fonts and styles ---------------------------------------------------------------------


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


def _style(name: str, **options: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FONT,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.5,
        "bulletFontName": FONT,
        "bulletFontSize": BODY_SIZE,
    }
    return ParagraphStyle(name, **{**base, **options})


@cache
def _styles() -> dict[str, ParagraphStyle]:
    body = {"alignment": TA_JUSTIFY, "spaceAfter": 6}
    return {
        "body": _style("body", firstLineIndent=1.25 * cm, **body),
        "bullet": _style("bullet", leftIndent=1.25 * cm, bulletIndent=0.6 * cm, **body),
        "numbered": _style("numbered", leftIndent=0.9 * cm, bulletIndent=0, **body),
        "hanging": _style("hanging", leftIndent=0.9 * cm, firstLineIndent=-0.9 * cm, **body),
        "note": _style("note", fontName=ITALIC, fontSize=8.5, leading=11, spaceAfter=6),
        "center": _style("center", alignment=TA_CENTER, spaceAfter=6),
        "chapter": _style(
            "chapter", fontName=BOLD, fontSize=12.5, leading=20, alignment=TA_CENTER, spaceAfter=18
        ),
        "section": _style(
            "section", fontName=BOLD, fontSize=11, spaceBefore=10, spaceAfter=4, keepWithNext=1
        ),
        "cover_title": _style(
            "cover_title", fontName=BOLD, fontSize=20, leading=28, alignment=TA_CENTER
        ),
        "cover_organisation": _style(
            "cover_organisation", fontName=BOLD, fontSize=14, leading=20, alignment=TA_CENTER
        ),
        "cover_foot": _style(
            "cover_foot", fontName=BOLD, fontSize=13, leading=19, alignment=TA_CENTER
        ),
        "table_title": _style(
            "table_title", fontName=BOLD, fontSize=10, leading=13, alignment=TA_CENTER
        ),
        "caption": _style(
            "caption", fontName=BOLD, fontSize=9.5, leading=13, alignment=TA_CENTER, spaceAfter=8
        ),
        "footnote": _style("footnote", fontSize=7, leading=9),
        "signature": _style("signature", fontSize=10, leading=13, alignment=TA_CENTER),
        "toc0": _style("toc0", leading=BODY_SIZE * 1.35, spaceBefore=5),
        "toc1": _style("toc1", leading=BODY_SIZE * 1.35, leftIndent=1 * cm),
        "notice": _style("notice", fontName=ITALIC, fontSize=8, leading=10, alignment=TA_CENTER),
    }


@cache
def _cell_styles(size: float) -> dict[str, ParagraphStyle]:
    cell = {"fontSize": size, "leading": size * 1.2}
    return {
        "text": _style("cell", **cell),
        "text_bold": _style("cell_bold", fontName=BOLD, **cell),
        "number": _style("cell_number", alignment=TA_RIGHT, **cell),
        "number_bold": _style("cell_number_bold", fontName=BOLD, alignment=TA_RIGHT, **cell),
        "header": _style("cell_header", fontName=BOLD, alignment=TA_CENTER, **cell),
        "numbering": _style("cell_numbering", alignment=TA_CENTER, **cell),
    }


def _markup(text: str) -> str:
    """Plain text as ReportLab mini-markup: `&`, `<`, `>` escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


# --- the document template: page templates, page numbers, TOC entries ---------------------


class _DocTemplate(BaseDocTemplate):
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
        if not isinstance(flowable, _Heading):
            return
        if flowable.starts_numbering and self.chapter_page is None:
            self.chapter_page = self.page
        self.canv.bookmarkPage(flowable.key)
        level = min(flowable.level, self.outline_level + 1)
        self.canv.addOutlineEntry(flowable.plain, flowable.key, level=level, closed=False)
        self.outline_level = level
        if flowable.in_toc:
            entry = (flowable.level, _markup(flowable.plain), self.page_number(), flowable.key)
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


def _frame_width(orientation: str) -> float:
    size, margins = (
        (LANDSCAPE_SIZE, LANDSCAPE_MARGINS)
        if orientation == "landscape"
        else (PAGE_SIZE, PORTRAIT_MARGINS)
    )
    return float(size[0] - margins[0] - margins[1])


def _draw_notice(canvas: Any, notice: str, width: float, height: float) -> None:
    paragraph = RLParagraph(
        f'<font color="{NOTICE_COLOUR.hexval()}">{_markup(notice)}</font>', _styles()["notice"]
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


# --- the story: the flowables in order, orientation switches ------------------------------


class _Heading(RLParagraph):
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
            _Heading(
                _heading_markup(section),
                _styles()["chapter" if section.level == 1 else "section"],
                plain=section.heading,
                level=0 if section.level == 1 else 1,
                key=f"bagian-{index}",
                in_toc=section.in_toc and section.level <= 2,
                starts_numbering=section.level == 1 and bool(section.number),
            )
        )
        for block in section.blocks:
            self.turn(_orientation(block, self.orientation))
            self.flowables.extend(_block(block, _frame_width(self.orientation)))

    def daftar_isi(self) -> None:
        self.new_page("portrait")
        toc = TableOfContents(dotsMinLevel=0, formatter=page_label)
        toc.levelStyles = [_styles()["toc0"], _styles()["toc1"]]
        heading = _Heading(
            "DAFTAR ISI",
            _styles()["chapter"],
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


def _heading_markup(section: Section) -> str:
    if section.level == 1 and section.number:
        return f"{_markup(section.number)}<br/>{_markup(section.title)}"
    return _markup(section.heading)


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
    styles = _styles()
    if paragraph.style == "bullet":
        return RLParagraph(_markup(paragraph.text), styles["bullet"], bulletText="–")
    if paragraph.style == "numbered":
        match = NUMBER_PREFIX.match(paragraph.text)
        if match is None:
            return RLParagraph(_markup(paragraph.text), styles["hanging"])
        number, text = match.groups()
        return RLParagraph(_markup(text), styles["numbered"], bulletText=_markup(number))
    return RLParagraph(_markup(paragraph.text), styles[paragraph.style])


def _chart(chart: Chart) -> list[Flowable]:
    png = chart_png(chart)
    pixels_wide, pixels_high = ImageReader(BytesIO(png)).getSize()
    image = Image(BytesIO(png), width=CHART_WIDTH, height=CHART_WIDTH * pixels_high / pixels_wide)
    caption = RLParagraph(_markup(f"{chart.number} {chart.title}"), _styles()["caption"])
    return [KeepTogether([Spacer(1, 6), image, Spacer(1, 4), caption])]


def _signature(signature: Signature) -> list[Flowable]:
    style = _styles()["signature"]
    lines: list[Flowable] = []
    if signature.place_date:
        lines.append(RLParagraph(_markup(signature.place_date), style))
    lines += [RLParagraph(_markup(line), style) for line in signature.title]
    lines.append(Spacer(1, SIGNATURE_ROOM))
    lines.append(RLParagraph(f"<u><b>{_markup(signature.name)}</b></u>", style))
    if signature.pangkat:
        lines.append(RLParagraph(_markup(signature.pangkat), style))
    if signature.nip:
        lines.append(RLParagraph(_markup(f"NIP. {signature.nip}"), style))
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
        styles = _styles()
        self.title = [RLParagraph(_markup(t), styles["cover_title"]) for t in cover.title]
        self.organisation = [
            RLParagraph(_markup(t), styles["cover_organisation"]) for t in cover.organisation
        ]
        self.foot = [RLParagraph(_markup(t), styles["cover_foot"]) for t in cover.foot]

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


# --- tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableLayout:
    """How a table is set: its font size and its column widths (points)."""

    font_size: float
    widths: tuple[float, ...]


def _table_block(block: TableBlock, width: float) -> list[Flowable]:
    styles = _styles()
    table = block.table
    lines = [block.number.upper(), table.title, table.subtitle]
    titles = [RLParagraph(_markup(line), styles["table_title"]) for line in lines if line]
    notes = [RLParagraph(_markup(note), styles["footnote"]) for note in table.footnotes]
    return [
        CondPageBreak(5 * cm),
        *titles,
        Spacer(1, 8),
        pdf_table(table, width),
        Spacer(1, 4),
        *notes,
        Spacer(1, 10),
    ]


def pdf_table(table: Table, width: float) -> Any:
    """The table as a ReportLab table `width` wide: header rows with their spans and the
    numbering row (repeated on every page), the body, footer rows spanning."""
    layout = table_layout(table, width)
    data, commands = _header_rows(table, _cell_styles(layout.font_size))
    heading = len(data)
    for row in table.rows:
        cells, row_commands = _body_row(row, len(data), layout)
        data.append(cells)
        commands += row_commands
    result = RLTable(data, colWidths=layout.widths, repeatRows=heading, hAlign="CENTER")
    result.setStyle(TableStyle(_base_commands(layout.font_size, heading) + commands))
    return result


def _base_commands(size: float, heading: int) -> list[tuple[Any, ...]]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.2),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, heading - 1), "MIDDLE"),
        ("ALIGN", (0, heading), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, heading - 2), HEADER_FILL),
        ("BACKGROUND", (0, heading - 1), (-1, heading - 1), NUMBERING_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]


def _placed(rows: tuple[tuple[HeaderCell, ...], ...]) -> list[tuple[int, int, HeaderCell]]:
    """Each header cell with its grid row and column, skipping places taken by row spans."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            while (r, column) in taken:
                column += 1
            placed.append((r, column, cell))
            taken.update(
                (r + dr, column + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            )
            column += cell.colspan
    return placed


def _heads(table: Table) -> list[tuple[int, int, HeaderCell]]:
    """The header cells and, in the row under them, the numbering cells, placed."""
    numbering = len(table.header_rows)
    heads = _placed(table.header_rows)
    return heads + [(numbering, c, cell) for _, c, cell in _placed((table.numbering_row(),))]


def _header_rows(
    table: Table, styles: dict[str, ParagraphStyle]
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """The header rows and the numbering row under them, with their spans."""
    numbering = len(table.header_rows)
    grid: list[list[Any]] = [[""] * table.width for _ in range(numbering + 1)]
    commands: list[tuple[Any, ...]] = []
    for r, c, cell in _heads(table):
        style = styles["numbering" if r == numbering else "header"]
        grid[r][c] = RLParagraph(_markup(cell.text), style)
        if cell.colspan > 1 or cell.rowspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    return grid, commands


def _body_row(row: Row, r: int, layout: TableLayout) -> tuple[list[Any], list[tuple[Any, ...]]]:
    bold = row.kind in BOLD_ROWS
    cells: list[Any] = []
    commands: list[tuple[Any, ...]] = []
    if bold:
        commands.append(("FONTNAME", (0, r), (-1, r), BOLD))
    for cell in row.cells:
        c = len(cells)
        text = cell_text(cell)
        if cell.colspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r)))
        if text == DASH:
            commands.append(("ALIGN", (c, r), (c, r), "CENTER"))
        room = layout.widths[c] - 2 * CELL_PADDING
        cells.append(_cell_content(cell, text, bold, layout.font_size, room))
        cells += [""] * (cell.colspan - 1)
    return cells, commands


def _figure(cell: Cell, text: str) -> bool:
    """True when the cell prints as one unbreakable string (a figure, a dash)."""
    return cell.colspan == 1 and (text == DASH or (cell.kind != "text" and " " not in text))


def _cell_content(cell: Cell, text: str, bold: bool, size: float, room: float) -> Any:
    """A figure as a plain string (folded at its thousands dots only when it does not fit
    its column), anything else as a wrapping paragraph."""
    styles = _cell_styles(size)
    font = BOLD if bold else FONT
    if not text:
        return text
    if _figure(cell, text):
        lines = _fold(text, font, size, room)
        if len(lines) == 1:
            return text
        markup = "<br/>".join(_markup(line) for line in lines)
        return RLParagraph(markup, styles["number_bold" if bold else "number"])
    kind = "text" if cell.kind == "text" or cell.colspan > 1 else "number"
    return RLParagraph(_markup(text), styles[f"{kind}_bold" if bold else kind])


def _fold(text: str, font: str, size: float, room: float) -> list[str]:
    """A figure in lines no wider than `room`, broken only after its thousands dots."""
    lines: list[str] = []
    for group in re.findall(r"[^.]*\.|[^.]+$", text):
        if lines and pdfmetrics.stringWidth(lines[-1] + group, font, size) <= room:
            lines[-1] += group
        else:
            lines.append(group)
    return lines


def _folded_width(text: str, font: str, size: float) -> float:
    """The width of a figure folded in two lines at the best of its thousands dots."""
    groups = re.findall(r"[^.]*\.|[^.]+$", text)
    best = pdfmetrics.stringWidth(text, font, size)
    for index in range(1, len(groups)):
        parts = ("".join(groups[:index]), "".join(groups[index:]))
        best = min(best, max(pdfmetrics.stringWidth(part, font, size) for part in parts))
    return best


def table_layout(table: Table, width: float) -> TableLayout:
    """Column widths from the content, filling `width`: text columns get the room left after
    the figures and the longest words. The font shrinks (down to `MIN_TABLE_FONT_SIZE`)
    while the figures and words do not fit; if they still do not, the widest figures fold
    at their thousands dots."""
    _register_fonts()
    size = TABLE_FONT_SIZE
    widths = _measure(table, size, width)
    while sum(widths.fixed) > width and size > MIN_TABLE_FONT_SIZE:
        size = max(MIN_TABLE_FONT_SIZE, size - 0.25)
        widths = _measure(table, size, width)
    return TableLayout(font_size=size, widths=_fit(widths, width))


@dataclass(frozen=True)
class _Widths:
    """Per column, padding included: `least` (the longest word, a figure folded in two),
    `fixed` (the longest word or whole figure) and `natural` (text on one line, capped)."""

    least: list[float]
    fixed: list[float]
    natural: list[float]


def _fit(widths: _Widths, width: float) -> tuple[float, ...]:
    if sum(widths.natural) <= width:
        return tuple(n * width / sum(widths.natural) for n in widths.natural)
    if sum(widths.fixed) <= width:
        return _between(widths.fixed, widths.natural, width)
    if sum(widths.least) <= width:
        return _between(widths.least, widths.fixed, width)
    return tuple(x * width / sum(widths.least) for x in widths.least)


def _between(low: list[float], high: list[float], width: float) -> tuple[float, ...]:
    """Widths from `low` towards `high`, each gaining the same share of its slack."""
    slack = sum(high) - sum(low)
    share = (width - sum(low)) / slack if slack else 0
    return tuple(a + (b - a) * share for a, b in zip(low, high, strict=True))


def _measure(table: Table, size: float, width: float) -> _Widths:
    count = table.width
    least, fixed, natural = [2 * size] * count, [2 * size] * count, [0.0] * count
    spans: list[tuple[int, int, float]] = []
    numbering = len(table.header_rows)
    for r, c, head in _heads(table):
        font = FONT if r == numbering else BOLD
        need = _text_width(head.text, font, size, whole=r == numbering)
        if head.colspan == 1:
            least[c] = fixed[c] = max(fixed[c], need)
            natural[c] = max(natural[c], _text_width(head.text, font, size, whole=True) / 3)
        else:
            spans.append((c, head.colspan, need))
    for row in table.rows:
        _measure_row(row, size, width * TEXT_COLUMN_SHARE, _Widths(least, fixed, natural))
    pad = 2 * CELL_PADDING
    least = [x + pad for x in least]
    fixed = [x + pad for x in fixed]
    natural = [max(x + pad, f) for x, f in zip(natural, fixed, strict=True)]
    for c, span, need in spans:
        for widths in (least, fixed, natural):
            _widen(widths, c, span, need + pad)
    return _Widths(least, fixed, natural)


def _measure_row(row: Row, size: float, cap: float, widths: _Widths) -> None:
    font = BOLD if row.kind in BOLD_ROWS else FONT
    c = 0
    for cell in row.cells:
        text = cell_text(cell)
        if cell.colspan == 1 and text:
            whole = _text_width(text, font, size, whole=True)
            if _figure(cell, text):
                widths.least[c] = max(widths.least[c], _folded_width(text, font, size))
                widths.fixed[c] = max(widths.fixed[c], whole)
            else:
                longest = _text_width(text, font, size)
                widths.least[c] = max(widths.least[c], longest)
                widths.fixed[c] = max(widths.fixed[c], longest)
            widths.natural[c] = max(widths.natural[c], min(cap, whole))
        c += cell.colspan


def _widen(widths: list[float], start: int, span: int, need: float) -> None:
    have = sum(widths[start : start + span])
    if need > have:
        for c in range(start, start + span):
            widths[c] += (need - have) / span


def _text_width(text: str, font: str, size: float, *, whole: bool = False) -> float:
    """The width of `text` on one line, or (unless `whole`) of its longest word."""
    parts = [text] if whole else text.split()
    return max((pdfmetrics.stringWidth(part, font, size) for part in parts), default=0.0)
