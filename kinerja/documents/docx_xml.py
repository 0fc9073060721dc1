"""Low-level OOXML helpers for the Word renderer: new elements, field characters and
instructions, the size of a paragraph mark."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length
from docx.text.paragraph import Paragraph as WordParagraph


def sub(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    """A new `tag` element, its attributes in the w: namespace, appended to `parent`."""
    element = OxmlElement(tag, {qn(f"w:{name}"): value for name, value in attributes.items()})
    parent.append(element)
    return element


def field_char(paragraph: WordParagraph, kind: str) -> None:
    """A field's begin, separate or end mark, in a run of its own."""
    paragraph.add_run()._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))


def instruction(paragraph: WordParagraph, text: str) -> None:
    """A field's instruction (e.g. " PAGE "), in a run of its own."""
    element = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    element.text = text
    paragraph.add_run()._r.append(element)


def mark_size(paragraph: WordParagraph, size: Length) -> None:
    """The size of the paragraph mark: the height of an empty paragraph."""
    mark = OxmlElement("w:rPr")
    sub(mark, "w:sz", val=str(int(size.pt * 2)))
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")
