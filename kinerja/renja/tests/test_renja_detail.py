"""The Renja page: Tabel 4.1 with computed totals in Indonesian format, for those who may see it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.testing import build_renja, synthetic_programs


def renja_page(client, user, renja_id):
    client.force_login(user)
    return client.get(reverse("renja:detail", args=[renja_id]))


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "admin", "verifier", "superuser"])
def test_members_admin_and_verifier_see_the_renja(client, request, renja_a, persona):
    response = renja_page(client, request.getfixturevalue(persona), renja_a.pk)
    assert response.status_code == 200


def test_an_outsider_gets_404(client, outsider_b, renja_a):
    response = renja_page(client, outsider_b, renja_a.pk)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    assert "1.590.078.504" not in response.content.decode()


def test_a_missing_renja_is_404(client, admin, renja_a):
    assert renja_page(client, admin, renja_a.pk + 1000).status_code == 404


def test_the_page_shows_computed_totals_in_indonesian_format(client, planner_a, renja_a):
    text = renja_page(client, planner_a, renja_a.pk).content.decode()
    for total in [
        "150.000.000",  # kegiatan 5.03.01.2.01, year n
        "115.000.000",  # its n+1: a sub kegiatan without n+1 pagu adds nothing
        "1.590.078.504",  # kegiatan 5.03.02.2.01
        "1.828.590.280",
        "462.844.820",  # kegiatan 5.03.02.2.02
        "532.271.543",
        "2.052.923.324",  # program 5.03.02
        "2.360.861.823",
        "2.202.923.324",  # grand total
        "2.475.861.823",
    ]:
        assert f">{total}<" in text, total


def test_targets_print_with_decimals_and_units(client, planner_a, renja_a):
    text = renja_page(client, planner_a, renja_a.pk).content.decode()
    assert ">10,3%<" in text
    assert ">11,6%<" in text
    assert ">146 Dokumen<" in text
    assert ">192 Dokumen<" in text
    assert ">40.245.752<" in text  # a sub kegiatan's own pagu


def test_the_header_names_the_years_and_numbers_the_columns(client, planner_a, renja_a):
    text = renja_page(client, planner_a, renja_a.pk).content.decode()
    assert "Rencana Tahun 2024" in text
    assert "Prakiraan Maju Tahun 2025" in text
    assert "<th>1</th><th>2</th><th>3</th>" in text
    assert "<th>10</th>" in text


def test_a_program_with_several_indikator_gets_a_row_for_each(client, planner_a, renja_a):
    text = renja_page(client, planner_a, renja_a.pk).content.decode()
    assert 'rowspan="3" class="code">5.03.02<' in text
    assert "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Non Formal" in text


def test_example_realisasi_are_announced(client, planner_a, renja_a):
    banner = "Realisasi triwulan pada Renja ini adalah data contoh."
    assert banner not in renja_page(client, planner_a, renja_a.pk).content.decode()
    renja_a.laporan.create(triwulan=1, is_example=True)
    assert banner in renja_page(client, planner_a, renja_a.pk).content.decode()


def test_the_page_queries_do_not_grow_with_the_renja(client, planner_a, renstra_a):
    small = build_renja(renstra_a, programs=synthetic_programs(1, 1, 1))
    large = build_renja(renstra_a, programs=synthetic_programs(3, 4, 5), stage="rancangan")
    client.force_login(planner_a)
    counts = []
    for renja in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("renja:detail", args=[renja.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
