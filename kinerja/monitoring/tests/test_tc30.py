"""The T-C.30 page: Tabel 2.2 together with the tujuan/sasaran table of Bab III."""

from kinerja.monitoring.tests.pages import get_page, html_tables, page_url


def test_both_tables_are_shown_with_their_years(client, viewer_a, renja_a):
    response = get_page(client, viewer_a, page_url("tc30", renja_a.pk))
    assert response.status_code == 200
    text = response.content.decode()
    tables = html_tables(text)
    assert set(tables) == {"T-C.30", "tujuan-sasaran"}
    assert "Tabel 2.2 (T-C.30)" in text
    assert "Pencapaian Kinerja Pelayanan Perangkat Daerah" in text
    assert "Tujuan dan Sasaran Jangka Menengah" in text
    ipasn = tables["T-C.30"].row_with("Indeks Profesionalitas ASN")
    assert ipasn[2].text == "83 Indeks"  # target at the end of the Renstra
    diklat = tables["tujuan-sasaran"].row_with("Pendidikan dan Pelatihan Formal")
    assert "10,3%" in [cell.text for cell in diklat]  # percent satuan: 10,3%, no unit


def test_the_demo_tables(client, planner_a, demo_renja):
    tables = html_tables(
        get_page(client, planner_a, page_url("tc30", demo_renja.pk)).content.decode()
    )
    assert len(tables["T-C.30"].rows) > 1
    assert tables["tujuan-sasaran"].rows[0][0].text == "1."
