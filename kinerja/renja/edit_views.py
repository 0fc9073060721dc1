"""Inline editing of the Renja page: an item's lokasi, sumber dana, pagu and catatan, its
indikator and targets, items added from the nomenclature and removed.

Editing answers HTMX with fragments of `renja/detail.html` (an item's rows, an open form,
the table) and a browser without JavaScript with the whole page, the form open in place.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import reswap, retarget

from kinerja.lib.revisions import STALE_MESSAGE, StaleEdit
from kinerja.nomenclature import models as nomenclature
from kinerja.nomenclature.models import Edition
from kinerja.renja.access import access_renja
from kinerja.renja.actions import (
    CHILD_LEVEL,
    EditRefused,
    RequiredCleared,
    add_indikator,
    add_item,
    remove_indikator,
    remove_item,
    update_indikator,
    update_item,
)
from kinerja.renja.forms import IndikatorForm, ItemForm, NewIndikatorForm
from kinerja.renja.models import Indikator, Renja
from kinerja.renja.queries import (
    RenjaNode,
    RenjaTree,
    ancestors,
    descendants,
    edition_of,
    find_node,
    has_realisasi,
    removal_refusal,
    renstra_targets_of,
)
from kinerja.renja.views import HtmxHttpRequest, page_context, renja_table
from kinerja.renja.workflow import Locked, renja_edit_refusal
from kinerja.renstra.models import Indikator as RenstraIndikator
from kinerja.renstra.models import Level

ENTRY_MODELS: dict[str, type[nomenclature.Entry]] = {
    Level.PROGRAM: nomenclature.Program,
    Level.KEGIATAN: nomenclature.Kegiatan,
    Level.SUB_KEGIATAN: nomenclature.SubKegiatan,
}


@dataclass
class Panel:
    """A form or a confirmation open in place of an item's rows (or in an add slot)."""

    kind: str  # item, indikator, new-indikator, remove-item, remove-indikator, add
    node: RenjaNode | None
    url: str
    form: forms.Form | None = None
    indikator: Indikator | None = None
    error: str = ""
    stale: list[tuple[str, str]] = field(default_factory=list)
    refusal: str | None = None
    below: list[RenjaNode] = field(default_factory=list)
    edition: Edition | None = None
    level: str = ""
    query: str = ""
    renstra_targets: tuple[Decimal | None, Decimal | None] = (None, None)

    @property
    def slot(self) -> str:
        """The add slot a new item's form fills: after its parent, or `top` for a program."""
        return str(self.node.item.pk) if self.node else "top"

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label).lower() if self.level else ""


def refused(request: HtmxHttpRequest, renja: Renja, reason: str) -> HttpResponse:
    """403 with the reason: the page read-only, or for HTMX a reload that shows it."""
    if request.htmx:
        messages.error(request, reason)
        return HttpResponse(reason, status=403, headers={"HX-Refresh": "true"})
    context = page_context(request, renja, refusal=reason)
    return render(request, "renja/detail.html", context, status=403)


EditorView = Callable[..., HttpResponse]


def renja_editor(view: EditorView) -> EditorView:
    """The Renja through `access_renja` (404 when hidden), then 403 with the reason when
    the user may not change it now, also when the action finds it locked meanwhile."""

    @login_required
    @wraps(view)
    def wrapped(request: HtmxHttpRequest, renja_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
        renja = access_renja(request.user, renja_id)
        refusal = renja_edit_refusal(request.user, renja)
        if refusal:
            return refused(request, renja, refusal)
        try:
            return view(request, renja, *args, **kwargs)
        except Locked as locked:
            return refused(request, renja, str(locked))

    return wrapped


def _node(tree: RenjaTree, item_id: int) -> RenjaNode:
    node = find_node(tree, item_id)
    if node is None:
        raise Http404("Baris Renja tidak ditemukan.")
    return node


def _indikator(tree: RenjaTree, indikator_id: int) -> tuple[RenjaNode, Indikator]:
    for node in tree.rows():
        for indikator in node.indikator:
            if indikator.pk == indikator_id:
                return node, indikator
    raise Http404("Indikator tidak ditemukan.")


def _show(request: HtmxHttpRequest, renja: Renja, panel: Panel, tree: RenjaTree) -> HttpResponse:
    """The open panel: as a fragment for HTMX, else the page with the panel in place."""
    if request.htmx:
        context = {"renja": renja, "year_n1": renja.year + 1, "panel": panel, "editable": True}
        return render(request, "renja/detail.html#panel", context)
    context = {**page_context(request, renja, tree=tree), "panel": panel}
    return render(request, "renja/detail.html", context)


def _saved(request: HtmxHttpRequest, renja: Renja, item_id: int, status: str) -> HttpResponse:
    """After a change inside one item: its rows again, and the totals above it out of band."""
    if not request.htmx:
        messages.success(request, status)
        return redirect(reverse("renja:detail", args=[renja.pk]) + f"#item-{item_id}")
    tree = renja_table(renja)
    node = _node(tree, item_id)
    context = {
        "renja": renja,
        "node": node,
        "tree": tree,
        "ancestors": ancestors(tree, node),
        "editable": True,
        "status": status,
    }
    return render(request, "renja/detail.html#item-saved", context)


def _restructured(request: HtmxHttpRequest, renja: Renja, status: str) -> HttpResponse:
    """After an item was added or removed: the whole table again (rows moved)."""
    if not request.htmx:
        messages.success(request, status)
        return redirect("renja:detail", renja_id=renja.pk)
    context = {**page_context(request, renja), "status": status}
    response = render(request, "renja/detail.html#table", context)
    return reswap(retarget(response, "#renja-tabel"), "outerHTML")


def _keep_stale(panel: Panel, current: Any) -> None:
    """Show the stored values beside what the user typed, and let a second save go through."""
    form = panel.form
    assert form is not None
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["revision"] = str(current.revision)
    form.data = data
    form.add_error(None, STALE_MESSAGE)
    panel.stale = [
        (str(bound.label), _shown(bound.field, getattr(current, name)))
        for name, bound in ((n, form[n]) for n in form.fields)
        if name not in ("revision", "alasan") and hasattr(current, name)
    ]


def _show_stored(form: forms.Form, name: str, stored: Any) -> None:
    """Put the stored value back into the input the user emptied (it was kept)."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data[name] = str(form.fields[name].prepare_value(stored))
    form.data = data


def _shown(form_field: forms.Field, value: Any) -> str:
    text = form_field.prepare_value(value) if value is not None else ""
    return str(text) if text not in ("", None) else "(kosong)"


def _data(request: HtmxHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
def item_rows(request: HtmxHttpRequest, renja_id: int, item_id: int) -> HttpResponse:
    """An item's rows as the table shows them (closing its form)."""
    renja = access_renja(request.user, renja_id)
    if not request.htmx:
        return redirect(reverse("renja:detail", args=[renja.pk]) + f"#item-{item_id}")
    context = {
        "renja": renja,
        "node": _node(renja_table(renja), item_id),
        "editable": renja_edit_refusal(request.user, renja) is None,
    }
    return render(request, "renja/detail.html#item-rows", context)


@renja_editor
def item_edit(request: HtmxHttpRequest, renja: Renja, item_id: int) -> HttpResponse:
    """Lokasi, sumber dana, catatan penting and, on a sub kegiatan, pagu n and n+1."""
    tree = renja_table(renja)
    node = _node(tree, item_id)
    form = ItemForm(node.item, _data(request))
    url = reverse("renja:item_edit", args=[renja.pk, item_id])
    panel = Panel("item", node, url, form=form)
    if request.method == "POST" and form.is_valid():
        try:
            update_item(
                node.item,
                acting_user=request.user,
                expected_revision=form.cleaned_data["revision"],
                **form.item_fields(),
            )
        except StaleEdit as stale:
            _keep_stale(panel, stale.current)
        except RequiredCleared as refusal:
            panel.error = str(refusal)
            _show_stored(form, refusal.field, refusal.stored)
        except EditRefused as refusal:
            panel.error = str(refusal)
        else:
            return _saved(request, renja, item_id, f"{node.item} disimpan.")
    return _show(request, renja, panel, tree)


@renja_editor
def indikator_edit(request: HtmxHttpRequest, renja: Renja, indikator_id: int) -> HttpResponse:
    """Name, satuan and targets of an indikator; a reason once realisasi exists."""
    tree = renja_table(renja)
    node, indikator = _indikator(tree, indikator_id)
    targets = (indikator.renstra_target, indikator.renstra_target_n1)  # type: ignore[attr-defined]
    form = IndikatorForm(
        indikator,
        _data(request),
        year=renja.year,
        renstra_targets=targets,
        with_realisasi=has_realisasi(indikator),
    )
    url = reverse("renja:indikator_edit", args=[renja.pk, indikator_id])
    panel = Panel("indikator", node, url, form=form, indikator=indikator, renstra_targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            update_indikator(
                indikator,
                acting_user=request.user,
                expected_revision=form.cleaned_data["revision"],
                reason=form.cleaned_data.get("alasan", ""),
                **form.indikator_fields(),
            )
        except StaleEdit as stale:
            _keep_stale(panel, stale.current)
        except EditRefused as refusal:
            panel.error = str(refusal)
        else:
            return _saved(
                request, renja, node.item.pk, f"Indikator {form.cleaned_data['name']} disimpan."
            )
    return _show(request, renja, panel, tree)


def _chosen_renstra_indikator(renja: Renja, request: HtmxHttpRequest) -> RenstraIndikator | None:
    """The Renstra indikator picked in the new-indikator form, if it belongs to the Renstra."""
    raw = (request.POST if request.method == "POST" else request.GET).get("renstra_indikator")
    if not raw or not raw.isdigit():
        return None
    return RenstraIndikator.objects.filter(pk=int(raw), renstra_id=renja.renstra_id).first()


@renja_editor
def indikator_add(request: HtmxHttpRequest, renja: Renja, item_id: int) -> HttpResponse:
    """A new indikator of an item, its fields filled from a chosen Renstra indikator."""
    tree = renja_table(renja)
    node = _node(tree, item_id)
    linked = _chosen_renstra_indikator(renja, request)
    targets = renstra_targets_of(linked.pk if linked else None, renja.year)
    form = NewIndikatorForm(
        node.item,
        _data(request),
        year=renja.year,
        renstra_indikator=linked,
        renstra_targets=targets,
    )
    url = reverse("renja:indikator_add", args=[renja.pk, item_id])
    # Choosing a Renstra indikator reloads the form filled from it (its own value only).
    form.fields["renstra_indikator"].widget.attrs.update(
        {
            "hx-get": url,
            "hx-trigger": "change",
            "hx-target": "closest tbody",
            "hx-swap": "outerHTML",
        }
    )
    panel = Panel(
        "new-indikator", node, url, form=form, indikator=form.indikator, renstra_targets=targets
    )
    if request.method == "POST" and form.is_valid():
        try:
            add_indikator(node.item, acting_user=request.user, **form.indikator_fields())
        except EditRefused as refusal:
            panel.error = str(refusal)
        else:
            return _saved(
                request, renja, item_id, f"Indikator {form.cleaned_data['name']} ditambahkan."
            )
    return _show(request, renja, panel, tree)


def _posted_revision(request: HtmxHttpRequest) -> int | None:
    raw = request.POST.get("revision", "")
    return int(raw) if raw.isdigit() else None


@renja_editor
def indikator_remove(request: HtmxHttpRequest, renja: Renja, indikator_id: int) -> HttpResponse:
    """Confirm, then remove an indikator (refused once it has realisasi)."""
    tree = renja_table(renja)
    node, indikator = _indikator(tree, indikator_id)
    url = reverse("renja:indikator_remove", args=[renja.pk, indikator_id])
    panel = Panel("remove-indikator", node, url, indikator=indikator)
    if has_realisasi(indikator):
        panel.refusal = "Indikator ini sudah memiliki realisasi triwulan; tidak dapat dihapus."
    if request.method == "POST":
        try:
            remove_indikator(
                indikator, acting_user=request.user, expected_revision=_posted_revision(request)
            )
        except StaleEdit:
            panel.error = STALE_MESSAGE
        except EditRefused as refusal:
            panel.refusal = str(refusal)
        else:
            return _saved(request, renja, node.item.pk, f"Indikator {indikator.name} dihapus.")
    return _show(request, renja, panel, tree)


@renja_editor
def item_remove(request: HtmxHttpRequest, renja: Renja, item_id: int) -> HttpResponse:
    """Confirm, then remove an item with everything below it (refused after realisasi)."""
    tree = renja_table(renja)
    node = _node(tree, item_id)
    url = reverse("renja:item_remove", args=[renja.pk, item_id])
    panel = Panel("remove-item", node, url, below=descendants(node))
    panel.refusal = removal_refusal(node.item)
    if request.method == "POST":
        try:
            remove_item(
                node.item, acting_user=request.user, expected_revision=_posted_revision(request)
            )
        except StaleEdit:
            panel.error = STALE_MESSAGE
        except EditRefused as refusal:
            panel.refusal = str(refusal)
        else:
            return _restructured(request, renja, f"{node.item} dihapus.")
    return _show(request, renja, panel, tree)


def _parent(tree: RenjaTree, request: HtmxHttpRequest) -> RenjaNode | None:
    """The item a new one goes under (`induk`), None for a program; 404 when it takes none."""
    raw = (request.POST if request.method == "POST" else request.GET).get("induk", "")
    if not raw:
        return None
    node = _node(tree, int(raw)) if raw.isdigit() else None
    if node is None or node.item.level == Level.SUB_KEGIATAN:
        raise Http404("Baris ini tidak dapat memiliki baris di bawahnya.")
    return node


def _entry(level: str, raw: str | None) -> Any:
    if not raw or not raw.isdigit():
        return None
    return ENTRY_MODELS[level]._default_manager.filter(pk=int(raw)).first()


@renja_editor
def item_add(request: HtmxHttpRequest, renja: Renja) -> HttpResponse:
    """Add a program (top), kegiatan or sub kegiatan picked from the nomenclature search."""
    tree = renja_table(renja)
    parent = _parent(tree, request)
    url = reverse("renja:item_add", args=[renja.pk])
    level = CHILD_LEVEL[parent.item.level if parent else None]
    panel = Panel("add", parent, url, edition=edition_of(renja), level=level)
    if request.GET.get("tutup"):
        return _closed_slot(request, renja, panel)
    if request.method == "POST":
        panel.query = request.POST.get("q", "")[:200]
        entry = _entry(level, request.POST.get("entry"))
        if entry is None:
            panel.error = f"Pilih {panel.level_label} dari hasil pencarian nomenklatur."
        else:
            try:
                item = add_item(
                    renja,
                    acting_user=request.user,
                    parent=parent.item if parent else None,
                    entry=entry,
                )
            except EditRefused as refusal:
                panel.error = str(refusal)
            else:
                return _restructured(request, renja, f"{item} ditambahkan.")
    return _show(request, renja, panel, tree)


def _closed_slot(request: HtmxHttpRequest, renja: Renja, panel: Panel) -> HttpResponse:
    if not request.htmx:
        return redirect("renja:detail", renja_id=renja.pk)
    return HttpResponse(f'<tbody id="add-slot-{panel.slot}" class="add-slot"></tbody>')
