"""`{% history_url object %}`: the history page of a Renja, a Renja item (its Renja's),
a Renja indikator, a triwulan report or a realisasi; "" for anything else.

Used by `dashboard/_history_link.html`, which other pages include with `object=…` (and,
for the report of a triwulan that may have no LaporanTriwulan yet, `object=renja
triwulan=q`).
"""

from typing import Any

from django import template
from django.urls import reverse

from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.renja.models import Indikator, Renja, RenjaItem, RenjaNarasi

register = template.Library()


@register.simple_tag
def history_url(obj: Any, triwulan: Any = None) -> str:
    if isinstance(obj, Renja) and triwulan:
        return reverse("dashboard:history_laporan", args=[obj.pk, int(triwulan)])
    if isinstance(obj, Renja):
        return reverse("dashboard:history_renja", args=[obj.pk])
    if isinstance(obj, (RenjaItem, RenjaNarasi)):
        return reverse("dashboard:history_renja", args=[obj.renja_id])
    if isinstance(obj, Indikator):
        return reverse("dashboard:history_indikator", args=[obj.pk])
    if isinstance(obj, RealisasiKinerja):
        return reverse("dashboard:history_indikator", args=[obj.indikator_id])
    if isinstance(obj, LaporanTriwulan):
        return reverse("dashboard:history_laporan", args=[obj.renja_id, obj.triwulan])
    if isinstance(obj, RealisasiAnggaran):
        return reverse("dashboard:history_renja", args=[obj.item.renja_id])
    return ""
