"""Values Tabel 4.1 allows (ADR 0012): negative targets only for an indikator that allows
them, the flag editable and guarded, filled pagu/lokasi/sumber dana of a sub kegiatan never
emptied (0 is a pagu), and a pagu with sen kept and printed with its sen everywhere."""

from decimal import Decimal
from html import unescape
from io import BytesIO

import docx
import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.documents.produce import produce
from kinerja.monitoring.actions import ValueRefused, save_realisasi_anggaran
from kinerja.monitoring.models import RealisasiKinerja
from kinerja.monitoring.tests.pages import get_page, html_tables, page_url
from kinerja.renja.actions import EditRefused, RequiredCleared, add_indikator, update_item
from kinerja.renja.models import Indikator
from kinerja.renja.tests.test_edit_indikator import DIKLAT, HTMX
from kinerja.renja.tests.test_edit_indikator import edit_url as indikator_url
from kinerja.renja.tests.test_edit_indikator import posted as indikator_posted
from kinerja.renja.tests.test_edit_item import edit_url, item, posted

pytestmark = pytest.mark.django_db

SUB = (
    "5.03.01.2.01.0001"  # Penyusunan Dokumen Perencanaan, pagu 50 juta, lokasi and sumber dana set
)


@pytest.fixture
def diklat(renja_a):
    return Indikator.objects.get(item__renja=renja_a, name=DIKLAT)


@pytest.fixture
def filled(renja_a):
    row = item(renja_a, SUB)
    type(row).objects.filter(pk=row.pk).update(lokasi="Kuala Tungkal", sumber_dana="DAU")
    row.refresh_from_db()
    return row


# --- Negative targets ---------------------------------------------------------------------


def test_a_negative_target_of_an_indikator_that_does_not_allow_it_is_refused(
    client, planner_a, diklat
):
    client.force_login(planner_a)

    response = client.post(indikator_url(diklat), indikator_posted(diklat, target="-2"), **HTMX)

    text = unescape(response.content.decode())
    assert f"Target tidak boleh negatif untuk indikator «{DIKLAT}» (persentase): -2" in text
    diklat.refresh_from_db()
    assert diklat.target == Decimal("10.3")


def test_ticking_boleh_negatif_lets_the_target_be_negative_and_is_audited(
    client, planner_a, diklat
):
    client.force_login(planner_a)
    text = client.get(indikator_url(diklat), **HTMX).content.decode()
    assert 'name="allows_negative"' in text
    assert "Boleh negatif" in text

    data = indikator_posted(diklat, target="-2", allows_negative="on")
    client.post(indikator_url(diklat), data, **HTMX)

    diklat.refresh_from_db()
    assert (diklat.allows_negative, diklat.target) == (True, Decimal("-2"))
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.PLAN_EDITED).latest("id")
    assert event.extra_data["changes"]["allows_negative"] == [False, True]


def test_the_flag_stays_on_while_a_negative_realisasi_is_stored(client, planner_a, diklat):
    Indikator.objects.filter(pk=diklat.pk).update(allows_negative=True)
    RealisasiKinerja.objects.create(indikator=diklat, triwulan=1, value=Decimal("-1.5"))
    diklat.refresh_from_db()
    client.force_login(planner_a)

    data = indikator_posted(diklat, alasan="")  # the checkbox left unticked
    response = client.post(indikator_url(diklat), data, **HTMX)

    assert "«Boleh negatif» indikator" in unescape(response.content.decode())
    assert "tidak dapat dimatikan" in unescape(response.content.decode())
    diklat.refresh_from_db()
    assert diklat.allows_negative is True


def test_a_new_indikator_with_a_negative_target_needs_the_flag(planner_a, renja_a):
    program = renja_a.items.get(code="5.03.01")
    fields = {
        "name": "Laju pertumbuhan pelanggaran",
        "satuan": "%",
        "jenis": "persentase",
        "polaritas": "negatif",
        "sifat": "non_kumulatif",
        "target": Decimal("-5"),
    }
    with pytest.raises(EditRefused, match="Target tidak boleh negatif"):
        add_indikator(program, acting_user=planner_a, **fields)

    added = add_indikator(program, acting_user=planner_a, allows_negative=True, **fields)
    assert (added.allows_negative, added.target) == (True, Decimal("-5"))


def test_a_kualitatif_indikator_cannot_allow_negatives(planner_a, renja_a):
    program = renja_a.items.get(code="5.03.01")
    with pytest.raises(EditRefused, match="kualitatif"):
        add_indikator(
            program,
            acting_user=planner_a,
            name="Nilai SAKIP",
            jenis="kualitatif",
            polaritas="positif",
            sifat="non_kumulatif",
            allows_negative=True,
        )


def test_the_database_refuses_a_negative_target_written_past_the_action(diklat):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indikator.objects.filter(pk=diklat.pk).update(target=Decimal("-1"))
    Indikator.objects.filter(pk=diklat.pk).update(target=Decimal("-1"), allows_negative=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Indikator.objects.filter(pk=diklat.pk).update(jenis="kualitatif")


# --- Required Tabel 4.1 fields ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "label", "shown"),
    [
        ("pagu", "Pagu", "50.000.000"),
        ("lokasi", "Lokasi", "Kuala Tungkal"),
        ("sumber_dana", "Sumber dana", "DAU"),
    ],
)
def test_a_filled_required_field_cannot_be_cleared_inline(
    client, planner_a, filled, name, label, shown
):
    client.force_login(planner_a)

    response = client.post(edit_url(filled), posted(filled, **{name: "  "}), **HTMX)

    text = unescape(response.content.decode())
    assert f"{label} sub kegiatan {filled} wajib diisi pada Tabel 4.1" in text
    assert f"nilai tersimpan ({shown}) tetap dipakai" in text
    assert f'value="{shown}"' in text  # the stored value back in the input
    stored = type(filled).objects.get(pk=filled.pk)
    assert (stored.pagu, stored.lokasi, stored.sumber_dana, stored.revision) == (
        Decimal("50000000"),
        "Kuala Tungkal",
        "DAU",
        filled.revision,
    )
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.PLAN_EDITED).exists()


def test_the_full_page_fallback_refuses_too_and_shows_the_page(client, planner_a, filled):
    client.force_login(planner_a)

    response = client.post(edit_url(filled), posted(filled, pagu=""))

    text = unescape(response.content.decode())
    assert "<html" in text
    assert "Isi 0 bila sub kegiatan ini memang tanpa pagu." in text
    assert type(filled).objects.get(pk=filled.pk).pagu == Decimal("50000000")


def test_the_action_refuses_clearing_for_any_caller(planner_a, filled):
    with pytest.raises(RequiredCleared) as refused:
        update_item(filled, acting_user=planner_a, expected_revision=None, sumber_dana="")
    assert (refused.value.field, refused.value.stored) == ("sumber_dana", "DAU")


def test_pagu_0_is_a_value_and_an_empty_field_may_stay_empty(client, planner_a, renja_a, filled):
    client.force_login(planner_a)

    client.post(edit_url(filled), posted(filled, pagu="0"), **HTMX)
    filled.refresh_from_db()
    assert filled.pagu == Decimal("0")

    # a sub kegiatan imported without lokasi can still be saved (the check reports the gap)
    other = item(renja_a, "5.03.01.2.01.0006")
    type(other).objects.filter(pk=other.pk).update(lokasi="")
    other.refresh_from_db()
    client.post(edit_url(other), posted(other, catatan_penting="Prioritas"), **HTMX)
    other.refresh_from_db()
    assert (other.catatan_penting, other.lokasi) == ("Prioritas", "")


def test_a_kegiatan_has_no_required_pagu_or_lokasi(client, planner_a, renja_a):
    kegiatan = item(renja_a, "5.03.01.2.01")
    type(kegiatan).objects.filter(pk=kegiatan.pk).update(lokasi="BKPSDM")
    kegiatan.refresh_from_db()
    client.force_login(planner_a)

    client.post(edit_url(kegiatan), posted(kegiatan, lokasi=""), **HTMX)

    kegiatan.refresh_from_db()
    assert kegiatan.lokasi == ""


# --- Pagu with sen ------------------------------------------------------------------------


def test_a_pagu_with_sen_is_kept_and_printed_with_its_sen_everywhere(
    client, planner_a, renja_a, filled
):
    client.force_login(planner_a)

    response = client.post(edit_url(filled), posted(filled, pagu="1.590.078.504,50"), **HTMX)

    filled.refresh_from_db()
    assert filled.pagu == Decimal("1590078504.50")
    assert ">1.590.078.504,50<" in response.content.decode()
    # Tabel 4.1 on the Renja page and the E.81 page (column 7, Rp)
    page = client.get(reverse("renja:detail", args=[renja_a.pk])).content.decode()
    assert ">1.590.078.504,50<" in page
    e81 = get_page(client, planner_a, page_url("e81", renja_a.pk, "?triwulan=1"))
    row = html_tables(e81.content.decode())["E.81"].row_with(filled.name)
    assert "1.590.078.504,50" in [cell.text for cell in row]
    # Tabel 4.1 in the Renja DOCX, and its XLSX keeping the number with two places
    data = produce(renja_a, "renja", "docx").data
    cells = [
        cell.text
        for table in docx.Document(BytesIO(data)).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "1.590.078.504,50" in cells
    data = produce(renja_a, "tables", "xlsx").data
    workbook = openpyxl.load_workbook(BytesIO(data))
    found = [
        cell
        for sheet in workbook.worksheets
        for line in sheet.iter_rows()
        for cell in line
        if isinstance(cell.value, float) and Decimal(str(cell.value)) == Decimal("1590078504.5")
    ]
    assert found
    assert {cell.number_format for cell in found} == {"#,##0.00"}


def test_a_third_decimal_of_rupiah_is_refused_not_rounded(client, planner_a, filled):
    client.force_login(planner_a)

    response = client.post(edit_url(filled), posted(filled, pagu="1.590.078.504,505"), **HTMX)

    assert "Pagu paling banyak 2 angka di belakang koma." in unescape(response.content.decode())
    filled.refresh_from_db()
    assert filled.pagu == Decimal("50000000")


def test_the_actions_refuse_a_third_decimal_of_rupiah_from_any_caller(planner_a, renja_a, filled):
    with pytest.raises(EditRefused, match="paling banyak 2 angka di belakang koma"):
        update_item(filled, acting_user=planner_a, expected_revision=None, pagu=Decimal("1.005"))
    with pytest.raises(ValueRefused, match="paling banyak 2 angka di belakang koma"):
        save_realisasi_anggaran(
            filled, 1, Decimal("1.005"), acting_user=planner_a, expected_revision=None
        )
    filled.refresh_from_db()
    assert filled.pagu == Decimal("50000000")
