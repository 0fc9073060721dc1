"""Database guard: anggaran is spent by sub kegiatan only (totals above are computed)."""

from django.db import migrations

from kinerja.lib.triggers import guard_operations

forward, backward = guard_operations(
    [
        (
            "realisasi_anggaran_on_sub_kegiatan",
            "monitoring_realisasianggaran",
            """EXISTS (SELECT 1 FROM renja_renjaitem i
              WHERE i.id = NEW.item_id AND i.level = 'sub_kegiatan')""",
            "realisasi anggaran hanya dicatat pada sub kegiatan",
        )
    ]
)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_alter_bukti_uploaded_by"),
        ("renja", "0003_item_tree_guard"),
    ]
    operations = [migrations.RunPython(forward, backward)]
