"""The only way a view gets a pemda for the Bappeda review: a pemda-wide role in it.

Admin pemda and verifikator Bappeda review every OPD of their pemda; a superuser reviews
every pemda; OPD roles (operator, pimpinan) never do. "Missing" and "forbidden" both
raise `Http404`, as every `access_*` function does.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from kinerja.accounts.access import PEMDA_WIDE_ROLES
from kinerja.accounts.models import Membership, Pemda, User


def reviewable_pemdas(user: User | AnonymousUser) -> QuerySet[Pemda]:
    """The pemda whose OPDs `user` may compare, as one query."""
    if not user.is_active:
        return Pemda.objects.none()
    if user.is_superuser:
        return Pemda.objects.all()
    memberships = Membership.objects.filter(user=user, role__in=PEMDA_WIDE_ROLES)
    return Pemda.objects.filter(id__in=memberships.values("pemda_id"))


def access_pemda_review(user: User | AnonymousUser, pemda_id: int) -> Pemda:
    """The pemda `pemda_id` if `user` reviews it; `Http404` when missing or forbidden."""
    pemda = reviewable_pemdas(user).filter(id=pemda_id).first()
    if pemda is None:
        raise Http404("Pemda tidak ditemukan.")
    return pemda
