"""The nomenclature search: entries of one edition at one level, by part of a name or code,
for a planner adding a program, kegiatan or sub kegiatan to a plan (an HTMX fragment)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.nomenclature.models import Edition, Entry, Kegiatan, Program, SubKegiatan

# The levels a plan item takes, and their entries.
LEVELS: dict[str, tuple[type[Entry], str]] = {
    "program": (Program, "program"),
    "kegiatan": (Kegiatan, "kegiatan"),
    "sub_kegiatan": (SubKegiatan, "sub kegiatan"),
}
LIMIT = 20


def matching(edition: Edition, model: type[Entry], parent_code: str, text: str) -> QuerySet[Entry]:
    """Entries of `edition` below `parent_code` (when given) whose code or name holds every
    word of `text`, by code."""
    entries = model._default_manager.filter(edition=edition)
    if parent_code:
        # A kegiatan's code extends its program's (5.03.02 → 5.03.02.2.01), and so on.
        entries = entries.filter(code__startswith=parent_code + ".")
    for word in text.split():
        entries = entries.filter(Q(code__icontains=word) | Q(name__icontains=word))
    return entries.order_by("code")


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """`?edition=<id>&level=program|kegiatan|sub_kegiatan&parent=<code>&q=<text>`: the
    first matches as choices (`name="entry"`) for the form the results sit in."""
    raw_edition = request.GET.get("edition", "")
    edition = Edition.objects.filter(pk=raw_edition).first() if raw_edition.isdigit() else None
    level = request.GET.get("level", "")
    if edition is None or level not in LEVELS:
        raise Http404("Edisi atau tingkat nomenklatur tidak dikenal.")
    model, label = LEVELS[level]
    text = request.GET.get("q", "").strip()[:200]
    found = list(matching(edition, model, request.GET.get("parent", "").strip(), text)[: LIMIT + 1])
    context = {
        "entries": found[:LIMIT],
        "more": len(found) > LIMIT,
        "limit": LIMIT,
        "label": label,
        "q": text,
        "edition": edition,
    }
    return render(request, "nomenclature/search.html", context)
