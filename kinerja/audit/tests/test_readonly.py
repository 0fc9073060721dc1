"""Audit rows can never be edited or deleted through the application.

- The database refuses an UPDATE (a trigger, migration audit 0002), whatever path sends it.
- The admin shows audit rows read-only: no add, change or delete, not even for a superuser.
- DELETE has no database guard; what the application offers is no path that deletes an
  audit row: no view, no admin action, no action module calls a delete on AuditEvent,
  and deleting the audited object itself (a Renja, with everything it cascades to) keeps
  its audit rows, which point at it by label and id, not by a foreign key.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, transaction
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


def test_deleting_the_audited_renja_keeps_its_audit_rows(renja_a, event):
    renja_id = renja_a.pk
    renja_a.delete()  # cascades to items, indikator, narasi, reports, realisasi
    kept = AuditEvent.objects.get(pk=event.pk)
    assert (kept.object_type, kept.object_id) == ("renja.renja", str(renja_id))


def test_a_user_who_acted_cannot_be_deleted(planner_a, event):
    with pytest.raises(ProtectedError), transaction.atomic():
        planner_a.delete()
    assert AuditEvent.objects.get(pk=event.pk).acting_user == planner_a


def _deletes_audit_rows(path: Path) -> list[str]:
    """Calls in `path` that delete or update through AuditEvent (its manager, a queryset
    of it, or raw SQL naming its table)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = ast.unparse(node.func.value)
            writes = node.func.attr in {"delete", "update", "bulk_update", "_raw_delete"}
            if writes and "AuditEvent" in receiver:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.lower()
            if "audit_auditevent" in text and ("delete" in text or "update" in text):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: SQL")
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
