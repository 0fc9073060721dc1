"""Saving realisasi row by row: an indikator's value and a sub kegiatan's anggaran, typed
the Indonesian way, saved inline (HTMX) or by a plain POST, audited, refused with a
message naming the field, a stale revision refused with the stored value shown, and
nothing written by anyone who may not edit the report."""

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.lib.revisions import STALE_MESSAGE
from kinerja.monitoring.actions import (
    add_bukti,
    save_laporan,
    save_realisasi_anggaran,
    save_realisasi_kinerja,
)
from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.monitoring.tests.pages import get_page, html_tables, page_url
from kinerja.renja.models import Indikator, Jadwal
from kinerja.renja.workflow import Locked

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
DOKUMEN = "5.03.01.2.01.0001"  # Penyusunan Dokumen Perencanaan Perangkat Daerah, pagu 50 juta
FORMAL = "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal"  # %, 1 decimal


def sub(renja, code=DOKUMEN):
    return renja.items.get(code=code)


def indikator_of(renja, code=DOKUMEN):
    return sub(renja, code).indikator.get()


def formal(renja):
    return Indikator.objects.get(item__renja=renja, name=FORMAL)


def kinerja_url(renja, triwulan, indikator):
    return reverse("monitoring:realisasi_kinerja", args=[renja.pk, triwulan, indikator.pk])


def anggaran_url(renja, triwulan, item):
    return reverse("monitoring:realisasi_anggaran", args=[renja.pk, triwulan, item.pk])


def post(client, user, url, htmx=True, **data):
    client.force_login(user)
    data.setdefault("revision", "0")
    return client.post(url, data, **(HTMX if htmx else {}))


def audit(event_type=AuditEvent.Type.REALISASI_SAVED):
    return list(AuditEvent.objects.filter(event_type=event_type).order_by("id"))


# --- Saving ------------------------------------------------------------------------------


def test_an_operator_saves_a_kinerja_value_inline_and_e81_shows_it(client, planner_a, renja_a):
    indikator = indikator_of(renja_a)

    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="7")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="k-{indikator.pk}"')  # the row alone, for HTMX
    assert "✓ Tersimpan" in html
    assert 'name="revision" value="1"' in html  # the next save starts from the new revision
    stored = RealisasiKinerja.objects.get(indikator=indikator, triwulan=1)
    assert (stored.value, stored.revision) == (Decimal("7"), 1)
    [event] = audit()
    assert event.acting_user == planner_a
    assert event.object_type == "monitoring.realisasikinerja"
    assert event.extra_data == {
        "triwulan": 1,
        "changes": {"value": [None, "7"]},
        "renja_id": renja_a.pk,
        "indikator_id": indikator.pk,
    }
    # The E.81 page of triwulan I shows it in column 8 (K of triwulan I) of the indikator.
    page = get_page(client, planner_a, page_url("e81", renja_a.pk, "?triwulan=1"))
    row = html_tables(page.content.decode())["E.81"].row_with("Jumlah Dokumen")
    texts = [cell.text for cell in row]
    assert texts[texts.index("18 Dokumen") + 2] == "7 Dokumen"  # col 7 K, 7 Rp, 8 K (TW I)


def test_an_operator_saves_an_anggaran_and_e81_shows_it(client, planner_a, renja_a):
    item = sub(renja_a)

    response = post(client, planner_a, anggaran_url(renja_a, 1, item), amount="12.345.678,50")

    assert response.status_code == 200
    assert "✓ Tersimpan" in response.content.decode()
    stored = RealisasiAnggaran.objects.get(item=item, triwulan=1)
    assert stored.amount == Decimal("12345678.50")
    [event] = audit()
    assert event.extra_data["changes"] == {"amount": [None, "12345678.50"]}
    page = get_page(client, planner_a, page_url("e81", renja_a.pk, "?triwulan=1"))
    row = html_tables(page.content.decode())["E.81"].row_with(item.name)
    assert "12.345.678,50" in [cell.text for cell in row]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10,3", Decimal("10.3")),
        ("10,3%", Decimal("10.3")),
        ("1.250", Decimal("1250")),
        ("1.250,75", Decimal("1250.75")),
        ("  9,25 ", Decimal("9.25")),
        ("-2,5", Decimal("-2.5")),
        ("0", Decimal("0")),
    ],
)
def test_indonesian_numbers_are_stored_exactly(client, planner_a, renja_a, typed, expected):
    indikator = formal(renja_a)
    # A share that may turn negative (a change rate), so -2,5 is a value it allows.
    Indikator.objects.filter(pk=indikator.pk).update(allows_negative=True)
    response = post(client, planner_a, kinerja_url(renja_a, 2, indikator), value=typed)
    assert "✓ Tersimpan" in response.content.decode()
    assert RealisasiKinerja.objects.get(indikator=indikator, triwulan=2).value == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.590.078.504", Decimal("1590078504")),
        ("Rp 1.590.078.504,00", Decimal("1590078504")),
        ("1590078504", Decimal("1590078504")),
        ("27.442.200,5", Decimal("27442200.5")),
    ],
)
def test_indonesian_money_is_stored_exactly(client, planner_a, renja_a, typed, expected):
    item = sub(renja_a)
    post(client, planner_a, anggaran_url(renja_a, 3, item), amount=typed)
    assert RealisasiAnggaran.objects.get(item=item, triwulan=3).amount == expected


def test_an_update_raises_the_revision_and_audits_before_and_after(client, planner_a, renja_a):
    indikator = formal(renja_a)
    post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="4,5")
    post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="5,1", revision="1")
    stored = RealisasiKinerja.objects.get(indikator=indikator, triwulan=1)
    assert (stored.value, stored.revision) == (Decimal("5.1"), 2)
    assert audit()[-1].extra_data["changes"] == {"value": ["4.500000", "5.100000"]}


def test_saving_the_same_value_again_writes_nothing(client, planner_a, renja_a):
    indikator = formal(renja_a)
    post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="4,5")
    # A second request from the same form (change, then the Simpan button) is harmless.
    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="4,50")
    assert "✓ Tersimpan" in response.content.decode()
    assert RealisasiKinerja.objects.get(indikator=indikator, triwulan=1).revision == 1
    assert len(audit()) == 1


def test_clearing_a_field_deletes_the_realisasi(client, planner_a, renja_a):
    indikator, item = indikator_of(renja_a), sub(renja_a)
    post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="3")
    post(client, planner_a, anggaran_url(renja_a, 1, item), amount="1.000")

    post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="", revision="1")
    post(client, planner_a, anggaran_url(renja_a, 1, item), amount=" ", revision="1")

    assert not RealisasiKinerja.objects.exists()
    assert not RealisasiAnggaran.objects.exists()
    changes = [event.extra_data["changes"] for event in audit()[-2:]]
    assert changes == [{"value": ["3.000000", None]}, {"amount": ["1000.00", None]}]


def test_a_plain_post_redirects_to_the_row_with_a_message(client, planner_a, renja_a):
    item = sub(renja_a)
    response = post(client, planner_a, anggaran_url(renja_a, 2, item), htmx=False, amount="5")
    page = reverse("monitoring:realisasi", args=[renja_a.pk, 2])
    assert response.status_code == 302
    assert response["Location"] == f"{page}#a-{item.pk}"
    assert "Realisasi disimpan." in client.get(page).content.decode()


def test_an_anggaran_above_the_pagu_is_saved_but_warned(client, planner_a, renja_a):
    item = sub(renja_a)  # pagu 50.000.000
    post(client, planner_a, anggaran_url(renja_a, 1, item), amount="30.000.000")

    response = post(client, planner_a, anggaran_url(renja_a, 2, item), amount="25.000.000")

    html = response.content.decode()
    assert "✓ Tersimpan" in html
    assert "melebihi pagu" in html
    assert "Rp 55.000.000 melebihi pagu Rp 50.000.000" in html
    assert RealisasiAnggaran.objects.get(item=item, triwulan=2).amount == Decimal("25000000")
    # Below the pagu again: no warning.
    url = anggaran_url(renja_a, 2, item)
    response = post(client, planner_a, url, amount="20.000.000", revision="1")
    assert "✓ Tersimpan" in response.content.decode()
    assert "melebihi pagu" not in response.content.decode()


def test_a_kualitatif_value_is_typed_as_its_label(client, planner_a, renja_a):
    indikator = indikator_of(renja_a)
    indikator.jenis, indikator.scale = "kualitatif", ["C", "B", "BB", "A"]
    indikator.save()
    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="bb")
    assert '<option value="BB" selected>' in response.content.decode()
    assert RealisasiKinerja.objects.get(indikator=indikator).value == Decimal(3)
    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="AA", revision="1")
    assert "isi salah satu nilai skala: C, B, BB, A" in response.content.decode()


# --- Refused input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("12x", "'12x' bukan angka"),
        ("1O", "huruf 'O' di dalam angka"),
        ("1,2,3", "tidak dapat dibaca"),
        ("1,1234567", "paling banyak 6 angka di belakang koma"),
        ("1.000.000.000.000.000.000", "angka terlalu besar"),
    ],
)
def test_a_bad_kinerja_value_is_refused_naming_the_field(
    client, planner_a, renja_a, typed, problem
):
    indikator = indikator_of(renja_a)
    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value=typed)
    html = unescape(response.content.decode())
    assert response.status_code == 200  # HTMX swaps the row with its message
    assert "Realisasi triwulan I «Jumlah Dokumen»" in html
    assert problem in html
    assert f'value="{typed}"' in html  # what was typed stays in the input
    assert 'aria-invalid="true"' in html
    assert "Tersimpan" not in html
    assert not RealisasiKinerja.objects.exists()
    assert not audit()


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("-1.000", "tidak boleh negatif"),
        ("(1.000)", "tidak boleh negatif"),
        ("1.000,005", "paling banyak 2 angka di belakang koma"),
        ("sejuta", "bukan angka"),
    ],
)
def test_a_bad_anggaran_is_refused_naming_the_field(client, planner_a, renja_a, typed, problem):
    item = sub(renja_a)
    response = post(client, planner_a, anggaran_url(renja_a, 1, item), amount=typed)
    html = unescape(response.content.decode())
    assert f"Realisasi anggaran triwulan I «{item.name}»" in html
    assert problem in html
    assert not RealisasiAnggaran.objects.exists()
    assert not audit()


def test_a_plain_post_with_bad_input_shows_the_page_with_the_row_message(
    client, planner_a, renja_a
):
    item = sub(renja_a)
    response = post(client, planner_a, anggaran_url(renja_a, 1, item), htmx=False, amount="-5")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Realisasi dan Laporan Triwulan I Tahun 2024</h1>" in html
    assert f"«{item.name}» tidak boleh negatif" in html
    assert not RealisasiAnggaran.objects.exists()


# --- Stale edits -------------------------------------------------------------------------


def test_a_stale_revision_is_refused_showing_the_stored_value_and_keeping_the_typed(
    client, planner_a, admin, renja_a
):
    # given both loaded the row at revision 1, and the admin saved 4,5 first
    indikator = formal(renja_a)
    post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="4")
    post(client, admin, kinerja_url(renja_a, 1, indikator), value="4,5", revision="1")

    # when the operator saves from revision 1
    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="6", revision="1")

    # then nothing is written; the message, the stored 4,5% and the typed 6 are shown
    html = response.content.decode()
    assert STALE_MESSAGE in html
    assert '<strong class="stored-now">4,5%</strong>' in html
    assert 'name="value" value="6"' in html
    assert 'name="revision" value="2"' in html  # saving again overwrites deliberately
    stored = RealisasiKinerja.objects.get(indikator=indikator, triwulan=1)
    assert (stored.value, stored.revision) == (Decimal("4.5"), 2)
    assert len(audit()) == 2

    post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="6", revision="2")
    assert RealisasiKinerja.objects.get(indikator=indikator, triwulan=1).value == Decimal(6)


def test_a_row_created_meanwhile_is_a_stale_edit(client, planner_a, renja_a):
    item = sub(renja_a)
    RealisasiAnggaran.objects.create(item=item, triwulan=1, amount=Decimal("700"))
    response = post(client, planner_a, anggaran_url(renja_a, 1, item), amount="900", revision="0")
    html = response.content.decode()
    assert STALE_MESSAGE in html
    assert '<strong class="stored-now">700</strong>' in html
    assert RealisasiAnggaran.objects.get(item=item).amount == Decimal("700")


def test_a_row_cleared_meanwhile_is_a_stale_edit(client, planner_a, renja_a):
    indikator = indikator_of(renja_a)
    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="2", revision="3")
    html = response.content.decode()
    assert STALE_MESSAGE in html
    assert '<strong class="stored-now">(kosong)</strong>' in html
    assert not RealisasiKinerja.objects.exists()


# --- Who may save ------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [("viewer_a", 403), ("verifier", 403)])
@pytest.mark.parametrize("kind", ["kinerja", "anggaran"])
def test_who_sees_but_does_not_write_gets_403(client, request, renja_a, persona, status, kind):
    user = request.getfixturevalue(persona)
    if kind == "kinerja":
        response = post(client, user, kinerja_url(renja_a, 1, indikator_of(renja_a)), value="1")
    else:
        response = post(client, user, anggaran_url(renja_a, 1, sub(renja_a)), amount="1")
    assert response.status_code == status
    assert not RealisasiKinerja.objects.exists()
    assert not RealisasiAnggaran.objects.exists()


@pytest.mark.parametrize("kind", ["kinerja", "anggaran"])
def test_an_outsider_gets_404(client, outsider_b, renja_a, kind):
    if kind == "kinerja":
        url = kinerja_url(renja_a, 1, indikator_of(renja_a))
        response = post(client, outsider_b, url, value="1")
    else:
        response = post(client, outsider_b, anggaran_url(renja_a, 1, sub(renja_a)), amount="1")
    assert response.status_code == 404
    assert not RealisasiKinerja.objects.exists()
    assert not RealisasiAnggaran.objects.exists()


def test_rows_of_another_renja_a_kegiatan_or_a_bad_triwulan_are_404(
    client, planner_a, admin, renja_a, renja_b
):
    other = renja_b.items.get(level="sub_kegiatan")
    assert post(client, admin, anggaran_url(renja_a, 1, other), amount="1").status_code == 404
    kegiatan = renja_a.items.get(code="5.03.01.2.01")
    assert (
        post(client, planner_a, anggaran_url(renja_a, 1, kegiatan), amount="1").status_code == 404
    )
    indikator = indikator_of(renja_a)
    for triwulan in (0, 5):
        url = kinerja_url(renja_a, triwulan, indikator)
        assert post(client, planner_a, url, value="1").status_code == 404
    assert client.get(kinerja_url(renja_a, 1, indikator)).status_code == 405


def test_a_diverifikasi_report_refuses_edits_with_the_reason(client, planner_a, admin, renja_a):
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=1, status="diverifikasi")
    indikator = indikator_of(renja_a)

    inline = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="5")
    plain = post(client, admin, anggaran_url(renja_a, 1, sub(renja_a)), htmx=False, amount="5")

    # HTMX swaps the row only on success codes: the row says why, without an input.
    assert inline.status_code == 200
    html = inline.content.decode()
    assert "Laporan triwulan ini sudah diverifikasi dan terkunci." in html
    assert 'name="value"' not in html
    assert plain.status_code == 403
    assert "Laporan triwulan ini sudah diverifikasi dan terkunci." in plain.content.decode()
    assert not RealisasiKinerja.objects.exists()
    assert not RealisasiAnggaran.objects.exists()
    # Another triwulan stays open.
    post(client, planner_a, kinerja_url(renja_a, 2, indikator), value="5")
    assert RealisasiKinerja.objects.filter(triwulan=2).exists()


def test_a_closed_jadwal_stops_the_operator_but_not_the_admin(
    client, pemda, planner_a, admin, renja_a
):
    today = timezone.localdate()
    Jadwal.objects.create(
        pemda=pemda, year=2024, tahap=Jadwal.Tahap.TRIWULAN, triwulan=1,
        opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1),
    )  # fmt: skip
    indikator = indikator_of(renja_a)
    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="5")
    assert "sudah ditutup" in response.content.decode()
    assert not RealisasiKinerja.objects.exists()
    post(client, admin, kinerja_url(renja_a, 1, indikator), value="5")
    assert RealisasiKinerja.objects.get().value == Decimal(5)


# --- The actions refuse on their own (defence in depth) -----------------------------------


@pytest.mark.parametrize("status", ["diajukan", "diverifikasi"])
def test_every_action_refuses_a_closed_report_and_a_reader(
    planner_a, viewer_a, renja_a, status, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    indikator, item = indikator_of(renja_a), sub(renja_a)
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=1, status=status)
    writes = [
        lambda user, q: save_realisasi_kinerja(
            indikator, q, Decimal(1), acting_user=user, expected_revision=None
        ),
        lambda user, q: save_realisasi_anggaran(
            item, q, Decimal(1), acting_user=user, expected_revision=None
        ),
        lambda user, q: save_laporan(
            renja_a, q, acting_user=user, expected_revision=None, faktor_pendorong="x"
        ),
        lambda user, q: add_bukti(
            renja_a, q, SimpleUploadedFile("a.pdf", b"%PDF-1.7"),
            acting_user=user, content_type="application/pdf",
        ),
    ]  # fmt: skip
    for write in writes:
        with pytest.raises(Locked):
            write(planner_a, 1)  # the report of triwulan I is closed
        with pytest.raises(Locked):
            write(viewer_a, 2)  # a pimpinan never writes
    assert not RealisasiKinerja.objects.exists()
    assert not RealisasiAnggaran.objects.exists()
    assert LaporanTriwulan.objects.get().faktor_pendorong == ""
    assert not AuditEvent.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_the_anggaran_action_refuses_a_negative_amount_and_a_kegiatan(planner_a, renja_a):
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        save_realisasi_anggaran(
            sub(renja_a), 1, Decimal(-1), acting_user=planner_a, expected_revision=None
        )
    kegiatan = renja_a.items.get(code="5.03.01.2.01")
    with pytest.raises(ValueError, match="hanya dicatat pada sub kegiatan"):
        save_realisasi_anggaran(
            kegiatan, 1, Decimal(1), acting_user=planner_a, expected_revision=None
        )
    assert not RealisasiAnggaran.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_evidence_file_whose_commit_fails_leaves_no_file(
    planner_a, renja_a, tmp_path, settings, monkeypatch
):
    """The file is written before its row; when the commit itself fails, it goes too."""
    from django.db import DatabaseError, connection

    settings.MEDIA_ROOT = tmp_path

    def failing_commit() -> None:
        raise DatabaseError("commit gagal")

    monkeypatch.setattr(connection, "commit", failing_commit)
    with pytest.raises(DatabaseError, match="commit gagal"):
        add_bukti(
            renja_a, 2, SimpleUploadedFile("a.pdf", b"%PDF-1.7"),
            acting_user=planner_a, content_type="application/pdf",
        )  # fmt: skip
    monkeypatch.undo()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
