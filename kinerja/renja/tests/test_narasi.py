"""save_narasi: creates, updates, bumps the version, audits, refuses stale saves and unknown
fields; NarasiForm shapes the input; the admin saves through the action."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.renja.actions import NarasiConflict, save_narasi
from kinerja.renja.forms import NarasiForm
from kinerja.renja.models import NARASI_FIELDS, RenjaNarasi

pytestmark = pytest.mark.django_db

LATAR = "Paragraf pertama.\n\nParagraf kedua:\n\n- butir satu\n- butir dua"


def events():
    return list(AuditEvent.objects.filter(event_type=AuditEvent.Type.NARASI_SAVED))


def test_it_creates_the_narasi_at_version_1(renja_a, planner_a):
    narasi = save_narasi(
        renja_a,
        acting_user=planner_a,
        expected_version=0,
        latar_belakang=LATAR,
        tempat="Kuala Tungkal",
        tanggal=datetime.date(2023, 9, 1),
        cetak_hari=False,
    )

    stored = RenjaNarasi.objects.get(renja=renja_a)
    assert stored.pk == narasi.pk
    assert (stored.latar_belakang, stored.tempat, stored.version) == (LATAR, "Kuala Tungkal", 1)
    assert (stored.tanggal, stored.cetak_hari) == (datetime.date(2023, 9, 1), False)
    assert renja_a.narasi == stored


def test_it_updates_only_what_it_is_given_and_bumps_the_version(renja_a, planner_a):
    save_narasi(renja_a, acting_user=planner_a, expected_version=0, latar_belakang=LATAR)

    narasi = save_narasi(renja_a, acting_user=planner_a, expected_version=1, penutup="Penutup.")

    stored = RenjaNarasi.objects.get(renja=renja_a)
    assert (stored.latar_belakang, stored.penutup, stored.version) == (LATAR, "Penutup.", 2)
    assert (narasi.version, narasi.updated_at) == (2, stored.updated_at)


def test_every_save_is_audited_with_the_changed_fields(renja_a, planner_a):
    save_narasi(renja_a, acting_user=planner_a, expected_version=0, latar_belakang=LATAR)
    save_narasi(
        renja_a,
        acting_user=planner_a,
        expected_version=1,
        latar_belakang=LATAR,  # unchanged: not named
        penutup="Penutup.",
        tanggal=datetime.date(2023, 9, 1),
    )

    created, updated = sorted(events(), key=lambda event: event.pk)
    assert created.acting_user == planner_a
    assert created.object_type == "renja.renjanarasi"
    assert created.extra_data["fields"] == ["latar_belakang"]
    assert updated.extra_data == {
        "fields": ["penutup", "tanggal"],
        "version": 2,
        "old": {"penutup": "", "tanggal": None},
        "new": {"penutup": "Penutup.", "tanggal": "2023-09-01"},
    }


def test_a_save_that_changes_nothing_writes_nothing(renja_a, planner_a):
    save_narasi(renja_a, acting_user=planner_a, expected_version=0, latar_belakang=LATAR)

    narasi = save_narasi(renja_a, acting_user=planner_a, expected_version=1, latar_belakang=LATAR)

    assert narasi.version == 1
    assert len(events()) == 1


@pytest.mark.parametrize("stale", [0, 1, 3])
def test_a_stale_version_is_refused_and_nothing_is_written(renja_a, planner_a, stale):
    # given someone saved twice since (version 2)
    save_narasi(renja_a, acting_user=planner_a, expected_version=0, penutup="Satu.")
    save_narasi(renja_a, acting_user=planner_a, expected_version=1, penutup="Dua.")

    with pytest.raises(NarasiConflict, match="diubah oleh pengguna lain; muat ulang"):
        save_narasi(renja_a, acting_user=planner_a, expected_version=stale, penutup="Basi.")

    stored = RenjaNarasi.objects.get(renja=renja_a)
    assert (stored.penutup, stored.version) == ("Dua.", 2)
    assert len(events()) == 2


def test_a_narasi_created_meanwhile_is_a_conflict(renja_a, planner_a):
    save_narasi(renja_a, acting_user=planner_a, expected_version=0, penutup="Pertama.")

    with pytest.raises(NarasiConflict):
        save_narasi(renja_a, acting_user=planner_a, expected_version=0, penutup="Kedua.")

    assert RenjaNarasi.objects.get(renja=renja_a).penutup == "Pertama."


def test_without_an_expected_version_the_save_wins(renja_a, planner_a):
    save_narasi(renja_a, acting_user=planner_a, expected_version=None, penutup="Satu.")
    narasi = save_narasi(renja_a, acting_user=None, expected_version=None, penutup="Dua.")

    assert (narasi.penutup, narasi.version) == ("Dua.", 2)


def test_unknown_fields_are_refused_and_nothing_is_written(renja_a, planner_a):
    with pytest.raises(TypeError, match="bab_vi, version"):
        save_narasi(
            renja_a, acting_user=planner_a, expected_version=0, bab_vi="x", version=9, penutup="y"
        )

    assert not RenjaNarasi.objects.exists()
    assert events() == []


def test_values_are_checked_like_the_model_fields(renja_a, planner_a):
    with pytest.raises(ValidationError):
        save_narasi(renja_a, acting_user=planner_a, expected_version=0, tempat="x" * 101)

    narasi = save_narasi(renja_a, acting_user=planner_a, expected_version=0, tanggal="2023-09-01")
    assert narasi.tanggal == datetime.date(2023, 9, 1)


def test_deleting_the_renja_deletes_its_narasi(renja_a, planner_a):
    save_narasi(renja_a, acting_user=planner_a, expected_version=0, penutup="x")

    renja_a.delete()

    assert not RenjaNarasi.objects.exists()


# --- the form -------------------------------------------------------------------------------


def form_data(**fields):
    return {"version": "0", "tempat": "", "tanggal": "", **fields}


def test_the_form_validates_and_normalises_line_endings(renja_a):
    form = NarasiForm(
        data=form_data(
            latar_belakang="Satu.\r\n\r\n- butir", tempat="Kuala Tungkal", tanggal="2023-09-01"
        )
    )

    assert form.is_valid(), form.errors
    fields = form.narasi_fields()
    assert fields["latar_belakang"] == "Satu.\n\n- butir"
    assert (fields["tanggal"], fields["cetak_hari"]) == (datetime.date(2023, 9, 1), False)
    assert set(fields) == {*NARASI_FIELDS, "tempat", "tanggal", "cetak_hari"}
    assert form.cleaned_data["version"] == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (form_data(tanggal="31-02-2023"), "tanggal"),
        (form_data(tempat="x" * 101), "tempat"),
        ({"tempat": ""}, "version"),
    ],
)
def test_the_form_refuses_bad_input(data, field):
    form = NarasiForm(data=data)

    assert not form.is_valid()
    assert field in form.errors


def test_the_form_carries_the_loaded_version(renja_a, planner_a):
    narasi = save_narasi(renja_a, acting_user=planner_a, expected_version=0, penutup="x")
    narasi = save_narasi(renja_a, acting_user=planner_a, expected_version=1, penutup="y")

    assert NarasiForm(instance=narasi)["version"].value() == 2
    assert NarasiForm()["version"].value() == 0
    html = str(NarasiForm(instance=narasi))
    assert 'type="date"' in html
    assert "1.1 Latar Belakang" in html


def test_a_form_save_goes_through_the_action_with_its_version(renja_a, planner_a):
    form = NarasiForm(data=form_data(penutup="Penutup."))
    assert form.is_valid(), form.errors

    narasi = save_narasi(
        renja_a,
        acting_user=planner_a,
        expected_version=form.cleaned_data["version"],
        **form.narasi_fields(),
    )

    assert (narasi.penutup, narasi.version) == ("Penutup.", 1)


# --- the admin ------------------------------------------------------------------------------


def test_the_admin_pages_load_and_an_admin_edit_is_audited(client, superuser, renja_a):
    narasi = save_narasi(renja_a, acting_user=None, expected_version=0, penutup="x")
    client.force_login(superuser)
    change = reverse("admin:renja_renjanarasi_change", args=[narasi.pk])
    assert client.get(reverse("admin:renja_renjanarasi_changelist")).status_code == 200
    assert client.get(change).status_code == 200
    assert client.get(reverse("admin:renja_renjanarasi_add")).status_code == 200

    response = client.post(change, {"penutup": "Diubah.", "tempat": "Kuala Tungkal"})

    assert response.status_code == 302, response.content.decode()[:2000]
    stored = RenjaNarasi.objects.get(pk=narasi.pk)
    assert (stored.penutup, stored.tempat, stored.version) == ("Diubah.", "Kuala Tungkal", 2)
    assert events()[0].acting_user == superuser
