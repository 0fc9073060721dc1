"""Database guards: every yearly figure of a Renstra lies inside the Renstra's period."""

from django.db import migrations

from kinerja.lib.triggers import guard_operations

_THROUGH_INDIKATOR = """EXISTS (SELECT 1 FROM renstra_indikator i
  JOIN renstra_renstra r ON r.id = i.renstra_id
  WHERE i.id = NEW.indikator_id AND NEW.year BETWEEN r.first_year AND r.last_year)"""
_THROUGH_ITEM = """EXISTS (SELECT 1 FROM renstra_renstraitem it
  JOIN renstra_renstra r ON r.id = it.renstra_id
  WHERE it.id = NEW.item_id AND NEW.year BETWEEN r.first_year AND r.last_year)"""
_MESSAGE = "tahun di luar periode Renstra"

forward, backward = guard_operations(
    [
        ("renstra_target_year_in_period", "renstra_target", _THROUGH_INDIKATOR, _MESSAGE),
        (
            "renstra_realisasi_year_in_period",
            "renstra_realisasitahunan",
            _THROUGH_INDIKATOR,
            _MESSAGE,
        ),
        ("renstra_pagu_year_in_period", "renstra_pagu", _THROUGH_ITEM, _MESSAGE),
    ]
)


class Migration(migrations.Migration):
    dependencies = [("renstra", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
