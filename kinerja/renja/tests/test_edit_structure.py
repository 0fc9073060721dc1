"""Adding programs, kegiatan and sub kegiatan to a Renja from the nomenclature search, and
removing an item with everything below it (refused once realisasi exists there)."""

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.monitoring.models import RealisasiAnggaran, RealisasiKinerja
from kinerja.nomenclature import models as nomenclature
from kinerja.renja.actions import EditRefused, add_item
from kinerja.renja.models import Indikator, RenjaItem
from kinerja.renja.queries import renja_tree

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def build_edition(code: str) -> dict[str, Any]:
    """A small edition: urusan 5, bidang 5.03, two programs, their kegiatan and sub kegiatan."""
    edition = nomenclature.Edition.objects.create(code=code, name=f"Kepmendagri {code}")
    urusan = nomenclature.Urusan.objects.create(edition=edition, code="5", name="UNSUR PENUNJANG")
    bidang = nomenclature.BidangUrusan.objects.create(
        edition=edition, urusan=urusan, code="5.03", name="KEPEGAWAIAN"
    )
    programs = {
        code: nomenclature.Program.objects.create(
            edition=edition, bidang_urusan=bidang, code=code, name=name
        )
        for code, name in [
            ("5.03.02", "PROGRAM KEPEGAWAIAN DAERAH"),
            ("5.03.03", "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA"),
        ]
    }
    kegiatan = {
        code: nomenclature.Kegiatan.objects.create(
            edition=edition, program=programs[code.rsplit(".", 2)[0]], code=code, name=name
        )
        for code, name in [
            ("5.03.02.2.01", "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN"),
            ("5.03.02.2.03", "Kinerja dan Disiplin ASN"),
            ("5.03.03.2.01", "Pengembangan Kompetensi ASN"),
        ]
    }
    sub = nomenclature.SubKegiatan.objects.create(
        edition=edition,
        kegiatan=kegiatan["5.03.02.2.01"],
        code="5.03.02.2.01.0007",
        name="Pengelolaan Data Kepegawaian",
        indikator="Jumlah Dokumen Data Kepegawaian",
        satuan="Dokumen",
    )
    entries: dict[str, Any] = {**programs, **kegiatan, sub.code: sub}
    return entries


@pytest.fixture
def entries(db):
    build_edition("050-5889/2021")  # an older edition: never offered
    return build_edition("900.1.15.5-1317/2023")


def add(client, renja, entry, parent=None):
    data = {"entry": entry.pk, "induk": parent.pk if parent else ""}
    return client.post(reverse("renja:item_add", args=[renja.pk]), data, **HTMX)


def test_the_add_form_searches_the_level_under_its_parent(client, planner_a, renja_a, entries):
    program = renja_a.items.get(code="5.03.02")
    client.force_login(planner_a)
    url = reverse("renja:item_add", args=[renja_a.pk])

    top = client.get(url, **HTMX).content.decode()
    below = client.get(url, {"induk": program.pk}, **HTMX).content.decode()

    edition = entries["5.03.02"].edition_id
    assert '<tbody id="add-slot-top"' in top
    assert f"/nomenklatur/cari/?edition={edition}&amp;level=program&amp;parent=" in top
    assert 'hx-trigger="load, keyup changed delay:300ms, search"' in top
    assert f'<tbody id="add-slot-{program.pk}"' in below
    assert "level=kegiatan&amp;parent=5.03.02" in below
    assert "Tambah kegiatan di bawah" in below


def test_a_program_is_added_from_the_nomenclature(client, planner_a, renja_a, entries):
    client.force_login(planner_a)

    response = add(client, renja_a, entries["5.03.03"])

    added = renja_a.items.get(code="5.03.03")
    assert (added.level, added.parent, added.name) == (
        "program",
        None,
        "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA",
    )
    assert added.nomenclature_program == entries["5.03.03"]
    assert added.revision == 1
    assert response["HX-Retarget"] == "#renja-tabel"
    text = response.content.decode()
    assert '<div id="renja-tabel"' in text
    assert f'<tbody id="item-{added.pk}"' in text
    assert "ditambahkan" in text
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_ITEM_ADDED)
    assert event.extra_data["changes"]["code"] == [None, "5.03.03"]


def test_kegiatan_and_sub_kegiatan_go_under_their_parents(client, planner_a, renja_a, entries):
    program = renja_a.items.get(code="5.03.02")
    kegiatan = renja_a.items.get(code="5.03.02.2.01")
    client.force_login(planner_a)

    add(client, renja_a, entries["5.03.02.2.03"], program)
    add(client, renja_a, entries["5.03.02.2.01.0007"], kegiatan)

    new_kegiatan = renja_a.items.get(code="5.03.02.2.03")
    sub = renja_a.items.get(code="5.03.02.2.01.0007")
    assert (new_kegiatan.parent, new_kegiatan.nomenclature_kegiatan) == (
        program,
        entries["5.03.02.2.03"],
    )
    assert (sub.parent, sub.level, sub.pagu) == (kegiatan, "sub_kegiatan", None)
    assert sub.nomenclature_sub_kegiatan == entries["5.03.02.2.01.0007"]
    # placed after the kegiatan's other sub kegiatan
    codes = [node.item.code for node in renja_tree(renja_a).rows()]
    assert codes.index("5.03.02.2.01.0007") == codes.index("5.03.02.2.01.0006") + 1


def test_a_new_sub_kegiatan_offers_the_decree_indikator(client, planner_a, renja_a, entries):
    kegiatan = renja_a.items.get(code="5.03.02.2.01")
    client.force_login(planner_a)
    add(client, renja_a, entries["5.03.02.2.01.0007"], kegiatan)
    sub = renja_a.items.get(code="5.03.02.2.01.0007")

    form = client.get(reverse("renja:indikator_add", args=[renja_a.pk, sub.pk]), **HTMX)

    text = form.content.decode()
    assert "Jumlah Dokumen Data Kepegawaian</textarea>" in text
    assert 'name="satuan" value="Dokumen"' in text


@pytest.mark.parametrize(
    ("code", "parent_code", "message"),
    [
        ("5.03.03.2.01", "5.03.02", "5.03.03.2.01 tidak berada di bawah 5.03.02."),
        ("5.03.02.2.01", "5.03.02", "5.03.02.2.01 sudah ada pada Renja ini."),
        ("5.03.02", None, "5.03.02 sudah ada pada Renja ini."),
    ],
)
def test_an_entry_that_does_not_fit_is_refused(
    client, planner_a, renja_a, entries, code, parent_code, message
):
    parent = renja_a.items.get(code=parent_code) if parent_code else None
    count = renja_a.items.count()
    client.force_login(planner_a)

    response = add(client, renja_a, entries[code], parent)

    assert message in response.content.decode()
    assert "HX-Retarget" not in response
    assert renja_a.items.count() == count


def test_an_entry_of_the_wrong_level_or_edition_is_refused(planner_a, renja_a, entries):
    program = renja_a.items.get(code="5.03.02")
    old_kegiatan = nomenclature.Kegiatan.objects.exclude(edition=entries["5.03.02"].edition_id).get(
        code="5.03.02.2.03"
    )
    with pytest.raises(EditRefused, match="hanya dapat ditambahkan kegiatan"):
        add_item(renja_a, acting_user=planner_a, parent=program, entry=entries["5.03.03"])
    with pytest.raises(EditRefused, match="bukan nomenklatur edisi 900.1.15.5-1317/2023"):
        add_item(renja_a, acting_user=planner_a, parent=program, entry=old_kegiatan)


def test_a_renja_with_its_own_edition_adds_from_that_edition(planner_a, renja_a, entries):
    old_program = nomenclature.Program.objects.exclude(edition=entries["5.03.02"].edition_id).get(
        code="5.03.03"
    )
    renja_a.edition_id = old_program.edition_id
    renja_a.save()

    added = add_item(renja_a, acting_user=planner_a, parent=None, entry=old_program)

    assert added.nomenclature_program == old_program


def test_no_choice_gets_a_message(client, planner_a, renja_a, entries):
    client.force_login(planner_a)
    url = reverse("renja:item_add", args=[renja_a.pk])

    response = client.post(url, {"induk": "", "q": "kepegawaian"}, **HTMX)

    assert "Pilih program dari hasil pencarian nomenklatur." in response.content.decode()


def test_nothing_goes_under_a_sub_kegiatan(client, planner_a, renja_a, entries):
    sub = renja_a.items.get(code="5.03.02.2.01.0003")
    client.force_login(planner_a)
    response = client.post(
        reverse("renja:item_add", args=[renja_a.pk]), {"induk": sub.pk, "entry": 1}, **HTMX
    )
    assert response.status_code == 404


def test_removing_asks_first_and_lists_what_goes_with_it(client, planner_a, renja_a):
    kegiatan = renja_a.items.get(code="5.03.02.2.02")
    client.force_login(planner_a)

    confirm = client.get(reverse("renja:item_remove", args=[renja_a.pk, kegiatan.pk]), **HTMX)

    text = confirm.content.decode()
    assert "beserta 3 baris di bawahnya?" in text
    assert "Pengelolaan Mutasi ASN" in text
    assert "Ya, hapus" in text
    assert renja_a.items.filter(pk=kegiatan.pk).exists()


def test_an_item_is_removed_with_its_children_and_the_totals_follow(client, planner_a, renja_a):
    kegiatan = renja_a.items.get(code="5.03.02.2.02")
    client.force_login(planner_a)

    response = client.post(
        reverse("renja:item_remove", args=[renja_a.pk, kegiatan.pk]),
        {"revision": kegiatan.revision},
        **HTMX,
    )

    assert not renja_a.items.filter(code__startswith="5.03.02.2.02").exists()
    assert not Indikator.objects.filter(item__code__startswith="5.03.02.2.02").exists()
    text = response.content.decode()
    assert '<span id="pagu-total">1.740.078.504</span>' in text  # 2.202.923.324 − 462.844.820
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_ITEM_REMOVED)
    assert event.object_id == str(kegiatan.pk)
    assert event.extra_data["changes"]["code"] == ["5.03.02.2.02", None]
    assert len(event.extra_data["removed_below"]) == 3


@pytest.mark.parametrize("kind", ["anggaran", "kinerja"])
def test_an_item_whose_sub_kegiatan_have_realisasi_is_not_removed(client, planner_a, renja_a, kind):
    program = renja_a.items.get(code="5.03.02")
    sub = renja_a.items.get(code="5.03.02.2.02.0003")
    if kind == "anggaran":
        RealisasiAnggaran.objects.create(item=sub, triwulan=1, amount=Decimal("1000000"))
    else:
        RealisasiKinerja.objects.create(indikator=sub.indikator.get(), triwulan=2, value=3)
    count = renja_a.items.count()
    url = reverse("renja:item_remove", args=[renja_a.pk, program.pk])
    client.force_login(planner_a)

    confirm = client.get(url, **HTMX).content.decode()
    response = client.post(url, {"revision": program.revision}, **HTMX).content.decode()

    why = (
        "tidak dapat dihapus: realisasi (kinerja atau anggaran) sudah diisi untuk 5.03.02.2.02.0003"
    )
    assert why in confirm
    assert "Ya, hapus" not in confirm
    assert why in response
    assert renja_a.items.count() == count
    assert not AuditEvent.objects.exists()


def test_a_stale_removal_is_refused(client, planner_a, renja_a):
    sub = renja_a.items.get(code="5.03.02.2.02.0003")
    RenjaItem.objects.filter(pk=sub.pk).update(revision=5)
    client.force_login(planner_a)

    response = client.post(
        reverse("renja:item_remove", args=[renja_a.pk, sub.pk]), {"revision": 4}, **HTMX
    )

    assert "telah diubah oleh pengguna lain" in response.content.decode()
    assert renja_a.items.filter(pk=sub.pk).exists()


def test_without_javascript_the_add_form_opens_in_the_page_and_adding_redirects(
    client, planner_a, renja_a, entries
):
    program = renja_a.items.get(code="5.03.02")
    client.force_login(planner_a)
    url = reverse("renja:item_add", args=[renja_a.pk])

    page = client.get(url, {"induk": program.pk}).content.decode()
    response = client.post(url, {"induk": program.pk, "entry": entries["5.03.02.2.03"].pk})

    assert "<html" in page
    assert f'<tbody id="add-slot-{program.pk}" class="panel">' in page
    assert response.status_code == 302
    assert renja_a.items.filter(code="5.03.02.2.03", parent=program).exists()
