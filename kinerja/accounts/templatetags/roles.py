"""`{% user_roles user %}`: the user's roles in words, for the navigation bar."""

from django import template
from django.utils.translation import gettext as _

from kinerja.accounts.models import Membership, User

register = template.Library()


@register.simple_tag
def user_roles(user: User) -> str:
    """E.g. "Operator OPD BKPSDM"; one query, whatever the number of memberships."""
    memberships = Membership.objects.filter(user=user).select_related("pemda", "perangkat_daerah")
    labels = [f"{m.get_role_display()} {m.perangkat_daerah or m.pemda}" for m in memberships]
    if not labels and user.is_superuser:
        labels = [_("Administrator sistem")]
    return "; ".join(labels)


@register.simple_tag
def user_areas(user: User) -> dict[str, bool]:
    """Which areas the navigation offers: `review` for verifier/admin pemda (and
    superusers), `settings` for admin pemda (and superusers). One query."""
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    return {
        "review": user.is_superuser
        or bool(roles & {Membership.Role.ADMIN, Membership.Role.VERIFIER}),
        "settings": user.is_superuser or Membership.Role.ADMIN in roles,
    }
