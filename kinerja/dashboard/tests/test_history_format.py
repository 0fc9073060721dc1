"""How an audit row's before/after reads: field labels, numbers in Indonesian format,
choices by label, both recorded shapes ({"changes": …} and {"old": …, "new": …})."""

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.dashboard.history import changes, details, model_of, value_text
from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.renja.models import Indikator, RenjaItem, RenjaNarasi

# model | field | recorded value | printed
CASES = """
renja.indikator       | target     | 18.000000        | 18
renja.indikator       | target     | 10.350000        | 10,35
renja.indikator       | target     | None             | (kosong)
renja.indikator       | decimals   | 2                | 2
renja.renjaitem       | pagu       | 1590078504.00    | 1.590.078.504
renja.renjaitem       | pagu       | 1500.50          | 1.500,50
renja.renjaitem       | code       | 5.03             | 5.03
monitoring.realisasianggaran | amount | 2500000.00    | 2.500.000
monitoring.realisasikinerja  | value  | 1250.5        | 1.250,5
monitoring.realisasikinerja  | triwulan | 2           | Triwulan II
monitoring.laporantriwulan   | status | dikembalikan  | Dikembalikan
renja.renjanarasi     | cetak_hari | True             | Ya
"""


def _value(text):
    return {"None": None, "True": True}.get(text, text)


@pytest.mark.parametrize(
    ("label", "name", "recorded", "printed"),
    [tuple(part.strip() for part in line.split("|")) for line in CASES.strip().splitlines()],
)
def test_a_recorded_value_prints_as_a_reader_expects(label, name, recorded, printed):
    field = model_of(label)._meta.get_field(name)
    assert value_text(_value(recorded), field) == printed


def test_json_numbers_print_in_indonesian_format_even_without_a_field():
    assert value_text(1234567) == "1.234.567"
    assert value_text("5.03.02") == "5.03.02"  # a text stays text (codes look like numbers)


def test_both_recorded_shapes_give_the_same_changes():
    new_shape = changes({"changes": {"target": ["18.000000", "20.000000"]}}, Indikator)
    old_shape = changes({"old": {"target": "18.000000"}, "new": {"target": "20.000000"}}, Indikator)
    assert new_shape == old_shape
    (change,) = new_shape
    assert (change.field, change.before, change.after) == ("Target tahun n", "18", "20")


def test_a_created_narasi_has_empty_befores_and_long_text_is_cut():
    prose = "Kata pengantar. " * 40
    (change,) = changes({"old": {}, "new": {"kata_pengantar": prose}}, RenjaNarasi)
    assert change.field == "Kata pengantar"
    assert change.before == "(kosong)"
    assert change.after.endswith("…")
    assert len(change.after) == 200
    assert change.after_full == prose  # the whole text stays in the tooltip


def test_details_name_keys_in_indonesian_and_leave_bookkeeping_out():
    data = {
        "triwulan": 2,
        "changes": {"file": [None, "daftar-hadir.pdf"]},
        "stored_as": "bukti/2024/0f3a.pdf",
        "size": 20480,
        "renja_id": 7,
        "removed_below": ["Sub kegiatan 1"],
    }
    assert details(data, model_of("monitoring.bukti")) == [
        ("Triwulan", "2"),
        ("Ukuran (bita)", "20.480"),
    ]


def test_rows_about_a_model_that_no_longer_exists_still_read():
    assert model_of("tidak.ada") is None
    (change,) = changes({"changes": {"nilai_lama": [1000, 2000]}}, None)
    assert (change.field, change.before, change.after) == ("Nilai lama", "1.000", "2.000")
    assert AuditEvent.Type.PLAN_EDITED.label == "Rencana diubah"


@pytest.mark.parametrize(
    "model", [Indikator, RenjaItem, RealisasiKinerja, RealisasiAnggaran, LaporanTriwulan]
)
def test_every_audited_model_of_a_renja_is_found_by_its_label(model):
    assert model_of(model._meta.label_lower) is model


def test_a_date_reads_as_indonesians_write_it():
    until = model_of("renja.jadwalpengecualian")._meta.get_field("until")
    assert value_text("2026-12-01", until) == "1 Desember 2026"
    assert value_text("bukan tanggal", until) == "bukan tanggal"


def test_a_status_change_shows_its_changes_and_no_bookkeeping():
    data = {
        "from": "diajukan",
        "to": "dikembalikan",
        "transition": "return",
        "triwulan": None,
        "changes": {"status": ["diajukan", "dikembalikan"]},
    }
    renja = model_of("renja.renja")
    assert details(data, renja) == []
    (change,) = changes(data, renja)
    assert (change.field, change.before, change.after) == ("Status", "Diajukan", "Dikembalikan")


def test_a_perubahan_tells_what_it_copied():
    data = {"from_renja": 3, "from_version": 1, "items": 21, "indikator": 59, "narasi": True}
    assert details(data, model_of("renja.renja")) == [
        ("Perubahan dari versi", "1"),
        ("Baris program/kegiatan disalin", "21"),
        ("Indikator disalin", "59"),
        ("Narasi disalin", "Ya"),
    ]
