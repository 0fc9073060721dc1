"""Editing the yearly targets and kondisi of a Renstra indikator: one row of Indonesian
numbers, refused input kept, stale saves refused, reasons for years whose Renja is disetujui."""

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.renja.models import Renja
from kinerja.renstra.actions import update_row
from kinerja.renstra.figures import YearInput, save_targets
from kinerja.renstra.tests.test_edit_page import HTMX, open_editor, page, save, url
from kinerja.testing import build_renja

pytestmark = pytest.mark.django_db


@pytest.fixture
def diklat(renstra_a):
    """Persentase ASN diklat formal: targets 2023 9,5 and 2024 10,3, one decimal, %."""
    return renstra_a.indikator.get(key="diklat-formal")


@pytest.fixture
def editor(client, planner_a, renstra_a, diklat):
    client.force_login(planner_a)
    return url("edit_targets", renstra_a, diklat.pk)


def stored(indikator):
    return {t.year: t.value for t in indikator.targets.all()}


def test_the_operator_edits_the_2024_target_and_the_page_shows_it(
    client, renstra_a, diklat, editor
):
    response = save(client, editor, v2024="12,5")

    assert response.status_code == 200
    assert diklat.targets.get(year=2024).value == Decimal("12.5")
    assert response["HX-Retarget"] == f"#baris-sasaran-{diklat.sasaran_id}"
    assert 'class="num">12,5%<' in response.content.decode()
    assert 'class="num">12,5%<' in page(client, renstra_a)
    assert 'class="num">10,3%<' not in page(client, renstra_a)


def test_the_editor_holds_the_stored_figures_in_indonesian(client, editor):
    fields = open_editor(client, editor)
    assert (fields["v2023"], fields["v2024"], fields["v2025"]) == ("9,5", "10,3", "")
    assert (fields["r2023"], fields["r2025"]) == ("1", "0")
    assert fields["kondisi_akhir"] == "11,6"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("10,3", "10.3"),
        ("1.500", "1500"),
        ("1.234,56", "1234.56"),
        ("10,3%", "10.3"),
        ("0,125", "0.125"),
        (" 7 ", "7"),
        ("-2,5", "-2.5"),
    ],
)
def test_indonesian_numbers_are_read_exactly(client, diklat, editor, typed, value):
    # A share that may turn negative (a change rate), so -2,5 is a value it allows.
    type(diklat).objects.filter(pk=diklat.pk).update(allows_negative=True)
    save(client, editor, v2025=typed)
    saved = diklat.targets.get(year=2025).value
    assert isinstance(saved, Decimal)
    assert saved == Decimal(value)


def test_more_decimals_than_printed_raise_the_printed_decimals(client, renstra_a, diklat, editor):
    save(client, editor, v2025="10,35")
    diklat.refresh_from_db()
    assert diklat.decimals == 2
    assert 'class="num">10,35%<' in page(client, renstra_a)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,x", "Target 2024 harus angka, mis. 10,3"),
        ("6I", "Target 2024 harus angka, mis. 10,3 (huruf &#x27;I&#x27;"),
        ("1,2,3", "Target 2024 harus angka"),
        ("0,1234567", "Target 2024 paling banyak 6 angka di belakang koma."),
        ("1" * 19, "Target 2024 terlalu besar."),
    ],
)
def test_invalid_input_is_refused_with_its_message_and_nothing_is_written(
    client, diklat, editor, typed, message
):
    before = stored(diklat)

    response = save(client, editor, v2024=typed, v2025="11")

    text = response.content.decode()
    assert message in text
    assert f'name="v2024" value="{typed}"' in text  # what was typed is kept
    assert 'name="v2025" value="11"' in text
    assert stored(diklat) == before
    assert not AuditEvent.objects.exists()


def test_clearing_a_year_deletes_it_and_typing_one_creates_it(client, diklat, editor):
    save(client, editor, v2023="", v2026="12")

    assert stored(diklat) == {2024: Decimal("10.3"), 2026: Decimal(12)}
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_EDITED)
    assert event.object_id == str(diklat.pk)
    changes = event.extra_data["changes"]
    assert Decimal(changes["target 2023"][0]) == Decimal("9.5")
    assert changes["target 2023"][1] is None
    assert changes["target 2026"] == [None, "12"]
    assert "target 2024" not in changes


def test_kondisi_awal_and_akhir_are_saved_with_the_targets(client, diklat, editor):
    save(client, editor, kondisi_awal="8,25", kondisi_akhir="12")
    diklat.refresh_from_db()
    assert (diklat.kondisi_awal, diklat.kondisi_akhir) == (Decimal("8.25"), Decimal(12))
    changes = AuditEvent.objects.get().extra_data["changes"]
    assert {"kondisi_awal", "kondisi_akhir", "decimals"} <= set(changes)


def test_a_save_that_changes_nothing_writes_nothing(client, diklat, editor):
    save(client, editor)
    assert not AuditEvent.objects.exists()
    assert diklat.targets.get(year=2024).revision == 1


def test_a_stale_target_is_refused_and_the_stored_value_shown(client, planner_a, diklat, editor):
    loaded = open_editor(client, editor)
    # Meanwhile someone else saves 2024.
    save_targets(
        diklat, acting_user=planner_a, targets={2024: YearInput({"value": Decimal(11)}, 1)}
    )

    response = client.post(editor, {**loaded, "v2024": "12,5"}, **HTMX)

    text = response.content.decode()
    assert "telah diubah oleh pengguna lain" in text
    assert "(tahun 2024)" in text
    assert 'name="v2024" value="12,5"' in text  # typed input kept
    assert '<td title="Tersimpan sekarang">11</td>' in text  # the stored value shown
    assert 'name="r2024" value="2"' in text  # the next save may overwrite knowingly
    assert diklat.targets.get(year=2024).value == 11
    assert AuditEvent.objects.count() == 1

    again = client.post(editor, {**loaded, "v2024": "12,5", "r2024": "2"}, **HTMX)
    assert again.status_code == 200
    assert diklat.targets.get(year=2024).value == Decimal("12.5")


def test_a_year_created_meanwhile_is_a_stale_edit(client, planner_a, diklat, editor):
    loaded = open_editor(client, editor)
    save_targets(diklat, acting_user=planner_a, targets={2025: YearInput({"value": Decimal(1)})})

    response = client.post(editor, {**loaded, "v2025": "2"}, **HTMX)

    assert "telah diubah oleh pengguna lain" in response.content.decode()
    assert diklat.targets.get(year=2025).value == 1


def test_a_semantics_edit_meanwhile_does_not_block_targets(client, planner_a, diklat, editor):
    loaded = open_editor(client, editor)
    update_row(diklat, acting_user=planner_a, expected_revision=1, satuan="persen")

    client.post(editor, {**loaded, "v2025": "11"}, **HTMX)

    assert diklat.targets.get(year=2025).value == 11


def test_a_stale_kondisi_is_refused(client, planner_a, diklat, editor):
    loaded = open_editor(client, editor)
    update_row(diklat, acting_user=planner_a, expected_revision=1, kondisi_akhir=Decimal(13))

    response = client.post(editor, {**loaded, "kondisi_akhir": "12"}, **HTMX)

    assert "telah diubah oleh pengguna lain" in response.content.decode()
    diklat.refresh_from_db()
    assert diklat.kondisi_akhir == 13


@pytest.fixture
def renja_2024_disetujui(renstra_a):
    renja = build_renja(renstra_a, year=2024)
    Renja.objects.filter(pk=renja.pk).update(status=Renja.Status.DISETUJUI)
    return renja


@pytest.mark.usefixtures("renja_2024_disetujui")
def test_changing_a_year_whose_renja_is_disetujui_needs_a_reason(client, diklat, editor):
    response = save(client, editor, v2024="12")

    text = response.content.decode()
    assert "Alasan perubahan wajib diisi: Renja tahun 2024 sudah disetujui" in text
    assert 'name="v2024" value="12"' in text
    assert diklat.targets.get(year=2024).value == Decimal("10.3")

    save(client, editor, v2024="12", alasan="Penyesuaian RPJMD perubahan")
    assert diklat.targets.get(year=2024).value == 12
    event = AuditEvent.objects.get()
    assert event.reason == "Penyesuaian RPJMD perubahan"


@pytest.mark.usefixtures("renja_2024_disetujui")
def test_other_years_need_no_reason(client, diklat, editor):
    save(client, editor, v2025="11")
    assert diklat.targets.get(year=2025).value == 11


def test_a_renja_not_yet_disetujui_needs_no_reason(client, renstra_a, diklat, editor):
    build_renja(renstra_a, year=2024)  # draf
    save(client, editor, v2024="12")
    assert diklat.targets.get(year=2024).value == 12


@pytest.mark.usefixtures("renja_2024_disetujui")
def test_the_page_says_which_years_need_a_reason(client, renstra_a, editor):
    assert "Renja tahun 2024 sudah disetujui" in page(client, renstra_a)
    fields = open_editor(client, editor)
    assert "alasan" in fields
