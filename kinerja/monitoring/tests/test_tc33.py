"""The T-C.33 page (Tabel 4.1) built by the engine: totals computed, a grand total row."""

from kinerja.monitoring.tests.pages import get_page, html_tables, page_url


def tc33(client, user, renja):
    response = get_page(client, user, page_url("tc33", renja.pk))
    assert response.status_code == 200
    return html_tables(response.content.decode())["T-C.33"]


def test_the_demo_grand_total(client, planner_a, demo_renja):
    total = tc33(client, planner_a, demo_renja).rows[-1]
    assert total[1].text == "Jumlah"
    assert "15.119.920.991" in [cell.text for cell in total]
    assert "label" in total[0].css


def test_program_and_kegiatan_totals_and_units(client, planner_a, renja_a):
    table = tc33(client, planner_a, renja_a)
    kegiatan = table.row_with("Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN")
    assert kegiatan[5].text == "1.590.078.504"
    assert kegiatan[4].text == "146 Dokumen"
    assert "money" in kegiatan[5].css
    assert table.rows[-1][5].text == "2.202.923.324"
    program = table.row_with("PROGRAM KEPEGAWAIAN DAERAH")
    assert program[4].text == "73 Indeks"


def test_money_prints_cents_only_when_there_are_cents(client, planner_a, renja_a):
    sub = renja_a.items.get(code="5.03.02.2.01.0003")
    sub.pagu = "40245752.50"
    sub.save(update_fields=["pagu"])
    row = tc33(client, planner_a, renja_a).row_with("Pengelolaan Sistem Informasi Kepegawaian")
    assert row[5].text == "40.245.752,50"
