"""Database guard: an OPD membership names the pemda that OPD belongs to."""

from django.db import migrations

from kinerja.lib.triggers import guard_operations

forward, backward = guard_operations(
    [
        (
            "membership_pemda_of_opd",
            "accounts_membership",
            """NEW.perangkat_daerah_id IS NULL OR EXISTS (SELECT 1 FROM accounts_perangkatdaerah o
              WHERE o.id = NEW.perangkat_daerah_id AND o.pemda_id = NEW.pemda_id)""",
            "pemda keanggotaan harus pemda perangkat daerahnya",
        )
    ]
)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_membership_membership_unique_pemda_wide")]
    operations = [migrations.RunPython(forward, backward)]
