"""The Renstra page: its two tables (tujuan and sasaran; programs, kegiatan and sub kegiatan)
with their indikator, yearly targets, realisasi and pagu, read-only or with the edit
controls. The inline editors live in `kinerja.renstra.edit_views` (plan rows) and
`kinerja.renstra.figure_views` (yearly figures).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from kinerja.renstra.access import access_renstra
from kinerja.renstra.actions import edit_refusal
from kinerja.renstra.models import Renstra
from kinerja.renstra.queries import approved_years, kept_import_findings, renstra_plan

SECTION_IDS = {"goals": "tujuan-sasaran", "items": "program-kegiatan"}


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (typing only)."""

    htmx: HtmxDetails


@dataclass
class Section:
    """One table of the page: tujuan/sasaran, or programs, kegiatan and sub kegiatan."""

    key: str
    title: str
    name_header: str
    rows: list[Any]
    notes: list[tuple[int, str]]
    ncols: int
    pagu: Any = None

    @property
    def dom_id(self) -> str:
        return SECTION_IDS[self.key]

    @property
    def with_code(self) -> bool:
        return self.key == "items"

    @property
    def adder_slot(self) -> str:
        return f"ubah-{'item' if self.with_code else 'tujuan'}-baru"


def _sections(plan: Any) -> dict[str, Section]:
    return {
        "goals": Section(
            "goals",
            _("Tujuan dan sasaran"),
            _("Tujuan/Sasaran"),
            list(plan.goal_rows()),
            plan.goal_notes,
            len(plan.years) + 6,
        ),
        "items": Section(
            "items",
            _("Program, kegiatan dan sub kegiatan"),
            _("Program/Kegiatan/Sub Kegiatan"),
            list(plan.item_rows()),
            plan.item_notes,
            len(plan.years) + 7,
            plan.pagu,
        ),
    }


def page_context(request: HtmxHttpRequest, renstra: Renstra) -> dict:
    """The context of `renstra/detail.html`: both tables, and whether (or why not) they are
    editable."""
    plan = renstra_plan(renstra, with_pagu=True)
    refusal = edit_refusal(request.user, renstra)
    return {
        "renstra": renstra,
        "years": plan.years,
        "sections": _sections(plan),
        "editable": refusal is None,
        "refusal": refusal,
        "approved_years": approved_years(renstra) if refusal is None else [],
        "editor": None,
        "file_findings": kept_import_findings(renstra),
        "may_resolve": refusal is None,
    }


@login_required
def detail(request: HtmxHttpRequest, renstra_id: int) -> HttpResponse:
    renstra = access_renstra(request.user, renstra_id)
    return render(request, "renstra/detail.html", page_context(request, renstra))
