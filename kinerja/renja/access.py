"""The only way a view gets a Renja: through the OPDs its user may see."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kinerja.accounts.access import opds_for
from kinerja.accounts.models import User
from kinerja.renja.models import Renja


def access_renja(user: User | AnonymousUser, renja_id: int) -> Renja:
    """The Renja `renja_id` if `user` may see its OPD; `Http404` when missing or forbidden."""
    visible = Renja.objects.filter(perangkat_daerah__in=opds_for(user))
    related = visible.select_related("perangkat_daerah__pemda", "renstra")
    renja = related.filter(id=renja_id).first()
    if renja is None:
        raise Http404("Renja tidak ditemukan.")
    return renja
