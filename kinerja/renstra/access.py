"""The only way a view gets a Renstra: through the OPDs its user may see."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kinerja.accounts.access import opds_for
from kinerja.accounts.models import User
from kinerja.renstra.models import Renstra


def access_renstra(user: User | AnonymousUser, renstra_id: int) -> Renstra:
    """The Renstra `renstra_id` if `user` may see its OPD; `Http404` when missing or forbidden."""
    visible = Renstra.objects.filter(perangkat_daerah__in=opds_for(user))
    renstra = visible.select_related("perangkat_daerah__pemda").filter(id=renstra_id).first()
    if renstra is None:
        raise Http404("Renstra tidak ditemukan.")
    return renstra
