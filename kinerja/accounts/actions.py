"""Writes to users, memberships and perangkat daerah, each with its audit row in the same
transaction: the demo's bootstrap users and the admin pemda's settings pages."""

import hashlib
import json
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.lib.revisions import StaleEdit

# What the admin pemda edits on a perangkat daerah (bidang urusan comes from the plan file).
OPD_FIELDS = (
    "code",
    "name",
    "short_name",
    "kepala_title",
    "kepala_name",
    "kepala_pangkat",
    "kepala_nip",
)
OPD_ROLES = (Membership.Role.EDITOR, Membership.Role.VIEWER)


class Refused(ValidationError):
    """A settings change the rules do not allow; the message says why, in Bahasa Indonesia."""


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
        where = str(perangkat_daerah or "")
        record(
            acting_user=acting_user,
            event_type=AuditEvent.Type.MEMBERSHIP_SET,
            obj=membership,
            extra_data={
                "new": {"role": role, "perangkat_daerah": where},
                "changes": {"role": [None, role], "perangkat_daerah": [None, where]},
            },
        )
    return membership


# --- Perangkat daerah ------------------------------------------------------------------


def opd_fingerprint(opd: PerangkatDaerah) -> str:
    """A digest of the editable fields as stored: the form carries the one it loaded, so a
    save over someone else's change is refused (PerangkatDaerah has no revision field)."""
    values = [getattr(opd, field) for field in OPD_FIELDS]
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()[:32]


@transaction.atomic
def save_perangkat_daerah(
    opd: PerangkatDaerah | None,
    *,
    pemda: Pemda,
    fields: dict[str, Any],
    expected: str | None,
    acting_user: Any,
) -> PerangkatDaerah:
    """Create a perangkat daerah of `pemda` (`opd` None) or change `opd`, writing `fields`
    (names from OPD_FIELDS). `expected` is the fingerprint the form loaded; a different
    stored one raises `StaleEdit`. A code already used in the pemda raises `Refused`."""
    unknown = sorted(set(fields) - set(OPD_FIELDS))
    if unknown:
        raise TypeError(f"save_perangkat_daerah() got unknown fields: {', '.join(unknown)}")
    if opd is None:
        return _create_opd(pemda, fields, acting_user)
    current = PerangkatDaerah.objects.select_for_update().get(pk=opd.pk, pemda=pemda)
    if expected is not None and opd_fingerprint(current) != expected:
        raise StaleEdit(current)
    changes = {
        name: [getattr(current, name), value]
        for name, value in fields.items()
        if getattr(current, name) != value
    }
    if not changes:
        return current
    _check_code_free(pemda, fields.get("code", current.code), current.pk)
    for name, (_before, after) in changes.items():
        setattr(current, name, after)
    _save_opd(current, update_fields=list(changes))
    _record_opd(current, acting_user, changes)
    return current


def _create_opd(pemda: Pemda, fields: dict[str, Any], acting_user: Any) -> PerangkatDaerah:
    _check_code_free(pemda, fields.get("code", ""), None)
    opd = PerangkatDaerah(pemda=pemda, **fields)
    _save_opd(opd, force_insert=True)
    changes = {name: [None, value] for name, value in fields.items() if value != ""}
    _record_opd(opd, acting_user, changes)
    return opd


def _check_code_free(pemda: Pemda, code: str, own_pk: int | None) -> None:
    same_code = PerangkatDaerah.objects.filter(pemda=pemda, code=code)
    if own_pk is not None:
        same_code = same_code.exclude(pk=own_pk)
    if same_code.exists():
        raise _code_taken(code)


def _code_taken(code: str) -> Refused:
    return Refused(
        {
            "code": _("Kode %(code)s sudah dipakai perangkat daerah lain di pemda ini.")
            % {"code": code}
        }
    )


def _save_opd(opd: PerangkatDaerah, **options: Any) -> None:
    try:
        # A savepoint: a concurrent save of the same code becomes a message, not a 500.
        with transaction.atomic():
            opd.save(**options)
    except IntegrityError as error:
        raise _code_taken(opd.code) from error


def _record_opd(opd: PerangkatDaerah, acting_user: Any, changes: dict[str, list[Any]]) -> None:
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.OPD_SAVED,
        obj=opd,
        extra_data={"changes": changes},
    )


# --- Users and roles -------------------------------------------------------------------


def new_password() -> str:
    """An initial password to show the admin once: 12 letters and digits, easy to read out."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _position in range(12))


@transaction.atomic
def create_user(
    *,
    username: str,
    full_name: str,
    password: str,
    pemda: Pemda,
    role: Membership.Role,
    perangkat_daerah: PerangkatDaerah | None,
    acting_user: Any,
) -> User:
    """A new user of `pemda` with their first role (a user without a role would be nobody's
    to manage). An existing username raises `Refused`; an existing user is never touched."""
    user = User(username=username, first_name=full_name)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError as error:
        raise _username_taken(username) from error
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.USER_CREATED,
        obj=user,
        extra_data={"changes": {"username": [None, username], "first_name": [None, full_name]}},
    )
    add_role(
        user=user,
        pemda=pemda,
        role=role,
        perangkat_daerah=perangkat_daerah,
        acting_user=acting_user,
    )
    return user


def _username_taken(username: str) -> Refused:
    message = _("Nama pengguna %(username)s sudah dipakai; pilih nama lain.")
    return Refused({"username": message % {"username": username}})


@transaction.atomic
def add_role(
    *,
    user: User,
    pemda: Pemda,
    role: Membership.Role,
    perangkat_daerah: PerangkatDaerah | None,
    acting_user: Any,
) -> Membership:
    """Give `user` a role in `pemda`: pemda-wide (admin, verifier) or in one of its OPDs."""
    in_opd = role in OPD_ROLES
    if in_opd and perangkat_daerah is None:
        raise Refused({"perangkat_daerah": _("Pilih perangkat daerah untuk peran ini.")})
    if perangkat_daerah is not None and perangkat_daerah.pemda_id != pemda.pk:
        raise Refused({"perangkat_daerah": _("Perangkat daerah ini bukan bagian pemda ini.")})
    return set_membership(
        user=user,
        pemda=pemda,
        role=role,
        perangkat_daerah=perangkat_daerah if in_opd else None,
        acting_user=acting_user,
    )


@transaction.atomic
def remove_role(membership: Membership, *, acting_user: Any) -> None:
    """Take a role away. The pemda keeps at least one active admin, and a user keeps at
    least one role (deactivate the user instead), both checked under a lock on the pemda."""
    Pemda.objects.select_for_update().get(pk=membership.pemda_id)
    membership = Membership.objects.select_related("user", "perangkat_daerah").get(pk=membership.pk)
    if membership.role == Membership.Role.ADMIN and _last_admin(membership):
        raise Refused(_last_admin_message(membership.user, acting_user))
    if not Membership.objects.filter(user=membership.user).exclude(pk=membership.pk).exists():
        raise Refused(
            _(
                "Ini satu-satunya peran %(user)s. Tambahkan peran lain lebih dulu, atau "
                "nonaktifkan pengguna bila ia tidak lagi bertugas."
            )
            % {"user": membership.user.get_full_name() or membership.user.username}
        )
    where = str(membership.perangkat_daerah or "")
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.MEMBERSHIP_SET,
        obj=membership,
        extra_data={
            "changes": {"role": [membership.role, None], "perangkat_daerah": [where, None]}
        },
    )
    membership.delete()


def _last_admin(membership: Membership) -> bool:
    others = Membership.objects.filter(
        pemda_id=membership.pemda_id, role=Membership.Role.ADMIN, user__is_active=True
    ).exclude(pk=membership.pk)
    return not others.exists()


def _last_admin_message(user: User, acting_user: Any) -> str:
    if user == acting_user:
        return _(
            "Anda adalah admin terakhir pemda ini. Tetapkan pengguna lain sebagai admin pemda "
            "lebih dulu, baru lepaskan peran admin Anda."
        )
    return _(
        "%(user)s adalah admin terakhir pemda ini; pemda harus selalu memiliki admin. "
        "Tetapkan admin lain lebih dulu."
    ) % {"user": user.get_full_name() or user.username}


@transaction.atomic
def set_user_active(user: User, *, active: bool, pemda: Pemda, acting_user: Any) -> User:
    """Deactivate (the user can no longer sign in, roles stay for the record) or reactivate.
    Nobody deactivates themselves, and the pemda keeps at least one active admin."""
    Pemda.objects.select_for_update().get(pk=pemda.pk)
    user = User.objects.get(pk=user.pk)
    if user.is_active == active:
        return user
    if not active and user == acting_user:
        raise Refused(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if not active:
        admin = Membership.objects.filter(
            user=user, pemda=pemda, role=Membership.Role.ADMIN
        ).first()
        if admin is not None and _last_admin(admin):
            raise Refused(_last_admin_message(user, acting_user))
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.USER_UPDATED,
        obj=user,
        extra_data={"changes": {"is_active": [not active, active]}},
    )
    return user


@transaction.atomic
def reset_password(user: User, *, password: str, acting_user: Any) -> User:
    """Set a new password chosen by the admin (or generated and shown once)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    user.save(update_fields=["password"])
    # The password itself is never recorded, only that it was replaced and by whom.
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.USER_UPDATED,
        obj=user,
        extra_data={"changes": {"password": ["(lama)", "(baru)"]}},
        reason=_("Kata sandi diganti oleh admin."),
    )
    return user
