"""Values a Renstra indikator allows (ADR 0012): a negative target, kondisi or realisasi
tahunan only once «Boleh negatif» is ticked, the flag kept while a negative figure is
stored, never for kualitatif, and the database refusing what slips past the actions."""

from decimal import Decimal
from html import unescape

import pytest
from django.db import IntegrityError, transaction

from kinerja.renstra.actions import EditRefused, update_row
from kinerja.renstra.figures import YearInput, save_realisasi
from kinerja.renstra.models import Indikator, RealisasiTahunan, Target
from kinerja.renstra.tests.test_edit_page import open_editor, page, save, url

pytestmark = pytest.mark.django_db

DIKLAT = "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal"


@pytest.fixture
def diklat(client, planner_a, renstra_a):
    client.force_login(planner_a)
    return renstra_a.indikator.get(key="diklat-formal")


def allow(indikator):
    Indikator.objects.filter(pk=indikator.pk).update(allows_negative=True)


def test_a_negative_target_is_refused_naming_the_indikator(client, renstra_a, diklat):
    response = save(client, url("edit_targets", renstra_a, diklat.pk), v2025="-2,5")

    text = unescape(response.content.decode())
    assert f"Target 2025 tidak boleh negatif untuk indikator «{DIKLAT}» (persentase): -2,5" in text
    assert not diklat.targets.filter(year=2025).exists()


def test_a_negative_kondisi_is_refused(client, renstra_a, diklat):
    response = save(client, url("edit_targets", renstra_a, diklat.pk), kondisi_awal="-1")

    assert "Kondisi awal tidak boleh negatif" in unescape(response.content.decode())
    diklat.refresh_from_db()
    assert diklat.kondisi_awal != Decimal("-1")


def test_a_negative_realisasi_tahunan_is_refused_then_allowed(client, renstra_a, diklat):
    address = url("edit_realisasi", renstra_a, diklat.pk)
    before = list(diklat.realisasi.values_list("year", "value"))

    response = save(client, address, v2023="-12,5")
    assert "Realisasi 2023 tidak boleh negatif" in unescape(response.content.decode())
    assert list(diklat.realisasi.values_list("year", "value")) == before

    allow(diklat)
    save(client, address, v2023="-12,5")
    assert diklat.realisasi.get(year=2023).value == Decimal("-12.5")


def test_ticking_boleh_negatif_in_the_indikator_editor_is_kept_on_the_next_save(
    client, renstra_a, diklat
):
    address = url("edit_row", renstra_a, "indikator", diklat.pk)
    assert "allows_negative" not in open_editor(client, address)  # unticked

    save(client, address, allows_negative="on")
    diklat.refresh_from_db()
    assert diklat.allows_negative is True
    assert "(nilai terakhir); boleh negatif</div>" in page(client, renstra_a)

    assert open_editor(client, address)["allows_negative"] == "on"  # ticked now
    save(client, address, decimals="2")
    diklat.refresh_from_db()
    assert (diklat.allows_negative, diklat.decimals) == (True, 2)


def test_the_flag_cannot_be_turned_off_while_a_negative_target_is_stored(planner_a, diklat):
    allow(diklat)
    Target.objects.filter(indikator=diklat, year=2024).update(value=Decimal("-1"))
    diklat.refresh_from_db()

    with pytest.raises(EditRefused, match="Target tidak boleh negatif"):
        update_row(diklat, acting_user=planner_a, expected_revision=None, allows_negative=False)
    diklat.refresh_from_db()
    assert diklat.allows_negative is True


def test_a_kualitatif_indikator_cannot_allow_negatives(client, renstra_a, diklat):
    address = url("edit_row", renstra_a, "indikator", diklat.pk)
    response = save(client, address, jenis="kualitatif", scale="D, C, B", allows_negative="on")
    assert "Indikator kualitatif tidak dapat bernilai negatif." in response.content.decode()
    diklat.refresh_from_db()
    assert (diklat.jenis, diklat.allows_negative) == ("persentase", False)


def test_the_action_refuses_for_any_caller(planner_a, diklat):
    with pytest.raises(EditRefused, match="Realisasi 2022 tidak boleh negatif"):
        save_realisasi(
            diklat,
            acting_user=planner_a,
            realisasi={2022: YearInput(values={"value": Decimal("-1"), "note": ""})},
        )


@pytest.mark.parametrize("model", [Target, RealisasiTahunan])
def test_the_database_refuses_a_negative_yearly_figure_past_the_actions(model, diklat):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(indikator=diklat, year=2026, value=Decimal("-1"))
    allow(diklat)
    model.objects.create(indikator=diklat, year=2026, value=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Indikator.objects.filter(pk=diklat.pk).update(
            kondisi_akhir=Decimal("-1"), allows_negative=False
        )
