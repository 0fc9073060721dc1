"""Evidence files of a triwulan report: only PDF, JPG, PNG, DOCX and XLSX (extension and
content), at most 10 MB, stored under a random name with the original kept; downloaded
only by who sees the Renja, as an attachment under the original name; deleted only while
the report is editable. MEDIA_ROOT is never served."""

import io
import zipfile
from html import unescape
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.monitoring.models import Bukti, LaporanTriwulan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def office(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def upload(client, user, renja, name, data, triwulan=2, description=""):
    client.force_login(user)
    url = reverse("monitoring:bukti_add", args=[renja.pk, triwulan])
    return client.post(url, {"file": SimpleUploadedFile(name, data), "description": description})


def file_url(bukti):
    laporan = bukti.laporan
    return reverse("monitoring:bukti_file", args=[laporan.renja_id, laporan.triwulan, bukti.pk])


def remove_url(bukti):
    laporan = bukti.laporan
    return reverse("monitoring:bukti_remove", args=[laporan.renja_id, laporan.triwulan, bukti.pk])


def test_a_pdf_is_stored_under_a_random_name_keeping_the_original(
    client, planner_a, renja_a, media
):
    response = upload(
        client, planner_a, renja_a, "Laporan Kegiatan TW II.pdf", PDF, description="Notulen"
    )

    page = reverse("monitoring:realisasi", args=[renja_a.pk, 2])
    assert response.status_code == 302
    assert response["Location"] == page + "#bukti"
    bukti = Bukti.objects.get()
    assert bukti.laporan == LaporanTriwulan.objects.get(renja=renja_a, triwulan=2)
    assert bukti.laporan.status == "draf"
    assert (bukti.original_name, bukti.content_type, bukti.size) == (
        "Laporan Kegiatan TW II.pdf", "application/pdf", len(PDF),
    )  # fmt: skip
    assert (bukti.description, bukti.uploaded_by) == ("Notulen", planner_a)
    stored = Path(bukti.file.path)
    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(media / "bukti")
    assert "Laporan" not in stored.name
    assert stored.suffix == ".pdf"
    assert len(stored.stem) == 32  # a random hex name, not guessable from the original
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.BUKTI_ADDED)
    assert event.acting_user == planner_a
    assert event.extra_data["changes"] == {"file": [None, "Laporan Kegiatan TW II.pdf"]}
    html = client.get(page).content.decode()
    assert f'href="{file_url(bukti)}"' in html
    assert "Laporan Kegiatan TW II.pdf" in html


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("foto.JPG", JPG, "image/jpeg"),
        ("foto.jpeg", JPG, "image/jpeg"),
        ("grafik.png", PNG, "image/png"),
        ("notulen.docx", office("word/document.xml"),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("rekap.xlsx", office("xl/workbook.xml"),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)  # fmt: skip
def test_the_allowed_types_are_accepted(client, planner_a, renja_a, name, data, content_type):
    assert upload(client, planner_a, renja_a, name, data).status_code == 302
    assert Bukti.objects.get().content_type == content_type


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("laporan.pdf", EXE, "Isi berkas bukti «laporan.pdf» bukan PDF"),
        ("foto.png", JPG, "bukan PNG"),
        ("notulen.docx", office("xl/workbook.xml"), "bukan DOCX"),  # a workbook renamed
        ("rekap.xlsx", b"PK\x03\x04 not really a zip", "bukan XLSX"),
        ("program.exe", EXE, "hanya PDF, JPG, PNG, DOCX atau XLSX"),
        ("catatan.txt", b"%PDF-1.7 pretending", "hanya PDF, JPG, PNG, DOCX atau XLSX"),
        ("tanpa-ekstensi", PDF, "hanya PDF, JPG, PNG, DOCX atau XLSX"),
    ],
)
def test_a_wrong_type_is_refused_and_nothing_is_stored(
    client, planner_a, renja_a, media, name, data, problem
):
    response = upload(client, planner_a, renja_a, name, data)
    assert response.status_code == 200
    assert problem in unescape(response.content.decode())
    assert not Bukti.objects.exists()
    assert not stored_files(media)
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.BUKTI_ADDED).exists()


def test_a_file_above_10_mb_is_refused(client, planner_a, renja_a, media):
    big = PDF + b"0" * (10 * 1024 * 1024 + 1 - len(PDF))
    response = upload(client, planner_a, renja_a, "besar.pdf", big)
    assert "lebih dari 10 MB" in unescape(response.content.decode())
    assert not Bukti.objects.exists()
    assert not stored_files(media)
    exactly = PDF + b"0" * (10 * 1024 * 1024 - len(PDF))
    assert upload(client, planner_a, renja_a, "pas.pdf", exactly).status_code == 302


@pytest.mark.parametrize("persona", ["viewer_a", "verifier"])
def test_readers_may_not_upload(client, request, renja_a, media, persona):
    response = upload(client, request.getfixturevalue(persona), renja_a, "a.pdf", PDF)
    assert response.status_code == 403
    assert not Bukti.objects.exists()
    assert not stored_files(media)


def test_an_outsider_may_not_upload(client, outsider_b, renja_a, media):
    assert upload(client, outsider_b, renja_a, "a.pdf", PDF).status_code == 404
    assert not stored_files(media)


def test_a_verified_report_takes_no_more_evidence(client, planner_a, renja_a, media):
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=2, status="diverifikasi")
    response = upload(client, planner_a, renja_a, "a.pdf", PDF)
    assert response.status_code == 403
    assert "sudah diverifikasi dan terkunci" in response.content.decode()
    assert not stored_files(media)


# --- Download ----------------------------------------------------------------------------


@pytest.fixture
def bukti(client, planner_a, renja_a) -> Bukti:
    assert upload(client, planner_a, renja_a, "Daftar Hadir Rapat.pdf", PDF).status_code == 302
    client.logout()
    return Bukti.objects.get()


def test_the_pimpinan_downloads_it_as_an_attachment_under_its_original_name(
    client, viewer_a, bukti
):
    client.force_login(viewer_a)
    response = client.get(file_url(bukti))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Daftar Hadir Rapat.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_the_verifier_downloads_it_too(client, verifier, bukti):
    client.force_login(verifier)
    assert client.get(file_url(bukti)).status_code == 200


def test_an_outsider_or_an_anonymous_user_cannot_download(client, outsider_b, bukti):
    assert client.get(file_url(bukti)).status_code == 302  # to the sign-in page
    client.force_login(outsider_b)
    response = client.get(file_url(bukti))
    assert response.status_code == 404
    assert PDF not in response.content


def test_a_bukti_is_reached_only_through_its_own_report(client, planner_a, renja_a, bukti):
    client.force_login(planner_a)
    for triwulan in (1, 3):
        wrong = reverse("monitoring:bukti_file", args=[renja_a.pk, triwulan, bukti.pk])
        assert client.get(wrong).status_code == 404


def test_media_is_not_served_publicly(client, viewer_a, bukti, settings):
    client.force_login(viewer_a)
    for path in (
        f"/media/{bukti.file.name}",
        f"/{bukti.file.name}",
        f"/var/media/{bukti.file.name}",
    ):
        assert client.get(path).status_code == 404, path
    assert not settings.MEDIA_URL.strip("/")  # no URL prefix maps to MEDIA_ROOT


# --- Delete ------------------------------------------------------------------------------


def test_the_operator_deletes_it_while_the_report_is_open(
    client, planner_a, renja_a, bukti, media, django_capture_on_commit_callbacks
):
    path = Path(bukti.file.path)
    client.force_login(planner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_url(bukti))
    assert response.status_code == 302
    assert not Bukti.objects.exists()
    assert not path.exists()
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.BUKTI_REMOVED)
    assert event.extra_data["changes"] == {"file": ["Daftar Hadir Rapat.pdf", None]}
    assert event.acting_user == planner_a


def test_a_verified_report_keeps_its_evidence(client, planner_a, bukti):
    LaporanTriwulan.objects.filter(pk=bukti.laporan_id).update(status="diverifikasi")
    client.force_login(planner_a)
    response = client.post(remove_url(bukti))
    assert response.status_code == 403
    assert Bukti.objects.exists()
    assert Path(bukti.file.path).exists()
    page = reverse("monitoring:realisasi", args=[bukti.laporan.renja_id, 2])
    html = client.get(page).content.decode()
    assert "Daftar Hadir Rapat.pdf" in html
    assert remove_url(bukti) not in html


@pytest.mark.parametrize(("persona", "status"), [("viewer_a", 403), ("outsider_b", 404)])
def test_others_may_not_delete(client, request, bukti, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(remove_url(bukti)).status_code == status
    assert Bukti.objects.exists()
    assert client.get(remove_url(bukti)).status_code == 405
