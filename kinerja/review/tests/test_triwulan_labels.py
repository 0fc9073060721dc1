"""The review pages print a triwulan as I–IV, like the rest of the app (their URLs keep
1–4), and the realisasi page prints times as the review pages do ("9 Juli 2024, 04.58")."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.monitoring.models import Bukti, LaporanTriwulan
from kinerja.renja.models import JadwalPengecualian
from kinerja.review.tests.conftest import window

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def text(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_report_page_picks_the_triwulan_by_roman_numeral(signed_in, verifier, renja_a):
    html = text(signed_in(verifier).get(reverse("review:report", args=[renja_a.pk, 3])))
    start = html.index('class="triwulan-picker"')
    picker = html[start : html.index("</nav>", start)]
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]*)</a>', picker)
    assert [(href, label) for href, _, label in links] == [
        (reverse("review:report", args=[renja_a.pk, number]), roman)
        for number, roman in [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
    ]
    assert [label for _, current, label in links if current] == ["III"]


def test_the_overview_heads_the_reports_by_roman_numeral(signed_in, verifier, pemda, renja_a):
    html = text(signed_in(verifier).get(reverse("review:overview", args=[pemda.pk, 2024])))
    headers = re.findall(r"Laporan TW (\S+?)(?:<|\s)", html)
    assert headers == ["I", "II", "III", "IV"]


def test_an_exception_names_its_triwulan_by_roman_numeral(signed_in, admin, pemda, opd_a):
    jadwal = window(pemda, tahap="triwulan", triwulan=2)
    JadwalPengecualian.objects.create(
        jadwal=jadwal,
        perangkat_daerah=opd_a,
        until=timezone.localdate() + timedelta(days=7),
        reason="Server OPD rusak",
        granted_by=admin,
    )
    html = text(signed_in(admin).get(reverse("review:jadwal", args=[pemda.pk, 2024])))
    row = html[html.index("Server OPD rusak") - 400 : html.index("Server OPD rusak")]
    assert "Laporan triwulan II</td>" in row


def test_the_realisasi_page_prints_times_like_the_review_page(
    signed_in, planner_a, verifier, renja_a
):
    when = datetime(2024, 7, 9, 4, 58, tzinfo=JAKARTA)
    laporan = LaporanTriwulan.objects.create(
        renja=renja_a, triwulan=2, status="diajukan", status_changed_at=when
    )
    bukti = Bukti.objects.create(laporan=laporan, file="bukti/2024/x.pdf", original_name="x.pdf")
    Bukti.objects.filter(pk=bukti.pk).update(uploaded_at=when)
    review = text(signed_in(verifier).get(reverse("review:report", args=[renja_a.pk, 2])))
    realisasi = text(
        signed_in(planner_a).get(reverse("monitoring:realisasi", args=[renja_a.pk, 2]))
    )
    assert "sejak 9 Juli 2024, 04.58" in review
    assert "sejak 9 Juli 2024, 04.58" in realisasi
    assert "9 Jul 2024 04.58" in realisasi  # the bukti's upload, as the overview prints a change
    assert "04:58" not in realisasi
