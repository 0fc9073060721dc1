"""The E.81 page: the quarterly evaluation of a Renja, per triwulan, with its footer."""

import pytest

from kinerja.monitoring.models import RealisasiAnggaran, RealisasiKinerja
from kinerja.monitoring.tests.pages import get_page, html_tables, page_url

FAKTOR_TW1 = "Kegiatan rutin perkantoran dan pembayaran gaji berjalan sesuai jadwal"
FAKTOR_TW4 = "Sebagian besar target kinerja tercapai berkat pemantauan bulanan oleh pimpinan."


def e81(client, user, renja, query=""):
    response = get_page(client, user, page_url("e81", renja.pk, query))
    assert response.status_code == 200
    return response.content.decode()


def test_the_demo_at_triwulan_4_shows_capaian_with_their_predikat(client, planner_a, demo_renja):
    text = e81(client, planner_a, demo_renja, "?triwulan=4")
    table = html_tables(text)["E.81"]
    row = table.row_with("Jumlah Laporan Keuangan Bulanan/ Triwulan/ Semesteran SKPD")
    renja_rate = next(cell for cell in row if cell.text == "88,89")
    assert "predikat-tinggi" in renja_rate.css
    assert renja_rate.title == "Predikat: Tinggi"
    assert row[-3].text == "Tinggi"  # the predikat column
    assert "predikat-tinggi" in row[-3].css
    # The footer: rata-rata capaian, its predikat, and the narrative of triwulan IV.
    average = table.row_with("Rata-rata capaian kinerja")
    renstra_mean, renja_mean = (c for c in average if "percent" in c.css)
    assert renstra_mean.text == "–"
    assert renstra_mean.title == "Tidak ada indikator dengan capaian berangka (tidak-ada-capaian)"
    assert renja_mean.text == "96,47"
    assert "predikat-sangat-tinggi" in renja_mean.css
    assert any(c.text == "Sangat Tinggi" for c in table.row_with("Predikat kinerja"))
    pendorong = table.row_with("Faktor pendorong")
    assert pendorong[1].text == FAKTOR_TW4
    assert pendorong[1].colspan == 25
    assert FAKTOR_TW1 not in text


def test_the_average_is_repeated_above_the_wide_form(client, planner_a, demo_renja):
    text = e81(client, planner_a, demo_renja, "?triwulan=4")
    above = text[text.index('class="facts averages"') : text.index("<table")]
    assert "96,47 · Sangat Tinggi" in above
    assert "predikat-sangat-tinggi" in above


def test_the_triwulan_selector_changes_the_figures(client, planner_a, demo_renja):
    first = e81(client, planner_a, demo_renja, "?triwulan=1")
    last = e81(client, planner_a, demo_renja, "?triwulan=4")
    assert "Triwulan I Tahun 2024" in first
    assert "Triwulan IV Tahun 2024" in last
    assert FAKTOR_TW1 in first
    assert FAKTOR_TW4 not in first
    sub = "Jumlah Dokumen Perencanaan Perangkat Daerah"
    assert html_tables(first)["E.81"].row_with(sub) != html_tables(last)["E.81"].row_with(sub)
    assert '<a href="?triwulan=1" aria-current="page">I</a>' in first
    assert '<a href="?triwulan=4" aria-current="page">IV</a>' in last


def test_without_a_triwulan_the_latest_with_realisasi_is_shown(client, planner_a, demo_renja):
    assert "Triwulan IV Tahun 2024" in e81(client, planner_a, demo_renja)


def test_the_default_follows_the_latest_realisasi_or_laporan(client, planner_a, renja_a):
    assert "Triwulan I Tahun 2024" in e81(client, planner_a, renja_a)
    item = renja_a.items.filter(level="sub_kegiatan").first()
    RealisasiAnggaran.objects.create(item=item, triwulan=2, amount=1000)
    assert "Triwulan II Tahun 2024" in e81(client, planner_a, renja_a)
    RealisasiKinerja.objects.create(indikator=item.indikator.first(), triwulan=3, value=1)
    assert "Triwulan III Tahun 2024" in e81(client, planner_a, renja_a)
    renja_a.laporan.create(triwulan=4, faktor_pendorong="Dukungan pimpinan")
    assert "Triwulan IV Tahun 2024" in e81(client, planner_a, renja_a)


@pytest.mark.parametrize("value", ["0", "5", "IV", "-1", "1.0", "2x", "１"])
def test_an_invalid_triwulan_is_404_not_an_error(client, planner_a, renja_a, value):
    response = get_page(client, planner_a, page_url("e81", renja_a.pk, f"?triwulan={value}"))
    assert response.status_code == 404


def test_an_empty_triwulan_means_the_default(client, planner_a, renja_a):
    assert "Triwulan I Tahun 2024" in e81(client, planner_a, renja_a, "?triwulan=")


def test_the_sub_navigation_keeps_the_triwulan(client, planner_a, renja_a):
    text = e81(client, planner_a, renja_a, "?triwulan=3")
    assert f'href="{page_url("serapan", renja_a.pk)}?triwulan=3"' in text


def test_a_missing_target_prints_a_dash_with_its_reason(client, planner_a, renja_a):
    table = html_tables(e81(client, planner_a, renja_a))["E.81"]
    row = table.row_with("5.03.02.2.02 Mutasi dan Promosi ASN")  # its target is empty
    dash = row[8]  # column 7 K, after No, Sasaran, Program/Kegiatan, Indikator, 5 K/Rp, 6 K/Rp
    assert dash.text == "–"
    assert "dash" in dash.css
    assert dash.title == "Target tidak diisi (target-kosong)"


def test_before_triwulan_4_the_average_is_marked_early(client, planner_a, demo_renja):
    warning = "diukur terhadap target satu tahun"
    assert warning in e81(client, planner_a, demo_renja, "?triwulan=3")
    assert warning not in e81(client, planner_a, demo_renja, "?triwulan=4")
