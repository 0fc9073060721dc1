"""The home page (the OPDs a user may see, with their plans) and the Renja page (Tabel 4.1)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.accounts.access import opds_for
from kinerja.renja.access import access_renja
from kinerja.renja.models import Renja
from kinerja.renja.queries import has_example_realisasi, renja_tree
from kinerja.renstra.models import Renstra


@login_required
def home(request: HttpRequest) -> HttpResponse:
    opds = opds_for(request.user).select_related("pemda").order_by("pemda__name", "name")
    opds = opds.prefetch_related(
        Prefetch("renstra", queryset=Renstra.objects.order_by("-first_year")),
        Prefetch("renja", queryset=Renja.objects.order_by("-year", "-version", "id")),
    )
    return render(request, "renja/home.html", {"opds": opds})


@login_required
def detail(request: HttpRequest, renja_id: int) -> HttpResponse:
    renja = access_renja(request.user, renja_id)
    context = {
        "renja": renja,
        "year_n1": renja.year + 1,
        "tree": renja_tree(renja),
        "is_example": has_example_realisasi(renja),
    }
    return render(request, "renja/detail.html", context)
