"""What every evaluation page of a Renja shares: access, sub-navigation, banner, queries."""

import pytest
from django.urls import reverse

from kinerja.monitoring.tests.pages import PAGES, count_queries, get_page, page_url
from kinerja.testing import build_renja, synthetic_programs

PERSONAS_WHO_SEE_OPD_A = ["planner_a", "viewer_a", "verifier", "admin", "superuser"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", PERSONAS_WHO_SEE_OPD_A)
def test_members_verifier_and_admin_see_each_page(client, request, renja_a, page, persona):
    response = get_page(client, request.getfixturevalue(persona), page_url(page, renja_a.pk))
    assert response.status_code == 200
    assert "Halaman tidak ditemukan" not in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_an_outsider_gets_404_and_no_figures(client, outsider_b, renja_a, page):
    response = get_page(client, outsider_b, page_url(page, renja_a.pk))
    assert response.status_code == 404
    text = response.content.decode()
    assert "Halaman tidak ditemukan" in text
    assert "2.202.923.324" not in text
    assert "BKPSDM" not in text.replace("Operator B", "")


@pytest.mark.parametrize("page", PAGES)
def test_a_missing_renja_is_404(client, admin, renja_a, page):
    assert get_page(client, admin, page_url(page, renja_a.pk + 1000)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_signing_in_is_required(client, renja_a, page):
    response = client.get(page_url(page, renja_a.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_links_every_other_and_the_renja(client, planner_a, renja_a, page):
    text = get_page(client, planner_a, page_url(page, renja_a.pk)).content.decode()
    assert f'href="{reverse("renja:detail", args=[renja_a.pk])}"' in text
    for other in PAGES:
        assert f'href="{page_url(other, renja_a.pk)}' in text
    assert f'href="{page_url(page, renja_a.pk)}' in text.split('aria-current="page"')[0][-200:]


def test_the_renja_page_links_the_evaluation_pages(client, planner_a, renja_a):
    text = get_page(client, planner_a, reverse("renja:detail", args=[renja_a.pk])).content
    for page in PAGES:
        assert f'href="{page_url(page, renja_a.pk)}"'.encode() in text


@pytest.mark.parametrize("page", PAGES)
def test_example_realisasi_are_announced(client, planner_a, renja_a, page):
    banner = "Realisasi triwulan pada Renja ini adalah data contoh."
    url = page_url(page, renja_a.pk)
    assert banner not in get_page(client, planner_a, url).content.decode()
    renja_a.laporan.create(triwulan=2, is_example=True)
    assert banner in get_page(client, planner_a, url).content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_every_table_prints_its_footnotes(client, planner_a, renja_a, page):
    text = get_page(client, planner_a, page_url(page, renja_a.pk)).content.decode()
    assert '<ol class="footnotes"><li>' in text
    assert text.count('<ol class="footnotes">') == text.count("<table ")


@pytest.mark.parametrize("page", PAGES)
def test_the_queries_do_not_grow_with_the_plan(client, superuser, small_renja, demo_renja, page):
    client.force_login(superuser)
    small = count_queries(client, page_url(page, small_renja.pk))
    demo = count_queries(client, page_url(page, demo_renja.pk))
    assert small == demo
    assert demo <= 20


def test_the_queries_do_not_grow_with_a_synthetic_plan(client, planner_a, renstra_a):
    small = build_renja(renstra_a, programs=synthetic_programs(1, 1, 1))
    large = build_renja(renstra_a, programs=synthetic_programs(3, 4, 5), stage="rancangan")
    client.force_login(planner_a)
    for page in PAGES:
        assert count_queries(client, page_url(page, small.pk)) == count_queries(
            client, page_url(page, large.pk)
        ), page
