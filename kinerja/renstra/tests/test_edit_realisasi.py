"""Yearly realisasi of a Renstra indikator (years before the system was used): a number,
a note where the source printed something else, or both; notes become footnotes."""

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.renstra.tests.test_edit_page import open_editor, page, save, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def ipasn(client, planner_a, renstra_a):
    """Indeks Profesionalitas ASN: realisasi 2021 71, 2022 only the note "6I"."""
    client.force_login(planner_a)
    return renstra_a.indikator.get(key="ipasn")


def stored(indikator):
    return {r.year: (r.value, r.note) for r in indikator.realisasi.all()}


def test_the_editor_holds_values_and_notes(client, renstra_a, ipasn):
    fields = open_editor(client, url("edit_realisasi", renstra_a, ipasn.pk))
    assert (fields["v2021"], fields["n2021"]) == ("71", "")
    assert (fields["v2022"], fields["n2022"]) == ("", "6I")


def test_a_value_replaces_a_note_and_a_new_year_is_added(client, renstra_a, ipasn):
    response = save(
        client, url("edit_realisasi", renstra_a, ipasn.pk), v2022="61", n2022="", v2023="74,5"
    )

    assert response["HX-Retarget"] == "#tujuan-sasaran"
    assert stored(ipasn) == {
        2021: (Decimal(71), ""),
        2022: (Decimal(61), ""),
        2023: (Decimal("74.5"), ""),
    }
    changes = AuditEvent.objects.get().extra_data["changes"]
    assert changes["realisasi 2022"][0]["note"] == "6I"
    assert changes["realisasi 2022"][1] == {"value": "61", "note": ""}
    text = page(client, renstra_a)
    assert 'class="num">74,5<' in text
    assert "catatan-1" not in text  # the only note is gone, and its footnote


def test_a_note_alone_becomes_a_footnote(client, renstra_a, ipasn):
    save(client, url("edit_realisasi", renstra_a, ipasn.pk), n2023="tidak diukur tahun ini")

    assert stored(ipasn)[2023] == (None, "tidak diukur tahun ini")
    assert '<li id="catatan-2" value="2">tidak diukur tahun ini</li>' in page(client, renstra_a)


def test_clearing_value_and_note_deletes_the_year(client, renstra_a, ipasn):
    save(client, url("edit_realisasi", renstra_a, ipasn.pk), v2021="", n2022="")
    assert stored(ipasn) == {}


def test_an_invalid_realisasi_is_refused_naming_the_year(client, renstra_a, ipasn):
    response = save(client, url("edit_realisasi", renstra_a, ipasn.pk), v2023="7O")
    assert "Realisasi 2023 harus angka, mis. 10,3" in response.content.decode()
    assert "kemungkinan 70" in response.content.decode()
    assert 2023 not in stored(ipasn)
