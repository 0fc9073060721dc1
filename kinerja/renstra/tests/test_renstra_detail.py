"""The Renstra page: tujuan → sasaran and the program tree with yearly targets and realisasi."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def renstra_page(client, user, renstra_id):
    client.force_login(user)
    return client.get(reverse("renstra:detail", args=[renstra_id]))


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "admin", "verifier", "superuser"])
def test_members_admin_and_verifier_see_the_renstra(client, request, renstra_a, persona):
    response = renstra_page(client, request.getfixturevalue(persona), renstra_a.pk)
    assert response.status_code == 200


def test_an_outsider_gets_404(client, outsider_b, renstra_a):
    assert renstra_page(client, outsider_b, renstra_a.pk).status_code == 404


def test_a_missing_renstra_is_404(client, admin, renstra_a):
    assert renstra_page(client, admin, renstra_a.pk + 1000).status_code == 404


def test_every_renstra_year_has_a_column(client, planner_a, renstra_a):
    text = renstra_page(client, planner_a, renstra_a.pk).content.decode()
    for year in range(2021, 2027):
        assert f"<th>{year}</th>" in text


def test_indikator_show_satuan_semantics_and_kondisi_akhir(client, planner_a, renstra_a):
    text = renstra_page(client, planner_a, renstra_a.pk).content.decode()
    assert "Indeks Profesionalitas ASN" in text
    assert "Indeks; positif (makin tinggi makin baik); non kumulatif (nilai terakhir)" in text
    assert 'class="num">83<' in text  # kondisi akhir
    assert 'class="num">11,6%<' in text  # kondisi akhir of a percentage, one decimal


def test_targets_and_realisasi_print_in_indonesian_format(client, planner_a, renstra_a):
    text = renstra_page(client, planner_a, renstra_a.pk).content.decode()
    assert 'class="num">10,3%<' in text
    assert 'class="num">9,7%<' in text
    assert 'class="num">1.250<' in text


def test_a_realisasi_that_is_only_a_note_prints_a_dash_and_a_footnote(client, planner_a, renstra_a):
    text = renstra_page(client, planner_a, renstra_a.pk).content.decode()
    assert '<abbr title="6I">–</abbr><sup><a href="#catatan-1"' in text
    assert '<li id="catatan-1" value="1">6I</li>' in text


def test_the_item_tree_shows_codes_and_indikator(client, planner_a, renstra_a):
    text = renstra_page(client, planner_a, renstra_a.pk).content.decode()
    assert ">5.03.02<" in text
    assert ">5.03.02.2.01.0003<" in text
    assert "Jumlah Dokumen Sistem Informasi" in text


def test_the_page_queries_do_not_grow_with_the_renstra(client, planner_a, renstra_a):
    client.force_login(planner_a)
    url = reverse("renstra:detail", args=[renstra_a.pk])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    tujuan = renstra_a.tujuan.create(name="Tujuan kedua")
    sasaran = tujuan.sasaran.create(name="Sasaran kedua")
    for owner in ({"tujuan": tujuan}, {"sasaran": sasaran}):
        indikator = renstra_a.indikator.create(
            name="Baru", satuan="%", jenis="persentase", polaritas="positif", sifat="rata_rata",
            **owner,
        )  # fmt: skip
        indikator.targets.create(year=2022, value=1)
        indikator.realisasi.create(year=2022, note="tidak terbaca")
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
