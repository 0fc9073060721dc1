"""The PDF's fonts and paragraph styles (ReportLab), shared by the page templates, the
story and the tables.

The fonts are the DejaVu Sans TTFs that ship inside matplotlib (no system fonts), embedded
so that "–", "≥", "−" and "×" print.
"""

from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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


def register_fonts() -> None:
    """Register the DejaVu Sans family with ReportLab, once."""
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
def text_styles() -> dict[str, ParagraphStyle]:
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
def cell_styles(size: float) -> dict[str, ParagraphStyle]:
    cell = {"fontSize": size, "leading": size * 1.2}
    return {
        "text": _style("cell", **cell),
        "text_bold": _style("cell_bold", fontName=BOLD, **cell),
        "number": _style("cell_number", alignment=TA_RIGHT, **cell),
        "number_bold": _style("cell_number_bold", fontName=BOLD, alignment=TA_RIGHT, **cell),
        "header": _style("cell_header", fontName=BOLD, alignment=TA_CENTER, **cell),
        "numbering": _style("cell_numbering", alignment=TA_CENTER, **cell),
    }


def markup(text: str) -> str:
    """Plain text as ReportLab mini-markup: `&`, `<`, `>` escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")
