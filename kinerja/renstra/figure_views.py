"""The Renstra page's editors of yearly figures: the targets and kondisi awal/akhir and the
realisasi tahunan of an indikator, and the pagu of a leaf item, one input per year; they
open and answer like the row editors of `kinerja.renstra.edit_views`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from kinerja.lib.revisions import StaleEdit
from kinerja.renstra.actions import EditRefused
from kinerja.renstra.edit_views import (
    Editor,
    after_save,
    editor_response,
    node_key,
    plan_row,
    posted,
    section_of,
    table_columns,
    writable_renstra,
)
from kinerja.renstra.figures import ReasonRequired, save_pagu, save_realisasi, save_targets
from kinerja.renstra.forms import PaguForm, RealisasiForm, TargetsForm, YearsForm
from kinerja.renstra.models import Indikator, Pagu, RealisasiTahunan, Renstra, RenstraItem, Target
from kinerja.renstra.queries import approved_years
from kinerja.renstra.views import HtmxHttpRequest


@dataclass(frozen=True)
class Figures:
    """One kind of yearly figure: its form, rows, action and how the page shows it."""

    title: Any
    url_name: str
    form: type[YearsForm]
    model: type[models.Model]
    save: Callable[[Any, Any, Any], Any]
    kondisi: bool = False
    reason: bool = False
    whole_table: bool = True


def _save_targets(indikator: Indikator, form: Any, user: Any) -> Any:
    return save_targets(
        indikator,
        acting_user=user,
        targets=form.years(),
        kondisi=form.kondisi(),
        expected_revision=form.cleaned_data["revision"] or 0,
        reason=form.cleaned_data["alasan"],
    )


def _save_realisasi(indikator: Indikator, form: Any, user: Any) -> Any:
    return save_realisasi(indikator, acting_user=user, realisasi=form.years())


def _save_pagu(item: RenstraItem, form: Any, user: Any) -> Any:
    reason = form.cleaned_data["alasan"]
    return save_pagu(item, acting_user=user, pagu=form.years(), reason=reason)


TARGETS = Figures(
    gettext_lazy("Target dan kondisi"), "edit_targets", TargetsForm, Target, _save_targets,
    kondisi=True, reason=True, whole_table=False,
)  # fmt: skip
REALISASI = Figures(
    gettext_lazy("Realisasi tahunan"),
    "edit_realisasi",
    RealisasiForm,
    RealisasiTahunan,
    _save_realisasi,
)
PAGU = Figures(
    gettext_lazy("Pagu indikatif (Rp)"), "edit_pagu", PaguForm, Pagu, _save_pagu, reason=True
)


def _year_rows(figures: Figures, owner: Any) -> dict[int, Any]:
    owner_field = "item" if isinstance(owner, RenstraItem) else "indikator"
    rows = figures.model._default_manager.filter(**{owner_field: owner})
    return {row.year: row for row in rows}  # type: ignore[attr-defined]


def _years_form(renstra: Renstra, figures: Figures, owner: Any, data: Any) -> Any:
    extra = {} if figures is PAGU else {"indikator": owner}
    return figures.form(data, years=renstra.years, rows=_year_rows(figures, owner), **extra)


def _years_editor(renstra: Renstra, figures: Figures, owner: Any, form: Any) -> Editor:
    key = node_key(owner)
    return Editor(
        "years",
        figures.title,
        reverse(f"renstra:{figures.url_name}", args=[renstra.pk, owner.pk]),
        form,
        slot=f"ubah-{key[0]}-{key[1]}",
        anchor=f"baris-{key[0]}-{key[1]}",
        ncols=table_columns(renstra, section_of(key)),
        subject=str(owner),
        kondisi=figures.kondisi,
        reason=figures.reason and bool(approved_years(renstra)),
        approved=approved_years(renstra) if figures.reason else [],
    )


def _restale(renstra: Renstra, figures: Figures, owner: Any, form: Any) -> list[str]:
    """After a stale save: the form at the stored revisions, and the stored figures."""
    current = type(owner).objects.get(pk=owner.pk)
    rows = _year_rows(figures, current)
    return form.refresh_with(rows, current) if figures.kondisi else form.refresh(rows)


def _edit_years(
    request: HtmxHttpRequest, renstra: Renstra, figures: Figures, owner: Any
) -> HttpResponse:
    form = _years_form(renstra, figures, owner, posted(request))
    editor = _years_editor(renstra, figures, owner, form)
    if request.method == "POST" and form.is_valid():
        try:
            figures.save(owner, form, request.user)
        except StaleEdit as stale:
            editor.current = _restale(renstra, figures, owner, form)
            form.add_error(None, str(stale))
        except ReasonRequired as missing:
            form.add_error("alasan", str(missing))
            editor.reason = True
        except EditRefused as refused:
            form.add_error(None, str(refused))
        else:
            return after_save(request, renstra, node_key(owner), whole_table=figures.whole_table)
    return editor_response(request, renstra, editor)


@login_required
def edit_targets(request: HtmxHttpRequest, renstra_id: int, row_id: int) -> HttpResponse:
    """Kondisi awal, the target of every year and kondisi akhir of an indikator."""
    renstra = writable_renstra(request, renstra_id)
    return _edit_years(request, renstra, TARGETS, plan_row(renstra, "indikator", row_id))


@login_required
def edit_realisasi(request: HtmxHttpRequest, renstra_id: int, row_id: int) -> HttpResponse:
    """Realisasi of every year of an indikator (a number, a note, or both)."""
    renstra = writable_renstra(request, renstra_id)
    return _edit_years(request, renstra, REALISASI, plan_row(renstra, "indikator", row_id))


@login_required
def edit_pagu(request: HtmxHttpRequest, renstra_id: int, row_id: int) -> HttpResponse:
    """Pagu of every year of a leaf item; pagu above it is computed."""
    renstra = writable_renstra(request, renstra_id)
    return _edit_years(request, renstra, PAGU, plan_row(renstra, "item", row_id))
