"""The admin pemda's perangkat daerah pages: who reaches them, the list, adding and editing
an OPD (NIP typed as printed, codes unique in the pemda, audited, no lost edits)."""

import pytest
from django.urls import reverse

from kinerja.accounts.actions import opd_fingerprint, save_perangkat_daerah
from kinerja.accounts.models import Membership, PerangkatDaerah
from kinerja.audit.models import AuditEvent
from kinerja.testing import make_user

pytestmark = pytest.mark.django_db

NIP = "196310171990031005"


def opd_data(**overrides):
    data = {
        "code": "BAPPEDA",
        "name": "Badan Perencanaan Pembangunan Daerah",
        "short_name": "Bappeda",
        "kepala_title": "Kepala Bappeda",
        "kepala_name": "Drs. H. Contoh",
        "kepala_pangkat": "Pembina Utama Muda (IV/c)",
        "kepala_nip": "19631017 199003 1 005",
    }
    return {**data, **overrides}


def edit_data(opd, **overrides):
    fields = {
        "code": opd.code,
        "name": opd.name,
        "short_name": opd.short_name,
        "kepala_title": opd.kepala_title,
        "kepala_name": opd.kepala_name,
        "kepala_pangkat": opd.kepala_pangkat,
        "kepala_nip": opd.kepala_nip,
        "loaded": opd_fingerprint(opd),
    }
    return {**fields, **overrides}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("superuser", 200),
        ("verifier", 404),
        ("planner_a", 404),
        ("viewer_a", 404),
        ("outsider_b", 404),
    ],
)
def test_only_the_admin_pemda_and_a_superuser_reach_the_opd_pages(
    client, request, pemda, opd_a, persona, status
):
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("accounts:opd_list", args=[pemda.pk]),
        reverse("accounts:opd_add", args=[pemda.pk]),
        reverse("accounts:opd_edit", args=[opd_a.pk]),
    ):
        assert client.get(url).status_code == status, url


def test_non_admins_cannot_post_an_opd(client, pemda, opd_a, verifier, planner_a):
    for user in (verifier, planner_a):
        client.force_login(user)
        add = client.post(reverse("accounts:opd_add", args=[pemda.pk]), opd_data())
        edit = client.post(reverse("accounts:opd_edit", args=[opd_a.pk]), edit_data(opd_a))
        assert (add.status_code, edit.status_code) == (404, 404)
    assert not PerangkatDaerah.objects.filter(code="BAPPEDA").exists()
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.OPD_SAVED).exists()


def test_an_admin_of_another_pemda_gets_404(client, pemda, opd_a, other_pemda_opd):
    other_admin = Membership.objects.create(
        user=make_user("admin_jambi"), pemda=other_pemda_opd.pemda, role="admin"
    ).user
    client.force_login(other_admin)
    assert client.get(reverse("accounts:opd_list", args=[pemda.pk])).status_code == 404
    assert client.get(reverse("accounts:opd_edit", args=[opd_a.pk])).status_code == 404
    # …while their own pemda is theirs.
    own = reverse("accounts:opd_list", args=[other_pemda_opd.pemda_id])
    assert client.get(own).status_code == 200


def test_the_list_shows_the_opds_of_the_pemda_only_with_the_nip_printed(
    client, admin, pemda, opd_a, opd_b, other_pemda_opd
):
    PerangkatDaerah.objects.filter(pk=opd_a.pk).update(kepala_name="Budi", kepala_nip=NIP)
    client.force_login(admin)
    html = client.get(reverse("accounts:opd_list", args=[pemda.pk])).content.decode()
    assert "Badan Kepegawaian" in html
    assert "Dinas Kesehatan" in html
    assert "BKPSDM Kota Jambi" not in html
    assert "19631017 199003 1 005" in html


def test_the_admin_adds_an_opd_with_the_nip_typed_as_printed(client, admin, pemda):
    client.force_login(admin)
    response = client.post(reverse("accounts:opd_add", args=[pemda.pk]), opd_data())
    assert response.status_code == 302
    opd = PerangkatDaerah.objects.get(pemda=pemda, code="BAPPEDA")
    assert opd.kepala_nip == NIP
    assert opd.kepala_nip_printed == "19631017 199003 1 005"
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.OPD_SAVED)
    assert event.acting_user == admin
    assert event.object_id == str(opd.pk)
    assert event.extra_data["changes"]["kepala_nip"] == [None, NIP]
    assert event.extra_data["changes"]["code"] == [None, "BAPPEDA"]


@pytest.mark.parametrize(
    "nip", ["19631017 199003 1 00", "1963101719900310051", "19631017-199003-1-005", "abc"]
)
def test_a_nip_that_is_not_18_digits_is_refused_with_a_message(client, admin, pemda, nip):
    client.force_login(admin)
    response = client.post(reverse("accounts:opd_add", args=[pemda.pk]), opd_data(kepala_nip=nip))
    assert response.status_code == 200
    assert "NIP terdiri dari 18 angka" in response.content.decode()
    assert not PerangkatDaerah.objects.filter(code="BAPPEDA").exists()


def test_an_empty_nip_is_allowed(client, admin, pemda):
    client.force_login(admin)
    client.post(reverse("accounts:opd_add", args=[pemda.pk]), opd_data(kepala_nip=""))
    assert PerangkatDaerah.objects.get(code="BAPPEDA").kepala_nip == ""


def test_a_code_already_used_in_the_pemda_is_refused_on_the_field(client, admin, pemda, opd_a):
    client.force_login(admin)
    response = client.post(reverse("accounts:opd_add", args=[pemda.pk]), opd_data(code=opd_a.code))
    assert response.status_code == 200
    assert "Kode BKPSDM sudah dipakai" in response.content.decode()
    assert response.context["form"].errors["code"]
    assert PerangkatDaerah.objects.filter(pemda=pemda).count() == 1


def test_the_same_code_in_another_pemda_is_fine(client, admin, pemda, other_pemda_opd):
    client.force_login(admin)
    client.post(reverse("accounts:opd_add", args=[pemda.pk]), opd_data(code="BKPSDM"))
    assert PerangkatDaerah.objects.filter(code="BKPSDM").count() == 2


def test_the_admin_edits_the_kepala_and_the_audit_keeps_before_and_after(client, admin, opd_a):
    client.force_login(admin)
    url = reverse("accounts:opd_edit", args=[opd_a.pk])
    assert 'value="' + opd_fingerprint(opd_a) + '"' in client.get(url).content.decode()
    response = client.post(url, edit_data(opd_a, kepala_name="Budi Santoso", kepala_nip=NIP))
    assert response.status_code == 302
    opd_a.refresh_from_db()
    assert (opd_a.kepala_name, opd_a.kepala_nip) == ("Budi Santoso", NIP)
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.OPD_SAVED)
    assert event.extra_data["changes"] == {
        "kepala_name": ["", "Budi Santoso"],
        "kepala_nip": ["", NIP],
    }


def test_saving_unchanged_values_records_nothing(client, admin, opd_a):
    client.force_login(admin)
    client.post(reverse("accounts:opd_edit", args=[opd_a.pk]), edit_data(opd_a))
    assert not AuditEvent.objects.exists()


def test_a_code_change_onto_another_opd_is_refused(client, admin, opd_a, opd_b):
    client.force_login(admin)
    response = client.post(
        reverse("accounts:opd_edit", args=[opd_a.pk]), edit_data(opd_a, code=opd_b.code)
    )
    assert "Kode DINKES sudah dipakai" in response.content.decode()
    opd_a.refresh_from_db()
    assert opd_a.code == "BKPSDM"


def test_a_stale_edit_is_refused_and_shows_the_stored_values_and_keeps_the_typed_ones(
    client, admin, opd_a
):
    # Given the admin loaded the form, and someone else then saved another kepala
    client.force_login(admin)
    loaded = edit_data(opd_a)
    save_perangkat_daerah(
        opd_a,
        pemda=opd_a.pemda,
        fields={"kepala_name": "Dari Orang Lain"},
        expected=loaded["loaded"],
        acting_user=None,
    )
    # When the admin saves their own kepala on the old fingerprint
    url = reverse("accounts:opd_edit", args=[opd_a.pk])
    response = client.post(url, {**loaded, "kepala_name": "Ketikan Saya"})
    # Then nothing is overwritten; the page says so, shows both values
    assert response.status_code == 200
    html = response.content.decode()
    assert "telah diubah oleh pengguna lain" in html
    assert "Dari Orang Lain" in html
    assert 'value="Ketikan Saya"' in html
    opd_a.refresh_from_db()
    assert opd_a.kepala_name == "Dari Orang Lain"
    # and a second, conscious save goes through
    again = dict(response.context["form"].data.items())
    assert client.post(url, again).status_code == 302
    opd_a.refresh_from_db()
    assert opd_a.kepala_name == "Ketikan Saya"


def test_an_opd_of_another_pemda_cannot_be_saved_through_the_action(opd_a, other_pemda_opd):
    with pytest.raises(PerangkatDaerah.DoesNotExist):
        save_perangkat_daerah(
            opd_a,
            pemda=other_pemda_opd.pemda,
            fields={"name": "x"},
            expected=None,
            acting_user=None,
        )
