"""A pemda's own Word template (letterhead, cover, fonts) filled with docxtpl.

The pemda prepares a DOCX in Word with these placeholders (docs/templates/README.md):

- `{{ judul }}`, `{{ opd }}`, `{{ pemda }}`, `{{ tahun }}`, `{{ tempat_tanggal }}`: text;
- `{{p isi }}`, alone in its own paragraph: the whole generated body (front matter, Daftar
  Isi, chapters, tables, charts) goes there, in the template's styles and fonts.

The body is written by `render_docx` straight into the template's package (so charts land
in the template's media) and inserted as XML in place of the `{{p isi }}` paragraph. Its
landscape pages are section breaks copied from the template's own section, so they keep
the template's margins, headers and footers. docxtpl's `Subdoc` (which needs docxcompose)
is not used.

`check_template` says in Bahasa Indonesia what is wrong with an uploaded template. A
template is data, never code: its placeholders are checked, and it is filled, in
`template_sandbox` (docs/security.md §1). The same check runs at upload and before every
fill, so a template stored before a rule tightened is refused, never run.
"""

import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import BytesIO

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.section import CT_SectPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup

from kinerja.documents.template_sandbox import (
    Refused,
    TemplateEnvironment,
    source_problems,
    template_sources,
)
from kinerja.lib.containers import check_container
from kinerja.lib.limits import UnreadableFile

PLACEHOLDERS = {
    "judul": "judul dokumen, mis. Renja BKPSDM Tahun 2024",
    "opd": "nama perangkat daerah",
    "pemda": "nama pemerintah daerah, mis. PEMERINTAH KABUPATEN TANJUNG JABUNG BARAT",
    "tahun": "tahun dokumen, mis. 2024",
    "tempat_tanggal": "tempat dan tanggal, mis. Kuala Tungkal, September 2023",
}
BODY = "isi"


@dataclass(frozen=True)
class Placement:
    """Where the body goes in a template."""

    host: CT_SectPr  # the section properties of the template's section holding the body
    trailing: bool  # the template has content after `{{p isi }}`
    new_page: bool  # `{{p isi }}` is on top of a page (after a page or section break)


# Writes the body into a document that shares the template's package.
BodyWriter = Callable[[WordDocument, Placement], None]

BODY_TAG = re.compile(r"\{\{p\s+isi\s*\}\}")
PLAIN_BODY_TAG = re.compile(r"\{\{-?\s*isi\s*-?\}\}")
DOTX = "wordprocessingml.template.main+xml"
HEADER_FOOTER = {RT.HEADER, RT.FOOTER}
EMPTY_BODY = f"<w:document {nsdecls('w', 'r', 'wp', 'a', 'pic')}><w:body/></w:document>"

NOT_DOCX = (
    "Berkas ini bukan dokumen Word (.docx). Buka di Word, lalu Simpan Sebagai "
    "“Dokumen Word (*.docx)”."
)
NOT_DOCX_BUT_DOTX = (
    "Berkas ini templat Word (.dotx). Buka di Word, lalu Simpan Sebagai “Dokumen Word (*.docx)”."
)
NO_BODY = (
    "Penanda {{p isi }} tidak ada. Tulis {{p isi }} sendirian pada satu baris di tempat "
    "isi dokumen (Kata Pengantar, Daftar Isi, bab-bab) akan disisipkan."
)
PLAIN_BODY = "Penanda isi ditulis {{ isi }}; tulis {{p isi }} (dengan huruf p setelah {{)."
BODY_TWICE = "Penanda {{p isi }} muncul %(count)d kali; gunakan satu saja."
BODY_NESTED = (
    "Penanda {{p isi }} berada di dalam tabel atau kotak teks; letakkan pada baris biasa "
    "di badan dokumen."
)
ALLOWED = ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS) + " dan {{p isi }}"
# The messages below are %-formatted: "%%" is a literal "%".
ONLY = (
    f"hanya penanda {ALLOWED} yang boleh dipakai, ditulis persis seperti itu, tanpa titik, "
    "kurung, filter (|), hitungan, atau perintah {%% … %%}"
)
NOT_ALLOWED = "Penanda “%(tag)s” %(where)s tidak diizinkan: " + ONLY + "."
UNREADABLE = (
    "Penanda templat tidak dapat dibaca: “%(tag)s” %(where)s. Periksa pasangan {{ … }}; "
    + ONLY
    + "."
)
UNKNOWN = "Penanda tidak dikenal: %(names)s. Penanda yang tersedia: " + ALLOWED + "."
BODY_MISPLACED = "Penanda {{p isi }} hanya boleh di badan dokumen, tidak %(where)s."
REFUSED = "Templat memuat penanda yang tidak diizinkan%(where)s: " + ONLY + "."
UNREAD = "Penanda templat tidak dapat dibaca; simpan ulang dokumen di Word sebagai .docx."


class TemplateError(ValueError):
    """The template cannot be filled; `problems` says why, in Bahasa Indonesia."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def check_template(data: bytes) -> list[str]:
    """What is wrong with an uploaded template, in Bahasa Indonesia; empty when usable."""
    opened = _open(data)
    if isinstance(opened, str):
        return [opened]
    problems = _problems(opened, data)
    if not problems:
        problems = _trial_problems(data)
    return problems


def fill_template(
    data: bytes, *, values: Mapping[str, str], title: str, write_body: BodyWriter
) -> bytes:
    """The template with its placeholders filled and the body `write_body` writes in
    place of `{{p isi }}`. `write_body(document, placement)` writes into a document that
    shares the template's package (so its pictures and styles are the template's).

    The template is checked as at upload first: one stored before a check tightened
    raises TemplateError, and nothing of it is rendered."""
    opened = _open(data)
    if isinstance(opened, str):
        raise TemplateError([opened])
    problems = _problems(opened, data)
    if problems:
        raise TemplateError(problems)
    template = DocxTemplate(BytesIO(data))
    target = template.get_docx()
    anchor = _body_paragraphs(target)[0]
    host = _host_section(target, anchor)
    placement = Placement(
        host=host, trailing=_has_content_after(anchor, host), new_page=_starts_page(anchor)
    )
    body = WordDocument(parse_xml(EMPTY_BODY), target.part)
    write_body(body, placement)
    xml = "".join(
        etree.tostring(child, encoding="unicode")
        for child in body.element.body
        if child.tag != qn("w:sectPr")
    )
    _render(template, {**values, BODY: Markup(xml)})  # noqa: S704
    template.docx.core_properties.title = title
    template.docx.core_properties.language = "id-ID"
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def _render(template: DocxTemplate, context: Mapping[str, object]) -> None:
    """Fill the template in the sandbox (`template_sandbox.TemplateEnvironment`)."""
    environment = TemplateEnvironment(set(PLACEHOLDERS) | {BODY})
    try:
        template.render(dict(context), jinja_env=environment, autoescape=True)
    except Refused as refused:
        raise TemplateError([REFUSED % {"where": ""}]) from refused
    except Exception as exc:
        raise TemplateError([f"Templat tidak dapat diisi: {exc}."]) from exc


def _problems(document: WordDocument, data: bytes) -> list[str]:
    """The checks that need no filling, the same at upload and before every fill."""
    return _unclosed(document) or _body_problems(document) + _placeholder_problems(data)


def _open(data: bytes) -> WordDocument | str:
    """The template as a python-docx document, or why it is not one."""
    if not zipfile.is_zipfile(BytesIO(data)):
        return NOT_DOCX
    try:  # a «zip bomb» is refused from the ZIP directory, before anything is unpacked
        check_container(data, "Templat Word")
    except UnreadableFile as problem:
        return f"{problem}."
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
        if DOTX in types:
            return NOT_DOCX_BUT_DOTX
        return docx.Document(BytesIO(data))
    except Exception:
        return NOT_DOCX


def _unclosed(document: WordDocument) -> list[str]:
    """Placeholders opened and not closed in their paragraph (docxtpl would swallow the
    text up to the next closing braces, paragraphs and all)."""
    parts = [document.part] + [
        rel.target_part for rel in document.part.rels.values() if rel.reltype in HEADER_FOOTER
    ]
    problems = []
    for part in parts:
        for paragraph in parse_xml(part.blob).iter(qn("w:p")):
            text = _text(paragraph)
            if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
                problems.append(f"Penanda tidak tertutup pada baris “{text.strip()}”.")
    return problems


def _body_problems(document: WordDocument) -> list[str]:
    paragraphs = _body_paragraphs(document)
    if not paragraphs:
        text = _text(document.element.body)
        return [PLAIN_BODY if PLAIN_BODY_TAG.search(text) else NO_BODY]
    problems = []
    if len(paragraphs) > 1:
        problems.append(BODY_TWICE % {"count": len(paragraphs)})
    if any(paragraph.getparent() is not document.element.body for paragraph in paragraphs):
        problems.append(BODY_NESTED)
    return problems


def _body_paragraphs(document: WordDocument) -> list[BaseOxmlElement]:
    """The paragraphs that hold `{{p isi }}` (Word may split it over several runs)."""
    return [
        paragraph
        for paragraph in document.element.body.iter(qn("w:p"))
        if BODY_TAG.search(_text(paragraph))
    ]


def _text(element: BaseOxmlElement) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _placeholder_problems(data: bytes) -> list[str]:
    """Every tag of every source docxtpl would render that is no plain placeholder."""
    try:
        sources = list(template_sources(DocxTemplate(BytesIO(data))))
    except Exception:
        return [UNREAD]  # what cannot be read cannot be vouched for
    problems: list[str] = []
    unknown: set[str] = set()
    for source in sources:
        found = source_problems(source, PLACEHOLDERS, BODY)
        where = {"where": source.where}
        problems += [NOT_ALLOWED % {"tag": tag, **where} for tag in found.refused]
        problems += [UNREADABLE % {"tag": tag, **where} for tag in found.unreadable]
        problems += [BODY_MISPLACED % where] if found.misplaced else []
        unknown.update(found.unknown)
        if found.broken and not found:
            problems.append(REFUSED % {"where": f" {source.where}"})
    if unknown:
        names = ", ".join(f"{{{{ {name} }}}}" for name in sorted(unknown))
        problems.append(UNKNOWN % {"names": names})
    return list(dict.fromkeys(problems))


def _trial_problems(data: bytes) -> list[str]:
    """Fill the template with sample values in the sandbox, as a check that docxtpl can."""
    try:
        template = DocxTemplate(BytesIO(data))
        _render(template, {**dict.fromkeys(PLACEHOLDERS, "contoh"), BODY: Markup("")})
        template.save(BytesIO())
    except TemplateError as error:
        return error.problems
    except Exception as exc:
        return [f"Templat tidak dapat diisi: {exc}."]
    return []


def _host_section(document: WordDocument, anchor: BaseOxmlElement) -> CT_SectPr:
    """The section properties of the section that holds `anchor`: the next paragraph's
    section break, or the document's last section."""
    for sibling in anchor.itersiblings():
        found = sibling.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if found is not None:
            return found
        if sibling.tag == qn("w:sectPr"):
            return sibling
    return document.element.body.get_or_add_sectPr()


def _has_content_after(anchor: BaseOxmlElement, host: CT_SectPr) -> bool:
    """Whether the host section has text, a table or a picture after `anchor`."""
    for sibling in anchor.itersiblings():
        if sibling is host:
            return False
        if sibling.tag == qn("w:tbl") or _text(sibling).strip():
            return True
        if sibling.find(f".//{qn('w:drawing')}") is not None:
            return True
        if sibling.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is host:
            return False
    return False


def _starts_page(anchor: BaseOxmlElement) -> bool:
    """Whether `anchor` is on top of a page: first in the document, or after a section
    break or a paragraph ending in a page break."""
    previous = anchor.getprevious()
    if previous is None or previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        return True
    if previous.tag != qn("w:p"):
        return False
    broken = False
    for element in previous.iter(qn("w:br"), qn("w:t")):
        if element.tag == qn("w:br"):
            broken = broken or element.get(qn("w:type")) == "page"
        elif (element.text or "").strip():
            broken = False
    return broken
