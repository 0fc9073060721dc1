"""The narrative of a triwulan report (faktor pendorong, penghambat, tindak lanjut): saved
with the revision it was loaded at, audited, a stale save keeping the typed text beside
the stored one, refused for readers and for a verified report."""

from html import unescape

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.lib.revisions import STALE_MESSAGE
from kinerja.monitoring.models import LaporanTriwulan

pytestmark = pytest.mark.django_db

FIELDS = ("faktor_pendorong", "faktor_penghambat", "tindak_lanjut", "tindak_lanjut_renja")


def laporan_url(renja, triwulan=2):
    return reverse("monitoring:laporan", args=[renja.pk, triwulan])


def page_url(renja, triwulan=2):
    return reverse("monitoring:realisasi", args=[renja.pk, triwulan])


def posted(revision, **fields):
    data = dict.fromkeys(FIELDS, "")
    data.update(fields, revision=str(revision))
    return data


def save(client, user, renja, revision=0, **fields):
    client.force_login(user)
    return client.post(laporan_url(renja), posted(revision, **fields))


def test_the_first_save_creates_the_report_and_audits(client, planner_a, renja_a):
    response = save(
        client, planner_a, renja_a,
        faktor_pendorong="Dukungan pimpinan.\r\n\r\nKoordinasi lancar.",
        tindak_lanjut_renja="Target triwulanan mengikuti pola kegiatan.",
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == page_url(renja_a) + "#laporan"
    laporan = LaporanTriwulan.objects.get(renja=renja_a, triwulan=2)
    assert laporan.faktor_pendorong == "Dukungan pimpinan.\n\nKoordinasi lancar."
    assert (laporan.status, laporan.revision) == ("draf", 1)
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.LAPORAN_SAVED)
    assert event.acting_user == planner_a
    assert event.extra_data["changes"] == {
        "faktor_pendorong": ["", "Dukungan pimpinan.\n\nKoordinasi lancar."],
        "tindak_lanjut_renja": ["", "Target triwulanan mengikuti pola kegiatan."],
    }
    html = client.get(page_url(renja_a)).content.decode()
    assert "Narasi laporan triwulan disimpan." in html
    assert "Koordinasi lancar." in html
    assert 'name="revision" value="1"' in html


def test_an_update_raises_the_revision_and_e81_prints_it(client, planner_a, renja_a):
    save(client, planner_a, renja_a, faktor_penghambat="Pengadaan lambat.")
    save(client, planner_a, renja_a, revision=1, faktor_penghambat="Pengadaan terlambat.")
    laporan = LaporanTriwulan.objects.get()
    assert (laporan.faktor_penghambat, laporan.revision) == ("Pengadaan terlambat.", 2)
    last = AuditEvent.objects.filter(event_type=AuditEvent.Type.LAPORAN_SAVED).first()
    assert last.extra_data["changes"] == {
        "faktor_penghambat": ["Pengadaan lambat.", "Pengadaan terlambat."]
    }
    e81 = client.get(reverse("monitoring:e81", args=[renja_a.pk]) + "?triwulan=2")
    assert "Pengadaan terlambat." in e81.content.decode()


def test_a_stale_save_keeps_the_typed_text_and_shows_the_stored(client, planner_a, admin, renja_a):
    # given both opened the report at revision 1, and the admin saved first
    save(client, planner_a, renja_a, faktor_pendorong="Awal.")
    save(client, admin, renja_a, revision=1, faktor_pendorong="Versi admin.")

    # when the operator saves from revision 1
    response = save(client, planner_a, renja_a, revision=1, faktor_pendorong="Versi operator.")

    # then nothing is written; the message, both texts, and the stored revision to go on
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert STALE_MESSAGE in html
    assert "\nVersi operator.</textarea>" in html
    assert "Tersimpan sekarang:</span> Versi admin." in html
    assert 'name="revision" value="2"' in html
    assert LaporanTriwulan.objects.get().faktor_pendorong == "Versi admin."

    save(client, planner_a, renja_a, revision=2, faktor_pendorong="Versi operator.")
    assert LaporanTriwulan.objects.get().faktor_pendorong == "Versi operator."


def test_two_first_saves_cannot_both_create(client, planner_a, admin, renja_a):
    save(client, admin, renja_a, faktor_pendorong="Admin dulu.")
    response = save(client, planner_a, renja_a, revision=0, faktor_pendorong="Operator.")
    assert STALE_MESSAGE in unescape(response.content.decode())
    assert list(LaporanTriwulan.objects.values_list("faktor_pendorong", flat=True)) == [
        "Admin dulu."
    ]


@pytest.mark.parametrize(("persona", "status"), [("viewer_a", 403), ("verifier", 403)])
def test_readers_get_403_and_nothing_is_written(client, request, renja_a, persona, status):
    response = save(client, request.getfixturevalue(persona), renja_a, faktor_pendorong="x")
    assert response.status_code == status
    assert not LaporanTriwulan.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.LAPORAN_SAVED).exists()


def test_an_outsider_gets_404(client, outsider_b, renja_a):
    assert save(client, outsider_b, renja_a, faktor_pendorong="x").status_code == 404
    assert not LaporanTriwulan.objects.exists()


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("diverifikasi", "Laporan triwulan ini sudah diverifikasi dan terkunci."),
        ("diajukan", "Laporan triwulan ini sedang diajukan untuk verifikasi"),
    ],
)
def test_a_submitted_or_verified_report_refuses_edits(client, planner_a, renja_a, status, reason):
    LaporanTriwulan.objects.create(
        renja=renja_a, triwulan=2, status=status, faktor_pendorong="Tersimpan."
    )
    response = save(client, planner_a, renja_a, revision=1, faktor_pendorong="Diubah.")
    assert response.status_code == 403
    html = unescape(response.content.decode())
    assert f"Laporan ini hanya dapat dibaca: {reason}" in html
    field = html.split('name="faktor_pendorong"')[1].split("</textarea>")[0]
    assert "readonly" in field.split(">")[0]
    assert field.endswith("Diubah.")  # what was typed is still shown, though not saved
    assert LaporanTriwulan.objects.get().faktor_pendorong == "Tersimpan."
