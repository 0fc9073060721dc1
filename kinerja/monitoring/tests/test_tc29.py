"""The T-C.29 page (Tabel 2.1): the engine's table with the rules it applied."""

from kinerja.monitoring.tests.pages import get_page, html_tables, page_url


def tc29(client, user, renja) -> str:
    response = get_page(client, user, page_url("tc29", renja.pk))
    assert response.status_code == 200
    return response.content.decode()


def test_the_footnotes_name_the_non_kumulatif_rule(client, planner_a, demo_renja):
    text = tc29(client, planner_a, demo_renja)
    assert "Tabel 2.1 (T-C.29)" in text
    assert "<li>Indikator non kumulatif: kolom 5 = realisasi tahun terakhir" in text
    assert (
        "<li>Indikator kumulatif: kolom 5 = jumlah realisasi tahun 2021; kolom 10 = 5 + 7 + 9"
        in text
    )
    assert "band set permendagri86-2017" in text
    assert "Tercetak &quot;6I&quot; di Tabel 2.1" in text


def test_the_6i_realisasi_prints_a_dash_with_its_reason(client, planner_a, demo_renja):
    table = html_tables(tc29(client, planner_a, demo_renja))["T-C.29"]
    sakip = table.row_with("Nilai SAKIP OPD")
    realisasi_to_2021 = sakip[4]  # column 5: realisasi s/d n-3 = 2021, printed "6I"
    assert realisasi_to_2021.text == "–"
    assert "dash" in realisasi_to_2021.css
    assert realisasi_to_2021.title == (
        "Realisasi tidak diisi atau tidak berupa angka (realisasi-kosong)"
    )


def test_capaian_print_two_decimals_and_their_predikat(client, planner_a, demo_renja):
    table = html_tables(tc29(client, planner_a, demo_renja))["T-C.29"]
    sakip = table.row_with("Nilai SAKIP OPD")
    tingkat_realisasi = sakip[7]  # column 8 = 7/6
    assert tingkat_realisasi.text == "100,32"
    assert "predikat-sangat-tinggi" in tingkat_realisasi.css
    assert tingkat_realisasi.title == "Predikat: Sangat Tinggi"


def test_rows_are_indented_by_depth_and_levels_marked(client, planner_a, demo_renja):
    text = tc29(client, planner_a, demo_renja)
    assert 'class="kind-program depth-0"' in text
    assert 'class="kind-kegiatan depth-1"' in text
    assert 'class="kind-sub_kegiatan depth-2"' in text
    assert 'class="text name depth-2"' in text


def test_the_header_spans_and_numbering_row(client, planner_a, renja_a):
    text = tc29(client, planner_a, renja_a)
    assert (
        '<th colspan="3">Target dan Realisasi Kinerja Program dan Kegiatan Tahun 2022</th>' in text
    )
    assert '<th rowspan="2">Kode</th>' in text
    assert "<th>8=(7/6)</th>" in text
    assert "<th>10=(5+7+9)</th>" in text
