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

This module writes the document's flow (cover, front matter, Daftar Isi, chapters and
their blocks); `docx_page` has the page setup and styles, `docx_sections` the sections,
`docx_table` the tables and `docx_xml` the low-level OOXML helpers.
"""

import re
from collections.abc import Mapping, Sequence
from io import BytesIO

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section as WordSection
from docx.shared import Cm, Length, Pt
from docx.text.paragraph import Paragraph as WordParagraph

from kinerja.documents.charts import chart_png
from kinerja.documents.docx_page import (
    ensure_styles,
    notice_in_headers,
    setup,
    update_fields_on_open,
    width_of,
)
from kinerja.documents.docx_sections import Sections, Spec, host
from kinerja.documents.docx_table import write_table
from kinerja.documents.docx_xml import field_char, instruction
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

CHART_WIDTH = Cm(15)
NUMBER_PREFIX = re.compile(r"^(\(?[0-9A-Za-z]{1,3}[.)])\s+(.*)$", re.DOTALL)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '


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
    setup(word, document)
    split = _numbering_split(document)
    front = Spec(page_format="lowerRoman" if split else "decimal", restart=True)
    first = Spec(cover=True) if document.cover else front
    sections = Sections(word, host(word), first, started=False, notice=document.notice)
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
    ensure_styles(word, restyle=False, width=width_of(WordSection(placement.host, word.part)))
    update_fields_on_open(word)
    sections = Sections(word, placement.host, Spec(), started=True, new_page=placement.new_page)
    if document.notice:
        notice_in_headers(WordSection(placement.host, word.part), document.notice)
    _Writer(word, sections, notice=document.notice).body(document, split=False)
    sections.finish(trailing=placement.trailing)


def _numbering_split(document: Document) -> bool:
    """Whether the front matter is numbered apart (i, ii) from the chapters (1, 2)."""
    numbered = [bool(section.number) for section in document.sections]
    return any(numbered) and (not numbered[0] or document.toc)


# --- The body ----------------------------------------------------------------------------


class _Writer:
    """Writes cover, front matter, Daftar Isi and chapters into a python-docx document."""

    def __init__(self, word: WordDocument, sections: Sections, *, notice: str) -> None:
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
            self.sections.switch(Spec(page_format="decimal", restart=True))
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
                field_char(paragraph, "begin")
                instruction(paragraph, TOC_INSTRUCTION)
                field_char(paragraph, "separate")
            if section:
                paragraph.add_run(section.heading)
        field_char(self.word.add_paragraph(), "end")

    def table(self, block: TableBlock) -> None:
        table = block.table
        caption = self.word.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.line_spacing = 1.15
        caption.paragraph_format.space_after = Pt(6)
        lines = [block.number.upper(), table.title, table.subtitle]
        _lines(caption, [line for line in lines if line], bold=True)
        write_table(self.word, table, self.sections.text_width())
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
