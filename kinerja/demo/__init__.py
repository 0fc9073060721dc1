"""The embedded demo: BKPSDM Kabupaten Tanjung Jabung Barat, its plan file and demo users."""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from kinerja.accounts.actions import set_membership, set_user_password
from kinerja.accounts.models import Membership, PerangkatDaerah
from kinerja.imports.actions import ImportResult, import_plan
from kinerja.imports.replacing import Consent
from kinerja.renstra.models import Renstra

PLAN_FILE = Path(__file__).with_name("bkpsdm-tanjabbar.yaml")
DEMO_OPD = "BKPSDM"  # the code of the demo plan file's OPD

DEMO_USERS = [
    ("admin", "Admin Pemda (demo)", Membership.Role.ADMIN),
    ("verifikator", "Verifikator Bappeda (demo)", Membership.Role.VERIFIER),
    ("operator", "Operator BKPSDM (demo)", Membership.Role.EDITOR),
    ("pimpinan", "Kepala BKPSDM (demo)", Membership.Role.VIEWER),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str


def load_demo() -> tuple[ImportResult, list[DemoUser]]:
    """Load (or reload) the demo plan and set the demo users' passwords.

    Reloading replaces the demo OPD's plan, reviewed work included: what it replaces is
    kept in the archive of replaced plans like any import's (ADR 0011). Passwords are new
    on every load unless KINERJA_DEMO_PASSWORD fixes them.
    """
    content = PLAN_FILE.read_bytes()
    options: dict[str, Any] = {"source": PLAN_FILE.name, "acting_user": None, "replace": True}
    with transaction.atomic():
        token = ""
        if Renstra.objects.filter(perangkat_daerah__code=DEMO_OPD).exists():
            consent = Consent(reviewed=True)
            token = import_plan(content, dry_run=True, consent=consent, **options).replace_token
        result = import_plan(content, consent=Consent(replace=token, reviewed=True), **options)
        if not result.written or result.perangkat_daerah is None:
            raise RuntimeError("; ".join(map(str, result.errors)))
        users = [_demo_user(result.perangkat_daerah, *spec) for spec in DEMO_USERS]
    return result, users


def _demo_user(
    opd: PerangkatDaerah, username: str, full_name: str, role: Membership.Role
) -> DemoUser:
    password = os.getenv("KINERJA_DEMO_PASSWORD") or secrets.token_urlsafe(9)
    user = set_user_password(
        username=username,
        password=password,
        full_name=full_name,
        superuser=role == Membership.Role.ADMIN,
        acting_user=None,
    )
    in_opd = role in (Membership.Role.EDITOR, Membership.Role.VIEWER)
    set_membership(
        user=user,
        pemda=opd.pemda,
        role=role,
        perangkat_daerah=opd if in_opd else None,
        acting_user=None,
    )
    return DemoUser(username, password, str(role.label))
