"""Editing a Renstra on its page: who gets the editors, and the helpers the other
test_edit_* files share (open an editor as the browser does, change what it holds, post it)."""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.renstra.models import Renstra

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, renstra: Renstra, *args: Any) -> str:
    return reverse(f"renstra:{name}", args=[renstra.pk, *args])


class _FormReader(HTMLParser):
    """The fields of the first editor form in a page, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.depth = 0  # inside <form class="plan-editor">
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form" and "plan-editor" in found.get("class", "") and not self.fields:
            self.depth = 1
        if not self.depth:
            return
        if tag == "input" and found.get("type") == "checkbox":
            if "checked" in found:  # a browser sends a ticked box only, as "on"
                self.fields[found["name"]] = found.get("value") or "on"
        elif tag == "input" and found.get("type") not in ("submit", "button"):
            self.fields[found["name"]] = found.get("value", "")
        elif tag == "textarea":
            self.textarea = found["name"]
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = found["name"]
        elif tag == "option" and self.select and "selected" in found:
            self.fields[self.select] = found["value"]

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self.textarea:
            # Django writes a newline after <textarea>; browsers drop it.
            self.fields[self.textarea] = self.fields[self.textarea].removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.depth:
            self.depth = 0


def read_form(html: str) -> dict[str, str]:
    reader = _FormReader()
    reader.feed(html)
    return reader.fields


def open_editor(client: Any, address: str) -> dict[str, str]:
    """GET an editor as HTMX does; the fields it holds."""
    response = client.get(address, **HTMX)
    assert response.status_code == 200
    return read_form(response.content.decode())


def save(client: Any, address: str, **changes: str) -> Any:
    """Open the editor, change some of its fields, post it (HTMX); the response."""
    fields = open_editor(client, address)
    return client.post(address, {**fields, **changes}, **HTMX)


def page(client: Any, renstra: Renstra) -> str:
    return client.get(url("detail", renstra)).content.decode()


# --- Who edits -------------------------------------------------------------------------


def editor_urls(renstra: Renstra) -> list[str]:
    indikator = renstra.indikator.get(key="diklat-formal")
    sasaran_id = indikator.sasaran_id
    leaf = renstra.items.get(level="sub_kegiatan")
    return [
        url("edit_targets", renstra, indikator.pk),
        url("edit_realisasi", renstra, indikator.pk),
        url("edit_row", renstra, "indikator", indikator.pk),
        url("edit_row", renstra, "sasaran", sasaran_id),
        url("edit_pagu", renstra, leaf.pk),
        url("add", renstra, "tujuan"),
        url("add", renstra, "program"),
        url("add_under", renstra, "sasaran", sasaran_id, "indikator"),
        url("add_under", renstra, "item", leaf.parent_id, "baris"),
        url("remove", renstra, "indikator", indikator.pk),
    ]


@pytest.mark.parametrize("persona", ["viewer_a", "verifier"])
def test_readers_get_403_on_every_editor_and_nothing_changes(client, request, renstra_a, persona):
    client.force_login(request.getfixturevalue(persona))
    for address in editor_urls(renstra_a):
        assert client.post(address, {"v2024": "99", "name": "x"}, **HTMX).status_code == 403
        if not address.endswith("/hapus/"):
            assert client.get(address, **HTMX).status_code == 403
    assert not AuditEvent.objects.exists()


def test_an_operator_of_another_opd_gets_404(client, outsider_b, renstra_a):
    client.force_login(outsider_b)
    for address in editor_urls(renstra_a):
        assert client.post(address, {"v2024": "99", "name": "x"}, **HTMX).status_code == 404
    assert not AuditEvent.objects.exists()


def test_a_row_of_another_renstra_is_404(client, planner_a, renstra_a, renstra_b):
    client.force_login(planner_a)
    other = renstra_b.indikator.get(key="diklat-formal")
    assert client.get(url("edit_targets", renstra_a, other.pk), **HTMX).status_code == 404
    assert client.get(url("edit_row", renstra_a, "renstra", 1), **HTMX).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client, renstra_a):
    response = client.post(url("add", renstra_a, "tujuan"), {"name": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not renstra_a.tujuan.filter(name="x").exists()


@pytest.mark.parametrize("persona", ["planner_a", "admin"])
def test_the_operator_and_the_admin_get_the_edit_controls(client, request, renstra_a, persona):
    client.force_login(request.getfixturevalue(persona))
    text = page(client, renstra_a)
    assert "+ Tambah tujuan" in text
    assert "+ Tambah program" in text
    assert 'hx-target="#ubah-sasaran-' in text


@pytest.mark.parametrize("persona", ["viewer_a", "verifier"])
def test_readers_see_the_page_without_edit_controls(client, request, renstra_a, persona):
    client.force_login(request.getfixturevalue(persona))
    text = page(client, renstra_a)
    assert "Meningkatnya kompetensi ASN" in text
    assert "Tambah tujuan" not in text
    assert "hx-get" not in text
    assert "Pagu indikatif (Rp)" in text  # reading includes the pagu rows


def test_the_admin_pemda_saves_a_target(client, admin, renstra_a):
    client.force_login(admin)
    indikator = renstra_a.indikator.get(key="diklat-formal")
    response = save(client, url("edit_targets", renstra_a, indikator.pk), v2025="11")
    assert response.status_code == 200
    assert indikator.targets.get(year=2025).value == 11
    event = AuditEvent.objects.get()
    assert (event.acting_user, event.event_type) == (admin, AuditEvent.Type.PLAN_EDITED)


def test_without_htmx_an_editor_is_the_page_with_the_editor_open(client, planner_a, renstra_a):
    client.force_login(planner_a)
    indikator = renstra_a.indikator.get(key="diklat-formal")
    address = url("edit_targets", renstra_a, indikator.pk)
    text = client.get(address).content.decode()
    assert "<h1>" in text
    assert 'class="editor"' in text
    fields = read_form(text)
    response = client.post(address, {**fields, "v2025": "11,2"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#baris-sasaran-{indikator.sasaran_id}")
    assert "11,2%" in page(client, renstra_a)


def test_an_editor_row_spans_every_column_of_its_table(client, planner_a, renstra_a):
    # Name, indikator, satuan, kondisi awal, the figure's kind, six years, kondisi akhir;
    # the items' table also has the code.
    client.force_login(planner_a)
    indikator = renstra_a.indikator.get(key="diklat-formal")
    goals = client.get(url("edit_targets", renstra_a, indikator.pk), **HTMX)
    items = client.get(url("add", renstra_a, "program"), **HTMX)
    assert '<td colspan="12">' in goals.content.decode()
    assert '<td colspan="13">' in items.content.decode()
    text = page(client, renstra_a)
    assert text.count('<th colspan="6">Tahun</th>') == 2
    assert '<th colspan="6">Total pagu indikatif (Rp)</th>' in text  # + 6 years + the period
