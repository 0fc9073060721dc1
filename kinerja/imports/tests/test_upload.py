"""The upload page: check, preview, then import in one audited transaction, or nothing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.accounts.models import PerangkatDaerah, User
from kinerja.audit.models import AuditEvent
from kinerja.demo import PLAN_FILE, load_demo
from kinerja.imports.tests.conftest import SMALL_PLAN
from kinerja.imports.tests.test_import_plan import row_counts
from kinerja.renja.models import RenjaItem

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3].parent / "shared/seed/renja-bkpsdm-tanjabbar-2024.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"the seed is not at {SEED}")


@pytest.fixture
def operator(client):
    load_demo()
    user = User.objects.get(username="operator")
    client.force_login(user)
    return user


def upload(client, name: str, content: bytes, *, replace: bool = False):
    opd = PerangkatDaerah.objects.get(code="BKPSDM")
    data = {"file": SimpleUploadedFile(name, content), "perangkat_daerah": opd.pk}
    if replace:
        data["replace"] = "on"
    return client.post("/impor/", data)


def test_the_upload_page_offers_the_operators_opd(client, operator):
    response = client.get("/impor/")
    assert response.status_code == 200
    assert "BKPSDM" in response.content.decode()


@needs_seed
def test_the_seed_is_previewed_with_its_findings_then_imported(client, operator):
    before = row_counts()

    preview = upload(client, SEED.name, SEED.read_bytes(), replace=True)

    page = preview.content.decode()
    assert preview.status_code == 200
    assert "pagu-sum" in page
    assert "number-typo" in page
    assert "sub kegiatan Renja" in page  # what will be created
    assert row_counts() == before  # a preview writes nothing

    token = preview.context["token"]
    result = preview.context["result"]
    assert [need.kind for need in result.needs] == ["errors", "replace"]
    assert "Yang akan dihapus dari rencana aktif" in page
    assert preview.context["need_owner"] is None  # the seed is BKPSDM's own Renja
    confirmations = {"confirm_replace": result.replace_token, "accept_errors": "ya"}
    done = client.post(f"/impor/{token}/impor/", confirmations)

    assert done.status_code == 302
    assert RenjaItem.objects.filter(level="sub_kegiatan", renja__year=2024).count() == 39
    event = AuditEvent.objects.filter(event_type="plan_imported").latest("event_time")
    assert event.acting_user == operator


def test_a_plan_for_another_opd_is_refused_and_nothing_written(client, operator):
    before = row_counts()

    response = upload(client, "lain.yaml", SMALL_PLAN.encode())

    assert response.status_code == 200
    assert "bukan BKPSDM" in response.content.decode()
    assert row_counts() == before


def test_an_existing_renja_is_not_replaced_without_consent(client, operator):
    before = row_counts()

    preview = upload(client, PLAN_FILE.name, PLAN_FILE.read_bytes())

    assert "ditolak" in preview.content.decode()
    assert not preview.context["can_import"]
    assert row_counts() == before


def test_an_unknown_file_type_is_refused_in_the_form(client, operator):
    response = upload(client, "renja.pdf", b"%PDF-1.4")
    assert response.status_code == 200
    assert "Jenis berkas tidak dikenal" in response.content.decode()


def test_a_reader_cannot_upload(client):
    load_demo()
    client.force_login(User.objects.get(username="pimpinan"))
    page = client.get("/impor/").content.decode()
    assert "Anda hanya dapat membaca" in page


def test_the_template_downloads(client, operator):
    response = client.get("/impor/templat-renja.xlsx?tahun=2025")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('templat-renja-2025.xlsx"')
