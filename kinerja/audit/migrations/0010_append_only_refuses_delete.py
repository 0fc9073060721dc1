"""Database guard: audit rows cannot be deleted or truncated (UPDATE is refused since 0002)."""

from django.db import migrations

from kinerja.audit.append_only import create_sql, drop_sql


def forward(apps, schema_editor):
    for statement in create_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0009_plan_archive_events")]
    operations = [migrations.RunPython(forward, backward)]
