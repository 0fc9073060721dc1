"""The history pages of a Renja, of one indikator and of one triwulan report: an edit made
through an action shows when, who (name and role), what, before → after and the reason;
only those who may see the Renja see its history."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kinerja.audit.models import AuditEvent
from kinerja.monitoring.actions import save_realisasi_anggaran, save_realisasi_kinerja
from kinerja.monitoring.tests.pages import get_page, html_tables
from kinerja.renja.actions import save_narasi
from kinerja.renja.models import Jadwal
from kinerja.renja.transitions import approve_renja, create_perubahan, return_renja, submit_renja
from kinerja.review.actions import grant_exception

pytestmark = pytest.mark.django_db

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
REASON = "Target sub kegiatan belum sesuai DPA; perbaiki lalu ajukan lagi."


@pytest.fixture
def dokumen(renja_a):
    """The indikator of sub kegiatan 5.03.01.2.01.0001 (Jumlah Dokumen, target 18)."""
    return renja_a.items.get(code="5.03.01.2.01.0001").indikator.get()


@pytest.fixture
def edited(renja_a, planner_a, verifier, dokumen):
    """The operator reports realisasi TW I and submits; the verifier returns it with a note."""
    item = renja_a.items.get(code="5.03.01.2.01.0006")
    save_realisasi_anggaran(
        item, 1, Decimal(1000000), acting_user=planner_a, expected_revision=None
    )
    row = item.realisasi_anggaran.get(triwulan=1)
    save_realisasi_anggaran(
        item, 1, Decimal("2500000.50"), acting_user=planner_a, expected_revision=row.revision
    )
    save_realisasi_kinerja(
        dokumen, 1, Decimal("7.5"), acting_user=planner_a, expected_revision=None
    )
    submit_renja(renja_a, acting_user=planner_a)
    return_renja(renja_a, acting_user=verifier, note=REASON)
    return renja_a


def history(client, user, name, *args):
    response = get_page(client, user, reverse(f"dashboard:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def rows(text):
    return html_tables(text)["riwayat"].rows


def test_a_change_shows_when_who_what_before_after_and_the_reason(client, viewer_a, edited):
    text = history(client, viewer_a, "history_renja", edited.pk)
    row = rows(text)[0]  # newest first: the verifier's return
    when, who, what, reason = (cell.text for cell in row)
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.STATUS_CHANGED).latest("id")
    local = timezone.localtime(event.event_time)
    assert when.startswith(f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H.%M}")
    assert when.endswith("WIB")
    assert who == "Verifikator Verifikator Bappeda"
    assert what.startswith("Status diubah Renja: Renja BKPSDM 2024")
    assert "Status: Diajukan → menjadi Dikembalikan" in what  # arrow, and words for readers
    assert f"Catatan verifikator: (kosong) → menjadi {REASON}" in what
    assert reason == REASON
    submitted = rows(text)[1]
    assert submitted[1].text == "Operator A Operator OPD BKPSDM"
    assert "Status: Draf → menjadi Diajukan" in submitted[2].text


def test_numbers_read_in_indonesian_format(client, verifier, edited):
    whats = [row[2].text for row in rows(history(client, verifier, "history_renja", edited.pk))]
    assert any("Realisasi anggaran: 1.000.000 → menjadi 2.500.000,50" in w for w in whats)
    assert any("Realisasi anggaran: (kosong) → menjadi 1.000.000" in w for w in whats)
    assert any("Realisasi: (kosong) → menjadi 7,5" in w for w in whats)
    assert not any("2500000" in w or "7.5" in w for w in whats)  # no raw figure anywhere


def test_the_renja_history_has_the_narasi_and_the_newest_first(client, viewer_a, edited, planner_a):
    save_narasi(edited, acting_user=planner_a, expected_version=0, penutup="Demikian.")
    texts = [row[2].text for row in rows(history(client, viewer_a, "history_renja", edited.pk))]
    assert texts[0].startswith("Narasi Renja disimpan")
    assert "Penutup: (kosong) → menjadi Demikian." in texts[0]
    # narasi, return, submit, the indikator's decimals raised by 7,5, kinerja, anggaran twice
    assert len(texts) == 7
    assert any("Desimal: 0 → menjadi 1" in text for text in texts)


def test_a_perubahan_shows_in_the_history_of_the_renja_it_amends(
    client, planner_a, verifier, renja_a
):
    submit_renja(renja_a, acting_user=planner_a)
    approve_renja(renja_a, acting_user=verifier)
    new = create_perubahan(renja_a, acting_user=planner_a, reason="Pergeseran anggaran APBD-P")
    for renja in (renja_a, new):
        row = rows(history(client, planner_a, "history_renja", renja.pk))[0]
        assert row[2].text.startswith("Perubahan Renja dibuat")
        assert "Perubahan dari versi: 1" in row[2].text
        assert row[3].text == "Pergeseran anggaran APBD-P"


def test_a_jadwal_exception_for_the_opd_shows_in_its_renja_history(
    client, planner_a, admin, renja_a
):
    today = timezone.localdate()
    jadwal = Jadwal.objects.create(
        pemda_id=renja_a.perangkat_daerah.pemda_id,
        year=2024,
        tahap=Jadwal.Tahap.RENJA,
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=1),
    )
    until = today + timedelta(days=7)
    grant_exception(
        jadwal,
        renja_a.perangkat_daerah,
        until=until,
        reason="Server SIPD gangguan",
        acting_user=admin,
    )
    (row,) = rows(history(client, planner_a, "history_renja", renja_a.pk))
    assert row[2].text.startswith("Pengecualian jadwal diberikan")
    assert f"Dibuka sampai: (kosong) → menjadi {date_format(until, 'j F Y')}" in row[2].text
    assert row[3].text == "Server SIPD gangguan"


def test_the_indikator_history_has_its_own_realisasi_only(client, planner_a, edited, dokumen):
    save_realisasi_kinerja(
        dokumen, 2, Decimal("10.25"), acting_user=planner_a, expected_revision=None
    )
    whats = [
        row[2].text for row in rows(history(client, planner_a, "history_indikator", dokumen.pk))
    ]
    # not the anggaran nor the Renja's status; each realisasi with more decimals than the
    # indikator printed raised its decimals (10,25: 1 → 2, after 7,5: 0 → 1), newest first
    assert len(whats) == 4
    assert "Desimal: 1 → menjadi 2" in whats[0]
    assert "Realisasi: (kosong) → menjadi 10,25" in whats[1]
    assert "Triwulan: Triwulan II" in whats[1]
    assert "Desimal: 0 → menjadi 1" in whats[2]
    assert "Realisasi: (kosong) → menjadi 7,5" in whats[3]
    assert whats[3].startswith("Realisasi disimpan Realisasi kinerja: Jumlah Dokumen TW 1 ")
    # the object's label loses its raw figure ("… TW 1: 7.5"), printed in the change
    assert "7.5" not in whats[3]


def test_the_triwulan_history_has_that_triwulans_report_only(client, planner_a, edited):
    item = edited.items.get(code="5.03.01.2.01.0006")
    save_realisasi_anggaran(item, 2, Decimal(300000), acting_user=planner_a, expected_revision=None)
    second = [
        row[2].text for row in rows(history(client, planner_a, "history_laporan", edited.pk, 2))
    ]
    assert len(second) == 1
    assert "Realisasi anggaran: (kosong) → menjadi 300.000" in second[0]
    first = [
        row[2].text for row in rows(history(client, planner_a, "history_laporan", edited.pk, 1))
    ]
    assert len(first) == 3  # kinerja and anggaran twice; the Renja's status is not the report's
    assert not any("300.000" in w for w in first)
    assert "Belum ada perubahan yang tercatat." in history(
        client, planner_a, "history_laporan", edited.pk, 3
    )


def test_htmx_gets_the_history_fragment_only(client, planner_a, edited):
    planner_a.refresh_from_db()
    client.force_login(planner_a)
    url = reverse("dashboard:history_renja", args=[edited.pk])
    text = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert text.lstrip().startswith('<section class="history"')
    assert "Status: Diajukan → menjadi Dikembalikan" in rows(text)[0][2].text
    assert "<html" not in text


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("history_renja", lambda renja, dokumen: [renja.pk]),
        ("history_indikator", lambda renja, dokumen: [dokumen.pk]),
        ("history_laporan", lambda renja, dokumen: [renja.pk, 1]),
    ],
)
def test_an_outsider_gets_404_and_sees_nothing(client, outsider_b, edited, dokumen, name, args):
    response = get_page(
        client, outsider_b, reverse(f"dashboard:{name}", args=args(edited, dokumen))
    )
    assert response.status_code == 404
    assert REASON not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        lambda renja, dokumen: reverse("dashboard:history_renja", args=[renja.pk + 99]),
        lambda renja, dokumen: reverse("dashboard:history_indikator", args=[dokumen.pk + 999]),
        lambda renja, dokumen: reverse("dashboard:history_laporan", args=[renja.pk, 5]),
    ],
)
def test_missing_objects_are_404(client, superuser, renja_a, dokumen, url):
    assert get_page(client, superuser, url(renja_a, dokumen)).status_code == 404


def test_signing_in_is_required(client, renja_a):
    response = client.get(reverse("dashboard:history_renja", args=[renja_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_history_link_include_points_at_each_kind_of_history(renja_a, dokumen):
    from django.template.loader import render_to_string

    def link(**context):
        return render_to_string("dashboard/_history_link.html", context)

    assert reverse("dashboard:history_renja", args=[renja_a.pk]) in link(object=renja_a)
    assert reverse("dashboard:history_indikator", args=[dokumen.pk]) in link(object=dokumen)
    laporan = reverse("dashboard:history_laporan", args=[renja_a.pk, 3])
    assert laporan in link(object=renja_a, report_triwulan=3)
    inline = link(object=renja_a, history_inline=True)
    assert 'hx-get="' in inline
    assert 'class="history-panel"' in inline
    assert link(object=renja_a.perangkat_daerah).strip() == ""


def test_a_cleared_realisasi_stays_in_the_renja_and_indikator_history(
    client, planner_a, renja_a, dokumen
):
    save_realisasi_kinerja(dokumen, 1, Decimal(9), acting_user=planner_a, expected_revision=None)
    row = dokumen.realisasi.get(triwulan=1)
    save_realisasi_kinerja(dokumen, 1, None, acting_user=planner_a, expected_revision=row.revision)
    assert not dokumen.realisasi.exists()
    for name, args in (("history_renja", [renja_a.pk]), ("history_indikator", [dokumen.pk])):
        texts = [" ".join(c.text for c in r) for r in rows(history(client, planner_a, name, *args))]
        cleared = [text for text in texts if "9 → " in text]
        assert cleared, name
