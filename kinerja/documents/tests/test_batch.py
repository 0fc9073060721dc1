"""Bappeda's batch export: every OPD's document of a year in one ZIP, with its progress
polled by the page, failures ending the export with a message, for the pemda's reviewers."""

import zipfile
from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.documents import actions
from kinerja.documents import produce as documents
from kinerja.documents.models import BatchExport
from kinerja.documents.produce import DocumentError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _inline(settings):
    settings.KINERJA_BATCH_INLINE = True


@pytest.fixture
def two_renjas(renja_a, renja_b):
    """BKPSDM (OPD A) and Dinas Kesehatan (OPD B), each with a Renja 2024."""
    return [renja_a, renja_b]


def batch_url(pemda_id, year=2024):
    return reverse("documents:batch", args=[pemda_id, year])


def export_url(export_id):
    return reverse("documents:batch_export", args=[export_id])


def download_url(export_id):
    return reverse("documents:batch_download", args=[export_id])


def start(client, user, pemda_id, what="e81", fmt="xlsx", year=2024):
    client.force_login(user)
    return client.post(batch_url(pemda_id, year), {"what": what, "fmt": fmt})


def progress_fragment(client, export_id) -> str:
    response = client.get(export_url(export_id), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_the_form_names_the_number_of_opds(client, verifier, pemda, two_renjas):
    client.force_login(verifier)
    html = client.get(batch_url(pemda.pk)).content.decode()
    assert "2 perangkat daerah yang memiliki Renja tahun 2024" in html
    assert 'name="what"' in html
    assert 'name="fmt"' in html


def test_an_inline_export_zips_one_file_per_renja(client, verifier, pemda, two_renjas):
    # When: the verifier asks for every E.81 as XLSX
    response = start(client, verifier, pemda.pk)
    # Then: the export ran to the end and the page goes to its progress
    export = BatchExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == export_url(export.pk)
    assert (export.status, export.total, export.done, export.current) == ("done", 2, 2, "")
    assert (export.what, export.fmt, export.requested_by) == ("e81", "xlsx", verifier)
    # And: the ZIP holds both OPDs' files, each a workbook that opens
    archive = client.get(download_url(export.pk))
    assert archive.status_code == 200
    assert archive["Content-Type"] == "application/zip"
    assert archive["Content-Disposition"] == f'attachment; filename="e81-2024-xlsx-{export.pk}.zip"'
    with zipfile.ZipFile(BytesIO(archive.content)) as opened:
        names = sorted(opened.namelist())
        assert names == ["e81-2024-bkpsdm.xlsx", "e81-2024-dinkes.xlsx"]
        for name in names:
            openpyxl.load_workbook(BytesIO(opened.read(name)))


def test_the_finished_progress_shows_100_percent_and_the_download(
    client, verifier, pemda, two_renjas
):
    start(client, verifier, pemda.pk)
    export = BatchExport.objects.get()
    fragment = progress_fragment(client, export.pk)
    assert fragment.strip().startswith('<section id="batch-progress"')
    assert "<!doctype" not in fragment  # a fragment, not the page
    assert '<progress max="2" value="2">' in fragment
    assert "100%" in fragment
    assert "2 dari 2 perangkat daerah" in fragment
    assert f'href="{download_url(export.pk)}"' in fragment
    assert "hx-trigger" not in fragment  # polling stops


def test_a_running_export_polls_and_names_the_opd_in_the_works(client, verifier, pemda):
    export = BatchExport.objects.create(
        pemda=pemda, year=2024, what="renja", fmt="pdf", total=4, done=1, current="Dinas Kesehatan"
    )
    client.force_login(verifier)
    page = client.get(export_url(export.pk)).content.decode()
    assert "<!doctype" in page
    assert 'id="batch-progress"' in page
    fragment = progress_fragment(client, export.pk)
    assert f'hx-get="{export_url(export.pk)}"' in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert '<progress max="4" value="1">' in fragment
    assert "25%" in fragment
    assert "1 dari 4 perangkat daerah" in fragment
    assert "Sedang dibuat: Dinas Kesehatan" in fragment
    assert client.get(download_url(export.pk)).status_code == 404


def test_progress_is_written_after_each_opd(pemda, verifier, two_renjas, monkeypatch):
    seen = []
    real = documents.produce

    def watching(renja, what, fmt, triwulan=None):
        export = BatchExport.objects.get()
        seen.append((export.status, export.done, export.current))
        return real(renja, what, fmt, triwulan)

    monkeypatch.setattr(documents, "produce", watching)
    actions.start_batch(pemda, 2024, "e81", "xlsx", acting_user=verifier)
    bkpsdm = two_renjas[0].perangkat_daerah.name
    assert seen == [("running", 0, bkpsdm), ("running", 1, "Dinas Kesehatan")]


def test_a_failing_document_ends_the_export_failed_with_the_reason(
    client, verifier, pemda, two_renjas, monkeypatch
):
    def refuse(renja, what, fmt, triwulan=None):
        if renja.perangkat_daerah.code == "DINKES":
            raise DocumentError("templat Word pemda tidak dapat diisi.")
        return documents.Produced("a.xlsx", "x", b"a")

    monkeypatch.setattr(documents, "produce", refuse)
    start(client, verifier, pemda.pk)
    export = BatchExport.objects.get()
    assert (export.status, export.done, export.data) == ("failed", 1, None)
    assert export.error == (
        "Dokumen Dinas Kesehatan tidak dapat dibuat: templat Word pemda tidak dapat diisi."
    )
    fragment = progress_fragment(client, export.pk)
    assert export.error in fragment
    assert "hx-trigger" not in fragment
    assert client.get(download_url(export.pk)).status_code == 404


def test_an_unexpected_error_also_ends_the_export(pemda, verifier, two_renjas, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents, "produce", crash)
    export = actions.start_batch(pemda, 2024, "renja", "pdf", acting_user=verifier)
    export.refresh_from_db()
    assert export.status == "failed"
    assert export.error.startswith("Dokumen Badan Kepegawaian")
    assert "kesalahan tak terduga (RuntimeError)" in export.error


def test_opds_sharing_a_short_name_get_distinct_files(pemda, verifier, two_renjas):
    opd_b = two_renjas[1].perangkat_daerah
    opd_b.short_name = "BKPSDM"
    opd_b.save(update_fields=["short_name"])
    export = actions.start_batch(pemda, 2024, "e81", "xlsx", acting_user=verifier)
    export.refresh_from_db()
    with zipfile.ZipFile(BytesIO(bytes(export.data))) as opened:
        assert sorted(opened.namelist()) == ["e81-2024-bkpsdm-2.xlsx", "e81-2024-bkpsdm.xlsx"]


def test_a_year_without_renja_starts_nothing(client, verifier, pemda, two_renjas):
    response = start(client, verifier, pemda.pk, year=2030)
    assert response.status_code == 200
    assert "Belum ada perangkat daerah dengan Renja tahun 2030" in response.content.decode()
    assert not BatchExport.objects.exists()


@pytest.mark.parametrize("choice", [{"what": "tc99"}, {"fmt": "odt"}])
def test_unknown_choices_start_nothing(client, verifier, pemda, two_renjas, choice):
    client.force_login(verifier)
    response = client.post(batch_url(pemda.pk), {"what": "e81", "fmt": "xlsx", **choice})
    assert response.status_code == 200
    assert not BatchExport.objects.exists()


def test_the_background_thread_runs_after_commit_and_closes_its_connections(
    pemda, verifier, two_renjas, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.KINERJA_BATCH_INLINE = False
    threads = []

    class FakeThread:
        def __init__(self, *, target, args, name, daemon):
            self.target, self.args, self.daemon = target, args, daemon
            threads.append(self)

        def start(self):
            self.target(*self.args)

    closed = []
    monkeypatch.setattr(actions.threading, "Thread", FakeThread)
    monkeypatch.setattr(actions.connections, "close_all", lambda: closed.append(True))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = actions.start_batch(pemda, 2024, "e81", "xlsx", acting_user=verifier)
    export.refresh_from_db()
    assert export.status == "running"  # nothing ran before the commit
    assert [thread.daemon for thread in threads] == [True]
    assert len(callbacks) == 1
    callbacks[0]()
    export.refresh_from_db()
    assert (export.status, export.done, closed) == ("done", 2, [True])


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "outsider_b"])
def test_opd_roles_get_404(client, request, pemda, two_renjas, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(batch_url(pemda.pk)).status_code == 404
    assert client.post(batch_url(pemda.pk), {"what": "e81", "fmt": "xlsx"}).status_code == 404
    assert not BatchExport.objects.exists()


@pytest.mark.parametrize("persona", ["planner_a", "outsider_b"])
def test_only_the_pemdas_reviewers_see_an_export(
    client, request, verifier, pemda, two_renjas, persona
):
    start(client, verifier, pemda.pk)
    export = BatchExport.objects.get()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(export_url(export.pk)).status_code == 404
    assert client.get(download_url(export.pk)).status_code == 404


def test_another_pemdas_reviewer_gets_404(client, verifier, other_pemda_opd):
    export = BatchExport.objects.create(
        pemda=other_pemda_opd.pemda, year=2024, what="e81", fmt="xlsx", status="done", data=b"x"
    )
    client.force_login(verifier)
    assert client.get(export_url(export.pk)).status_code == 404
    assert client.get(download_url(export.pk)).status_code == 404
    assert client.get(batch_url(other_pemda_opd.pemda_id)).status_code == 404


def test_the_form_lists_the_latest_exports(client, verifier, pemda, two_renjas):
    start(client, verifier, pemda.pk)
    export = BatchExport.objects.get()
    html = client.get(batch_url(pemda.pk)).content.decode()
    assert "Ekspor terakhir" in html
    assert "Evaluasi Renja (E.81)" in html
    assert f'href="{download_url(export.pk)}"' in html


def test_an_export_without_progress_for_long_stops_polling(client, verifier, pemda):
    stale = timezone.now() - timedelta(minutes=11)
    export = BatchExport.objects.create(
        pemda=pemda, year=2024, what="e81", fmt="pdf", total=3, done=1, updated_at=stale
    )
    client.force_login(verifier)
    fragment = progress_fragment(client, export.pk)
    assert "Ekspor ini terhenti tanpa kemajuan" in fragment
    assert "hx-trigger" not in fragment
