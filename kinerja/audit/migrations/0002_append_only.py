"""Database guard: audit rows are append-only; an UPDATE is refused by the database."""

from django.db import migrations

PG = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'jejak audit tidak dapat diubah' USING ERRCODE = 'integrity_constraint_violation'; END $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""
SQLITE = """
CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'jejak audit tidak dapat diubah'); END;
"""


def forward(apps, schema_editor):
    schema_editor.execute(PG if schema_editor.connection.vendor == "postgresql" else SQLITE)


def backward(apps, schema_editor):
    schema_editor.execute("DROP TRIGGER IF EXISTS audit_append_only" + (
        " ON audit_auditevent" if schema_editor.connection.vendor == "postgresql" else ""))


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
