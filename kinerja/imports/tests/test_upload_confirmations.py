"""The upload page asks before it destroys or misfiles anything: a replace shows exactly
what it deletes and needs the list's own confirmation; reviewed work is refused; a file of
another agency needs its own confirmation, with both names shown; a file with errors is
imported only once they are acknowledged, and they stay open on the Pemeriksaan page."""

from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.accounts.models import PerangkatDaerah, User
from kinerja.audit.models import AuditEvent
from kinerja.demo import load_demo
from kinerja.imports.models import ImportFinding, ReplacedPlan
from kinerja.imports.tests.conftest import files
from kinerja.imports.tests.test_import_plan import row_counts
from kinerja.monitoring.models import Bukti, LaporanTriwulan
from kinerja.renja.models import Renja
from kinerja.renstra.models import Renstra

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SEED = SHARED / "seed/renja-bkpsdm-tanjabbar-2024.txt"
BANTUL = SHARED / "corpus/bantul-dinkopukmperindag-2025-2029-renstra.csv"
PENAJAM = SHARED / "corpus/penajampaserutara-bapelitbang-2024-renja.xlsx"


def media() -> Path:
    return Path(settings.MEDIA_ROOT)


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not there")


@pytest.fixture
def operator(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    user = User.objects.get(username="operator")
    client.force_login(user)
    return user


@pytest.fixture
def evidence(operator):
    """The demo's Renja with a Notulen on its triwulan I report."""
    laporan = LaporanTriwulan.objects.get(triwulan=1)
    bukti = Bukti(laporan=laporan, original_name="Notulen TW I.pdf", size=9)
    bukti.file.save("acak.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    bukti.save()
    return bukti


def preview(client, path: Path, *, replace: bool):
    opd = PerangkatDaerah.objects.get(code="BKPSDM")
    data = {"file": SimpleUploadedFile(path.name, path.read_bytes()), "perangkat_daerah": opd.pk}
    if replace:
        data["replace"] = "on"
    response = client.post("/impor/", data)
    assert response.status_code == 200
    return response


def confirm(client, response, **ticked):
    return client.post(f"/impor/{response.context['token']}/impor/", ticked)


def page(response) -> str:
    return unescape(response.content.decode())


@needs(SEED)
def test_a_replace_lists_what_it_deletes_and_needs_that_list_confirmed(
    client, operator, evidence, django_capture_on_commit_callbacks
):
    shown = preview(client, SEED, replace=True)

    html = page(shown)
    assert "Yang akan dihapus dari rencana aktif" in html
    assert "Renja BKPSDM 2024 (final, versi 1): draf" in html
    assert "laporan Triwulan I: draf, 1 berkas bukti" in html
    assert "bukti Triwulan I: Notulen TW I.pdf (9 bita)" in html
    token = shown.context["result"].replace_token
    assert f'name="confirm_replace" value="{token}"' in html
    before = row_counts()

    # Without ticking the list, and with a list that is not the one shown: nothing.
    unticked = confirm(client, shown, accept_errors="ya")
    stale = confirm(client, shown, accept_errors="ya", confirm_replace="lain")
    assert "konfirmasi penggantian" in page(unticked)
    assert "berubah sejak pratinjau" in page(stale)
    assert row_counts() == before

    with django_capture_on_commit_callbacks(execute=True):
        done = confirm(client, shown, accept_errors="ya", confirm_replace=token)

    assert done.status_code == 302
    archive = ReplacedPlan.objects.get()
    assert archive.replaced_by == operator
    assert f"{archive.folder}/{evidence.file.name}" in files(media())
    assert not Bukti.objects.exists()


@needs(SEED)
@pytest.mark.parametrize(
    ("status_of", "status", "named"),
    [
        ("laporan", "diverifikasi", "Laporan Triwulan I Renja BKPSDM 2024 (final, versi 1) "
         "berstatus diverifikasi"),
        ("renja", "disetujui", "Renja BKPSDM 2024 (final, versi 1) berstatus disetujui"),
    ],
)  # fmt: skip
def test_reviewed_work_is_refused_on_the_page(client, operator, evidence, status_of, status, named):
    model = LaporanTriwulan if status_of == "laporan" else Renja
    model.objects.filter(**({"triwulan": 1} if status_of == "laporan" else {})).update(
        status=status
    )
    before, on_disk = row_counts(), files(media())

    shown = preview(client, SEED, replace=True)
    forced = confirm(client, shown, accept_errors="ya", confirm_replace="apa saja")

    assert named in page(shown)
    assert not shown.context["can_import"]
    assert 'action="/impor/' not in page(shown).split("Hasil pemeriksaan")[0].split("<h1>")[1]
    assert named in page(forced)
    assert row_counts() == before
    kept_upload = f"impor/{shown.context['token']}"  # the upload waiting for confirmation
    assert {name: sha for name, sha in files(media()).items() if name != kept_upload} == on_disk


@needs(BANTUL)
def test_a_renstra_of_another_pemda_is_refused_then_imported_when_confirmed(client, operator):
    # Given BKPSDM of Tanjung Jabung Barat (Renstra 2021–2026) and Bantul's Renstra CSV
    # of its Dinas Koperasi for 2025–2029.
    before = row_counts()

    # When it is uploaded without "Ganti": the overlap is named, nothing is offered.
    plain = preview(client, BANTUL, replace=False)
    assert "tumpang tindih dengan Renstra BKPSDM 2021–2026" in page(plain)
    assert not plain.context["can_import"]

    # With "Ganti": both agencies are named, and importing needs that confirmation too.
    shown = preview(client, BANTUL, replace=True)
    html = page(shown)
    assert "Dinas Koperasi Usaha Kecil dan Menengah, Perindustrian dan Perdagangan" in html
    assert "kode SKPD 2.17.3.30.3.31.01.0000" in html
    assert "KAB. BANTUL" in html
    assert "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah" in html
    assert "Kabupaten Tanjung Jabung Barat" in html
    assert 'name="confirm_owner"' in html
    result = shown.context["result"]
    ticked = {"confirm_replace": result.replace_token, "accept_errors": "ya"}
    refused = confirm(client, shown, **ticked)
    alert = page(refused).split('role="alert"')[1].split("</section>")[0]
    assert "Berkas ini menyebut “Dinas Koperasi" in alert
    assert row_counts() == before

    # Then, confirmed, it is imported into BKPSDM, and the audit row keeps both names.
    done = confirm(client, shown, confirm_owner="ya", **ticked)
    assert done.status_code == 302
    assert list(Renstra.objects.values_list("first_year", "last_year")) == [(2025, 2029)]
    event = AuditEvent.objects.filter(event_type="plan_imported").latest("id")
    assert "KAB. BANTUL" in event.extra_data["consent"]["other_agency"]


@needs(SEED)
def test_the_agencys_own_renja_needs_no_agency_confirmation(client, operator):
    shown = preview(client, SEED, replace=True)
    assert shown.context["need_owner"] is None
    assert 'name="confirm_owner"' not in page(shown)


@needs(PENAJAM)
def test_another_agencys_renja_names_both(client, operator):
    shown = preview(client, PENAJAM, replace=True)

    message = shown.context["need_owner"].message
    assert "“BADAN PERENCANAAN, PENELITIAN DAN PENGEMBANGAN”" in message
    assert "“Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah” (kode BKPSDM)" in (
        message
    )


@needs(SEED)
def test_errors_are_acknowledged_then_stay_open_on_the_pemeriksaan_page(client, operator):
    shown = preview(client, SEED, replace=True)
    result = shown.context["result"]
    assert result.error_findings == 12
    assert "Saya sudah membaca 12 galat" in page(shown)
    before = row_counts()

    refused = confirm(client, shown, confirm_replace=result.replace_token)
    assert "memiliki 12 galat" in page(refused)
    assert row_counts() == before

    done = confirm(client, shown, confirm_replace=result.replace_token, accept_errors="ya")
    assert done.status_code == 302
    renja = Renja.objects.get(year=2024)
    kept = ImportFinding.objects.filter(renja=renja)
    assert kept.filter(severity="error").count() == 12
    assert set(kept.values_list("acknowledged_by", flat=True)) == {operator.pk}
    pemeriksaan = page(client.get(f"/evaluasi/renja/{renja.pk}/pemeriksaan/"))
    assert "Temuan berkas impor yang masih terbuka" in pemeriksaan
    typo = kept.filter(rule="number-typo", severity="error").first()
    assert typo.message in pemeriksaan
    assert SEED.name in pemeriksaan


def test_a_kept_finding_is_marked_resolved_by_the_operator(client, operator):
    renja = Renja.objects.get()
    finding = ImportFinding.objects.create(
        renja=renja, source="renja.xlsx", severity="error", rule="pagu-sum", message="Jumlah x"
    )
    url = f"/evaluasi/renja/{renja.pk}/pemeriksaan/"

    response = client.post(
        f"/impor/temuan/{finding.pk}/selesai/", {"resolution": "Pagu dibetulkan", "next": url}
    )

    assert response.status_code == 302
    assert response["Location"] == url
    finding.refresh_from_db()
    assert (finding.resolution, finding.resolved_by) == ("Pagu dibetulkan", operator)
    assert "Jumlah x" not in page(client.get(url))
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.IMPORT_FINDING_RESOLVED)
    assert event.extra_data["changes"] == {"resolution": ["", "Pagu dibetulkan"]}


def test_a_reader_cannot_resolve_a_kept_finding(client, operator):
    renja = Renja.objects.get()
    finding = ImportFinding.objects.create(
        renja=renja, source="renja.xlsx", severity="error", rule="pagu-sum", message="Jumlah x"
    )
    client.force_login(User.objects.get(username="pimpinan"))

    assert "Tandai selesai" not in page(client.get(f"/evaluasi/renja/{renja.pk}/pemeriksaan/"))
    response = client.post(f"/impor/temuan/{finding.pk}/selesai/", {"resolution": "x"})
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.resolved_at is None
