"""Templates are data, never code (docs/security.md §1).

Every payload that reaches Python internals through Jinja (attribute walks to
`__class__`/`__globals__`/`__subclasses__`, the globals `cycler`, `lipsum`, `self`…, item
access, filters, calls, operators, statements) is refused at upload and before every fill
with a message naming it as written, wherever docxtpl would render it; nothing of the
template is compiled and no process starts. Each layer holds on its own: the sandbox
alone refuses the attribute walks, the syntax-tree check alone refuses what the sandbox
would allow. A control shows each shell payload does run under plain docxtpl, so the
tests would fail if the defence broke.
"""

import sys
from collections.abc import Iterator, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SecurityError

from kinerja.documents import word_template
from kinerja.documents.render_docx import render_docx
from kinerja.documents.template_sandbox import (
    FOOTNOTES,
    PlaceholderSandbox,
    Refused,
    TemplateEnvironment,
    refused_nodes,
)
from kinerja.documents.tests.sample import sample_document
from kinerja.documents.word_template import PLACEHOLDERS, TemplateError, check_template

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "docs" / "templates" / "template-pemda-contoh.docx"
VALUES = dict.fromkeys(PLACEHOLDERS, "nilai")
NAMES = set(PLACEHOLDERS) | {"isi"}

# --- Watching for execution ---------------------------------------------------------------
# A Python audit hook sees every process any code starts and every compile() (Jinja
# compiles each template to Python with the file name "<template>"). Hooks cannot be
# removed, so this one records only while the `watched` fixture runs.

PROCESS_EVENTS = {
    "os.system", "subprocess.Popen", "os.posix_spawn", "os.exec", "os.spawn", "os.fork",
    "os.forkpty", "pty.spawn",
}  # fmt: skip
WATCH: dict[str, list[str]] = {}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    seen = WATCH.get("events")
    if seen is None:
        return
    if event in PROCESS_EVENTS:
        seen.append(event)
    elif event == "compile" and len(args) > 1 and args[1] == "<template>":
        seen.append("jinja compile")


sys.addaudithook(_audit)


@pytest.fixture
def watched() -> Iterator[list[str]]:
    """The processes started and Jinja templates compiled during the test."""
    WATCH["events"] = []
    try:
        yield WATCH["events"]
    finally:
        del WATCH["events"]


# --- Templates, built here with python-docx -----------------------------------------------


def template(
    *runs: str,
    header: Sequence[str] = (),
    footer: Sequence[str] = (),
    field: str = "",
    title: str = "",
    footnote: str = "",
) -> bytes:
    """A usable template ("KOP {{ pemda }}", then `{{p isi }}`) with `runs` as one more
    paragraph of the body (one Word run each), `header`/`footer` runs, a field code, a
    document title and a footnotes part."""
    word = docx.Document()
    word.add_paragraph("KOP {{ pemda }}")
    if runs:
        paragraph = word.add_paragraph()
        for text in runs:
            paragraph.add_run(text)
    if field:
        code = f'<w:instrText xml:space="preserve">{field}</w:instrText>'
        word.add_paragraph()._p.append(parse_xml(f"<w:r {nsdecls('w')}>{code}</w:r>"))
    word.add_paragraph("{{p isi }}")
    for runs_, part in ((header, word.sections[0].header), (footer, word.sections[0].footer)):
        for text in runs_:
            part.paragraphs[0].add_run(text)
    word.core_properties.title = title
    if footnote:
        _add_footnotes(word, footnote)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _add_footnotes(word: Any, text: str) -> None:
    xml = (
        f'<w:footnotes {nsdecls("w")}><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">'
        f"{text}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES, xml.encode(), word.part.package)
    word.part.relate_to(part, RT.FOOTNOTES)


def named(problems: list[str], shown: str) -> bool:
    return any(shown in problem for problem in problems)


# --- The payloads -----------------------------------------------------------------------------

PAYLOADS = [
    pytest.param("{{ judul.__class__.__mro__ }}", id="class-mro"),
    pytest.param("{{ judul.__class__.__init__.__globals__ }}", id="globals"),
    pytest.param("{{ ''.__class__.__mro__[1].__subclasses__() }}", id="subclasses"),
    pytest.param("{{ cycler.__init__.__globals__.os.popen('id').read() }}", id="cycler-popen"),
    pytest.param("{{ lipsum.__globals__ }}", id="lipsum"),
    pytest.param("{{ joiner.__init__.__globals__ }}", id="joiner"),
    pytest.param("{{ namespace.__init__.__globals__ }}", id="namespace"),
    pytest.param("{{ self.__init__ }}", id="self-attribute"),
    pytest.param("{{ self._TemplateReference__context }}", id="self-context"),
    pytest.param("{{ self }}", id="self"),
    pytest.param("{{ request.application }}", id="request"),
    pytest.param("{{ config }}", id="config"),
    pytest.param("{{ cycler }}", id="cycler"),
    pytest.param("{{ range }}", id="range"),
    pytest.param("{{ dict(a=1) }}", id="dict"),
    pytest.param("{{ judul.upper }}", id="attribute"),
    pytest.param("{{ judul['x'] }}", id="item"),
    pytest.param("{{ judul[0] }}", id="index"),
    pytest.param("{{ judul|upper }}", id="filter"),
    pytest.param("{{ judul|attr('__class__') }}", id="attr-filter"),
    pytest.param("{{ judul is defined }}", id="test"),
    pytest.param("{{ judul() }}", id="call"),
    pytest.param("{{ judul ~ opd }}", id="concat"),
    pytest.param("{{ 7*7 }}", id="arithmetic"),
    pytest.param("{{ 'x' }}", id="constant"),
    pytest.param("{{ judul if tahun else opd }}", id="conditional-expression"),
    pytest.param("{{- judul -}}", id="whitespace-control"),
    pytest.param("{% for x in range(10) %}", id="for"),
    pytest.param("{% if judul %}", id="if"),
    pytest.param("{% set x = 1 %}", id="set"),
    pytest.param("{% include 'x' %}", id="include"),
    pytest.param("{% import 'os' as os %}", id="import"),
    pytest.param("{% extends 'x' %}", id="extends"),
    pytest.param("{% macro m() %}", id="macro"),
    pytest.param("{% raw %}", id="raw"),
    pytest.param("{% with x = 1 %}", id="with"),
    pytest.param("{# komentar #}", id="comment"),
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_is_refused_at_upload_and_at_every_fill_naming_it(
    payload: str, watched: list[str]
) -> None:
    data = template("Judul: ", payload)
    problems = check_template(data)
    assert named(problems, payload), problems
    with pytest.raises(TemplateError) as raised:
        render_docx(sample_document(), template=data)
    assert raised.value.problems == problems
    assert watched == []  # nothing compiled, no process


def test_the_message_says_what_is_allowed() -> None:
    [problem] = check_template(template("{{ judul.__class__ }}"))
    assert problem.startswith("Penanda “{{ judul.__class__ }}” di badan dokumen tidak diizinkan")
    assert "{{ judul }}, {{ opd }}, {{ pemda }}, {{ tahun }}, {{ tempat_tanggal }}" in problem
    assert "{{p isi }}" in problem
    assert "filter (|)" in problem


def test_every_refused_tag_is_named_once() -> None:
    problems = check_template(template("{{ judul.x }} {{ opd|e }} {{ judul.x }}"))
    assert len(problems) == 2
    assert named(problems, "{{ judul.x }}")
    assert named(problems, "{{ opd|e }}")


PLACES = [
    pytest.param({"header": ["{{ judul.__class__ }}"]}, "di kepala halaman", id="header"),
    pytest.param({"footer": ["{{ judul.__class__ }}"]}, "di kaki halaman", id="footer"),
    pytest.param({"field": "{{ judul.__class__ }}"}, "di badan dokumen", id="field-code"),
    pytest.param(
        {"title": "{{ judul.__class__ }}"}, "di properti dokumen “Judul”", id="document-title"
    ),
    pytest.param({"footnote": "{{ judul.__class__ }}"}, "di catatan kaki", id="footnote"),
]


@pytest.mark.parametrize(("place", "where"), PLACES)
def test_a_payload_anywhere_docxtpl_renders_is_refused(
    place: dict[str, Any], where: str, watched: list[str]
) -> None:
    data = template(**place)
    problems = check_template(data)
    assert problems
    assert all(where in problem for problem in problems), problems
    assert named(problems, "{{ judul.__class__ }}")
    with pytest.raises(TemplateError):
        render_docx(sample_document(), template=data)
    assert watched == []


def test_a_payload_split_over_word_runs_is_named_as_it_reads() -> None:
    data = template("{{ jud", "ul.__cla", "ss__.__mro", "__ }}")
    problems = check_template(data)
    assert named(problems, "{{ judul.__class__.__mro__ }}"), problems


def test_an_unclosed_tag_out_of_sight_is_refused_not_skipped(watched: list[str]) -> None:
    # In a field code, not in the text Word shows; no whole tag to name, Jinja cannot parse.
    data = template(field="{% for x in y")
    assert check_template(data) == [word_template.REFUSED % {"where": " di badan dokumen"}]
    assert watched == []


def test_the_body_marker_belongs_in_the_body() -> None:
    problems = check_template(template(header=["{{p isi }}"]))
    assert problems == ["Penanda {{p isi }} hanya boleh di badan dokumen, tidak di kepala halaman."]


# --- Nothing runs: shell payloads, against a control under plain docxtpl -----------------------

SHELL = [
    pytest.param("{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}", id="cycler"),
    pytest.param("{{ lipsum.__globals__['os'].system('touch MARKER') }}", id="lipsum"),
    pytest.param("{{ joiner.__init__.__globals__.os.system('touch MARKER') }}", id="joiner"),
    pytest.param(
        "{{ self._TemplateReference__context.cycler.__init__.__globals__"
        ".os.system('touch MARKER') }}",
        id="self",
    ),
    pytest.param(
        "{{ cycler.__init__.__globals__.__builtins__.__import__('os').system('touch MARKER') }}",
        id="import",
    ),
    pytest.param(
        "{% set x = namespace.__init__.__globals__.os.system('touch MARKER') %}", id="set"
    ),
]


def shell_template(payload: str, marker: Path) -> bytes:
    return template(payload.replace("MARKER", str(marker)), header=["KOP {{ opd }}"])


@pytest.mark.parametrize("payload", SHELL)
def test_control_plain_docxtpl_runs_each_shell_payload(
    payload: str, tmp_path: Path, watched: list[str]
) -> None:
    # What Kinerja did before: docxtpl's own, unsandboxed Jinja. The payload is real.
    marker = tmp_path / "marker"
    DocxTemplate(BytesIO(shell_template(payload, marker))).render(VALUES)
    assert marker.exists()
    assert set(watched) & PROCESS_EVENTS


@pytest.mark.parametrize("payload", SHELL)
def test_no_shell_payload_runs_at_upload_or_export(
    payload: str, tmp_path: Path, watched: list[str]
) -> None:
    marker = tmp_path / "marker"
    data = shell_template(payload, marker)
    assert check_template(data)
    with pytest.raises(TemplateError):
        render_docx(sample_document(), template=data)
    assert not marker.exists()
    assert watched == []


# --- Each layer on its own ------------------------------------------------------------------

WALKS = [
    "{{ judul.__class__.__mro__ }}",
    "{{ judul.__class__.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self.__init__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ judul['__class__'] }}",
    "{{ judul.upper() }}",
    "{{ judul.format }}",
    "{{ judul[0] }}",
    "{{ 7*7 }}",
    "{{ -tahun }}",
    "{{ '%s' % judul }}",
    "{{ judul() }}",
]


@pytest.mark.parametrize("payload", WALKS)
def test_the_sandbox_alone_refuses_attribute_item_call_and_operator(payload: str) -> None:
    # Layer 2 without layer 1: the source goes straight to the sandbox.
    with pytest.raises(SecurityError):
        PlaceholderSandbox().from_string(payload).render(VALUES)


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler }}",
        "{{ lipsum }}",
        "{{ joiner }}",
        "{{ namespace }}",
        "{{ range }}",
        "{{ dict }}",
        "{{ request }}",
        "{{ config }}",
        "{{ judul|upper }}",
        "{{ judul|attr('__class__') }}",
        "{{ judul is string }}",
        "{% include 'x' %}",
        "{% import 'os' as os %}",
        "{% extends 'x' %}",
    ],
)
def test_the_sandbox_alone_has_no_globals_filters_tests_or_loader(payload: str) -> None:
    with pytest.raises((JinjaError, TypeError)):  # TypeError: "no loader for this environment"
        PlaceholderSandbox().from_string(payload).render(VALUES)


@pytest.mark.parametrize("payload", SHELL)
def test_the_sandbox_alone_runs_no_shell_payload_through_docxtpl(
    payload: str, tmp_path: Path, watched: list[str]
) -> None:
    marker = tmp_path / "marker"
    with pytest.raises((JinjaError, TypeError)):
        DocxTemplate(BytesIO(shell_template(payload, marker))).render(
            VALUES, jinja_env=PlaceholderSandbox()
        )
    assert not marker.exists()
    assert not set(watched) & PROCESS_EVENTS


def test_the_sandbox_prints_a_plain_placeholder_escaped() -> None:
    rendered = PlaceholderSandbox().from_string("<w:t>{{ judul }}</w:t>").render(judul="A & <B>")
    assert rendered == "<w:t>A &amp; &lt;B&gt;</w:t>"


@pytest.mark.parametrize(
    "payload", ["{{ judul ~ opd }}", "{% set x = 1 %}", "{{ 'x' }}", "{{ judul[0] }}", "{{ x }}"]
)
def test_the_environment_compiles_no_tree_the_check_refuses(payload: str) -> None:
    # Layer 1 inside the environment, whatever docxtpl hands it; even what the sandbox allows.
    with pytest.raises(Refused):
        TemplateEnvironment(NAMES).from_string(payload)


def test_with_the_upload_check_gone_the_environment_still_refuses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, watched: list[str]
) -> None:
    # A bug in the message layer (here: it finds nothing) does not open the door.
    monkeypatch.setattr(word_template, "_placeholder_problems", lambda data: [])
    marker = tmp_path / "marker"
    data = shell_template(str(SHELL[0].values[0]), marker)
    with pytest.raises(TemplateError) as raised:
        render_docx(sample_document(), template=data)
    assert raised.value.problems[0].startswith("Templat memuat penanda yang tidak diizinkan")
    assert check_template(data)  # the trial fill refuses it too
    assert not marker.exists()
    assert watched == []


def test_with_the_placeholders_check_gone_a_stray_tag_in_a_header_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(word_template, "_placeholder_problems", lambda data: [])
    with pytest.raises(TemplateError):
        render_docx(sample_document(), template=template(header=["{{ judul|e }}"]))


# --- The syntax-tree check ------------------------------------------------------------------


def tree(source: str) -> nodes.Template:
    return PlaceholderSandbox().parse(source)


def test_text_and_plain_placeholders_pass_the_tree_check() -> None:
    assert refused_nodes(tree("<w:t>Tahun {{ tahun }}</w:t>{{judul}}{{ isi }}"), NAMES) == []


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("{{ judul.x }}", nodes.Getattr),
        ("{{ judul['x'] }}", nodes.Getitem),
        ("{{ judul|e }}", nodes.Filter),
        ("{{ judul is defined }}", nodes.Test),
        ("{{ judul() }}", nodes.Call),
        ("{{ 'x' }}", nodes.Const),
        ("{{ judul ~ opd }}", nodes.Concat),
        ("{{ judul if opd }}", nodes.CondExpr),
        ("{{ cycler }}", nodes.Name),
        ("{% set x = 1 %}", nodes.Assign),
        ("{% for x in y %}{% endfor %}", nodes.For),
        ("{% if x %}{% endif %}", nodes.If),
        ("{% include 'x' %}", nodes.Include),
        ("{% import 'x' as y %}", nodes.Import),
        ("{% macro m() %}{% endmacro %}", nodes.Macro),
        ("{% filter upper %}x{% endfilter %}", nodes.FilterBlock),
        ("{% with x = 1 %}{% endwith %}", nodes.With),
        ("{% block b %}{% endblock %}", nodes.Block),
        ("{% extends 'x' %}", nodes.Extends),
    ],
)
def test_the_tree_check_refuses_every_other_node(source: str, kind: type[nodes.Node]) -> None:
    refused = refused_nodes(tree(source), NAMES)
    assert [type(node) for node in refused] == [kind]


def test_a_name_assigned_to_is_refused_even_if_allowed() -> None:
    stored = nodes.Template([nodes.Output([nodes.Name("judul", "store")])])
    assert len(refused_nodes(stored, NAMES)) == 1


def test_a_broken_tag_is_unreadable_not_raised() -> None:
    with pytest.raises(TemplateSyntaxError):
        tree("{{ judul ) }}")
    [problem] = check_template(template("{{ judul ) }}"))
    assert problem.startswith("Penanda templat tidak dapat dibaca: “{{ judul ) }}”")


# --- What is allowed still works ------------------------------------------------------------


def test_the_documented_placeholders_fill_everywhere(watched: list[str]) -> None:
    data = template(
        "{{judul}} · {{ tahun }}", header=["{{ opd }}"], footer=["{{ tempat_tanggal }}"]
    )
    assert check_template(data) == []
    values = {"judul": "Renja A & B", "opd": "BKPSDM", "tahun": "2024", "tempat_tanggal": "K, 1"}
    word = docx.Document(BytesIO(render_docx(sample_document(), template=data, context=values)))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "Renja A & B · 2024" in texts
    assert "BKPSDM" in [p.text for p in word.sections[0].header.paragraphs]
    assert [p.text for p in word.sections[0].footer.paragraphs] == ["K, 1"]
    assert "jinja compile" in watched  # the sandbox did render
    assert not set(watched) & PROCESS_EVENTS


def test_the_example_template_passes_and_fills() -> None:
    data = EXAMPLE.read_bytes()
    assert check_template(data) == []
    assert render_docx(sample_document(), template=data).startswith(b"PK")
