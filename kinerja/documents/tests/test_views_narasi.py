"""The narasi page: BAB I–V prose grouped under its headings, saved with the version it was
loaded at (a stale save keeps the typed text), read-only for viewers, "Isi dari angka"."""

import re

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.demo import load_demo
from kinerja.renja.actions import save_narasi
from kinerja.renja.models import NARASI_FIELDS, RenjaNarasi

pytestmark = pytest.mark.django_db

CONFLICT = "Narasi telah diubah oleh pengguna lain"


def narasi_url(renja_id):
    return reverse("documents:narasi", args=[renja_id])


def evaluasi_url(renja_id):
    return reverse("documents:narasi_evaluasi", args=[renja_id])


def page(client, user, renja_id):
    client.force_login(user)
    return client.get(narasi_url(renja_id))


def posted(version, **fields):
    """Every field of the form as a browser sends it, empty unless given."""
    data = dict.fromkeys(NARASI_FIELDS, "")
    data.update(tempat="", tanggal="", version=str(version))
    data.update(fields)
    return data


def test_the_page_groups_the_fields_under_their_bab_with_hints(client, planner_a, renja_a):
    response = page(client, planner_a, renja_a.pk)
    assert response.status_code == 200
    html = response.content.decode()
    headings = [
        "Kata Pengantar",
        "BAB I Pendahuluan",
        "BAB II Hasil Evaluasi Renja Perangkat Daerah Tahun Lalu",
        "BAB III Tujuan dan Sasaran Perangkat Daerah",
        "BAB IV Rencana Kerja dan Pendanaan Perangkat Daerah",
        "BAB V Penutup",
        "Penandatanganan",
    ]
    positions = [html.index(f"<legend>{heading}</legend>") for heading in headings]
    assert positions == sorted(positions)
    for name in [*NARASI_FIELDS, "tempat", "tanggal", "cetak_hari"]:
        assert f'name="{name}"' in html, name
        assert f'id="id_{name}_helptext"' in html, name  # the hint describes the field
    # 2.1 sits under BAB II, the signature under Penandatanganan
    assert positions[2] < html.index('name="evaluasi_renja"') < positions[3]
    assert positions[6] < html.index('name="tempat"')
    assert 'name="version" value="0"' in html
    assert "Simpan narasi" in html
    assert f'hx-post="{evaluasi_url(renja_a.pk)}"' in html
    assert 'hx-target="#id_evaluasi_renja"' in html


def test_saving_stores_the_text_bumps_the_version_and_audits(client, planner_a, renja_a):
    client.force_login(planner_a)
    data = posted(0, latar_belakang="Renja disusun.\r\n\r\nParagraf kedua.", tempat="Kuala Tungkal")
    response = client.post(narasi_url(renja_a.pk), data)
    assert response.status_code == 302
    assert response["Location"] == narasi_url(renja_a.pk)
    stored = RenjaNarasi.objects.get(renja=renja_a)
    assert stored.latar_belakang == "Renja disusun.\n\nParagraf kedua."
    assert stored.tempat == "Kuala Tungkal"
    assert stored.version == 1
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.NARASI_SAVED)
    assert event.acting_user == planner_a
    assert event.object_id == str(stored.pk)
    assert "latar_belakang" in event.extra_data["fields"]
    html = client.get(narasi_url(renja_a.pk)).content.decode()
    assert "Narasi disimpan." in html
    assert 'name="version" value="1"' in html
    assert "Paragraf kedua." in html


def test_a_stale_save_keeps_the_typed_text_and_writes_nothing(client, planner_a, admin, renja_a):
    # Given: the planner loaded version 0, then the admin saved version 1
    save_narasi(renja_a, acting_user=admin, expected_version=0, penutup="Teks admin.")
    # When: the planner saves from version 0
    client.force_login(planner_a)
    typed = "Teks yang saya ketik panjang sekali & tidak boleh hilang."
    response = client.post(narasi_url(renja_a.pk), posted(0, penutup=typed, tempat="Jambi"))
    # Then: the conflict is explained, the typed text is still in the form, nothing changed
    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert "Teks yang saya ketik panjang sekali &amp; tidak boleh hilang." in html
    assert 'value="Jambi"' in html
    stored = RenjaNarasi.objects.get(renja=renja_a)
    assert (stored.penutup, stored.tempat, stored.version) == ("Teks admin.", "", 1)
    assert AuditEvent.objects.filter(event_type=AuditEvent.Type.NARASI_SAVED).count() == 1


def test_a_viewer_reads_but_cannot_save(client, viewer_a, admin, renja_a):
    save_narasi(renja_a, acting_user=admin, expected_version=0, penutup="Teks admin.")
    html = page(client, viewer_a, renja_a.pk).content.decode()
    assert "Narasi ini hanya dapat dibaca: Anda tidak berwenang mengubah Renja" in html
    assert "Teks admin." in html
    assert "Simpan narasi" not in html
    assert "hx-post" not in html
    assert re.search(r'<textarea name="penutup"[^>]* disabled', html)
    response = client.post(narasi_url(renja_a.pk), posted(1, penutup="Diubah pimpinan"))
    assert response.status_code == 403
    assert RenjaNarasi.objects.get(renja=renja_a).penutup == "Teks admin."


@pytest.mark.parametrize("persona", ["admin", "superuser"])
def test_the_admin_pemda_may_edit(client, request, renja_a, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(narasi_url(renja_a.pk), posted(0, penutup="Oleh admin."))
    assert response.status_code == 302
    assert RenjaNarasi.objects.get(renja=renja_a).penutup == "Oleh admin."


def test_a_verifier_only_reads(client, verifier, renja_a):
    assert "Simpan narasi" not in page(client, verifier, renja_a.pk).content.decode()
    assert client.post(narasi_url(renja_a.pk), posted(0, penutup="x")).status_code == 403
    assert not RenjaNarasi.objects.exists()


def test_a_user_of_another_opd_gets_404(client, outsider_b, renja_a):
    assert page(client, outsider_b, renja_a.pk).status_code == 404
    assert client.post(narasi_url(renja_a.pk), posted(0, penutup="x")).status_code == 404
    assert client.post(evaluasi_url(renja_a.pk)).status_code == 404
    assert not RenjaNarasi.objects.exists()


def test_an_invalid_date_is_reported_and_nothing_saved(client, planner_a, renja_a):
    client.force_login(planner_a)
    response = client.post(narasi_url(renja_a.pk), posted(0, tanggal="31-31-2023", penutup="x"))
    assert response.status_code == 200
    assert 'class="narasi-field has-errors"' in response.content.decode()
    assert not RenjaNarasi.objects.exists()


def test_isi_dari_angka_returns_the_generated_textarea(client, planner_a, verifier, admin):
    result, _ = load_demo()
    renja = result.perangkat_daerah.renja.get()
    before = RenjaNarasi.objects.filter(renja=renja).values().first()
    planner_a.refresh_from_db()
    client.force_login(planner_a)
    response = client.post(evaluasi_url(renja.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith("<textarea")
    assert 'name="evaluasi_renja"' in html
    assert 'id="id_evaluasi_renja"' in html
    assert "indikator" in html
    assert "Evaluasi pelaksanaan Renja" in html
    assert "Realisasi anggaran tahun 2024" in html  # the demo reports realisasi anggaran
    assert RenjaNarasi.objects.filter(renja=renja).values().first() == before  # nothing stored


def test_isi_dari_angka_is_for_writers_and_posts_only(client, planner_a, viewer_a, renja_a):
    client.force_login(viewer_a)
    assert client.post(evaluasi_url(renja_a.pk)).status_code == 403
    client.force_login(planner_a)
    assert client.get(evaluasi_url(renja_a.pk)).status_code == 405
    assert "indikator" in client.post(evaluasi_url(renja_a.pk)).content.decode()


def test_an_approved_renja_keeps_its_narasi(client, planner_a, renja_a):
    renja_a.status = "disetujui"
    renja_a.save(update_fields=["status"])
    html = page(client, planner_a, renja_a.pk).content.decode()
    assert "sudah disetujui dan terkunci" in html
    assert "Simpan narasi" not in html
    client.force_login(planner_a)
    url = reverse("documents:narasi", args=[renja_a.pk])
    response = client.post(url, {"penutup": "Diubah diam-diam.", "version": 0})
    assert response.status_code == 403
    assert not RenjaNarasi.objects.filter(renja=renja_a).exists()
