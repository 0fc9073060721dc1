"""The OPD dashboard: capaian per indikator and serapan per triwulan as chart data equal
to the engine's E.81 and serapan tables, the open findings, the rata-rata and predikat;
Chart.js served from our own static files; who may open it."""

import json
import re
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from kinerja.evaluation import checks
from kinerja.evaluation.tables import build_e81, build_serapan
from kinerja.lib.numbers import quantize
from kinerja.monitoring.evaluate import latest_triwulan, load_input
from kinerja.monitoring.queries import cell_at, footer_average
from kinerja.monitoring.tests.pages import get_page, html_tables, page_url

pytestmark = pytest.mark.django_db

CHART_JS = "vendor/chartjs/chart.umd.min.js"


def dashboard_url(opd_id, year=2024, query=""):
    return reverse("dashboard:opd", args=[opd_id, year]) + query


def page(client, user, url):
    response = get_page(client, user, url)
    assert response.status_code == 200
    return response.content.decode()


def chart_data(text, element_id):
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', text, re.S
    )
    assert found, element_id
    return json.loads(found.group(1))


def printed(value):
    """A chart value as the tables print it (a decimal comma)."""
    return None if value is None else value.replace(".", ",")


def test_capaian_per_indikator_equals_the_engines_e81(client, verifier, demo_renja):
    text = page(client, verifier, dashboard_url(demo_renja.perangkat_daerah_id))
    data = chart_data(text, "chart-capaian")
    plan = load_input(demo_renja)
    e81 = build_e81(plan, latest_triwulan(plan))
    rate = e81.column("(12/7)")
    expected = {
        row.indikator_id: cell_at(row, rate) for row in e81.rows if row.indikator_id is not None
    }
    values = dict(zip(data["ids"], data["series"][0]["values"], strict=True))
    assert list(values) == list(expected)  # every indikator, in the form's order
    for indikator_id, cell in expected.items():
        engine = None if cell.value is None else quantize(cell.value, 2)
        shown = values[indikator_id]
        assert (None if shown is None else Decimal(shown)) == engine, indikator_id
    assert data["series"][0]["predikat"] == [cell.predikat for cell in expected.values()]
    assert sum(value is not None for value in values.values()) > 30  # the demo is reported


def test_the_chart_figures_are_the_e81_pages(client, verifier, demo_renja):
    text = page(
        client, verifier, dashboard_url(demo_renja.perangkat_daerah_id, query="?triwulan=2")
    )
    data = chart_data(text, "chart-capaian")
    e81_page = page(client, verifier, page_url("e81", demo_renja.pk, "?triwulan=2"))
    table = html_tables(e81_page)["E.81"]
    # The E.81 page's (12/7) K cell of the first indikator, next to the predikat column.
    first = table.rows[0]
    assert printed(data["series"][0]["values"][0]) == first[-5].text
    shown = html_tables(text)["capaian"].rows[0]
    assert shown[5].text == first[-5].text


def test_serapan_per_triwulan_equals_the_serapan_table(client, verifier, demo_renja):
    text = page(client, verifier, dashboard_url(demo_renja.perangkat_daerah_id))
    data = chart_data(text, "chart-serapan")
    plan = load_input(demo_renja)
    spent, planned = data["series"][0]["values"], data["series"][1]["values"]
    for q in range(1, 5):
        table = build_serapan(plan, q)
        total = next(row for row in table.rows if row.kind == "total")
        pagu = cell_at(total, table.column("3")).value
        assert Decimal(spent[q - 1]) == cell_at(total, table.column("8")).value
        assert Decimal(planned[q - 1]) == quantize(pagu * q / 4, 2)
    assert Decimal(data["reference"]["value"]) == pagu
    rows = html_tables(text)["serapan-triwulan"].rows
    serapan_page = page(client, verifier, page_url("serapan", demo_renja.pk, "?triwulan=4"))
    total_row = html_tables(serapan_page)["serapan"].rows[-1]
    assert [rows[3][3].text, rows[3][4].text] == [total_row[7].text, total_row[8].text]


def test_rata_rata_predikat_and_findings(client, verifier, demo_renja):
    text = page(client, verifier, dashboard_url(demo_renja.perangkat_daerah_id))
    plan = load_input(demo_renja)
    average = footer_average(build_e81(plan, latest_triwulan(plan)))
    expected = f"{printed(str(quantize(average.value, 2)))} · {average.predikat}"
    assert f'data-figure="rata-rata" title="Predikat: {average.predikat}">{expected}<' in text
    summary = checks.summary(checks.check_plan(plan))
    assert f"{summary['errors']} galat, {summary['warnings']} peringatan" in text
    findings = html_tables(text)[""].rows  # imports/findings.html has no data-code
    assert len(findings) == summary["total"]
    pemeriksaan = reverse("monitoring:pemeriksaan", args=[demo_renja.pk])
    assert f'href="{pemeriksaan}#item-' in text  # each finding links to its row


def test_the_chart_script_is_served_locally(client, verifier, demo_renja):
    text = page(client, verifier, dashboard_url(demo_renja.perangkat_daerah_id))
    assert finders.find(CHART_JS), "the vendored Chart.js is missing"
    assert finders.find("kinerja/dashboard.js")
    assert f'<script src="{static(CHART_JS)}" defer></script>' in text
    assert f'<script src="{static("kinerja/dashboard.js")}" defer></script>' in text
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', text)
    assert all(source.startswith("/static/") for source in sources), sources
    # No inline JavaScript: every other script element is json_script data.
    inline = re.findall(r"<script(?![^>]*\ssrc=)([^>]*)>", text)
    assert all('type="application/json"' in attributes for attributes in inline), inline
    response = client.get(static(CHART_JS))
    assert response.status_code == 200
    assert b"Chart.js v4" in b"".join(response.streaming_content)[:200]


def test_every_chart_has_its_data_as_a_table_too(client, verifier, demo_renja):
    text = page(client, verifier, dashboard_url(demo_renja.perangkat_daerah_id))
    tables = html_tables(text)
    assert len(tables["capaian"].rows) == len(chart_data(text, "chart-capaian")["labels"])
    assert len(tables["serapan-triwulan"].rows) == 4
    assert text.count("<canvas ") == 2
    assert text.count('role="img" aria-label=') == 2


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "verifier", "admin", "superuser"])
def test_who_may_see_the_opd_sees_its_dashboard(client, request, renja_a, persona):
    text = page(
        client, request.getfixturevalue(persona), dashboard_url(renja_a.perangkat_daerah_id)
    )
    assert "Dasbor Kinerja BKPSDM Tahun 2024" in text


def test_an_outsider_gets_404(client, outsider_b, renja_a):
    response = get_page(client, outsider_b, dashboard_url(renja_a.perangkat_daerah_id))
    assert response.status_code == 404
    assert "chart-capaian" not in response.content.decode()


def test_a_missing_opd_and_a_bad_triwulan_are_404(client, superuser, renja_a):
    opd = renja_a.perangkat_daerah_id
    assert get_page(client, superuser, dashboard_url(opd + 99)).status_code == 404
    assert get_page(client, superuser, dashboard_url(opd, query="?triwulan=5")).status_code == 404


def test_a_year_without_renja_says_so(client, planner_a, renja_a):
    text = page(client, planner_a, dashboard_url(renja_a.perangkat_daerah_id, year=2030))
    assert "belum memiliki Renja tahun 2030" in text
    assert "<canvas" not in text
