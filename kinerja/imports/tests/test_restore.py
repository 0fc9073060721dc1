"""Restoring an archived plan: the plan, its review statuses, its evidence files (the same
bytes) and its import findings come back exactly; whatever stood in its place is archived
in turn, and refused while reviewed; an archive is restored once."""

import hashlib

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.imports.archive import media_path
from kinerja.imports.export import export_plan
from kinerja.imports.models import ImportFinding, ReplacedPlan
from kinerja.imports.replacing import Consent
from kinerja.imports.restore import restore_plan
from kinerja.imports.tests.conftest import EVIDENCE, RENJA_ONLY, SMALL_PLAN, files
from kinerja.imports.tests.test_import_plan import row_counts
from kinerja.monitoring.models import Bukti, LaporanTriwulan
from kinerja.renja.models import Renja

pytestmark = pytest.mark.django_db


def review_state():
    """Statuses and notes of every Renja and report, and every evidence file's bytes."""
    return (
        sorted(Renja.objects.values_list("year", "status", "catatan_verifikasi")),
        sorted(LaporanTriwulan.objects.values_list("triwulan", "status", "catatan_verifikasi")),
        sorted(
            (b.original_name, b.file.name, hashlib.sha256(b.file.read()).hexdigest())
            for b in Bukti.objects.all()
        ),
    )


@pytest.fixture
def restore(django_capture_on_commit_callbacks, admin):
    """Restore as the admin pemda does: preview, then confirm the previewed list."""

    def restore(archive):
        preview = restore_plan(archive, acting_user=admin, dry_run=True)
        with django_capture_on_commit_callbacks(execute=True):
            return restore_plan(
                archive, acting_user=admin, consent=Consent(replace=preview.replace_token)
            )

    return restore


@pytest.fixture
def reviewed(plan):
    """The plan as Bappeda left it: the Renja dikembalikan with a note, TW I dikembalikan."""
    Renja.objects.filter(pk=plan.pk).update(status="dikembalikan", catatan_verifikasi="Lengkapi")
    LaporanTriwulan.objects.filter(triwulan=1).update(status="dikembalikan", catatan_verifikasi="x")
    ImportFinding.objects.create(
        renja=plan, source="renja.xlsx", severity="error", rule="pagu-sum", message="jumlah"
    )
    return plan


@pytest.mark.parametrize("file", [RENJA_ONLY, SMALL_PLAN.replace("pagu: 135418345", "pagu: 1")])
def test_a_replaced_plan_comes_back_exactly(reviewed, media, replace, restore, file):
    opd = reviewed.perangkat_daerah
    before, state = export_plan(opd), review_state()
    replace(file)
    assert export_plan(opd) != before

    result = restore(ReplacedPlan.objects.get())

    assert result.written, result.errors
    assert export_plan(opd) == before
    assert review_state() == state
    assert media_path(Bukti.objects.get().file.name).read_bytes() == EVIDENCE
    finding = ImportFinding.objects.get()
    assert (finding.renja.year, finding.rule, finding.message) == (2024, "pagu-sum", "jumlah")
    # What the restore replaced is archived in its turn; the restored archive is marked.
    first, second = ReplacedPlan.objects.order_by("id")
    assert first.restored_at is not None
    assert second.restored_at is None
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_RESTORED)
    assert event.extra_data["replaced_archives"] == [second.pk]


def test_an_archive_is_restored_once(plan, replace, restore):
    replace(RENJA_ONLY)
    archive = ReplacedPlan.objects.get()
    restore(archive)
    before = row_counts()

    again = restore_plan(ReplacedPlan.objects.get(pk=archive.pk), acting_user=None)

    assert not again.written
    assert "sudah dipulihkan" in again.errors[0].message
    assert row_counts() == before


def test_a_restore_never_replaces_reviewed_work(plan, media, replace, admin):
    replace(RENJA_ONLY)
    Renja.objects.update(status="diajukan")
    archive = ReplacedPlan.objects.get()
    before, on_disk = row_counts(), files(media)

    result = restore_plan(archive, acting_user=admin, dry_run=True)

    assert not result.written
    assert "berstatus diajukan" in result.errors[0].message
    assert row_counts() == before
    assert files(media) == on_disk


def test_a_restore_without_confirming_what_it_replaces_writes_nothing(plan, media, replace, admin):
    replace(RENJA_ONLY)
    before, on_disk = row_counts(), files(media)

    result = restore_plan(ReplacedPlan.objects.get(), acting_user=admin)

    assert not result.written
    assert "konfirmasi penggantian" in result.errors[0].message
    assert row_counts() == before
    assert files(media) == on_disk


def test_an_evidence_file_changed_in_the_archive_stops_the_restore(plan, replace, admin):
    replace(RENJA_ONLY)
    archive = ReplacedPlan.objects.get()
    media_path(archive.manifest["bukti"][0]["archived_as"]).write_bytes(b"lain")
    before = row_counts()

    result = restore_plan(archive, acting_user=admin, dry_run=True)

    assert "Notulen.pdf" in result.errors[0].message
    assert "sha256 berbeda" in result.errors[0].message
    assert row_counts() == before
