"""How the history pages reach a Renja indikator or a triwulan report: through its Renja.

Both build on `renja.access.access_renja`, so whoever may see the Renja may see the
history of its parts; "missing" and "forbidden" both raise `Http404`.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kinerja.accounts.models import User
from kinerja.monitoring.models import Triwulan
from kinerja.renja.access import access_renja
from kinerja.renja.models import Indikator, Renja


def access_indikator(user: User | AnonymousUser, indikator_id: int) -> tuple[Renja, Indikator]:
    """The Renja indikator `indikator_id` with its Renja if `user` may see the Renja."""
    indikator = Indikator.objects.select_related("item").filter(id=indikator_id).first()
    if indikator is None:
        raise Http404("Indikator tidak ditemukan.")
    return access_renja(user, indikator.item.renja_id), indikator


def access_triwulan(user: User | AnonymousUser, renja_id: int, triwulan: int) -> Renja:
    """The Renja `renja_id` for the report of `triwulan` (1–4), if `user` may see it."""
    if triwulan not in Triwulan.values:
        raise Http404("Triwulan harus 1, 2, 3 atau 4.")
    return access_renja(user, renja_id)
