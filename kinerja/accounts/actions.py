"""Writes to users and memberships, each with its audit row in the same transaction."""

from typing import Any

from django.db import transaction

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record


@transaction.atomic
def set_user_password(
    *, username: str, password: str, full_name: str, superuser: bool = False, acting_user: Any
) -> User:
    """Create the user if needed and set the password (used for demo and bootstrap users).

    A superuser may also use the Django admin.
    """
    user, created = User.objects.get_or_create(username=username)
    user.first_name = full_name
    user.is_staff = user.is_superuser = superuser
    user.set_password(password)
    user.save(update_fields=["first_name", "password", "is_staff", "is_superuser"])
    if created:
        record(acting_user=acting_user, event_type=AuditEvent.Type.USER_CREATED, obj=user)
    return user


@transaction.atomic
def set_membership(
    *,
    user: User,
    pemda: Pemda,
    role: Membership.Role,
    perangkat_daerah: PerangkatDaerah | None = None,
    acting_user: Any,
) -> Membership:
    """Give `user` one role in a pemda (admin, verifier) or an OPD (editor, viewer)."""
    membership, created = Membership.objects.get_or_create(
        user=user, pemda=pemda, perangkat_daerah=perangkat_daerah, role=role
    )
    if created:
        record(
            acting_user=acting_user,
            event_type=AuditEvent.Type.MEMBERSHIP_SET,
            obj=membership,
            extra_data={"new": {"role": role, "perangkat_daerah": str(perangkat_daerah or "")}},
        )
    return membership
