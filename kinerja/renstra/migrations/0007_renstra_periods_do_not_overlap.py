"""Database guard: the Renstra periods of one OPD do not overlap (ADR 0005).

A year then belongs to at most one Renstra of the OPD, so "the Renstra of year n" is one
plan. Rows stored before this guard are left as they are; writing such a row again is
refused until one of the overlapping Renstra is replaced.
"""

from django.db import migrations

from kinerja.lib.triggers import guard_operations

# On SQLite NEW.id is -1 in a BEFORE INSERT trigger when the id is generated, on
# PostgreSQL it is already drawn; the NULL case keeps the guard honest either way.
forward, backward = guard_operations(
    [
        (
            "renstra_no_overlap",
            "renstra_renstra",
            """NOT EXISTS (SELECT 1 FROM renstra_renstra r
              WHERE r.perangkat_daerah_id = NEW.perangkat_daerah_id
              AND (NEW.id IS NULL OR r.id <> NEW.id)
              AND r.first_year <= NEW.last_year AND r.last_year >= NEW.first_year)""",
            "periode Renstra tumpang tindih dengan Renstra lain perangkat daerah ini",
        )
    ]
)


class Migration(migrations.Migration):
    dependencies = [("renstra", "0006_indikator_allows_negative")]
    operations = [migrations.RunPython(forward, backward)]
