"""The pemda's Word template page: the current template, an upload checked before it is
stored (audited), removal, and the example template."""

from io import BytesIO

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.documents.actions import start_batch
from kinerja.documents.models import BatchExport, WordTemplate

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXAMPLE = settings.BASE_DIR / "docs" / "templates" / "template-pemda-contoh.docx"


def word_template(marker: str = "KOP SURAT UJI") -> bytes:
    """A usable template: a letterhead line with a placeholder, then the body marker."""
    document = docx.Document()
    document.add_paragraph(marker + " {{ pemda }}")
    document.add_paragraph("{{p isi }}")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(BytesIO(data)).paragraphs)


def template_url(pemda_id):
    return reverse("documents:word_template", args=[pemda_id])


def upload(client, user, pemda_id, name, data):
    client.force_login(user)
    return client.post(template_url(pemda_id), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("persona", ["verifier", "admin", "superuser"])
def test_reviewers_see_the_page(client, request, pemda, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(template_url(pemda.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Belum ada templat" in html
    assert "{{p isi }}" in html
    assert "{{ judul }}" in html
    assert "Hanya penanda ini yang diizinkan" in html


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "outsider_b"])
def test_opd_roles_get_404(client, request, pemda, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(template_url(pemda.pk)).status_code == 404
    response = client.post(
        template_url(pemda.pk), {"file": SimpleUploadedFile("t.docx", word_template())}
    )
    assert response.status_code == 404
    assert not WordTemplate.objects.exists()


def test_another_pemda_is_404(client, verifier, other_pemda_opd):
    client.force_login(verifier)
    assert client.get(template_url(other_pemda_opd.pemda_id)).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kop.pdf", b"%PDF-1.4 not word", "Templat harus berupa dokumen Word .docx"),
        ("kop.doc", b"\xd0\xcf\x11\xe0 old word", "Templat harus berupa dokumen Word .docx"),
        ("kop.docx", b"just some text", "Berkas ini bukan dokumen Word (.docx)"),
        ("kop.docx", b"x" * (5 * 1024 * 1024 + 1), "Berkas lebih dari 5 MB"),
    ],
)
def test_a_file_that_is_no_docx_is_refused_and_nothing_stored(
    client, verifier, pemda, name, data, message
):
    response = upload(client, verifier, pemda.pk, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WordTemplate.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.WORD_TEMPLATE_SAVED).exists()


def test_a_docx_without_the_body_marker_is_refused_with_the_reason(client, verifier, pemda):
    document = docx.Document()
    document.add_paragraph("Kop surat saja, tanpa penanda isi")
    out = BytesIO()
    document.save(out)
    response = upload(client, verifier, pemda.pk, "kop.docx", out.getvalue())
    html = response.content.decode()
    assert "Templat tidak disimpan" in html
    assert "Penanda {{p isi }} tidak ada" in html
    assert not WordTemplate.objects.exists()


def test_a_good_template_is_stored_audited_and_used_for_word_documents(
    client, verifier, planner_a, pemda, renja_a
):
    # When: the verifier uploads a usable template
    data = word_template()
    response = upload(client, verifier, pemda.pk, "kop-tanjabbar.docx", data)
    # Then: it is stored and audited, the page names it and serves it back
    assert response.status_code == 302
    stored = WordTemplate.objects.get(pemda=pemda)
    assert (stored.filename, bytes(stored.data), stored.uploaded_by) == (
        "kop-tanjabbar.docx", data, verifier
    )  # fmt: skip
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.WORD_TEMPLATE_SAVED)
    assert event.acting_user == verifier
    assert event.extra_data["new"]["filename"] == "kop-tanjabbar.docx"
    assert event.extra_data["new"]["size"] == len(data)
    html = client.get(template_url(pemda.pk)).content.decode()
    assert "kop-tanjabbar.docx" in html
    assert "Templat kop-tanjabbar.docx disimpan." in html
    served = client.get(reverse("documents:word_template_file", args=[pemda.pk]))
    assert served.content == data
    assert served["Content-Disposition"] == 'attachment; filename="kop-tanjabbar.docx"'
    # And: an OPD's Word download is printed in it
    client.force_login(planner_a)
    renja_docx = client.get(reverse("documents:renja_file", args=[renja_a.pk, "renja", "docx"]))
    assert "KOP SURAT UJI Kabupaten Tanjung Jabung Barat" in docx_text(renja_docx.content)


def test_a_new_upload_replaces_the_template_and_audits_old_and_new(client, verifier, pemda):
    upload(client, verifier, pemda.pk, "lama.docx", word_template("LAMA"))
    upload(client, verifier, pemda.pk, "baru.docx", word_template("BARU"))
    assert WordTemplate.objects.get().filename == "baru.docx"
    latest = AuditEvent.objects.filter(event_type=AuditEvent.Type.WORD_TEMPLATE_SAVED).first()
    assert latest is not None
    assert latest.extra_data["old"]["filename"] == "lama.docx"
    assert latest.extra_data["new"]["filename"] == "baru.docx"


def test_removing_the_template_is_audited(client, verifier, pemda):
    upload(client, verifier, pemda.pk, "kop.docx", word_template())
    response = client.post(reverse("documents:word_template_delete", args=[pemda.pk]))
    assert response.status_code == 302
    assert not WordTemplate.objects.exists()
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.WORD_TEMPLATE_DELETED)
    assert (event.acting_user, event.extra_data["old"]["filename"]) == (verifier, "kop.docx")
    assert client.get(reverse("documents:word_template_file", args=[pemda.pk])).status_code == 404


def test_removing_needs_a_post_and_a_reviewer(client, verifier, admin, planner_a, pemda):
    upload(client, verifier, pemda.pk, "kop.docx", word_template())
    url = reverse("documents:word_template_delete", args=[pemda.pk])
    assert client.get(url).status_code == 405
    client.force_login(planner_a)
    assert client.post(url).status_code == 404
    assert WordTemplate.objects.exists()


def test_the_example_template_is_linked_served_and_accepted(client, verifier, pemda):
    client.force_login(verifier)
    html = client.get(template_url(pemda.pk)).content.decode()
    example_url = reverse("documents:example_template")
    assert f'href="{example_url}"' in html
    served = client.get(example_url)
    assert served.status_code == 200
    assert served["Content-Type"] == DOCX
    data = served.content
    assert data == EXAMPLE.read_bytes()
    assert upload(client, verifier, pemda.pk, EXAMPLE.name, data).status_code == 302
    assert bytes(WordTemplate.objects.get(pemda=pemda).data) == data


def test_without_the_example_file_there_is_no_link(client, verifier, pemda, tmp_path, monkeypatch):
    monkeypatch.setattr("kinerja.documents.views.EXAMPLE_TEMPLATE", tmp_path / "absent.docx")
    client.force_login(verifier)
    html = client.get(template_url(pemda.pk)).content.decode()
    assert reverse("documents:example_template") not in html
    assert client.get(reverse("documents:example_template")).status_code == 404


# --- Templates are data, never code (docs/security.md §1) -----------------------------------


def payload_template(marker) -> bytes:
    """A template whose letterhead would run `touch marker` under unsandboxed Jinja."""
    return word_template(f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}")


SHOWN = "{{ cycler.__init__.__globals__.os.system("


def test_a_template_with_code_is_refused_at_upload_naming_it(client, verifier, pemda, tmp_path):
    marker = tmp_path / "marker"
    response = upload(client, verifier, pemda.pk, "kop.docx", payload_template(marker))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Templat tidak disimpan" in html
    assert "Penanda “" + SHOWN in html
    assert "tidak diizinkan" in html
    assert not WordTemplate.objects.exists()
    assert not marker.exists()


@pytest.fixture
def stored_payload(pemda, verifier, tmp_path):
    """A template with code stored as if uploaded before the check: straight into the table."""
    marker = tmp_path / "marker"
    WordTemplate.objects.create(
        pemda=pemda, filename="lama.docx", data=payload_template(marker), uploaded_by=verifier
    )
    return marker


def test_a_stored_template_with_code_is_refused_at_export_never_run(
    client, planner_a, renja_a, stored_payload
):
    client.force_login(planner_a)
    url = reverse("documents:renja_file", args=[renja_a.pk, "renja", "docx"])
    response = client.get(url)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Dokumen tidak dapat dibuat" in html
    assert "templat Word pemda tidak dapat dipakai" in html
    assert "Penanda “" + SHOWN in html
    assert "admin pemda" in html
    assert not stored_payload.exists()
    pdf = client.get(reverse("documents:renja_file", args=[renja_a.pk, "renja", "pdf"]))
    assert pdf.status_code == 200


def test_the_template_page_says_a_stored_template_cannot_be_used(client, verifier, stored_payload):
    client.force_login(verifier)
    html = client.get(template_url(WordTemplate.objects.get().pemda_id)).content.decode()
    assert "Templat ini tidak dapat dipakai" in html
    assert "Penanda “" + SHOWN in html
    assert not stored_payload.exists()


def test_a_batch_export_with_a_stored_template_with_code_fails_with_the_reason(
    settings, verifier, pemda, renja_a, stored_payload
):
    settings.KINERJA_BATCH_INLINE = True
    export = start_batch(pemda, 2024, "renja", "docx", acting_user=verifier)
    export.refresh_from_db()
    assert export.status == BatchExport.Status.FAILED
    assert export.error.startswith(f"Dokumen {renja_a.perangkat_daerah.name} tidak dapat dibuat")
    assert SHOWN in export.error
    assert not stored_payload.exists()
