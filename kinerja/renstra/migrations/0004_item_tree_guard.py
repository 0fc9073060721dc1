"""Database guard: a Renstra item is a program at the top, or one level below a parent of
the same Renstra (program → kegiatan → sub kegiatan)."""

from django.db import migrations

from kinerja.lib.triggers import guard_operations, tree_condition

forward, backward = guard_operations(
    [
        (
            "renstra_item_tree",
            "renstra_renstraitem",
            tree_condition("renstra_renstraitem", "renstra_id"),
            "baris Renstra harus berada satu tingkat di bawah induknya pada Renstra yang sama",
        )
    ]
)


class Migration(migrations.Migration):
    dependencies = [("renstra", "0003_realisasitahunan_renstrarealisasi_value_or_note")]
    operations = [migrations.RunPython(forward, backward)]
