"""Inline editing of a Renja item (lokasi, sumber dana, pagu, catatan penting): the form in
place of the row, Indonesian numbers read exactly, totals updated live, stale saves refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.renja.actions import EditRefused, update_item
from kinerja.renja.models import RenjaItem

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def item(renja, code):
    return RenjaItem.objects.get(renja=renja, code=code)


def edit_url(row):
    return reverse("renja:item_edit", args=[row.renja_id, row.pk])


def posted(row, **fields):
    """The item form as the browser sends it: every field, as stored unless told."""
    data = {
        "revision": row.revision,
        "lokasi": row.lokasi,
        "sumber_dana": row.sumber_dana,
        "catatan_penting": row.catatan_penting,
    }
    if row.level == "sub_kegiatan":
        data["pagu"] = "" if row.pagu is None else str(row.pagu).replace(".", ",")
        data["pagu_n1"] = "" if row.pagu_n1 is None else str(row.pagu_n1).replace(".", ",")
    return {**data, **fields}


def test_the_edit_form_replaces_the_rows_with_indonesian_numbers(client, planner_a, renja_a):
    row = item(renja_a, "5.03.02.2.01.0006")
    client.force_login(planner_a)

    response = client.get(edit_url(row), **HTMX)

    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith(f'<tbody id="item-{row.pk}"')
    assert 'value="1.520.352.752"' in text
    assert 'value="1.748.405.665"' in text
    assert f'name="revision" value="{row.revision}"' in text
    assert "<html" not in text


def test_an_operator_edits_pagu_and_the_totals_change_in_the_response(client, planner_a, renja_a):
    # given the sub kegiatan 5.03.02.2.01.0006 with pagu 1.520.352.752
    row = item(renja_a, "5.03.02.2.01.0006")
    client.force_login(planner_a)

    # when the operator types 1.600.000.000 (and 1.800.000.000,50 for n+1)
    response = client.post(
        edit_url(row), posted(row, pagu="1.600.000.000", pagu_n1="1.800.000.000,50"), **HTMX
    )

    # then the stored pagu is exact and the row, kegiatan, program and grand totals change
    row.refresh_from_db()
    assert row.pagu == Decimal("1600000000")
    assert row.pagu_n1 == Decimal("1800000000.50")
    assert row.revision == 2
    text = response.content.decode()
    kegiatan = item(renja_a, "5.03.02.2.01")
    program = item(renja_a, "5.03.02")
    assert ">1.600.000.000<" in text  # the row itself
    # kegiatan: 40.245.752 + 29.480.000 + 1.600.000.000
    assert f'<span id="pagu-{kegiatan.pk}" hx-swap-oob="true">1.669.725.752</span>' in text
    # program: the kegiatan above + 462.844.820
    assert f'<span id="pagu-{program.pk}" hx-swap-oob="true">2.132.570.572</span>' in text
    # grand total: 150.000.000 + the program
    assert '<span id="pagu-total" hx-swap-oob="true">2.282.570.572</span>' in text
    # n+1: 46.282.615 + 33.902.000 + 1.800.000.000,50
    assert f'<span id="pagu-n1-{kegiatan.pk}" hx-swap-oob="true">1.880.184.615,50</span>' in text
    assert "disimpan" in text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1.590.078.504", Decimal("1590078504")),
        ("1.590.078.504,00", Decimal("1590078504")),
        ("1.590.078.504,75", Decimal("1590078504.75")),
        ("Rp 2.500.000", Decimal("2500000")),
        ("1500000", Decimal("1500000")),
        ("0", Decimal("0")),
    ],
)
def test_indonesian_numbers_are_read_exactly(client, planner_a, renja_a, typed, stored):
    row = item(renja_a, "5.03.01.2.01.0001")
    client.force_login(planner_a)

    client.post(edit_url(row), posted(row, pagu=typed), **HTMX)

    row.refresh_from_db()
    assert row.pagu == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lima juta", "Pagu harus angka, mis. 1.590.078.504."),
        ("1.5.0", "Pagu harus angka, mis. 1.590.078.504."),
        ("5O.000", "Pagu harus angka, mis. 1.590.078.504. Maksud Anda 50.000?"),
        ("-1.000.000", "Pagu tidak boleh negatif."),
        ("1.000,505", "Pagu paling banyak 2 angka di belakang koma."),
        ("1" + "0" * 18, "Pagu terlalu besar."),
    ],
)
def test_bad_input_gets_a_message_and_nothing_is_written(
    client, planner_a, renja_a, typed, message
):
    row = item(renja_a, "5.03.01.2.01.0001")
    client.force_login(planner_a)

    response = client.post(edit_url(row), posted(row, pagu=typed, lokasi="Aula"), **HTMX)

    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert f'value="{typed}"' in text  # what was typed stays in the field
    stored = item(renja_a, "5.03.01.2.01.0001")
    assert (stored.pagu, stored.lokasi, stored.revision) == (Decimal("50000000"), "BKPSDM", 1)
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.PLAN_EDITED).exists()


def test_pagu_n1_names_itself_in_its_message(client, planner_a, renja_a):
    row = item(renja_a, "5.03.01.2.01.0001")
    client.force_login(planner_a)

    response = client.post(edit_url(row), posted(row, pagu_n1="banyak"), **HTMX)

    assert "Pagu n+1 harus angka, mis. 1.590.078.504." in response.content.decode()


def test_a_program_or_kegiatan_form_offers_no_pagu(client, planner_a, renja_a):
    client.force_login(planner_a)
    for code in ("5.03.02", "5.03.02.2.01"):
        row = item(renja_a, code)
        text = client.get(edit_url(row), **HTMX).content.decode()
        assert 'name="lokasi"' in text
        assert 'name="pagu"' not in text
        assert 'name="pagu_n1"' not in text


def test_a_pagu_posted_for_a_kegiatan_is_not_stored(client, planner_a, renja_a):
    row = item(renja_a, "5.03.02.2.01")
    client.force_login(planner_a)

    client.post(edit_url(row), posted(row, pagu="1.000", sumber_dana="DAK"), **HTMX)

    row.refresh_from_db()
    assert (row.pagu, row.sumber_dana) == (None, "DAK")


def test_the_action_refuses_pagu_on_a_kegiatan(planner_a, renja_a):
    row = item(renja_a, "5.03.02.2.01")
    with pytest.raises(EditRefused, match="Pagu hanya diisi pada sub kegiatan"):
        update_item(row, acting_user=planner_a, expected_revision=1, pagu=Decimal(1000))
    row.refresh_from_db()
    assert (row.pagu, row.revision) == (None, 1)


def test_a_save_is_audited_with_before_and_after(client, planner_a, renja_a):
    row = item(renja_a, "5.03.01.2.01.0001")
    client.force_login(planner_a)

    client.post(
        edit_url(row),
        posted(row, pagu="55.000.000", lokasi="Kuala Tungkal", catatan_penting="Prioritas"),
        **HTMX,
    )

    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_EDITED)
    assert event.acting_user == planner_a
    assert (event.object_type, event.object_id) == ("renja.renjaitem", str(row.pk))
    assert event.extra_data["changes"] == {
        "lokasi": ["BKPSDM", "Kuala Tungkal"],
        "pagu": ["50000000.00", "55000000.00"],
        "catatan_penting": ["", "Prioritas"],
    }


def test_a_save_that_changes_nothing_writes_nothing(client, planner_a, renja_a):
    row = item(renja_a, "5.03.01.2.01.0001")
    client.force_login(planner_a)

    response = client.post(edit_url(row), posted(row, pagu="50.000.000"), **HTMX)

    assert response.status_code == 200
    assert item(renja_a, "5.03.01.2.01.0001").revision == 1
    assert not AuditEvent.objects.exists()


def test_a_stale_save_is_refused_shows_the_stored_value_and_keeps_the_input(
    client, planner_a, admin, renja_a
):
    # given the operator opened the form at revision 1, then the admin saved pagu 60.000.000
    row = item(renja_a, "5.03.01.2.01.0001")
    update_item(row, acting_user=admin, expected_revision=1, pagu=Decimal("60000000"))
    client.force_login(planner_a)

    # when the operator saves 70.000.000 from revision 1
    response = client.post(edit_url(row), posted(row, pagu="70.000.000", revision=1), **HTMX)

    # then nothing is overwritten, the stored value is shown and the typed one kept
    text = response.content.decode()
    stored = item(renja_a, "5.03.01.2.01.0001")
    assert (stored.pagu, stored.revision) == (Decimal("60000000"), 2)
    assert "telah diubah oleh pengguna lain" in text
    assert "<dd>60.000.000</dd>" in text
    assert 'value="70.000.000"' in text
    # and the form now carries the stored revision, so saving again is a deliberate overwrite
    assert 'name="revision" value="2"' in text
    client.post(edit_url(row), posted(row, pagu="70.000.000", revision=2), **HTMX)
    assert item(renja_a, "5.03.01.2.01.0001").pagu == Decimal("70000000")


def test_cancel_brings_the_rows_back(client, planner_a, renja_a):
    row = item(renja_a, "5.03.01.2.01.0001")
    client.force_login(planner_a)

    response = client.get(reverse("renja:item_rows", args=[renja_a.pk, row.pk]), **HTMX)

    text = response.content.decode()
    assert text.lstrip().startswith(f'<tbody id="item-{row.pk}" class="item">')
    assert ">50.000.000<" in text
    assert edit_url(row) in text


def test_without_javascript_the_page_opens_the_form_and_a_save_redirects(
    client, planner_a, renja_a
):
    row = item(renja_a, "5.03.01.2.01.0001")
    client.force_login(planner_a)

    page = client.get(edit_url(row)).content.decode()
    assert "<html" in page
    assert 'value="50.000.000"' in page
    assert "Tabel 4.1" in page

    response = client.post(edit_url(row), posted(row, pagu="51.000.000"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{row.pk}")
    assert item(renja_a, "5.03.01.2.01.0001").pagu == Decimal("51000000")
