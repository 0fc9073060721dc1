"""The Renstra page: tujuan → sasaran and the program tree, with yearly targets and realisasi."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.renstra.access import access_renstra
from kinerja.renstra.queries import renstra_plan


@login_required
def detail(request: HttpRequest, renstra_id: int) -> HttpResponse:
    renstra = access_renstra(request.user, renstra_id)
    context = {"renstra": renstra, "plan": renstra_plan(renstra)}
    return render(request, "renstra/detail.html", context)
