"""The Bappeda page: every OPD of a pemda with a Renja for the year, compared at a triwulan."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran
from kinerja.monitoring.tests.pages import count_queries, get_page, html_tables, page_url
from kinerja.renja.models import Renja
from kinerja.testing import build_renja, build_renstra, synthetic_programs


def pemda_url(pemda_id, year=2024, query=""):
    return reverse("monitoring:pemda", args=[pemda_id, year]) + query


def rekap(client, user, pemda_id, query=""):
    response = get_page(client, user, pemda_url(pemda_id, query=query))
    assert response.status_code == 200
    return response.content.decode()


def opd_names(text):
    return [row[1].text.split()[0] for row in html_tables(text)["rekap"].rows[:-1]]


@pytest.mark.parametrize("persona", ["verifier", "admin", "superuser"])
def test_bappeda_roles_see_the_page(client, request, pemda, renja_a, persona):
    rekap(client, request.getfixturevalue(persona), pemda.pk)


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "outsider_b"])
def test_opd_roles_get_404(client, request, pemda, renja_a, persona):
    response = get_page(client, request.getfixturevalue(persona), pemda_url(pemda.pk))
    assert response.status_code == 404
    assert "2.202.923.324" not in response.content.decode()


def test_another_pemda_and_a_missing_one_are_404(client, verifier, other_pemda_opd):
    assert get_page(client, verifier, pemda_url(other_pemda_opd.pemda_id)).status_code == 404
    assert get_page(client, verifier, pemda_url(other_pemda_opd.pemda_id + 99)).status_code == 404


def test_signing_in_is_required(client, pemda):
    response = client.get(pemda_url(pemda.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_demo_opd_with_its_capaian_serapan_and_link(client, verifier, demo_renja):
    pemda_id = demo_renja.perangkat_daerah.pemda_id
    text = rekap(client, verifier, pemda_id)
    assert "Tahun 2024, Triwulan IV" in text  # the latest triwulan with realisasi
    row = html_tables(text)["rekap"].row_with("BKPSDM")
    texts = [cell.text for cell in row]
    assert texts[2:9] == [
        "96,47", "Sangat Tinggi", "15.119.920.991", "13.279.509.000", "87,83", "39", "0",
    ]  # fmt: skip
    assert "predikat-sangat-tinggi" in row[2].css
    assert "predikat-sangat-tinggi" in row[3].css
    assert f'href="{page_url("e81", demo_renja.pk, "?triwulan=4")}"' in text
    assert "data contoh" in texts[1]


def test_the_figures_equal_the_opd_pages(client, verifier, demo_renja):
    pemda_id = demo_renja.perangkat_daerah.pemda_id
    row = html_tables(rekap(client, verifier, pemda_id, "?triwulan=2"))["rekap"].rows[0]
    e81 = get_page(client, verifier, page_url("e81", demo_renja.pk, "?triwulan=2"))
    average = html_tables(e81.content.decode())["E.81"].row_with("Rata-rata capaian kinerja")
    assert row[2].text == [c.text for c in average if "percent" in c.css][-1]
    serapan = get_page(client, verifier, page_url("serapan", demo_renja.pk, "?triwulan=2"))
    total = html_tables(serapan.content.decode())["serapan"].rows[-1]
    assert [row[4].text, row[5].text, row[6].text] == [c.text for c in total[2:3] + total[7:9]]


@pytest.fixture
def three_opds(pemda, opd_a, opd_b, renja_a):
    """OPD A (seed programs, nothing reported), B (1 sub kegiatan, half spent) and C."""
    renja_b = build_renja(build_renstra(opd_b), programs=synthetic_programs(1, 1, 1))
    sub = renja_b.items.get(level="sub_kegiatan")
    RealisasiAnggaran.objects.create(item=sub, triwulan=1, amount=Decimal(500000))
    RealisasiAnggaran.objects.create(item=sub, triwulan=2, amount=Decimal(100000))
    sub.indikator.get().realisasi.create(triwulan=1, value=1)
    opd_c = pemda.perangkat_daerah.create(
        code="DISDIK", short_name="Disdik", name="Dinas Pendidikan"
    )
    renja_c = build_renja(build_renstra(opd_c), programs=synthetic_programs(1, 1, 2))
    for item in renja_c.items.filter(level="sub_kegiatan"):
        RealisasiAnggaran.objects.create(item=item, triwulan=1, amount=Decimal(900000))
    return renja_a, renja_b, renja_c


def test_every_opd_with_a_renja_is_listed_by_name(client, verifier, pemda, three_opds):
    text = rekap(client, verifier, pemda.pk, "?triwulan=2")
    assert opd_names(text) == ["BKPSDM", "Dinkes", "Disdik"]
    dinkes = html_tables(text)["rekap"].row_with("Dinkes")
    assert [c.text for c in dinkes[2:9]] == [
        "100,00", "Sangat Tinggi", "1.000.000", "600.000", "60,00", "1", "0",
    ]  # fmt: skip
    bkpsdm = html_tables(text)["rekap"].row_with("BKPSDM")
    assert bkpsdm[2].text == "–"
    assert bkpsdm[2].title.startswith("Tidak ada indikator dengan capaian berangka")
    assert bkpsdm[6].text == "–"
    assert [bkpsdm[7].text, bkpsdm[8].text] == ["0", "9"]  # nine sub kegiatan
    assert "Jumlah 3 perangkat daerah" in text
    total = html_tables(text)["rekap"].rows[-1]  # its label is a header cell
    assert [c.text for c in total] == ["2.205.923.324", "2.400.000", "0,11", ""]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("opd", ["BKPSDM", "Dinkes", "Disdik"]),
        ("-opd", ["Disdik", "Dinkes", "BKPSDM"]),
        ("-serapan", ["Disdik", "Dinkes", "BKPSDM"]),  # 90% > 60% > none (always last)
        ("serapan", ["Dinkes", "Disdik", "BKPSDM"]),
        ("-pagu", ["BKPSDM", "Disdik", "Dinkes"]),
        ("capaian", ["Dinkes", "BKPSDM", "Disdik"]),  # only Dinkes has a capaian
        ("-tanpa", ["BKPSDM", "Disdik", "Dinkes"]),
        ("tidak-ada", ["BKPSDM", "Dinkes", "Disdik"]),  # unknown: by name
    ],
)
def test_the_table_sorts_by_each_column(client, verifier, pemda, three_opds, order, expected):
    text = rekap(client, verifier, pemda.pk, f"?triwulan=2&urut={order}")
    assert opd_names(text) == expected


def test_the_headers_link_to_their_sort_and_mark_it(client, verifier, pemda, three_opds):
    text = rekap(client, verifier, pemda.pk, "?triwulan=2&urut=-serapan")
    assert 'aria-sort="descending"><a class="sort" href="?triwulan=2&amp;urut=serapan">' in text
    assert 'href="?triwulan=2&amp;urut=-capaian"' in text
    assert 'href="?triwulan=2&amp;urut=opd"' in text


def test_the_triwulan_changes_the_figures(client, verifier, pemda, three_opds):
    first = html_tables(rekap(client, verifier, pemda.pk, "?triwulan=1"))["rekap"]
    assert first.row_with("Dinkes")[6].text == "50,00"
    second = html_tables(rekap(client, verifier, pemda.pk, "?triwulan=2"))["rekap"]
    assert second.row_with("Dinkes")[6].text == "60,00"


def test_the_default_triwulan_is_the_latest_of_any_opd(client, verifier, pemda, three_opds):
    assert "Triwulan II" in rekap(client, verifier, pemda.pk)
    LaporanTriwulan.objects.create(renja=three_opds[2], triwulan=3)
    assert "Triwulan III" in rekap(client, verifier, pemda.pk)


@pytest.mark.parametrize("value", ["0", "5", "x"])
def test_an_invalid_triwulan_is_404(client, verifier, pemda, renja_a, value):
    response = get_page(client, verifier, pemda_url(pemda.pk, query=f"?triwulan={value}"))
    assert response.status_code == 404


def test_the_renja_that_counts_is_the_furthest_stage(client, verifier, pemda, renja_a):
    draft = build_renja(renja_a.renstra, programs=synthetic_programs(1, 1, 1), stage="rancangan")
    text = rekap(client, verifier, pemda.pk)
    assert opd_names(text) == ["BKPSDM"]
    assert "Final, versi 1" in text
    assert f'href="{page_url("e81", renja_a.pk, "?triwulan=1")}"' in text
    assert page_url("e81", draft.pk) not in text


def test_a_year_without_renja_lists_nothing(client, verifier, pemda, renja_a):
    response = get_page(client, verifier, pemda_url(pemda.pk, year=2030))
    assert "Belum ada perangkat daerah dengan Renja tahun 2030." in response.content.decode()


def test_the_pemda_link_opens_the_latest_year(client, verifier, pemda, renja_a):
    build_renja(renja_a.renstra, year=2025, programs=synthetic_programs(1, 1, 1))
    response = get_page(client, verifier, reverse("monitoring:pemda_latest", args=[pemda.pk]))
    assert response.status_code == 302
    assert response["Location"] == pemda_url(pemda.pk, year=2025)


def test_the_pemda_link_is_404_for_opd_roles(client, planner_a, pemda):
    response = get_page(client, planner_a, reverse("monitoring:pemda_latest", args=[pemda.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("persona", "linked"),
    [("verifier", True), ("admin", True), ("planner_a", False), ("viewer_a", False)],
)
def test_the_home_page_links_the_page_for_bappeda_roles(client, request, opd_a, persona, linked):
    text = get_page(client, request.getfixturevalue(persona), reverse("home")).content.decode()
    assert (reverse("monitoring:pemda_latest", args=[opd_a.pemda_id]) in text) is linked


def test_the_queries_do_not_grow_with_the_plans(client, superuser, small_renja, demo_renja):
    client.force_login(superuser)
    small = count_queries(client, pemda_url(small_renja.perangkat_daerah.pemda_id))
    demo = count_queries(client, pemda_url(demo_renja.perangkat_daerah.pemda_id))
    assert small == demo
    assert Renja.objects.filter(year=2024).count() == 2  # one OPD in each pemda


def test_before_triwulan_4_the_page_warns_the_predikat_is_early(client, verifier, pemda, renja_a):
    warning = "diukur terhadap target satu tahun"
    assert warning in rekap(client, verifier, pemda.pk, "?triwulan=2")
    assert "Realisasi anggaran s/d Triwulan II (Rp)" in rekap(
        client, verifier, pemda.pk, "?triwulan=2"
    )
    assert warning not in rekap(client, verifier, pemda.pk, "?triwulan=4")
