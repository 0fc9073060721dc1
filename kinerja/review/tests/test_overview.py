"""Bappeda's overview: every OPD with its Renja and report statuses for a year, who changed
them and when, what is late or returned, filters, links; only for verifiers and admins."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from kinerja.monitoring.workflow import return_report, submit_report
from kinerja.renja.models import JadwalPengecualian, Renja
from kinerja.renja.transitions import create_perubahan, return_renja, submit_renja
from kinerja.review.queries import overview
from kinerja.review.tests.conftest import report_with_status, window, with_status

pytestmark = pytest.mark.django_db


def overview_url(pemda, year=2024, status=""):
    url = reverse("review:overview", args=[pemda.pk, year])
    return f"{url}?status={status}" if status else url


def rows_of(html):
    """Each table row of the overview as its text, whitespace collapsed."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


@pytest.mark.parametrize(("persona", "status"), [
    ("verifier", 200), ("admin", 200), ("superuser", 200),
    ("planner_a", 404), ("viewer_a", 404), ("outsider_b", 404),
])  # fmt: skip
def test_only_the_pemda_s_reviewers_see_it(request, signed_in, pemda, renja_a, persona, status):
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(overview_url(pemda)).status_code == status
    index = client.get(reverse("review:index"))
    assert index.status_code == (302 if status == 200 else 404)


def test_anonymous_users_are_sent_to_sign_in(client, pemda):
    response = client.get(overview_url(pemda))
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def test_the_index_opens_the_latest_year_with_a_renja(signed_in, verifier, pemda, renja_a):
    response = signed_in(verifier).get(reverse("review:index"))
    assert response["Location"] == overview_url(pemda, 2024)


def test_a_pemda_of_someone_else_is_not_found(signed_in, verifier, other_pemda_opd):
    url = overview_url(other_pemda_opd.pemda)
    assert signed_in(verifier).get(url).status_code == 404


def test_it_lists_every_opd_with_its_statuses_and_who_changed_them(
    signed_in, pemda, planner_a, verifier, renja_a, opd_b
):
    submit_renja(renja_a, acting_user=planner_a)
    return_renja(renja_a, acting_user=verifier, note="Lengkapi target IP ASN.")
    submit_report(renja_a, 1, acting_user=planner_a)

    response = signed_in(verifier).get(overview_url(pemda))

    html = response.content.decode()
    rows = rows_of(html)
    assert len(rows) == 2
    bkpsdm, dinkes = rows
    assert bkpsdm.startswith("1 BKPSDM")
    assert "Dikembalikan Verifikator" in bkpsdm  # the Renja, returned by the verifier
    assert "“Lengkapi target IP ASN.”" in bkpsdm
    assert "Diajukan Operator A" in bkpsdm  # report TW 1
    assert bkpsdm.count("Draf") == 3  # reports TW 2–4
    assert dinkes.startswith("2 Dinkes")
    assert "Belum ada Renja" in dinkes
    # each status links to its review page, the OPD to its Renja
    assert reverse("review:renja", args=[renja_a.pk]) in html
    assert reverse("review:report", args=[renja_a.pk, 1]) in html
    assert reverse("review:report", args=[renja_a.pk, 4]) in html
    assert reverse("renja:detail", args=[renja_a.pk]) in html
    when = renja_a.laporan.get(triwulan=1).status_changed_at
    with translation.override("id"):
        assert f"Operator A, {date_format(timezone.localtime(when), 'j M Y H.i')}" in html


def test_late_means_a_closed_window_and_work_still_with_the_opd(
    signed_in, pemda, opd_a, opd_b, planner_a, verifier, renja_a, renja_b
):
    # given the Renja window closed yesterday: A has submitted, B has not
    window(pemda, days_ago_closed=1)
    with_status(renja_a, "diajukan")
    # TW 1 closed: A returned (late), B's exception runs; TW 2 still open
    tw1 = window(pemda, days_ago_closed=3, tahap="triwulan", triwulan=1)
    window(pemda, days_ago_closed=-5, tahap="triwulan", triwulan=2)
    report_with_status(renja_a, 1, "dikembalikan")
    until = timezone.localdate()
    JadwalPengecualian.objects.create(jadwal=tw1, perangkat_daerah=opd_b, until=until, reason="x")

    rows = {row.opd.pk: row for row in overview(pemda, 2024, timezone.localdate())}

    a, b = rows[opd_a.pk], rows[opd_b.pk]
    assert not a.renja_cell.late
    assert b.renja_cell.late
    assert a.reports[0].late
    assert a.reports[0].status == "dikembalikan"
    assert not b.reports[0].late
    assert b.reports[0].extended_until == until
    assert not a.reports[1].late
    assert not b.reports[1].late
    assert not a.reports[2].late  # no window set
    html = signed_in(verifier).get(overview_url(pemda, status="terlambat")).content.decode()
    assert len(rows_of(html)) == 2
    assert html.count(">Terlambat</span>") == 2
    assert f"diperpanjang s/d {until:%d-%m-%Y}" in html


def test_an_opd_without_a_renja_is_late_once_the_renja_window_closed(pemda, opd_b):
    window(pemda, days_ago_closed=1)
    [row] = overview(pemda, 2024, timezone.localdate())
    assert (row.renja, row.renja_cell.status, row.renja_cell.late) == (None, "belum", True)
    assert not any(cell.late for cell in row.reports)  # no triwulan window


@pytest.mark.parametrize(("chosen", "expected"), [
    ("", ["BKPSDM", "Dinkes"]),
    ("diajukan", ["BKPSDM"]),
    ("dikembalikan", ["Dinkes"]),
    ("selesai", ["BKPSDM"]),
    ("draf", ["BKPSDM", "Dinkes"]),  # reports not submitted yet
    ("terlambat", []),
    ("tidak-dikenal", ["BKPSDM", "Dinkes"]),
])  # fmt: skip
def test_filters_keep_the_opds_with_a_matching_status(
    signed_in, verifier, pemda, renja_a, renja_b, chosen, expected
):
    with_status(renja_a, "diajukan")
    report_with_status(renja_a, 1, "diverifikasi")
    with_status(renja_b, "dikembalikan")

    html = signed_in(verifier).get(overview_url(pemda, status=chosen)).content.decode()

    assert [row.split()[1] for row in rows_of(html) if row.split()[0].isdigit()] == expected
    assert "Menunggu verifikasi (1)" in html
    assert "Dikembalikan (1)" in html


def test_reports_stay_with_the_version_they_were_recorded_on(pemda, planner_a, verifier, renja_a):
    # given TW 1 reported and returned on version 1, then a perubahan of it
    submit_report(renja_a, 1, acting_user=planner_a)
    return_report(renja_a, 1, acting_user=verifier, note="Bukti kurang.")
    with_status(renja_a, "disetujui")
    new = create_perubahan(renja_a, acting_user=planner_a, reason="APBD-P")

    [row] = overview(pemda, 2024, timezone.localdate())

    assert row.renja == new
    assert row.renja_cell.status == "draf"
    assert (row.reports[0].status, row.reports[0].renja_id) == ("dikembalikan", renja_a.pk)
    assert row.reports[0].change is not None
    assert row.reports[0].change.by == "Verifikator"
    assert (row.reports[1].status, row.reports[1].renja_id) == ("draf", new.pk)


def test_the_year_picker_offers_years_with_renja_or_jadwal(signed_in, verifier, pemda, renja_a):
    window(pemda, year=2027)
    html = signed_in(verifier).get(overview_url(pemda)).content.decode()
    for year in (2024, 2027, timezone.localdate().year):
        assert f'href="{overview_url(pemda, year)}"' in html
    assert signed_in(verifier).get(overview_url(pemda, 1900)).status_code == 404


def test_the_overview_costs_a_fixed_number_of_queries(
    django_assert_max_num_queries, pemda, renja_a, renja_b, planner_a
):
    submit_renja(renja_a, acting_user=planner_a)
    for triwulan in (1, 2, 3):
        submit_report(renja_a, triwulan, acting_user=planner_a)
    with django_assert_max_num_queries(7):
        overview(pemda, 2024, timezone.localdate())


def test_the_renja_shown_is_the_furthest_stage(pemda, renstra_a, renja_a):
    Renja.objects.create(
        perangkat_daerah=renja_a.perangkat_daerah, renstra=renstra_a, year=2024,
        stage=Renja.Stage.RANCANGAN,
    )  # fmt: skip
    [row] = overview(pemda, 2024, timezone.localdate())
    assert row.renja == renja_a
