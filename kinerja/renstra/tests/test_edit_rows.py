"""Adding, changing and removing tujuan, sasaran, items and indikator of a Renstra."""

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.nomenclature.models import BidangUrusan, Edition, Kegiatan, Program, Urusan
from kinerja.renja.models import Indikator as RenjaIndikator
from kinerja.renstra.actions import update_row
from kinerja.renstra.models import Indikator, Jenis, Level, Polaritas, RenstraItem, Sifat
from kinerja.renstra.tests.test_edit_page import HTMX, open_editor, page, save, url
from kinerja.testing import build_renja

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client, planner_a):
    client.force_login(planner_a)
    return planner_a


@pytest.fixture
def sasaran(renstra_a):
    return renstra_a.indikator.get(key="diklat-formal").sasaran


def events(event_type):
    return list(AuditEvent.objects.filter(event_type=event_type))


# --- Tujuan and sasaran ----------------------------------------------------------------


@pytest.mark.usefixtures("operator")
def test_add_a_tujuan_then_a_sasaran_under_it(client, renstra_a):
    response = save(client, url("add", renstra_a, "tujuan"), name="Meningkatkan pelayanan ASN")
    tujuan = renstra_a.tujuan.get(name="Meningkatkan pelayanan ASN")
    assert tujuan.order == 1  # after the existing tujuan (order 0)
    assert response["HX-Retarget"] == "#tujuan-sasaran"
    assert "Meningkatkan pelayanan ASN" in response.content.decode()

    save(client, url("add_under", renstra_a, "tujuan", tujuan.pk, "sasaran"), name="Sasaran baru")

    assert list(tujuan.sasaran.values_list("name", flat=True)) == ["Sasaran baru"]
    added = events(AuditEvent.Type.PLAN_ITEM_ADDED)
    assert [e.object_type for e in added] == ["renstra.sasaran", "renstra.tujuan"]
    assert added[0].extra_data["changes"]["name"] == [None, "Sasaran baru"]
    assert "Sasaran baru" in page(client, renstra_a)


@pytest.mark.usefixtures("operator")
def test_a_name_is_required(client, renstra_a):
    response = save(client, url("add", renstra_a, "tujuan"), name="  ")
    assert "Nama tujuan wajib diisi." in response.content.decode()
    assert renstra_a.tujuan.count() == 1


@pytest.mark.usefixtures("operator")
def test_rename_and_reorder_a_sasaran(client, renstra_a, sasaran):
    response = save(
        client,
        url("edit_row", renstra_a, "sasaran", sasaran.pk),
        name="Kompetensi ASN naik",
        order="5",
    )

    assert response.status_code == 200
    sasaran.refresh_from_db()
    assert (sasaran.name, sasaran.order, sasaran.revision) == ("Kompetensi ASN naik", 5, 2)
    event = AuditEvent.objects.get()
    assert event.event_type == AuditEvent.Type.PLAN_EDITED
    assert event.extra_data["changes"] == {
        "name": ["Meningkatnya kompetensi ASN", "Kompetensi ASN naik"],
        "order": [0, 5],
    }


def test_a_stale_rename_shows_the_stored_name_and_keeps_the_typed_one(
    client, operator, renstra_a, sasaran
):
    address = url("edit_row", renstra_a, "sasaran", sasaran.pk)
    loaded = open_editor(client, address)
    update_row(sasaran, acting_user=operator, expected_revision=1, name="Nama dari rekan")

    response = client.post(address, {**loaded, "name": "Nama saya"}, **HTMX)

    text = response.content.decode()
    assert "telah diubah oleh pengguna lain" in text
    assert "<dd>Nama dari rekan</dd>" in text
    assert "\nNama saya</textarea>" in text
    assert 'name="revision" value="2"' in text
    sasaran.refresh_from_db()
    assert sasaran.name == "Nama dari rekan"


@pytest.mark.usefixtures("operator")
def test_a_sasaran_with_indikator_cannot_be_removed(client, renstra_a, sasaran):
    response = client.post(
        url("remove", renstra_a, "sasaran", sasaran.pk), {"revision": "1"}, **HTMX
    )
    assert "Sasaran ini masih memiliki indikator" in response.content.decode()
    assert response["HX-Retarget"] == "#tujuan-sasaran"
    assert renstra_a.tujuan.get().sasaran.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.usefixtures("operator")
def test_remove_the_indikator_then_the_sasaran(client, renstra_a, sasaran):
    indikator = sasaran.indikator.get()

    client.post(url("remove", renstra_a, "indikator", indikator.pk), {"revision": "1"}, **HTMX)
    client.post(url("remove", renstra_a, "sasaran", sasaran.pk), {"revision": "1"}, **HTMX)

    assert not renstra_a.tujuan.get().sasaran.exists()
    removed = events(AuditEvent.Type.PLAN_ITEM_REMOVED)
    assert [e.object_type for e in removed] == ["renstra.sasaran", "renstra.indikator"]
    figures = removed[1].extra_data
    assert {year: Decimal(v) for year, v in figures["targets"].items()} == {
        "2023": Decimal("9.5"),
        "2024": Decimal("10.3"),
    }
    assert figures["changes"]["name"][1] is None
    assert "Meningkatnya kompetensi ASN" not in page(client, renstra_a)


@pytest.mark.usefixtures("operator")
def test_a_stale_removal_is_refused(client, renstra_a, sasaran):
    indikator = sasaran.indikator.get()
    response = client.post(
        url("remove", renstra_a, "indikator", indikator.pk), {"revision": "7"}, **HTMX
    )
    assert "telah diubah oleh pengguna lain" in response.content.decode()
    assert Indikator.objects.filter(pk=indikator.pk).exists()


@pytest.mark.usefixtures("operator")
def test_an_indikator_a_renja_refers_to_cannot_be_removed(client, renstra_a, sasaran):
    indikator = sasaran.indikator.get()
    renja = build_renja(renstra_a, year=2024)
    RenjaIndikator.objects.filter(item__renja=renja).update(renstra_indikator=indikator)

    response = client.post(
        url("remove", renstra_a, "indikator", indikator.pk), {"revision": "1"}, **HTMX
    )

    assert "dirujuk oleh" in response.content.decode()
    assert Indikator.objects.filter(pk=indikator.pk).exists()


# --- Indikator -------------------------------------------------------------------------


@pytest.mark.usefixtures("operator")
def test_add_an_indikator_with_its_semantics(client, renstra_a, sasaran):
    address = url("add_under", renstra_a, "sasaran", sasaran.pk, "indikator")
    fields = open_editor(client, address)
    assert (fields["jenis"], fields["polaritas"], fields["sifat"]) == (
        "jumlah",
        "positif",
        "kumulatif",
    )

    save(
        client, address, name="Indeks kepuasan ASN", satuan="Indeks", jenis="indeks",
        polaritas="positif", sifat="non_kumulatif", decimals="2",
    )  # fmt: skip

    added = sasaran.indikator.get(name="Indeks kepuasan ASN")
    assert (added.jenis, added.polaritas, added.sifat) == (
        Jenis.INDEKS,
        Polaritas.POSITIF,
        Sifat.NON_KUMULATIF,
    )
    assert (added.satuan, added.decimals, added.order, added.renstra) == ("Indeks", 2, 1, renstra_a)
    assert "Indeks; positif (makin tinggi makin baik); non kumulatif" in page(client, renstra_a)


@pytest.mark.usefixtures("operator")
def test_the_indikator_editor_explains_sifat_in_indonesian(client, renstra_a, sasaran):
    address = url("edit_row", renstra_a, "indikator", sasaran.indikator.get().pk)
    text = client.get(address, **HTMX).content.decode()
    assert "Kumulatif (dijumlahkan)" in text
    assert "Non kumulatif (nilai terakhir)" in text
    assert "Negatif (makin rendah makin baik)" in text
    assert "Kumulatif: nilai setiap periode dijumlahkan" in text


@pytest.mark.usefixtures("operator")
def test_change_an_indikator_semantics(client, renstra_a, sasaran):
    indikator = sasaran.indikator.get()
    address = url("edit_row", renstra_a, "indikator", indikator.pk)

    response = save(client, address, polaritas="negatif", sifat="rata_rata", decimals="2")

    assert response["HX-Retarget"] == f"#baris-sasaran-{sasaran.pk}"
    indikator.refresh_from_db()
    assert (indikator.polaritas, indikator.sifat, indikator.decimals) == ("negatif", "rata_rata", 2)
    changes = AuditEvent.objects.get().extra_data["changes"]
    assert changes == {
        "polaritas": ["positif", "negatif"],
        "sifat": ["non_kumulatif", "rata_rata"],
        "decimals": [1, 2],
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Nama indikator wajib diisi."),
        ({"decimals": "7"}, "Desimal harus 0 sampai 6."),
        ({"jenis": "lainnya"}, "Jenis"),
        ({"scale": "D, C, B"}, "Skala hanya diisi untuk indikator berjenis kualitatif."),
        ({"jenis": "kualitatif", "scale": "B, B"}, "Skala berisi label ganda: B."),
    ],
)
@pytest.mark.usefixtures("operator")
def test_invalid_semantics_are_refused(client, renstra_a, sasaran, changes, message):
    indikator = sasaran.indikator.get()
    response = save(client, url("edit_row", renstra_a, "indikator", indikator.pk), **changes)
    assert message in response.content.decode()
    assert not AuditEvent.objects.exists()


@pytest.mark.usefixtures("operator")
def test_a_kualitatif_indikator_takes_its_scale_labels(client, renstra_a, sasaran):
    indikator = sasaran.indikator.get()
    save(
        client, url("edit_row", renstra_a, "indikator", indikator.pk),
        jenis="kualitatif", scale="D, C, B, BB, A", decimals="0",
    )  # fmt: skip

    save(client, url("edit_targets", renstra_a, indikator.pk), v2025="bb")

    assert indikator.targets.get(year=2025).value == 4
    assert open_editor(client, url("edit_targets", renstra_a, indikator.pk))["v2025"] == "BB"
    response = save(client, url("edit_targets", renstra_a, indikator.pk), v2026="E")
    assert "Target 2026 harus angka atau salah satu dari D, C, B, BB, A" in (
        response.content.decode()
    )


# --- Programs, kegiatan, sub kegiatan --------------------------------------------------


@pytest.mark.usefixtures("operator")
def test_add_a_program_a_kegiatan_and_a_sub_kegiatan(client, renstra_a):
    save(client, url("add", renstra_a, "program"), code="5.03.01", name="Program Penunjang")
    program = renstra_a.items.get(code="5.03.01")
    save(
        client, url("add_under", renstra_a, "item", program.pk, "baris"),
        code="5.03.01.2.01", name="Perencanaan",
    )  # fmt: skip
    kegiatan = renstra_a.items.get(code="5.03.01.2.01")
    save(
        client, url("add_under", renstra_a, "item", kegiatan.pk, "baris"),
        code="5.03.01.2.01.0001", name="Penyusunan Dokumen Perencanaan",
    )  # fmt: skip

    sub = renstra_a.items.get(code="5.03.01.2.01.0001")
    assert (program.level, program.order) == (Level.PROGRAM, 1)
    assert (kegiatan.level, kegiatan.parent) == (Level.KEGIATAN, program)
    assert (sub.level, sub.parent) == (Level.SUB_KEGIATAN, kegiatan)
    assert len(events(AuditEvent.Type.PLAN_ITEM_ADDED)) == 3
    text = page(client, renstra_a)
    assert ">5.03.01.2.01.0001<" in text
    assert "Penyusunan Dokumen Perencanaan" in text


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("5.03.03.2.01", "Kode 5.03.03.2.01 tidak berada di bawah kode induknya 5.03.02."),
        ("5.03.02.2.01", "Kode 5.03.02.2.01 sudah dipakai baris lain pada Renstra ini."),
        ("5.03 02", "Kode berisi angka yang dipisah titik"),
    ],
)
@pytest.mark.usefixtures("operator")
def test_a_code_must_fit_its_parent_and_be_new(client, renstra_a, code, message):
    program = renstra_a.items.get(level=Level.PROGRAM)
    response = save(
        client, url("add_under", renstra_a, "item", program.pk, "baris"), code=code, name="X"
    )
    assert message in response.content.decode()
    assert renstra_a.items.count() == 3


@pytest.mark.usefixtures("operator")
def test_nothing_goes_below_a_sub_kegiatan(client, renstra_a):
    sub = renstra_a.items.get(level=Level.SUB_KEGIATAN)
    address = url("add_under", renstra_a, "item", sub.pk, "baris")
    assert client.get(address, **HTMX).status_code == 404


@pytest.mark.usefixtures("operator")
def test_an_item_with_rows_below_cannot_be_removed_a_bare_leaf_can(client, renstra_a):
    kegiatan = renstra_a.items.get(level=Level.KEGIATAN)
    sub = renstra_a.items.get(level=Level.SUB_KEGIATAN)

    refused = client.post(url("remove", renstra_a, "item", kegiatan.pk), {"revision": "1"}, **HTMX)
    assert "Kegiatan ini masih memiliki baris di bawahnya" in refused.content.decode()

    removal = url("remove", renstra_a, "indikator", sub.indikator.get().pk)
    client.post(removal, {"revision": "1"}, **HTMX)
    client.post(url("remove", renstra_a, "item", sub.pk), {"revision": "1"}, **HTMX)

    assert not RenstraItem.objects.filter(pk=sub.pk).exists()
    assert ">5.03.02.2.01.0003<" not in page(client, renstra_a)


@pytest.mark.usefixtures("operator")
def test_a_code_links_the_edition_nomenclature(client, renstra_a):
    edition = Edition.objects.create(code="900.1.15.5-1317/2023")
    urusan = Urusan.objects.create(edition=edition, code="5", name="Unsur Penunjang")
    bidang = BidangUrusan.objects.create(
        edition=edition, urusan=urusan, code="5.03", name="Kepegawaian"
    )
    program = Program.objects.create(
        edition=edition, bidang_urusan=bidang, code="5.03.01", name="Program Penunjang"
    )
    Kegiatan.objects.create(edition=edition, program=program, code="5.03.01.2.01", name="K")
    renstra_a.edition = edition
    renstra_a.save()

    save(client, url("add", renstra_a, "program"), code="5.03.01", name="Program Penunjang")

    assert renstra_a.items.get(code="5.03.01").nomenclature_program == program


@pytest.mark.usefixtures("operator")
def test_a_changed_code_must_still_hold_the_codes_below(client, renstra_a):
    program = renstra_a.items.get(level=Level.PROGRAM)
    response = save(client, url("edit_row", renstra_a, "item", program.pk), code="5.03.09")
    assert "Kode baris di bawahnya tidak berada di bawah kode 5.03.09." in response.content.decode()
    program.refresh_from_db()
    assert program.code == "5.03.02"


@pytest.mark.usefixtures("operator")
def test_a_removal_without_its_revision_is_refused(client, renstra_a, sasaran):
    indikator = sasaran.indikator.get()
    response = client.post(url("remove", renstra_a, "indikator", indikator.pk), {}, **HTMX)
    assert "telah diubah oleh pengguna lain" in response.content.decode()
    assert Indikator.objects.filter(pk=indikator.pk).exists()
