"""Audit rows can never be edited or deleted, through the application or behind it.

- The database refuses an UPDATE (trigger `audit_append_only`, migration audit 0002) and
  a DELETE or TRUNCATE (`kinerja.audit.append_only`, migration audit 0009), whatever path
  sends it, on SQLite and PostgreSQL.
- The admin shows audit rows read-only: no add, change or delete, not even for a superuser.
- No view, admin action or module deletes, updates or lifts the guard of audit rows (a
  scan of the source), and deleting the audited object itself (a Renja, with everything it
  cascades to) keeps its audit rows, which point at it by label and id, not by a foreign key.
- Only the test suite's teardown empties the table, lifting the guard inside the flush's
  own transaction (`kinerja.testing`); the guard is back as soon as the flush ends.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record

pytestmark = pytest.mark.django_db

PACKAGE = Path(settings.BASE_DIR) / "kinerja"


@pytest.fixture
def event(renja_a, planner_a):
    return record(
        acting_user=planner_a,
        event_type=AuditEvent.Type.PLAN_EDITED,
        obj=renja_a,
        extra_data={"changes": {"stage": ["rancangan", "final"]}},
        reason="Disetujui",
    )


def admin_url(name, *args):
    return reverse(f"admin:audit_auditevent_{name}", args=args)


def unchanged(event):
    stored = AuditEvent.objects.get(pk=event.pk)
    return stored.reason == "Disetujui" and stored.extra_data == event.extra_data


def test_the_admin_lists_and_shows_audit_rows(client, superuser, event):
    client.force_login(superuser)
    assert client.get(admin_url("changelist")).status_code == 200
    page = client.get(admin_url("change", event.pk))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content  # read-only: no save button
    assert b"Disetujui" in page.content


def test_the_admin_refuses_adding_changing_and_deleting_for_a_superuser(client, superuser, event):
    client.force_login(superuser)
    assert client.get(admin_url("add")).status_code == 403
    assert client.post(admin_url("add"), {"reason": "palsu"}).status_code == 403
    changed = client.post(admin_url("change", event.pk), {"reason": "diubah", "_save": "1"})
    assert changed.status_code == 403
    assert client.get(admin_url("delete", event.pk)).status_code == 403
    assert client.post(admin_url("delete", event.pk), {"post": "yes"}).status_code == 403
    assert unchanged(event)
    assert AuditEvent.objects.count() == 1


def test_the_admin_has_no_bulk_delete(client, superuser, event):
    client.force_login(superuser)
    page = client.get(admin_url("changelist"))
    assert b"delete_selected" not in page.content
    client.post(
        admin_url("changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_every_update(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="diubah")
    event.reason = "diubah"
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).reason == "Disetujui"


def test_the_database_refuses_every_delete(event):
    with pytest.raises(IntegrityError, match="tidak dapat dihapus"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert unchanged(event)


def test_the_database_refuses_emptying_the_table(event):
    # SQLite has no TRUNCATE: an unqualified DELETE is its way of emptying a table.
    statements = {
        "sqlite": ["DELETE FROM audit_auditevent"],
        "postgresql": [
            "TRUNCATE audit_auditevent",
            "TRUNCATE audit_auditevent RESTART IDENTITY",
            "TRUNCATE accounts_user CASCADE",  # the table audit rows refer to
        ],
    }[connection.vendor]
    if connection.vendor == "postgresql":
        # PostgreSQL refuses TRUNCATE while this test's own inserts have deferred foreign
        # key checks pending; checking them now leaves only the guard to refuse.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for statement in statements:
        refused = pytest.raises(IntegrityError, match="jejak audit tidak dapat dihapus")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert unchanged(event)
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_only_the_test_teardown_flush_empties_the_table_and_the_guard_survives_it(event):
    # when: the flush every transactional test ends with
    call_command("flush", verbosity=0, interactive=False)

    # then: the table is empty, and the guard refuses a delete again
    assert not AuditEvent.objects.exists()
    again = record(
        acting_user=None, event_type=AuditEvent.Type.DEMO_LOADED, obj=event, reason="Disetujui"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.filter(pk=again.pk).delete()
    assert AuditEvent.objects.filter(pk=again.pk).exists()


def test_deleting_the_audited_renja_keeps_its_audit_rows(renja_a, event):
    renja_id = renja_a.pk
    renja_a.delete()  # cascades to items, indikator, narasi, reports, realisasi
    kept = AuditEvent.objects.get(pk=event.pk)
    assert (kept.object_type, kept.object_id) == ("renja.renja", str(renja_id))


def test_a_user_who_acted_cannot_be_deleted(planner_a, event):
    with pytest.raises(ProtectedError), transaction.atomic():
        planner_a.delete()
    assert AuditEvent.objects.get(pk=event.pk).acting_user == planner_a


# Raw SQL that writes over audit rows, or lifts the triggers guarding them.
AUDIT_SQL = re.compile(
    r"(delete\s+from|update|truncate(\s+table)?)\s+\"?audit_auditevent"
    r"|audit_auditevent\"?\s+(disable|enable)\s+trigger|drop\s+trigger(\s+if\s+exists)?\s+audit_",
    re.IGNORECASE,
)


def _deletes_audit_rows(path: Path) -> list[str]:
    """Calls in `path` that delete or update through AuditEvent (its manager, a queryset
    of it), or raw SQL that deletes, updates or truncates its table or lifts its guard."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = ast.unparse(node.func.value)
            writes = node.func.attr in {"delete", "update", "bulk_update", "_raw_delete"}
            if writes and "AuditEvent" in receiver:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {ast.unparse(node)}")
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and AUDIT_SQL.search(text):
            found.append(f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}: SQL")
    return found


def test_no_application_code_deletes_or_updates_audit_rows():
    modules = [
        path
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]
    assert len(modules) > 50  # the scan reads the whole application
    offending = [hit for path in modules for hit in _deletes_audit_rows(path)]
    assert offending == []


def test_the_scan_would_notice_a_deletion(tmp_path, monkeypatch):
    monkeypatch.setattr("kinerja.audit.tests.test_readonly.PACKAGE", tmp_path)
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("AuditEvent.objects.filter(object_id='1').delete()\n", encoding="utf-8")
    assert _deletes_audit_rows(sneaky) == [
        "sneaky.py:1: AuditEvent.objects.filter(object_id='1').delete()"
    ]


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM audit_auditevent",
        'delete from "audit_auditevent" where id = 1',
        "UPDATE audit_auditevent SET reason = ''",
        "TRUNCATE TABLE audit_auditevent",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_no_truncate",
        "DROP TRIGGER IF EXISTS audit_no_delete",
    ],
)
def test_the_scan_would_notice_raw_sql(tmp_path, monkeypatch, sql):
    monkeypatch.setattr("kinerja.audit.tests.test_readonly.PACKAGE", tmp_path)
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(f"cursor.execute({sql!r})\n", encoding="utf-8")
    assert _deletes_audit_rows(sneaky) == ["sneaky.py:1: SQL"]


def test_the_scan_passes_the_guard_itself():
    # Trigger definitions name DELETE and TRUNCATE without performing them.
    assert _deletes_audit_rows(PACKAGE / "audit" / "append_only.py") == []
