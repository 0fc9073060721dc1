"""The sandbox a pemda's Word template is filled in: plain placeholders, nothing else.

A template is data typed by a pemda's staff; docxtpl turns it into Jinja source, and Jinja
source is code. Two independent layers keep it data (docs/security.md §1):

1. `refused_nodes`: the syntax tree of exactly what docxtpl hands to Jinja (the body,
   headers, footers and footnotes after docxtpl's own XML patching, and the document
   properties) may hold only text and `{{ name }}` of a documented placeholder. No
   attribute or item access, filter, test, call, literal, operator or statement.
   `source_problems` says which tag breaks this, as written, for the upload page;
   `template_sources` lists the sources the way `DocxTemplate.render` builds them.
2. `PlaceholderSandbox`: Jinja's ImmutableSandboxedEnvironment with no globals, filters,
   tests or loader, strict undefined names, autoescape on, and no attribute access, item
   access, call or operator at all: it raises SecurityError even for a tree that got
   past layer 1.

`TemplateEnvironment` is the sandbox that also refuses to compile any tree layer 1
refuses, whatever docxtpl hands it; `word_template` renders only with it.
"""

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

# Jinja tags as docxtpl's patched XML holds them ({{ … }}, {% … %}, {# … #}).
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
PLAIN_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
XML_TAG = re.compile(r"<[^>]*>")
SHOWN = 80  # characters of a refused tag quoted back to the user
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties `DocxTemplate.render_properties` renders, with their names in Word.
PROPERTIES = {
    "title": "Judul",
    "subject": "Subjek",
    "author": "Penulis",
    "comments": "Komentar",
    "identifier": "Pengenal",
    "language": "Bahasa",
}


@dataclass(frozen=True)
class Source:
    """One Jinja source docxtpl renders from a template, and where it is in Word."""

    where: str  # "di badan dokumen", "di kepala halaman", …
    text: str
    body: bool  # the document body, the only place `{{p isi }}` may be


@dataclass(frozen=True)
class Found:
    """What `source_problems` finds wrong in one source."""

    refused: list[str]  # tags that are no plain placeholder, as written
    unreadable: list[str]  # tags Jinja cannot parse, as written
    unknown: list[str]  # plain names that are no placeholder
    misplaced: list[str]  # allowed names outside their place (`isi` outside the body)
    broken: bool  # the source as a whole does not parse or is refused by `refused_nodes`

    def __bool__(self) -> bool:
        return bool(self.refused or self.unreadable or self.unknown or self.misplaced)


class Refused(SecurityError):
    """`TemplateEnvironment` refused to compile a template (layer 1 at render time)."""


# --- Layer 1: the syntax tree holds text and plain placeholders only ------------------


def refused_nodes(tree: nodes.Node, allowed: Iterable[str]) -> list[nodes.Node]:
    """The nodes of a parsed template beyond text and `{{ name }}` of an allowed name.

    Exact types, not isinstance: a subclass of Output or Name is refused too."""
    names = frozenset(allowed)
    if type(tree) is not nodes.Template:
        return [tree]
    refused: list[nodes.Node] = []
    for statement in tree.body:
        if type(statement) is not nodes.Output:
            refused.append(statement)
            continue
        refused.extend(node for node in statement.nodes if not _plain(node, names))
    return refused


def _plain(node: nodes.Node, names: frozenset[str]) -> bool:
    if type(node) is nodes.TemplateData:
        return True
    return type(node) is nodes.Name and node.ctx == "load" and node.name in names


def source_problems(source: Source, placeholders: Iterable[str], body_name: str) -> Found:
    """The tags of `source` that are no plain placeholder, each as written; then the
    whole source through `refused_nodes`, the check that decides."""
    names = frozenset(placeholders)
    allowed = names | {body_name} if source.body else names
    refused, unreadable, unknown, misplaced = [], [], [], []
    parser = PlaceholderSandbox()
    for match in TAG.finditer(source.text):
        tag = match.group()
        plain = PLAIN_NAME.fullmatch(tag)
        if plain and plain.group(1) in allowed:
            continue
        shown = shown_tag(tag)
        if plain and plain.group(1) == body_name:
            misplaced.append(shown)
        elif plain:
            unknown.append(plain.group(1))
        elif tag.startswith("{{") and not _parses(parser, tag):
            unreadable.append(shown)
        else:
            refused.append(shown)
    try:
        broken = bool(refused_nodes(parser.parse(source.text), allowed))
    except TemplateSyntaxError:
        broken = True
    return Found(refused, unreadable, unknown, misplaced, broken)


def _parses(parser: ImmutableSandboxedEnvironment, tag: str) -> bool:
    try:
        parser.parse(tag)
    except TemplateSyntaxError:
        return False
    return True


def shown_tag(tag: str) -> str:
    """A tag as the user typed it in Word: without XML markup or entities, shortened."""
    text = html.unescape(XML_TAG.sub("", tag)).strip()
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def template_sources(template: DocxTemplate) -> Iterator[Source]:
    """What `DocxTemplate.render` hands to Jinja, in its order: the body, the headers,
    the footers, the document properties and the footnotes."""
    template.init_docx()
    yield Source("di badan dokumen", _as_rendered(template.patch_xml(template.get_xml())), True)
    for uri, where in ((template.HEADER_URI, "kepala"), (template.FOOTER_URI, "kaki")):
        for _, part in template.get_headers_footers(uri):
            xml = template.patch_xml(template.get_part_xml(part))
            yield Source(f"di {where} halaman", _as_rendered(xml), False)
    properties = template.docx.core_properties
    for name, label in PROPERTIES.items():
        yield Source(f"di properti dokumen “{label}”", getattr(properties, name) or "", False)
    for part in template.docx.part.package.parts:
        if part.content_type == FOOTNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            yield Source("di catatan kaki", _as_rendered(template.patch_xml(blob)), False)


def _as_rendered(xml: str) -> str:
    # DocxTemplate.render_xml_part puts each paragraph on its own line before Jinja reads it.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


# --- Layer 2: the sandbox --------------------------------------------------------------


class PlaceholderSandbox(ImmutableSandboxedEnvironment):
    """Jinja that can print a value it is given, and nothing else.

    No globals (range, lipsum, cycler, joiner, namespace, dict), filters, tests or loader
    (so no include, import or extends); an unknown name is an error; every value is
    escaped; attribute access, item access, calls and arithmetic raise SecurityError."""

    intercepted_binops = frozenset(ImmutableSandboxedEnvironment.default_binop_table)
    intercepted_unops = frozenset(ImmutableSandboxedEnvironment.default_unop_table)

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.globals.clear()
        self.filters.clear()
        self.tests.clear()

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return False

    def getattr(self, obj: Any, attribute: str) -> NoReturn:
        raise SecurityError(f"access to attribute {attribute!r} is not allowed in a template")

    def getitem(self, obj: Any, argument: Any) -> NoReturn:
        raise SecurityError(f"access to item {argument!r} is not allowed in a template")

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> NoReturn:  # noqa: N805
        raise SecurityError("calls are not allowed in a template")

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> NoReturn:
        raise SecurityError(f"operator {operator!r} is not allowed in a template")

    def call_unop(self, context: Context, operator: str, arg: Any) -> NoReturn:
        raise SecurityError(f"operator {operator!r} is not allowed in a template")


class TemplateEnvironment(PlaceholderSandbox):
    """The sandbox that compiles only trees `refused_nodes` lets through: whatever
    docxtpl hands it (body, headers, footers, properties, footnotes) is checked here."""

    def __init__(self, allowed: Iterable[str]) -> None:
        super().__init__()
        self.allowed = frozenset(allowed)

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        refused = refused_nodes(source, self.allowed)
        if refused:
            lines = sorted({node.lineno for node in refused})
            raise Refused(f"template refused at line {', '.join(map(str, lines))}")
        return super()._generate(source, name, filename, defer_init)
