"""Database guard: a Renja item is a program at the top, or one level below a parent of the
same Renja (program → kegiatan → sub kegiatan), so computed totals always see the whole tree."""

from django.db import migrations

from kinerja.lib.triggers import guard_operations, tree_condition

forward, backward = guard_operations(
    [
        (
            "renja_item_tree",
            "renja_renjaitem",
            tree_condition("renja_renjaitem", "renja_id"),
            "baris Renja harus berada satu tingkat di bawah induknya pada Renja yang sama",
        )
    ]
)


class Migration(migrations.Migration):
    dependencies = [("renja", "0002_year_inside_renstra")]
    operations = [migrations.RunPython(forward, backward)]
