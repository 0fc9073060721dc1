"""Yearly pagu of a Renstra item: written on leaf rows only, the rows above and the total
computed (ADR 0003), rupiah typed the Indonesian way."""

from decimal import Decimal

import pytest

from kinerja.audit.models import AuditEvent
from kinerja.renja.models import Renja
from kinerja.renstra.actions import EditRefused
from kinerja.renstra.figures import YearInput, save_pagu
from kinerja.renstra.models import Level, Pagu
from kinerja.renstra.queries import renstra_plan
from kinerja.renstra.tests.test_edit_page import HTMX, open_editor, page, save, url
from kinerja.testing import build_renja

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaf(client, planner_a, renstra_a):
    client.force_login(planner_a)
    return renstra_a.items.get(level=Level.SUB_KEGIATAN)


def test_pagu_on_a_leaf_is_saved_and_summed_above(client, renstra_a, leaf):
    response = save(
        client, url("edit_pagu", renstra_a, leaf.pk), v2024="1.590.078.504", v2025="40.245.752,50"
    )

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#program-kegiatan"
    assert {p.year: p.amount for p in leaf.pagu.all()} == {
        2024: Decimal("1590078504"),
        2025: Decimal("40245752.50"),
    }
    plan = renstra_plan(renstra_a, with_pagu=True)
    for node in plan.item_rows():  # the program and the kegiatan carry the same sums
        assert node.pagu.amounts[3:5] == [Decimal("1590078504"), Decimal("40245752.50")]
        assert node.pagu.total == Decimal("1630324256.50")
    assert plan.pagu.amounts[3] == Decimal("1590078504")
    text = page(client, renstra_a)
    assert text.count('class="num money">1.590.078.504<') == 3  # sub kegiatan, kegiatan, program
    assert text.count(">1.630.324.256,50</td>") == 4  # the period's total, also in the footer


def test_two_leaves_add_up_in_their_kegiatan(client, planner_a, renstra_a, leaf):
    other = renstra_a.items.create(
        parent=leaf.parent, level=Level.SUB_KEGIATAN, code="5.03.02.2.01.0005", name="Lain"
    )
    save_pagu(leaf, acting_user=planner_a, pagu={2024: YearInput({"amount": Decimal(100)})})
    save_pagu(other, acting_user=planner_a, pagu={2024: YearInput({"amount": Decimal(250)})})

    nodes = {node.code: node for node in renstra_plan(renstra_a, with_pagu=True).item_rows()}

    assert nodes["5.03.02.2.01"].pagu.amounts[3] == 350
    assert nodes["5.03.02"].pagu.amounts[3] == 350
    assert nodes["5.03.02.2.01.0005"].pagu.amounts[3] == 250
    assert nodes["5.03.02"].pagu.amounts[2] is None


def test_the_pagu_editor_is_only_on_leaves(client, renstra_a, leaf):
    text = page(client, renstra_a)
    assert url("edit_pagu", renstra_a, leaf.pk) in text
    assert url("edit_pagu", renstra_a, leaf.parent_id) not in text
    assert "jumlah baris di bawahnya" in text


def test_pagu_on_a_row_with_rows_below_is_refused(client, renstra_a, leaf):
    response = save(client, url("edit_pagu", renstra_a, leaf.parent_id), v2024="1.000.000")
    assert "Pagu hanya diisi pada baris terbawah" in response.content.decode()
    assert not Pagu.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1.000", "Pagu 2024 tidak boleh negatif."),
        ("1.000,505", "Pagu 2024 paling banyak 2 angka di belakang koma."),
        ("Rp satu juta", "Pagu 2024 harus angka, mis. 1.500.000"),
        ("1" * 19, "Pagu 2024 terlalu besar."),
    ],
)
def test_invalid_pagu_is_refused(client, renstra_a, leaf, typed, message):
    response = save(client, url("edit_pagu", renstra_a, leaf.pk), v2024=typed)
    assert message in response.content.decode()
    assert not Pagu.objects.exists()
    assert not AuditEvent.objects.exists()


def test_clearing_a_pagu_deletes_the_year(client, planner_a, renstra_a, leaf):
    save_pagu(leaf, acting_user=planner_a, pagu={2024: YearInput({"amount": Decimal(5)})})
    address = url("edit_pagu", renstra_a, leaf.pk)
    assert open_editor(client, address)["v2024"] == "5"

    save(client, address, v2024="")

    assert not leaf.pagu.exists()
    latest = AuditEvent.objects.first()  # newest first
    assert latest.extra_data["changes"] == {"pagu 2024": ["5.00", None]}


def test_a_parent_with_pagu_gets_no_rows_below(client, planner_a, renstra_a, leaf):
    save_pagu(leaf, acting_user=planner_a, pagu={2024: YearInput({"amount": Decimal(5)})})
    response = save(
        client, url("add_under", renstra_a, "item", leaf.parent_id, "baris"), code="", name="X"
    )
    assert response.status_code == 200  # a kegiatan without pagu may take one more
    assert renstra_a.items.filter(name="X").exists()
    Pagu.objects.create(item=leaf.parent, year=2025, amount=1)

    response = save(
        client, url("add_under", renstra_a, "item", leaf.parent_id, "baris"), code="", name="Y"
    )

    assert "sudah memiliki pagu" in response.content.decode()
    assert not renstra_a.items.filter(name="Y").exists()


def test_a_pagu_of_a_disetujui_year_needs_a_reason(client, renstra_a, leaf):
    renja = build_renja(renstra_a, year=2024)
    Renja.objects.filter(pk=renja.pk).update(status=Renja.Status.DISETUJUI)
    address = url("edit_pagu", renstra_a, leaf.pk)

    refused = save(client, address, v2024="1.000.000")
    assert "Alasan perubahan wajib diisi" in refused.content.decode()
    assert not leaf.pagu.exists()

    save(client, address, v2024="1.000.000", alasan="Rasionalisasi anggaran")
    assert leaf.pagu.get().amount == 1000000
    assert AuditEvent.objects.get().reason == "Rasionalisasi anggaran"


def test_a_stale_pagu_is_refused(client, planner_a, renstra_a, leaf):
    address = url("edit_pagu", renstra_a, leaf.pk)
    loaded = open_editor(client, address)
    save_pagu(leaf, acting_user=planner_a, pagu={2024: YearInput({"amount": Decimal(7)})})

    response = client.post(address, {**loaded, "v2024": "9"}, **HTMX)

    text = response.content.decode()
    assert "telah diubah oleh pengguna lain" in text
    assert '<td title="Tersimpan sekarang">7</td>' in text
    assert leaf.pagu.get().amount == 7


def test_a_year_outside_the_period_is_refused(planner_a, leaf):
    with pytest.raises(EditRefused, match="Tahun 2030 di luar periode Renstra 2021–2026"):
        save_pagu(leaf, acting_user=planner_a, pagu={2030: YearInput({"amount": Decimal(1)})})
    assert not Pagu.objects.exists()
