"""The jadwal page and its actions: the pemda admin sets the windows of a year (audited
JADWAL_SET) and grants one OPD an exception (audited JADWAL_EXCEPTION, reason required);
verifiers read it; OPD roles do not reach it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.renja.models import Jadwal, JadwalPengecualian
from kinerja.renja.workflow import renja_edit_refusal
from kinerja.review.actions import JadwalRefused, grant_exception, set_jadwal
from kinerja.review.tests.conftest import window

pytestmark = pytest.mark.django_db


def page_url(pemda, year=2024):
    return reverse("review:jadwal", args=[pemda.pk, year])


def exception_url(pemda, year=2024):
    return reverse("review:jadwal_exception", args=[pemda.pk, year])


def posted(slot, opens_on, closes_on, loaded=""):
    return {
        "slot": slot,
        f"{slot}-opens_on": opens_on,
        f"{slot}-closes_on": closes_on,
        f"{slot}-loaded": loaded,
    }


@pytest.mark.parametrize(("persona", "code", "forms"), [
    ("admin", 200, True), ("superuser", 200, True), ("verifier", 200, False),
    ("planner_a", 404, False), ("viewer_a", 404, False),
])  # fmt: skip
def test_who_sees_and_who_sets_the_jadwal(request, signed_in, pemda, persona, code, forms):
    response = signed_in(request.getfixturevalue(persona)).get(page_url(pemda))
    assert response.status_code == code
    if code == 200:
        html = response.content.decode()
        assert "Penyusunan Renja tahun 2024" in html
        assert "Laporan triwulan IV tahun 2024" in html
        assert ('name="renja-opens_on"' in html) is forms
        assert ("Beri pengecualian" in html) is forms


def test_the_verifier_cannot_post(signed_in, verifier, pemda, opd_a):
    client = signed_in(verifier)
    response = client.post(page_url(pemda), posted("renja", "2024-01-01", "2024-03-31"))
    assert response.status_code == 403
    assert client.post(exception_url(pemda), {}).status_code == 403
    assert not Jadwal.objects.exists()


def test_the_admin_sets_a_window_in_either_date_format_and_it_is_audited(signed_in, admin, pemda):
    client = signed_in(admin)
    response = client.post(page_url(pemda), posted("tw2", "01-07-2024", "2024-07-15"))
    assert response.status_code == 302
    jadwal = Jadwal.objects.get()
    assert (jadwal.tahap, jadwal.triwulan, jadwal.year) == ("triwulan", 2, 2024)
    assert (jadwal.opens_on, jadwal.closes_on) == (date(2024, 7, 1), date(2024, 7, 15))

    # changed from the window the page showed
    response = client.post(
        page_url(pemda), posted("tw2", "2024-07-01", "2024-07-20", "2024-07-01/2024-07-15")
    )
    assert response.status_code == 302
    events = AuditEvent.objects.filter(event_type=AuditEvent.Type.JADWAL_SET).order_by("id")
    assert [e.extra_data["changes"] for e in events] == [
        {"opens_on": [None, "2024-07-01"], "closes_on": [None, "2024-07-15"]},
        {"opens_on": ["2024-07-01", "2024-07-01"], "closes_on": ["2024-07-15", "2024-07-20"]},
    ]
    assert {e.acting_user for e in events} == {admin}
    assert "20-07-2024" in client.get(page_url(pemda)).content.decode()


@pytest.mark.parametrize(("opens_on", "closes_on", "message"), [
    ("2024-07-10", "2024-07-01", "Tanggal ditutup harus sama dengan atau sesudah tanggal dibuka."),
    ("", "2024-07-01", "Tanggal dibuka wajib diisi."),
    ("10 Juli", "2024-07-01", "Tulis tanggal sebagai hari-bulan-tahun"),
])  # fmt: skip
def test_a_bad_window_is_refused_naming_the_field(
    signed_in, admin, pemda, opens_on, closes_on, message
):
    response = signed_in(admin).post(page_url(pemda), posted("renja", opens_on, closes_on))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Jadwal.objects.exists()


def test_a_window_changed_by_someone_else_meanwhile_is_not_overwritten(signed_in, admin, pemda):
    Jadwal.objects.create(
        pemda=pemda, year=2024, tahap="renja", opens_on=date(2024, 1, 2), closes_on=date(2024, 2, 2)
    )
    # the page was loaded when there was no window yet
    response = signed_in(admin).post(page_url(pemda), posted("renja", "2024-01-01", "2024-03-31"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "telah diubah oleh pengguna lain" in html
    assert "02-01-2024 s/d 02-02-2024" in html
    assert 'value="2024-03-31"' in html  # what the admin typed is kept
    assert Jadwal.objects.get().closes_on == date(2024, 2, 2)


def test_an_exception_reopens_one_opd_and_is_audited(
    signed_in, admin, pemda, opd_a, planner_a, outsider_b, renja_a, renja_b
):
    window(pemda, days_ago_closed=1)
    assert renja_edit_refusal(planner_a, renja_a) is not None
    until = timezone.localdate() + timedelta(days=7)

    response = signed_in(admin).post(
        exception_url(pemda),
        {"slot": "renja", "perangkat_daerah": opd_a.pk, "until": until.isoformat(),
         "reason": "Kepala OPD baru dilantik"},
    )  # fmt: skip

    assert response.status_code == 302
    exception = JadwalPengecualian.objects.get()
    assert (exception.perangkat_daerah, exception.until, exception.granted_by) == (
        opd_a, until, admin,
    )  # fmt: skip
    assert renja_edit_refusal(planner_a, renja_a) is None
    assert "sudah ditutup" in renja_edit_refusal(outsider_b, renja_b)
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.JADWAL_EXCEPTION)
    assert (event.reason, event.acting_user, event.object_id) == (
        "Kepala OPD baru dilantik", admin, str(exception.pk),
    )  # fmt: skip
    assert event.extra_data["changes"] == {"until": [None, until.isoformat()]}
    html = signed_in(admin).get(page_url(pemda)).content.decode()
    assert "Kepala OPD baru dilantik" in html


@pytest.mark.parametrize(("fields", "message"), [
    ({"reason": ""}, "Alasan pengecualian wajib diisi."),
    ({"reason": "   "}, "Alasan pengecualian wajib diisi."),
    ({"until": "2020-01-01"}, "tidak boleh sebelum hari ini"),
    ({"slot": "tw3"}, "Pilih jadwal yang sudah ditetapkan untuk tahun ini."),  # TW 3 has none
    ({"perangkat_daerah": ""}, "Pilih perangkat daerah."),
])  # fmt: skip
def test_an_exception_needs_a_reason_a_future_date_and_a_set_window(
    signed_in, admin, pemda, opd_a, fields, message
):
    window(pemda, days_ago_closed=1)
    data = {"slot": "renja", "perangkat_daerah": opd_a.pk,
            "until": timezone.localdate().isoformat(), "reason": "Alasan", **fields}  # fmt: skip
    response = signed_in(admin).post(exception_url(pemda), data)
    assert response.status_code in (200, 409)
    assert message in response.content.decode()
    assert not JadwalPengecualian.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.JADWAL_EXCEPTION).exists()


def test_the_actions_check_the_role_and_the_pemda(verifier, admin, pemda, other_pemda_opd):
    with pytest.raises(PermissionDenied):
        set_jadwal(
            pemda, year=2024, tahap="renja", triwulan=None, opens_on=date(2024, 1, 1),
            closes_on=date(2024, 1, 31), acting_user=verifier,
        )  # fmt: skip
    jadwal = window(pemda)
    with pytest.raises(JadwalRefused, match="bukan bagian dari pemda"):
        grant_exception(
            jadwal, other_pemda_opd, until=timezone.localdate(), reason="x", acting_user=admin
        )
    with pytest.raises(JadwalRefused, match="sesudah tanggal dibuka"):
        set_jadwal(
            pemda, year=2024, tahap="renja", triwulan=None, opens_on=date(2024, 2, 1),
            closes_on=date(2024, 1, 31), acting_user=admin,
        )  # fmt: skip


def test_saving_the_same_window_again_writes_no_audit_row(admin, pemda):
    for _ in range(2):
        set_jadwal(
            pemda, year=2024, tahap="renja", triwulan=None, opens_on=date(2024, 1, 1),
            closes_on=date(2024, 1, 31), acting_user=admin,
        )  # fmt: skip
    assert AuditEvent.objects.filter(event_type=AuditEvent.Type.JADWAL_SET).count() == 1
