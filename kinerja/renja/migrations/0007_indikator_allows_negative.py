"""Renja indikator gain `allows_negative`; negative targets need it (ADR 0012).

An indikator that already holds a negative target is marked as allowing negatives before
the guard is added, so no stored figure is refused (realisasi: monitoring 0005).
"""

from django.db import migrations, models

from kinerja.lib.triggers import sqlite_triggers_suspended

suspend, restore = sqlite_triggers_suspended()


def mark_negative(apps, schema_editor):  # type: ignore[no-untyped-def]
    Indikator = apps.get_model("renja", "Indikator")
    negative = models.Q(target__lt=0) | models.Q(target_n1__lt=0)
    ids = Indikator.objects.filter(negative).values_list("pk", flat=True)
    Indikator.objects.filter(pk__in=list(ids)).update(allows_negative=True)


class Migration(migrations.Migration):
    dependencies = [
        ("renja", "0006_jadwal_unique_windows"),
        ("renstra", "0006_indikator_allows_negative"),
    ]

    operations = [
        migrations.RunPython(suspend, restore),
        migrations.AddField(
            model_name="indikator",
            name="allows_negative",
            field=models.BooleanField(
                default=False,
                help_text="Centang bila nilainya dapat kurang dari 0, mis. tingkat penurunan atau pertumbuhan yang berbalik arah. Selain itu target dan realisasi negatif ditolak.",
                verbose_name="boleh negatif",
            ),
        ),
        migrations.RunPython(mark_negative, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="indikator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("allows_negative", True), ("jenis", "kualitatif"), _negated=True
                ),
                name="renjaindikator_kualitatif_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="indikator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("allows_negative", True),
                    models.Q(
                        models.Q(("target__isnull", True), ("target__gte", 0), _connector="OR"),
                        models.Q(
                            ("target_n1__isnull", True), ("target_n1__gte", 0), _connector="OR"
                        ),
                    ),
                    _connector="OR",
                ),
                name="renjaindikator_non_negative_unless_allowed",
            ),
        ),
        migrations.RunPython(restore, suspend),
    ]
