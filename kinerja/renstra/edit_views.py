"""The Renstra page's inline editors of plan rows: add, change and remove a tujuan, sasaran,
item or indikator; and what every editor shares (`Editor`, `writable_renstra`, `plan_row`,
`editor_response`, `after_save`), used by the yearly figures' editors
(`kinerja.renstra.figure_views`) too.

Everyone who may see a Renstra reads it; its OPD's operator and the pemda's admin also
edit it (`actions.edit_refusal`), and an editor asked by anyone else is a 403. Every
editor is one URL: GET gives the editor (a table row for HTMX, or the whole page with the
editor open), POST runs one action. A saved edit answers with what it changed, the rows of
one node (an indikator, its targets) or the whole table (rows added, removed or moved,
realisasi and their footnotes, pagu and its totals); a refused one answers with the editor
again, the typed input kept, the message and the values stored now.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from kinerja.lib.revisions import StaleEdit
from kinerja.renstra.access import access_renstra
from kinerja.renstra.actions import (
    GOAL_FIELDS,
    ITEM_FIELDS,
    LEVEL_BELOW,
    SEMANTICS,
    EditRefused,
    add_indikator,
    add_item,
    add_sasaran,
    add_tujuan,
    edit_refusal,
    remove_row,
    update_row,
)
from kinerja.renstra.forms import GoalForm, IndikatorForm, ItemForm, RowForm, initial_of
from kinerja.renstra.models import Indikator, Level, Renstra, RenstraItem, Sasaran, Tujuan
from kinerja.renstra.views import SECTION_IDS, HtmxHttpRequest, page_context

KINDS: dict[str, type[models.Model]] = {
    "tujuan": Tujuan,
    "sasaran": Sasaran,
    "item": RenstraItem,
    "indikator": Indikator,
}
Key = tuple[str, int]


@dataclass
class Editor:
    """An open editor: its form, where it opens (`slot`, a table row's id) and what it
    reloads on Batal (`anchor`, the rows it belongs to)."""

    kind: str  # "row": fields side by side; "years": one input per year
    title: str
    url: str
    form: forms.Form
    slot: str
    anchor: str
    ncols: int
    subject: str = ""
    kondisi: bool = False
    reason: bool = False
    approved: list[int] = field(default_factory=list)
    current: list[str] = field(default_factory=list)  # stored values after a stale save
    stale: list[tuple[str, str]] = field(default_factory=list)
    remove_url: str = ""
    remove_label: str = ""
    remove_confirm: str = ""
    remove_revision: int = 0


# --- Where rows sit on the page --------------------------------------------------------


def node_key(row: models.Model) -> Key:
    """The page node where `row`'s editor opens: an indikator opens at its owner."""
    if isinstance(row, Indikator):
        if row.tujuan_id:
            return ("tujuan", row.tujuan_id)
        if row.sasaran_id:
            return ("sasaran", row.sasaran_id)
        return ("item", row.item_id or 0)
    kind = {Tujuan: "tujuan", Sasaran: "sasaran", RenstraItem: "item"}[type(row)]
    return (kind, row.pk)


def section_of(key: Key) -> str:
    """The table a node sits in: `items` (programs and below) or `goals`."""
    return "items" if key[0] == "item" else "goals"


def table_columns(renstra: Renstra, section: str) -> int:
    """Columns of a table: name, indikator, satuan, kondisi awal, the figure's kind, one per
    year, kondisi akhir, and the code in the items' table."""
    return len(renstra.years) + (7 if section == "items" else 6)


# --- Access ----------------------------------------------------------------------------


def writable_renstra(request: HtmxHttpRequest, renstra_id: int) -> Renstra:
    """The Renstra for an editor: 404 when the user cannot see it, 403 when only reads."""
    renstra = access_renstra(request.user, renstra_id)
    refusal = edit_refusal(request.user, renstra)
    if refusal:
        raise PermissionDenied(refusal)
    return renstra


def plan_row(renstra: Renstra, kind: str, row_id: int) -> Any:
    """The tujuan, sasaran, item or indikator `row_id` of `renstra`; 404 otherwise."""
    model = KINDS.get(kind)
    if model is None:
        raise Http404("Jenis baris tidak dikenal.")
    owner = {"tujuan__renstra": renstra} if model is Sasaran else {"renstra": renstra}
    return get_object_or_404(model, pk=row_id, **owner)


def posted(request: HtmxHttpRequest) -> Any:
    """The submitted data of a POST (a bound form), None for a GET (the editor opened)."""
    return request.POST if request.method == "POST" else None


# --- Responses -------------------------------------------------------------------------


def editor_response(request: HtmxHttpRequest, renstra: Renstra, editor: Editor) -> HttpResponse:
    """The editor alone (HTMX swaps it into its row) or the page with the editor open."""
    if request.htmx:
        context = {"renstra": renstra, "editor": editor}
        return render(request, "renstra/detail.html#editor-row", context)
    context = {**page_context(request, renstra), "editor": editor}
    return render(request, "renstra/detail.html", context)


def after_save(
    request: HtmxHttpRequest,
    renstra: Renstra,
    key: Key,
    *,
    whole_table: bool,
    message: str = "",
    removed: bool = False,
) -> HttpResponse:
    """After a save: the node's rows or its whole table (HTMX), or back to the page at the
    node (at its table when it was removed or `message` says why nothing was saved)."""
    section = section_of(key)
    node_id = f"baris-{key[0]}-{key[1]}"
    if not request.htmx:
        if message:
            messages.error(request, message)
        else:
            messages.success(request, _("Perubahan disimpan."))
        anchor = SECTION_IDS[section] if message or removed else node_id
        return redirect(reverse("renstra:detail", args=[renstra.pk]) + "#" + anchor)
    context = page_context(request, renstra)
    context["section"] = context["sections"][section]
    node = next((n for n in context["section"].rows if n.key == key), None)
    if whole_table or node is None:
        context["section_message"] = message
        response = render(request, "renstra/detail.html#plan-section", context)
        return reswap(retarget(response, "#" + SECTION_IDS[section]), "outerHTML")
    html = render_to_string("renstra/detail.html#node-body", {**context, "node": node}, request)
    notes = render_to_string("renstra/detail.html#footnotes", {**context, "oob": True}, request)
    return reswap(retarget(HttpResponse(html + notes), "#" + node_id), "outerHTML")


# --- The row editors -------------------------------------------------------------------


def _row_form(row: Any, data: Any) -> RowForm:
    if isinstance(row, Indikator):
        return IndikatorForm(data, initial=initial_of(row, SEMANTICS))
    if isinstance(row, RenstraItem):
        what = row.get_level_display().lower()
        return ItemForm(data, what=what, initial=initial_of(row, ITEM_FIELDS))
    what = type(row)._meta.verbose_name
    return GoalForm(data, what=str(what), initial=initial_of(row, GOAL_FIELDS))


def _stale_fields(form: RowForm, current: Any) -> list[tuple[str, str]]:
    """After a stale save: keep what was typed, take the stored revision, and list the
    fields stored differently from what was typed, with their stored value."""
    data: Any = form.data.copy()  # type: ignore[attr-defined]
    data["revision"] = str(current.revision)
    form.data = data
    shown = []
    for name, typed in form.values().items():
        stored = getattr(current, name)
        if stored != typed:
            text = ", ".join(stored) if isinstance(stored, list) else str(stored)
            shown.append((str(form.fields[name].label), text or "–"))
    return shown


def _row_title(row: Any) -> str:
    if isinstance(row, Indikator):
        return _("Ubah indikator")
    if isinstance(row, RenstraItem):
        return _("Ubah %(level)s") % {"level": row.get_level_display().lower()}
    return _("Ubah %(what)s") % {"what": type(row)._meta.verbose_name}


def _row_editor(renstra: Renstra, row: Any, form: forms.Form) -> Editor:
    key = node_key(row)
    kind = "indikator" if isinstance(row, Indikator) else key[0]
    remove = reverse("renstra:remove", args=[renstra.pk, kind, row.pk])
    noun = (
        _("indikator ini beserta target dan realisasinya")
        if kind == "indikator"
        else _("baris ini")
    )
    return Editor(
        "row",
        _row_title(row),
        reverse("renstra:edit_row", args=[renstra.pk, kind, row.pk]),
        form,
        slot=f"ubah-{key[0]}-{key[1]}",
        anchor=f"baris-{key[0]}-{key[1]}",
        ncols=table_columns(renstra, section_of(key)),
        subject=str(row),
        remove_url=remove,
        remove_label=_("Hapus"),
        remove_confirm=_("Hapus %(noun)s?") % {"noun": noun},
        remove_revision=row.revision,
    )


@login_required
def edit_row(request: HtmxHttpRequest, renstra_id: int, kind: str, row_id: int) -> HttpResponse:
    """Ubah: a tujuan or sasaran (name, order), an item (code, name, order), an indikator."""
    renstra = writable_renstra(request, renstra_id)
    row = plan_row(renstra, kind, row_id)
    form = _row_form(row, posted(request))
    editor = _row_editor(renstra, row, form)
    if request.method == "POST" and form.is_valid():
        try:
            update_row(
                row,
                acting_user=request.user,
                # A form without its revision cannot overwrite anything: 0 never matches.
                expected_revision=form.cleaned_data["revision"] or 0,
                **form.values(),
            )
        except StaleEdit as stale:
            editor.stale = _stale_fields(form, stale.current)
            form.add_error(None, str(stale))
        except EditRefused as refused:
            form.add_error(None, str(refused))
        else:
            return after_save(request, renstra, node_key(row), whole_table=kind != "indikator")
    return editor_response(request, renstra, editor)


@login_required
@require_POST
def remove(request: HtmxHttpRequest, renstra_id: int, kind: str, row_id: int) -> HttpResponse:
    """Hapus a tujuan, sasaran or item with nothing below it, or an indikator."""
    renstra = writable_renstra(request, renstra_id)
    row = plan_row(renstra, kind, row_id)
    key = node_key(row)
    revision = request.POST.get("revision", "")
    expected = int(revision) if revision.isdigit() else 0
    try:
        remove_row(row, acting_user=request.user, expected_revision=expected)
    except (EditRefused, StaleEdit) as refused:
        return after_save(request, renstra, key, whole_table=True, message=str(refused))
    return after_save(request, renstra, key, whole_table=True, removed=True)


# --- Adding rows -----------------------------------------------------------------------

# What may be added (`what`) under which kind of row (None: at the top of a table).
ADDABLE: dict[str, tuple[str | None, ...]] = {
    "tujuan": (None,),
    "program": (None,),
    "sasaran": ("tujuan",),
    "baris": ("item",),
    "indikator": ("tujuan", "sasaran", "item"),
}


def _parent(renstra: Renstra, what: str, kind: str | None, row_id: int | None) -> Any:
    if kind not in ADDABLE.get(what, ()):
        raise Http404("Baris ini tidak dapat ditambahkan di sini.")
    parent = plan_row(renstra, kind, row_id or 0) if kind else None
    if what == "baris" and parent is not None and parent.level == Level.SUB_KEGIATAN:
        raise Http404("Di bawah sub kegiatan tidak ada baris lagi.")
    return parent


def _noun(what: str, parent: Any) -> str:
    """What is added, in words: tujuan, sasaran, indikator, program, kegiatan …"""
    if what == "baris":
        return str(Level(LEVEL_BELOW[parent.level]).label).lower()
    return what


def _new_form(what: str, noun: str, data: Any) -> RowForm:
    if what == "indikator":
        return IndikatorForm(data)
    if what in ("tujuan", "sasaran"):
        return GoalForm(data, what=noun)
    return ItemForm(data, what=noun)


def _create(renstra: Renstra, what: str, parent: Any, form: RowForm, user: Any) -> Any:
    values = form.values()
    if what == "tujuan":
        return add_tujuan(renstra, acting_user=user, **values)
    if what == "sasaran":
        return add_sasaran(parent, acting_user=user, **values)
    if what == "indikator":
        return add_indikator(parent, acting_user=user, **values)
    return add_item(renstra, acting_user=user, parent=parent, **values)


def _add_editor(renstra: Renstra, what: str, parent: Any, form: RowForm, noun: str) -> Editor:
    if parent is None:
        section = "items" if what == "program" else "goals"
        slot, anchor = f"ubah-{'item' if what == 'program' else 'tujuan'}-baru", f"tambah-{section}"
        url = reverse("renstra:add", args=[renstra.pk, what])
    else:
        key = node_key(parent)
        section, slot, anchor = (
            section_of(key),
            f"ubah-{key[0]}-{key[1]}",
            f"baris-{key[0]}-{key[1]}",
        )
        url = reverse("renstra:add_under", args=[renstra.pk, key[0], parent.pk, what])
    title = _("Tambah %(what)s") % {"what": noun}
    return Editor(
        "row", title, url, form, slot, anchor, table_columns(renstra, section), str(parent or "")
    )


@login_required
def add(
    request: HtmxHttpRequest,
    renstra_id: int,
    what: str,
    kind: str | None = None,
    row_id: int | None = None,
) -> HttpResponse:
    """Tambah a tujuan or program (at the top), a sasaran, kegiatan or sub kegiatan under
    its parent, or an indikator of a tujuan, sasaran or item."""
    renstra = writable_renstra(request, renstra_id)
    parent = _parent(renstra, what, kind, row_id)
    noun = _noun(what, parent)
    form = _new_form(what, noun, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            row = _create(renstra, what, parent, form, request.user)
        except EditRefused as refused:
            form.add_error(None, str(refused))
        else:
            return after_save(request, renstra, node_key(row), whole_table=True)
    return editor_response(request, renstra, _add_editor(renstra, what, parent, form, noun))
