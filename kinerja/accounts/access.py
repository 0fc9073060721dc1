"""Which Perangkat Daerah a user may see: the base of every `access_*` function.

Admin and verifier memberships cover every OPD of their pemda; editor and viewer
memberships cover their own OPD; a superuser sees everything. "Missing" and
"forbidden" both raise `Http404`, so an outsider cannot probe which ids exist.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.accounts.models import Membership, PerangkatDaerah, User

PEMDA_WIDE_ROLES = [Membership.Role.ADMIN, Membership.Role.VERIFIER]
OPD_ROLES = [Membership.Role.EDITOR, Membership.Role.VIEWER]


def opds_for(user: User | AnonymousUser) -> QuerySet[PerangkatDaerah]:
    """The OPDs `user` may see, as one query (memberships are subqueries, not loaded)."""
    if not user.is_active:
        return PerangkatDaerah.objects.none()
    if user.is_superuser:
        return PerangkatDaerah.objects.all()
    memberships = Membership.objects.filter(user=user)
    pemda_ids = memberships.filter(role__in=PEMDA_WIDE_ROLES).values("pemda_id")
    opd_ids = memberships.filter(role__in=OPD_ROLES).values("perangkat_daerah_id")
    return PerangkatDaerah.objects.filter(Q(pemda_id__in=pemda_ids) | Q(id__in=opd_ids))


def access_perangkat_daerah(user: User | AnonymousUser, opd_id: int) -> PerangkatDaerah:
    """The OPD `opd_id` if `user` may see it; `Http404` when it is missing or forbidden."""
    opd = opds_for(user).select_related("pemda").filter(id=opd_id).first()
    if opd is None:
        raise Http404("Perangkat daerah tidak ditemukan.")
    return opd


def opds_to_edit(user: User | AnonymousUser) -> QuerySet[PerangkatDaerah]:
    """The OPDs whose plans `user` may write: admin pemda for the pemda, operator for theirs."""
    if not user.is_active:
        return PerangkatDaerah.objects.none()
    if user.is_superuser:
        return PerangkatDaerah.objects.all()
    memberships = Membership.objects.filter(user=user)
    pemda_ids = memberships.filter(role=Membership.Role.ADMIN).values("pemda_id")
    opd_ids = memberships.filter(role=Membership.Role.EDITOR).values("perangkat_daerah_id")
    return PerangkatDaerah.objects.filter(Q(pemda_id__in=pemda_ids) | Q(id__in=opd_ids))


def is_pemda_admin(user: User | AnonymousUser, pemda_id: int) -> bool:
    """True for an active superuser or admin of pemda `pemda_id`."""
    if not user.is_active:
        return False
    return (
        user.is_superuser
        or Membership.objects.filter(
            user=user, pemda_id=pemda_id, role=Membership.Role.ADMIN
        ).exists()
    )
