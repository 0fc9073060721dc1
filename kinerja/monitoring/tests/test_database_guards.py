"""The database itself refuses states the domain forbids, whatever code writes them."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User
from kinerja.audit.models import AuditEvent
from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.nomenclature.models import BidangUrusan, Edition, Urusan
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renstra.models import Indikator as RenstraIndikator
from kinerja.renstra.models import Pagu, RealisasiTahunan, Renstra, RenstraItem, Target, Tujuan

pytestmark = pytest.mark.django_db

SEMANTICS = {"jenis": "jumlah", "polaritas": "positif", "sifat": "kumulatif"}


@pytest.fixture
def opd():
    pemda = Pemda.objects.create(name="Kabupaten Contoh")
    return PerangkatDaerah.objects.create(pemda=pemda, code="A", name="Dinas A")


@pytest.fixture
def renstra(opd):
    return Renstra.objects.create(perangkat_daerah=opd, first_year=2021, last_year=2026)


@pytest.fixture
def renja(opd, renstra):
    return Renja.objects.create(perangkat_daerah=opd, renstra=renstra, year=2024, stage="final")


@pytest.fixture
def program(renja):
    return RenjaItem.objects.create(renja=renja, level="program", name="Program")


@pytest.fixture
def kegiatan(program):
    return RenjaItem.objects.create(renja=program.renja, parent=program, level="kegiatan", name="K")


@pytest.fixture
def sub_kegiatan(kegiatan):
    return RenjaItem.objects.create(
        renja=kegiatan.renja, parent=kegiatan, level="sub_kegiatan", name="Sub", pagu=10
    )


@pytest.fixture
def indikator(sub_kegiatan):
    return Indikator.objects.create(item=sub_kegiatan, name="Jumlah dokumen", **SEMANTICS)


def refused(create):
    """True when the database refuses the write (the test's transaction stays usable)."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_nomenclature_codes_are_unique_per_edition():
    edition = Edition.objects.create(code="1317/2023")
    other = Edition.objects.create(code="3406/2024")
    Urusan.objects.create(edition=edition, code="5", name="Penunjang")

    assert refused(lambda: Urusan.objects.create(edition=edition, code="5", name="Lagi"))
    assert not refused(lambda: Urusan.objects.create(edition=other, code="5", name="Penunjang"))


def test_one_realisation_per_indikator_and_triwulan(indikator):
    RealisasiKinerja.objects.create(indikator=indikator, triwulan=1, value=Decimal("3"))

    assert refused(
        lambda: RealisasiKinerja.objects.create(indikator=indikator, triwulan=1, value=4)
    )


@pytest.mark.parametrize("triwulan", [0, 5])
def test_triwulan_is_1_to_4(indikator, sub_kegiatan, renja, triwulan):
    assert refused(
        lambda: RealisasiKinerja.objects.create(indikator=indikator, triwulan=triwulan, value=1)
    )
    assert refused(
        lambda: RealisasiAnggaran.objects.create(item=sub_kegiatan, triwulan=triwulan, amount=1)
    )
    assert refused(lambda: LaporanTriwulan.objects.create(renja=renja, triwulan=triwulan))


def test_pagu_is_never_negative(renja, kegiatan, sub_kegiatan, renstra):
    def sub(**pagu):
        RenjaItem.objects.create(
            renja=renja, parent=kegiatan, level="sub_kegiatan", name="x", **pagu
        )

    assert not refused(lambda: sub(pagu=0))
    assert refused(lambda: sub(pagu=-1))
    assert refused(lambda: sub(pagu_n1=-1))
    assert refused(
        lambda: RealisasiAnggaran.objects.create(item=sub_kegiatan, triwulan=1, amount=-1)
    )
    item = RenstraItem.objects.create(renstra=renstra, level="program", name="p")
    assert refused(lambda: Pagu.objects.create(item=item, year=2024, amount=-1))


def test_values_below_0_only_for_an_indikator_that_allows_them(indikator, renstra):
    """ADR 0012: CHECKs on the indikator's own values, triggers on the yearly and
    triwulan rows (they read the indikator's flag)."""
    assert refused(
        lambda: RealisasiKinerja.objects.create(indikator=indikator, triwulan=1, value=-1)
    )
    assert refused(lambda: Indikator.objects.filter(pk=indikator.pk).update(target=-1))
    tujuan = Tujuan.objects.create(renstra=renstra, name="T")
    own = RenstraIndikator.objects.create(renstra=renstra, tujuan=tujuan, name="R", **SEMANTICS)
    assert refused(lambda: Target.objects.create(indikator=own, year=2024, value=-1))
    assert refused(lambda: RealisasiTahunan.objects.create(indikator=own, year=2024, value=-1))
    assert refused(lambda: RenstraIndikator.objects.filter(pk=own.pk).update(kondisi_awal=-1))

    Indikator.objects.filter(pk=indikator.pk).update(allows_negative=True)
    RenstraIndikator.objects.filter(pk=own.pk).update(allows_negative=True)
    assert not refused(
        lambda: RealisasiKinerja.objects.create(indikator=indikator, triwulan=1, value=-1)
    )
    assert not refused(lambda: Indikator.objects.filter(pk=indikator.pk).update(target=-1))
    assert not refused(lambda: Target.objects.create(indikator=own, year=2024, value=-1))
    assert not refused(lambda: RealisasiTahunan.objects.create(indikator=own, year=2024, value=-1))
    assert not refused(lambda: RenstraIndikator.objects.filter(pk=own.pk).update(kondisi_awal=-1))


def test_a_kualitatif_indikator_never_allows_negatives(sub_kegiatan):
    fields = {**SEMANTICS, "jenis": "kualitatif", "scale": ["C", "B", "A"]}
    assert refused(
        lambda: Indikator.objects.create(
            item=sub_kegiatan, name="x", allows_negative=True, **fields
        )
    )
    assert not refused(lambda: Indikator.objects.create(item=sub_kegiatan, name="x", **fields))


def test_pagu_lives_on_sub_kegiatan_only(renja, program):
    def item(level, parent, **pagu):
        RenjaItem.objects.create(renja=renja, parent=parent, level=level, name="x", **pagu)

    assert refused(lambda: item("program", None, pagu=1))
    assert refused(lambda: item("kegiatan", program, pagu_n1=1))
    assert not refused(lambda: item("kegiatan", program))


def test_anggaran_is_spent_by_sub_kegiatan_only(kegiatan, sub_kegiatan):
    assert refused(lambda: RealisasiAnggaran.objects.create(item=kegiatan, triwulan=1, amount=1))
    assert not refused(
        lambda: RealisasiAnggaran.objects.create(item=sub_kegiatan, triwulan=1, amount=1)
    )


def test_items_nest_program_kegiatan_sub_kegiatan_within_one_renja(renja, program, kegiatan):
    other = Renja.objects.create(
        perangkat_daerah=renja.perangkat_daerah, renstra=renja.renstra, year=2025, stage="final"
    )

    def item(level, parent, plan=renja):
        RenjaItem.objects.create(renja=plan, parent=parent, level=level, name="x")

    assert refused(lambda: item("kegiatan", None))
    assert refused(lambda: item("sub_kegiatan", program))
    assert refused(lambda: item("program", kegiatan))
    assert refused(lambda: item("sub_kegiatan", kegiatan, other))
    assert not refused(lambda: item("sub_kegiatan", kegiatan))


def test_renstra_items_nest_the_same_way(renstra):
    program = RenstraItem.objects.create(renstra=renstra, level="program", name="P")

    assert refused(lambda: RenstraItem.objects.create(renstra=renstra, level="kegiatan", name="K"))
    assert refused(
        lambda: RenstraItem.objects.create(
            renstra=renstra, parent=program, level="sub_kegiatan", name="S"
        )
    )


def test_years_stay_inside_the_renstra_period(opd, renstra):
    tujuan = Tujuan.objects.create(renstra=renstra, name="T")
    ind = RenstraIndikator.objects.create(renstra=renstra, tujuan=tujuan, name="I", **SEMANTICS)
    item = RenstraItem.objects.create(renstra=renstra, level="program", name="p")

    assert not refused(lambda: Target.objects.create(indikator=ind, year=2026, value=1))
    assert refused(lambda: Target.objects.create(indikator=ind, year=2027, value=1))
    assert refused(lambda: Pagu.objects.create(item=item, year=2020, amount=1))
    assert refused(
        lambda: Renja.objects.create(
            perangkat_daerah=opd, renstra=renstra, year=2027, stage="final"
        )
    )


def test_a_target_cannot_be_moved_out_of_the_period(renstra):
    tujuan = Tujuan.objects.create(renstra=renstra, name="T")
    ind = RenstraIndikator.objects.create(renstra=renstra, tujuan=tujuan, name="I", **SEMANTICS)
    target = Target.objects.create(indikator=ind, year=2024, value=1)

    assert refused(lambda: Target.objects.filter(pk=target.pk).update(year=2030))


@pytest.mark.parametrize(
    ("first", "last", "overlaps"),
    [
        (2027, 2031, False),  # right after 2021–2026
        (2015, 2020, False),  # right before
        (2026, 2030, True),  # shares 2026
        (2018, 2021, True),  # shares 2021
        (2022, 2024, True),  # inside
        (2019, 2029, True),  # around
    ],
)
def test_renstra_periods_of_one_opd_do_not_overlap(opd, renstra, first, last, overlaps):
    other_opd = PerangkatDaerah.objects.create(pemda=opd.pemda, code="B", name="Dinas B")

    def create():
        Renstra.objects.create(perangkat_daerah=opd, first_year=first, last_year=last)

    assert refused(create) is overlaps
    # Another OPD's periods are its own business.
    assert not refused(
        lambda: Renstra.objects.create(perangkat_daerah=other_opd, first_year=first, last_year=last)
    )


def test_a_renstra_cannot_be_stretched_over_another(opd, renstra):
    later = Renstra.objects.create(perangkat_daerah=opd, first_year=2027, last_year=2031)
    later.first_year = 2026

    assert refused(lambda: later.save(update_fields=["first_year"]))
    # Saving a Renstra without changing its period is no overlap with itself.
    assert not refused(lambda: renstra.save(update_fields=["edition"]))


def test_a_renja_belongs_to_a_renstra_of_its_own_opd(opd, renstra):
    other = PerangkatDaerah.objects.create(pemda=opd.pemda, code="B", name="Dinas B")

    assert refused(
        lambda: Renja.objects.create(
            perangkat_daerah=other, renstra=renstra, year=2024, stage="final"
        )
    )


def test_a_renstra_indikator_has_exactly_one_owner(renstra):
    tujuan = Tujuan.objects.create(renstra=renstra, name="T")
    item = RenstraItem.objects.create(renstra=renstra, level="program", name="P")

    assert refused(lambda: RenstraIndikator.objects.create(renstra=renstra, name="I", **SEMANTICS))
    assert refused(
        lambda: RenstraIndikator.objects.create(
            renstra=renstra, tujuan=tujuan, item=item, name="I", **SEMANTICS
        )
    )


def test_indikator_semantics_must_be_known_values(sub_kegiatan):
    bad = {**SEMANTICS, "sifat": "jumlahkan"}
    assert refused(lambda: Indikator.objects.create(item=sub_kegiatan, name="x", **bad))


def test_an_item_links_only_to_the_nomenclature_of_its_level(renja):
    edition = Edition.objects.create(code="1317/2023")
    urusan = Urusan.objects.create(edition=edition, code="5", name="U")
    bidang = BidangUrusan.objects.create(edition=edition, urusan=urusan, code="5.03", name="B")
    program = bidang.programs.create(edition=edition, code="5.03.02", name="P")

    assert not refused(
        lambda: RenjaItem.objects.create(
            renja=renja, level="program", name="P", nomenclature_program=program
        )
    )
    assert refused(
        lambda: RenjaItem.objects.create(
            renja=renja, level="kegiatan", name="K", nomenclature_program=program
        )
    )


def test_kepala_nip_has_18_digits(opd):
    assert refused(
        lambda: PerangkatDaerah.objects.filter(pk=opd.pk).update(kepala_nip="19631017 199003")
    )


def test_a_pemda_wide_role_is_given_once(opd):
    user = User.objects.create(username="u")
    Membership.objects.create(user=user, pemda=opd.pemda, role="verifier")

    assert refused(lambda: Membership.objects.create(user=user, pemda=opd.pemda, role="verifier"))


def test_an_opd_membership_names_the_pemda_of_its_opd(opd):
    user = User.objects.create(username="u")
    other = Pemda.objects.create(name="Kota Lain")

    assert refused(
        lambda: Membership.objects.create(
            user=user, pemda=other, perangkat_daerah=opd, role="editor"
        )
    )


def test_a_yearly_realisasi_has_a_value_or_a_note(renstra):
    tujuan = Tujuan.objects.create(renstra=renstra, name="T")
    ind = RenstraIndikator.objects.create(renstra=renstra, tujuan=tujuan, name="I", **SEMANTICS)

    assert refused(lambda: RealisasiTahunan.objects.create(indikator=ind, year=2021))
    assert not refused(
        lambda: RealisasiTahunan.objects.create(indikator=ind, year=2021, note="tercetak 6I")
    )


def test_membership_scope_matches_the_role(opd):
    user = User.objects.create(username="u")

    assert refused(lambda: Membership.objects.create(user=user, pemda=opd.pemda, role="editor"))
    assert refused(
        lambda: Membership.objects.create(
            user=user, pemda=opd.pemda, perangkat_daerah=opd, role="verifier"
        )
    )


def test_audit_rows_cannot_be_updated(opd):
    event = AuditEvent.objects.create(event_type="plan_imported", object_type="x", object_id="1")

    assert refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(reason="diubah"))


def test_audit_rows_cannot_be_deleted(opd):
    event = AuditEvent.objects.create(event_type="plan_imported", object_type="x", object_id="1")

    assert refused(lambda: AuditEvent.objects.filter(pk=event.pk).delete())
    assert refused(lambda: AuditEvent.objects.all().delete())
    assert AuditEvent.objects.filter(pk=event.pk).exists()
