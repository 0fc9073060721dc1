"""Database guard: a Renja's year lies inside its Renstra's period, for the same OPD."""

from django.db import migrations

from kinerja.lib.triggers import guard_operations

forward, backward = guard_operations(
    [
        (
            "renja_year_in_renstra",
            "renja_renja",
            """EXISTS (SELECT 1 FROM renstra_renstra r WHERE r.id = NEW.renstra_id
              AND r.perangkat_daerah_id = NEW.perangkat_daerah_id
              AND NEW.year BETWEEN r.first_year AND r.last_year)""",
            "tahun Renja di luar periode Renstra perangkat daerah ini",
        )
    ]
)


class Migration(migrations.Migration):
    dependencies = [("renja", "0001_initial"), ("renstra", "0002_year_inside_period")]
    operations = [migrations.RunPython(forward, backward)]
