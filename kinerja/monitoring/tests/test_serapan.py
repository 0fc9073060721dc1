"""The serapan anggaran page: spent vs pagu per triwulan, per item and for the OPD."""

from kinerja.monitoring.tests.pages import get_page, html_tables, page_url


def serapan(client, user, renja, query=""):
    response = get_page(client, user, page_url("serapan", renja.pk, query))
    assert response.status_code == 200
    return response.content.decode()


def test_the_demo_total_at_triwulan_4(client, planner_a, demo_renja):
    text = serapan(client, planner_a, demo_renja, "?triwulan=4")
    total = html_tables(text)["serapan"].rows[-1]
    texts = [cell.text for cell in total]
    assert texts[2] == "15.119.920.991"
    assert texts[7] == "13.279.509.000"
    assert texts[8] == "87,83"
    assert "Serapan Anggaran s/d Triwulan IV Tahun 2024" in text


def test_the_triwulan_changes_the_columns_filled(client, planner_a, demo_renja):
    first = html_tables(serapan(client, planner_a, demo_renja, "?triwulan=1"))["serapan"]
    total = [cell.text for cell in first.rows[-1]]
    assert total[3] != ""  # triwulan I
    assert total[4:7] == ["", "", ""]  # II–IV not yet
    assert total[7] == total[3]


def test_an_invalid_triwulan_is_404(client, planner_a, renja_a):
    response = get_page(client, planner_a, page_url("serapan", renja_a.pk, "?triwulan=9"))
    assert response.status_code == 404
