"""Which Perangkat Daerah a user may see: the base of every `access_*` function; and what
an admin pemda reaches on the settings pages (`/pengaturan/`).

Admin and verifier memberships cover every OPD of their pemda; editor and viewer
memberships cover their own OPD; a superuser sees everything. "Missing" and
"forbidden" both raise `Http404`, so an outsider cannot probe which ids exist.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User

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


# --- Settings pages: the pemda an admin manages, its OPDs, users and roles -------------


def administered_pemdas(user: User | AnonymousUser) -> QuerySet[Pemda]:
    """The pemda whose settings `user` manages: admin pemda there, or a superuser."""
    if not user.is_active:
        return Pemda.objects.none()
    if user.is_superuser:
        return Pemda.objects.all()
    admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN)
    return Pemda.objects.filter(id__in=admin_of.values("pemda_id"))


def access_pemda_settings(user: User | AnonymousUser, pemda_id: int) -> Pemda:
    """The pemda `pemda_id` if `user` manages it; `Http404` when missing or forbidden."""
    pemda = administered_pemdas(user).filter(id=pemda_id).first()
    if pemda is None:
        raise Http404("Pemda tidak ditemukan.")
    return pemda


def access_opd_settings(user: User | AnonymousUser, opd_id: int) -> PerangkatDaerah:
    """The OPD `opd_id` if `user` manages its pemda; `Http404` otherwise."""
    pemdas = administered_pemdas(user)
    opd = PerangkatDaerah.objects.filter(id=opd_id, pemda__in=pemdas).select_related("pemda")
    found = opd.first()
    if found is None:
        raise Http404("Perangkat daerah tidak ditemukan.")
    return found


def access_member(pemda: Pemda, user_id: int) -> User:
    """A user with a role in `pemda` (reached after access_pemda_settings); else `Http404`."""
    member = User.objects.filter(id=user_id, memberships__pemda=pemda).distinct().first()
    if member is None:
        raise Http404("Pengguna tidak ditemukan.")
    return member


def may_manage_account(acting: User | AnonymousUser, member: User, pemda: Pemda) -> bool:
    """Password and active state belong to the whole account: an admin pemda changes them
    only for users of their pemda alone, never for a superuser (that would hand over the
    superuser's account); a superuser changes any."""
    if acting.is_superuser:
        return True
    elsewhere = Membership.objects.filter(user=member).exclude(pemda=pemda).exists()
    return not member.is_superuser and not elsewhere


def access_membership(user: User | AnonymousUser, membership_id: int) -> Membership:
    """A role in a pemda `user` manages; `Http404` otherwise."""
    pemdas = administered_pemdas(user)
    found = (
        Membership.objects.filter(id=membership_id, pemda__in=pemdas)
        .select_related("pemda", "user", "perangkat_daerah")
        .first()
    )
    if found is None:
        raise Http404("Peran tidak ditemukan.")
    return found
