"""Replacing a plan by import: refused while anything under it is reviewed, listed exactly,
confirmed by the list's token, archived with its evidence files moved (never lost), and
nothing written, on disk or in the database, whenever it is refused or rolled back."""

import hashlib
from pathlib import Path

import pytest
from django.db.models import F

from kinerja.audit.models import AuditEvent
from kinerja.imports.actions import import_plan
from kinerja.imports.archive import MANIFEST, PLAN_FILE
from kinerja.imports.models import ReplacedPlan
from kinerja.imports.queries import plan_contents, replace_token
from kinerja.imports.replacing import Consent
from kinerja.imports.tests.conftest import EVIDENCE, RENJA_ONLY, SMALL_PLAN, files
from kinerja.imports.tests.test_import_plan import row_counts
from kinerja.monitoring.models import Bukti, LaporanTriwulan, RealisasiKinerja
from kinerja.renja.models import Renja, RenjaItem
from kinerja.renstra.models import Renstra

pytestmark = pytest.mark.django_db


def set_status(plan, what: str, status: str) -> None:
    if what == "renja":
        Renja.objects.filter(pk=plan.pk).update(status=status)
    else:
        LaporanTriwulan.objects.filter(renja=plan, triwulan=int(what[-1])).update(status=status)


REVIEWED = [
    ("renja", "diajukan", "Renja Dinas Contoh 2024 (final, versi 1) berstatus diajukan"),
    ("renja", "disetujui", "Renja Dinas Contoh 2024 (final, versi 1) berstatus disetujui"),
    ("tw1", "diajukan", "Laporan Triwulan I Renja Dinas Contoh 2024 (final, versi 1) berstatus "
     "diajukan"),
    ("tw2", "diverifikasi", "Laporan Triwulan II Renja Dinas Contoh 2024 (final, versi 1) "
     "berstatus diverifikasi"),
]  # fmt: skip


@pytest.mark.parametrize("file", [RENJA_ONLY, SMALL_PLAN], ids=["renja", "renstra"])
@pytest.mark.parametrize(("what", "status", "named"), REVIEWED)
def test_reviewed_work_is_never_replaced(plan, media, file, what, status, named):
    set_status(plan, what, status)
    before, on_disk = row_counts(), files(media)

    preview = import_plan(file.encode(), source="baru.yaml", acting_user=None, replace=True,
                          dry_run=True)  # fmt: skip
    # Even a confirmation made up for the current list does not help.
    token = replace_token([plan_contents(plan if file is RENJA_ONLY else plan.renstra)])
    forced = import_plan(file.encode(), source="baru.yaml", acting_user=None, replace=True,
                         consent=Consent(replace=token))  # fmt: skip

    for result in (preview, forced):
        assert not result.written
        assert any(named in error.message and "tidak dapat diganti" in error.message
                   for error in result.errors), result.errors  # fmt: skip
    assert row_counts() == before
    assert files(media) == on_disk
    assert not ReplacedPlan.objects.exists()


def test_without_replace_an_existing_renja_is_named_and_kept(plan):
    before = row_counts()

    result = import_plan(RENJA_ONLY.encode(), source="baru.yaml", acting_user=None)

    assert not result.written
    assert "Renja Dinas Contoh 2024 (final, versi 1) sudah ada" in result.errors[0].message
    assert "--replace" in result.errors[0].message
    assert row_counts() == before


def test_the_preview_lists_exactly_what_will_be_deleted(plan):
    RealisasiKinerja.objects.filter(triwulan=2).update(value=3)

    preview = import_plan(RENJA_ONLY.encode(), source="baru.yaml", acting_user=None,
                          replace=True, dry_run=True)  # fmt: skip

    assert preview.errors == []
    (contents,) = preview.replaced
    (renja,) = contents.renja
    assert renja.items == {"program": 1, "kegiatan": 1, "sub_kegiatan": 2}
    assert (renja.indikator, renja.realisasi_kinerja, renja.realisasi_anggaran) == (3, 4, 2)
    assert [(r.triwulan, r.status, r.bukti) for r in renja.reports] == [
        (1, "draf", 1),
        (2, "draf", 0),
    ]
    assert [(e.name, e.size) for e in renja.evidence] == [("Notulen.pdf", len(EVIDENCE))]
    assert "bukti Triwulan I: Notulen.pdf (41 bita)" in contents.lines()[-1]
    assert [need.kind for need in preview.needs] == ["replace"]
    assert preview.replace_token == replace_token(preview.replaced)


def test_a_replace_without_confirmation_writes_nothing(plan, media):
    before, on_disk = row_counts(), files(media)

    result = import_plan(RENJA_ONLY.encode(), source="baru.yaml", acting_user=None, replace=True)

    assert not result.written
    assert "konfirmasi penggantian" in result.errors[0].message
    assert "--confirm-replace" in result.errors[0].message
    assert row_counts() == before
    assert files(media) == on_disk


@pytest.mark.parametrize(
    "change",
    [
        lambda renja: RealisasiKinerja.objects.filter(triwulan=1)[0].delete(),
        lambda renja: LaporanTriwulan.objects.filter(renja=renja, triwulan=2).update(
            status="dikembalikan"
        ),
        # An edit: the same rows, a new revision (as `save_revised` writes it).
        lambda renja: RenjaItem.objects.filter(renja=renja).update(revision=F("revision") + 1),
    ],
    ids=["a realisasi deleted", "a report returned", "a row edited"],
)
def test_a_confirmation_of_a_list_that_changed_since_is_refused(plan, media, change):
    preview = import_plan(RENJA_ONLY.encode(), source="baru.yaml", acting_user=None,
                          replace=True, dry_run=True)  # fmt: skip
    change(plan)
    before, on_disk = row_counts(), files(media)

    result = import_plan(RENJA_ONLY.encode(), source="baru.yaml", acting_user=None,
                         replace=True, consent=Consent(replace=preview.replace_token))  # fmt: skip

    assert not result.written
    assert "berubah sejak pratinjau" in result.errors[0].message
    assert result.replace_token
    assert result.replace_token != preview.replace_token
    assert row_counts() == before
    assert files(media) == on_disk


def test_a_confirmed_replace_deletes_the_listed_and_archives_it(plan, media, replace):
    old_items = set(RenjaItem.objects.filter(renja=plan).values_list("pk", flat=True))
    evidence = Bukti.objects.get().file.name

    result = replace(RENJA_ONLY)

    assert result.written, result.errors
    assert not RenjaItem.objects.filter(pk__in=old_items).exists()
    assert not Bukti.objects.exists()
    assert LaporanTriwulan.objects.count() == 0  # the new file has no reports
    assert Renstra.objects.count() == 1  # a Renja-only file leaves the Renstra
    (archive,) = ReplacedPlan.objects.all()
    assert (archive.kind, archive.year, archive.stage, archive.version) == (
        "renja", 2024, "final", 1,
    )  # fmt: skip
    assert "Pengelolaan Promosi ASN" in archive.plan_file
    assert [(r["triwulan"], r["status"]) for r in archive.manifest["renja"][0]["laporan"]] == [
        (1, "draf"),
        (2, "draf"),
    ]
    # On disk: the file moved into the archive folder, beside the plan file and manifest.
    moved = f"{archive.folder}/{evidence}"
    assert evidence not in files(media)
    assert files(media)[moved] == hashlib.sha256(EVIDENCE).hexdigest()
    assert {f"{archive.folder}/{PLAN_FILE}", f"{archive.folder}/{MANIFEST}"} <= set(files(media))
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_REPLACED)
    assert event.object_id == str(archive.pk)
    assert event.extra_data["folder"] == archive.folder
    imported = AuditEvent.objects.filter(event_type=AuditEvent.Type.PLAN_IMPORTED).latest("id")
    assert imported.extra_data["archives"] == [archive.pk]


def test_replacing_a_renstra_archives_it_with_its_renja(plan, media, replace):
    result = replace(SMALL_PLAN.replace("pagu: 135418345", "pagu: 135000000"))

    assert result.written, result.errors
    (archive,) = ReplacedPlan.objects.all()
    assert (archive.kind, archive.year, archive.last_year) == ("renstra", 2021, 2026)
    assert [renja["year"] for renja in archive.manifest["renja"]] == [2024]
    assert RenjaItem.objects.get(name="Pengelolaan Promosi ASN").pagu == 135000000
    assert len(archive.manifest["bukti"]) == 1
    assert not Bukti.objects.exists()


def test_a_replace_rolled_back_by_its_last_row_moves_no_file(plan, media, replace):
    failing = SMALL_PLAN + "      - {triwulan: 2, faktor_penghambat: duplikat}\n"
    before, on_disk = row_counts(), files(media)

    result = replace(failing)

    assert not result.written
    assert "basis data menolak" in result.errors[0].message
    assert row_counts() == before
    assert files(media) == on_disk
    assert Path(Bukti.objects.get().file.path).read_bytes() == EVIDENCE


def test_no_evidence_file_is_an_orphan_after_replacing_twice(plan, media, replace):
    replace(SMALL_PLAN)
    replace(SMALL_PLAN)

    referenced = set(Bukti.objects.values_list("file", flat=True))
    for archive in ReplacedPlan.objects.all():
        referenced |= {e["archived_as"] for e in archive.manifest["bukti"]}
        referenced |= {f"{archive.folder}/{PLAN_FILE}", f"{archive.folder}/{MANIFEST}"}
    assert set(files(media)) == referenced
    assert ReplacedPlan.objects.count() == 2


def overlapping_plan() -> str:
    """The small plan for 2024–2028, which overlaps its 2021–2026 Renstra."""
    text = SMALL_PLAN.replace("first_year: 2021\n  last_year: 2026", "first_year: 2024\n"
                              "  last_year: 2028")  # fmt: skip
    for old, new in [
        ("2021: B, 2022: BB", "2024: B"),
        ("realisasi: {2021: CC}", "realisasi: {2024: CC}"),
        ("2021: 65, 2024: 73.5", "2024: 73.5"),
        ('realisasi: {2021: 48.9, 2022: {note: "tercetak 6I"}}', "realisasi: {2024: 48.9}"),
        ("targets: {2022: 25},\n           realisasi: {2022: -12.5}", "targets: {2025: 25}"),
    ]:
        assert old in text
        text = text.replace(old, new)
    return text


def test_an_overlapping_renstra_is_named_and_refused_without_replace(plan):
    before = row_counts()

    result = import_plan(overlapping_plan().encode(), source="baru.yaml", acting_user=None)

    assert not result.written
    message = result.errors[0].message
    assert "periode 2024–2028 berkas tumpang tindih dengan Renstra Dinas Contoh 2021–2026" in (
        message
    )
    assert row_counts() == before


def test_with_replace_the_overlapping_renstra_is_the_one_replaced(plan, replace):
    result = replace(overlapping_plan())

    assert result.written, result.errors
    assert list(Renstra.objects.values_list("first_year", "last_year")) == [(2024, 2028)]
    assert ReplacedPlan.objects.get().label == "Renstra Dinas Contoh 2021–2026"
