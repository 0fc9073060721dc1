"""Database guard: a realisasi kinerja below 0 only for an indikator that allows it.

Renja indikator that already hold a negative realisasi are marked as allowing negatives
first (ADR 0012), so no stored figure is refused.
"""

from django.db import migrations

from kinerja.lib.triggers import guard_operations

forward, backward = guard_operations(
    [
        (
            "realisasi_kinerja_non_negative_unless_allowed",
            "monitoring_realisasikinerja",
            """NEW.value >= 0 OR EXISTS (SELECT 1 FROM renja_indikator i
              WHERE i.id = NEW.indikator_id AND i.allows_negative)""",
            "realisasi negatif hanya untuk indikator yang boleh negatif",
        )
    ]
)


def mark_negative(apps, schema_editor):  # type: ignore[no-untyped-def]
    Indikator = apps.get_model("renja", "Indikator")
    ids = Indikator.objects.filter(realisasi__value__lt=0).values_list("pk", flat=True)
    Indikator.objects.filter(pk__in=list(ids)).update(allows_negative=True)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0004_workflow_revision_bukti"),
        ("renja", "0007_indikator_allows_negative"),
    ]
    operations = [
        migrations.RunPython(mark_negative, migrations.RunPython.noop),
        migrations.RunPython(forward, backward),
    ]
