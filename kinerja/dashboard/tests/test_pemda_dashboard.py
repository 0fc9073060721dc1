"""The pemda dashboard: every OPD ranked by rata-rata capaian and by serapan, the
predikat distribution adding up to the OPDs, links to each OPD's dashboard; Bappeda
roles only."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.monitoring.models import RealisasiAnggaran
from kinerja.monitoring.queries import load_plans, renjas_of_year, summarize
from kinerja.monitoring.tests.pages import get_page, html_tables
from kinerja.testing import build_renja, build_renstra, synthetic_programs

pytestmark = pytest.mark.django_db


def dashboard_url(pemda_id, year=2024, query=""):
    return reverse("dashboard:pemda", args=[pemda_id, year]) + query


def page(client, user, url):
    response = get_page(client, user, url)
    assert response.status_code == 200
    return response.content.decode()


def chart_data(text, element_id):
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', text, re.S
    )
    return json.loads(found.group(1))


def report(renja, values, spent):
    """Realisasi TW I of each sub kegiatan indikator (target 1) and rupiah spent."""
    subs = renja.items.filter(level="sub_kegiatan").order_by("order")
    for sub, value in zip(subs, values, strict=True):
        sub.indikator.get().realisasi.create(triwulan=1, value=Decimal(value))
        RealisasiAnggaran.objects.create(item=sub, triwulan=1, amount=Decimal(spent))


@pytest.fixture
def four_opds(pemda, opd_a, opd_b, renja_a):
    """Dinkes 100 (Sangat Tinggi), Disdik 75 (Sedang), BKPSDM 40 (Sangat Rendah) and
    Dinsos with nothing reported (no predikat)."""
    dokumen = renja_a.items.get(code="5.03.02.2.01.0003")  # Jumlah Dokumen, target 5
    dokumen.indikator.get().realisasi.create(triwulan=1, value=Decimal(2))
    RealisasiAnggaran.objects.create(item=dokumen, triwulan=1, amount=Decimal(40245752))
    report(build_renja(build_renstra(opd_b), programs=synthetic_programs(1, 1, 1)), ["1"], 100000)
    disdik = pemda.perangkat_daerah.create(code="DISDIK", short_name="Disdik", name="Disdik")
    report(
        build_renja(build_renstra(disdik), programs=synthetic_programs(1, 1, 2)),
        ["1", "0.5"],
        900000,
    )
    dinsos = pemda.perangkat_daerah.create(code="DINSOS", short_name="Dinsos", name="Dinsos")
    build_renja(build_renstra(dinsos), programs=synthetic_programs(1, 1, 1))
    return pemda


def ranking(text, code):
    return [row[1].text.split()[0] for row in html_tables(text)[code].rows]


def test_opds_are_ranked_by_capaian(client, verifier, four_opds):
    text = page(client, verifier, dashboard_url(four_opds.pk))
    assert ranking(text, "peringkat-capaian") == ["Dinkes", "Disdik", "BKPSDM", "Dinsos"]
    rows = html_tables(text)["peringkat-capaian"].rows
    assert [row[2].text for row in rows] == ["100,00", "75,00", "40,00", "–"]
    assert [row[3].text for row in rows] == ["Sangat Tinggi", "Sedang", "Sangat Rendah", "–"]
    data = chart_data(text, "chart-capaian")
    assert data["labels"] == ["Dinkes", "Disdik", "BKPSDM", "Dinsos"]
    assert data["series"][0]["values"] == ["100.00", "75.00", "40.00", None]


def test_the_figures_are_the_bappeda_summaries(client, verifier, four_opds):
    text = page(client, verifier, dashboard_url(four_opds.pk))
    summaries = {
        renja.perangkat_daerah.short_name: summarize(renja, plan, 1)
        for renja, plan in load_plans(renjas_of_year(four_opds, 2024))
    }
    data = chart_data(text, "chart-serapan")
    for label, value in zip(data["labels"], data["series"][0]["values"], strict=True):
        expected = summaries[label].serapan.value
        assert (None if value is None else Decimal(value)) == (
            None if expected is None else expected.quantize(Decimal("0.01"))
        )
    # Serapan: Disdik 90% > Dinkes 10% > BKPSDM 2,66%; Dinsos spent nothing (last).
    assert ranking(text, "peringkat-serapan") == ["Disdik", "Dinkes", "BKPSDM", "Dinsos"]


def test_the_predikat_distribution_adds_up_to_the_opds(client, verifier, four_opds):
    text = page(client, verifier, dashboard_url(four_opds.pk))
    counts = {row[0].text: int(row[1].text) for row in html_tables(text)["predikat"].rows}
    assert counts == {
        "Sangat Tinggi": 1,
        "Tinggi": 0,
        "Sedang": 1,
        "Rendah": 0,
        "Sangat Rendah": 1,
        "Tanpa predikat": 1,
    }
    data = chart_data(text, "chart-predikat")
    assert sum(int(value) for value in data["series"][0]["values"]) == 4
    assert len(ranking(text, "peringkat-capaian")) == 4 == sum(counts.values())


def test_each_opd_links_to_its_dashboard(client, admin, four_opds, opd_b):
    text = page(client, admin, dashboard_url(four_opds.pk))
    assert f'href="{reverse("dashboard:opd", args=[opd_b.pk, 2024])}?triwulan=1"' in text


@pytest.mark.parametrize("persona", ["verifier", "admin", "superuser"])
def test_bappeda_roles_see_it(client, request, pemda, renja_a, persona):
    page(client, request.getfixturevalue(persona), dashboard_url(pemda.pk))


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "outsider_b"])
def test_opd_roles_get_404(client, request, pemda, renja_a, persona):
    response = get_page(client, request.getfixturevalue(persona), dashboard_url(pemda.pk))
    assert response.status_code == 404
    assert "chart-predikat" not in response.content.decode()


def test_another_pemda_is_404(client, verifier, other_pemda_opd):
    assert get_page(client, verifier, dashboard_url(other_pemda_opd.pemda_id)).status_code == 404


def test_a_year_without_renja_says_so(client, verifier, pemda, renja_a):
    text = page(client, verifier, dashboard_url(pemda.pk, year=2030))
    assert "Belum ada perangkat daerah dengan Renja tahun 2030." in text
