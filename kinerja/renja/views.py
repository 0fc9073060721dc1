"""The home page (the OPDs a user may see, with their plans) and the Renja page (Tabel 4.1),
read-only or with its edit controls; the inline editing lives in `kinerja.renja.edit_views`.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from kinerja.accounts.access import opds_for
from kinerja.renja.access import access_renja
from kinerja.renja.models import Renja
from kinerja.renja.queries import RenjaTree, compare_with_renstra, has_example_realisasi, renja_tree
from kinerja.renja.workflow import renja_edit_refusal
from kinerja.renstra.models import Renstra


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (typing only)."""

    htmx: HtmxDetails


@login_required
def home(request: HtmxHttpRequest) -> HttpResponse:
    opds = opds_for(request.user).select_related("pemda").order_by("pemda__name", "name")
    opds = opds.prefetch_related(
        Prefetch("renstra", queryset=Renstra.objects.order_by("-first_year")),
        Prefetch("renja", queryset=Renja.objects.order_by("-year", "-version", "id")),
    )
    return render(request, "renja/home.html", {"opds": opds})


def renja_table(renja: Renja) -> RenjaTree:
    """Tabel 4.1 with each indikator's Renstra targets beside its own."""
    tree = renja_tree(renja)
    compare_with_renstra(renja, [row for node in tree.rows() for row in node.indikator])
    for node in tree.rows():
        node.item.renja = renja  # the forms read the year; no query per item
    return tree


def page_context(
    request: HtmxHttpRequest,
    renja: Renja,
    *,
    tree: RenjaTree | None = None,
    refusal: str | None = None,
) -> dict[str, Any]:
    """The context of `renja/detail.html`: the table, and whether (or why not) it is editable."""
    refusal = refusal or renja_edit_refusal(request.user, renja)
    return {
        "renja": renja,
        "year_n1": renja.year + 1,
        "tree": tree or renja_table(renja),
        "is_example": has_example_realisasi(renja),
        "editable": refusal is None,
        "refusal": refusal,
        "panel": None,
    }


@login_required
def detail(request: HtmxHttpRequest, renja_id: int) -> HttpResponse:
    renja = access_renja(request.user, renja_id)
    return render(request, "renja/detail.html", page_context(request, renja))
