"""Indikator semantics gain `allows_negative`; values below 0 need it (ADR 0012).

An indikator that already holds a negative value (a target, kondisi, or a realisasi of
its own or of a Renja indikator linked to it) is marked as allowing negatives before the
guards are added, so no stored figure is lost or refused.
"""

from django.db import migrations, models

from kinerja.lib.triggers import guard_operations, sqlite_triggers_suspended

suspend, restore = sqlite_triggers_suspended()


def condition(table: str) -> str:
    """SQL over NEW: the value is not below 0, or its indikator allows negatives."""
    return f"""NEW.value IS NULL OR NEW.value >= 0 OR EXISTS (SELECT 1 FROM {table} i
      WHERE i.id = NEW.indikator_id AND i.allows_negative)"""  # noqa: S608


forward, backward = guard_operations(
    [
        (
            "renstra_target_non_negative_unless_allowed",
            "renstra_target",
            condition("renstra_indikator"),
            "target negatif hanya untuk indikator yang boleh negatif",
        ),
        (
            "renstra_realisasi_non_negative_unless_allowed",
            "renstra_realisasitahunan",
            condition("renstra_indikator"),
            "realisasi negatif hanya untuk indikator yang boleh negatif",
        ),
    ]
)


def mark_negative(apps, schema_editor):  # type: ignore[no-untyped-def]
    Indikator = apps.get_model("renstra", "Indikator")
    negative = (
        models.Q(kondisi_awal__lt=0)
        | models.Q(kondisi_akhir__lt=0)
        | models.Q(targets__value__lt=0)
        | models.Q(realisasi__value__lt=0)
    )
    ids = Indikator.objects.filter(negative).values_list("pk", flat=True)
    Indikator.objects.filter(pk__in=list(ids)).update(allows_negative=True)


class Migration(migrations.Migration):
    dependencies = [
        ("renstra", "0005_revision"),
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
                name="renstraindikator_kualitatif_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="indikator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("allows_negative", True),
                    models.Q(
                        models.Q(
                            ("kondisi_awal__isnull", True),
                            ("kondisi_awal__gte", 0),
                            _connector="OR",
                        ),
                        models.Q(
                            ("kondisi_akhir__isnull", True),
                            ("kondisi_akhir__gte", 0),
                            _connector="OR",
                        ),
                    ),
                    _connector="OR",
                ),
                name="renstraindikator_non_negative_unless_allowed",
            ),
        ),
        migrations.RunPython(restore, suspend),
        migrations.RunPython(forward, backward),
    ]
