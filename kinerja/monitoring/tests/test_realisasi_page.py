"""The realisasi page of one Renja and triwulan: every item with its indikator and anggaran,
the earlier triwulan beside the input, the sifat hint, the report's status and the
verifier's note; read-only with the reason for whoever may not edit it now."""

from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.monitoring.models import LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.monitoring.tests.pages import get_page, page_url
from kinerja.renja.models import Indikator
from kinerja.renstra.models import Renstra
from kinerja.testing import build_renja, build_renstra, synthetic_programs

pytestmark = pytest.mark.django_db

KUMULATIF_HINT = "kumulatif: isi realisasi triwulan ini saja"
NON_KUMULATIF_HINT = "non kumulatif: isi nilai pada akhir triwulan"
FORMAL = "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal"


def url(renja, triwulan):
    return reverse("monitoring:realisasi", args=[renja.pk, triwulan])


def page(client, user, renja, triwulan=2):
    response = get_page(client, user, url(renja, triwulan))
    assert response.status_code == 200
    return unescape(response.content.decode())


def row_html(html, dom_id):
    start = html.index(f'<tr id="{dom_id}"')
    return html[start : html.index("</tr>", start)]


def test_the_url_is_the_one_the_lead_links(renja_a):
    assert url(renja_a, 3) == f"/evaluasi/renja/{renja_a.pk}/triwulan/3/isi/"


def test_every_item_and_indikator_has_its_row_with_target_hint_and_input(
    client, planner_a, renja_a
):
    html = page(client, planner_a, renja_a, 2)
    assert "<h1>Realisasi dan Laporan Triwulan II Tahun 2024</h1>" in html
    for item in renja_a.items.all():
        assert item.name in html
        if item.level == "sub_kegiatan":
            assert f'id="a-{item.pk}"' in html
        else:
            assert f'id="a-{item.pk}"' not in html  # anggaran lives on sub kegiatan only
    for indikator in Indikator.objects.filter(item__renja=renja_a):
        row = row_html(html, f"k-{indikator.pk}")
        assert indikator.name in row
        assert 'name="value"' in row
        hint = KUMULATIF_HINT if indikator.sifat == "kumulatif" else NON_KUMULATIF_HINT
        assert hint in row
    dokumen = renja_a.items.get(code="5.03.01.2.01.0001")
    row = row_html(html, f"k-{dokumen.indikator.get().pk}")
    assert "18 Dokumen" in row  # the Renja target with its satuan
    assert "Pagu 50.000.000" in row_html(html, f"a-{dokumen.pk}")
    assert "Realisasi Triwulan II" in html


def test_earlier_triwulan_sit_beside_the_input_with_the_running_figures(client, planner_a, renja_a):
    dokumen = renja_a.items.get(code="5.03.01.2.01.0001")  # pagu 50.000.000, target 18
    indikator = dokumen.indikator.get()
    formal = Indikator.objects.get(item__renja=renja_a, name=FORMAL)  # non kumulatif, 10,3%
    for triwulan, value in ((1, "3"), (2, "4"), (3, "5")):
        RealisasiKinerja.objects.create(indikator=indikator, triwulan=triwulan, value=value)
    RealisasiKinerja.objects.create(indikator=formal, triwulan=1, value=Decimal("4.2"))
    RealisasiKinerja.objects.create(indikator=formal, triwulan=2, value=Decimal("7.9"))
    RealisasiAnggaran.objects.create(item=dokumen, triwulan=1, amount=Decimal("10000000"))
    RealisasiAnggaran.objects.create(item=dokumen, triwulan=2, amount=Decimal("5000000"))

    html = page(client, planner_a, renja_a, 3)

    row = row_html(html, f"k-{indikator.pk}")
    assert "I: 3</span><span>II: 4</span>" in row
    assert 'name="value" value="5"' in row  # this triwulan's stored value, ready to change
    assert "12 Dokumen" in row  # kumulatif: 3 + 4 + 5 s/d triwulan III
    assert "capaian 66,67%" in row  # 12 of 18
    row = row_html(html, f"k-{formal.pk}")
    assert "I: 4,2%</span><span>II: 7,9%</span>" in row
    assert 'name="value" value=""' in row
    assert "7,9%" in row.split('name="value"')[1]  # non kumulatif: the latest value
    row = row_html(html, f"a-{dokumen.pk}")
    assert "I: 10.000.000</span><span>II: 5.000.000</span>" in row
    assert "15.000.000" in row.split('name="amount"')[1]
    assert "serapan 30,00%" in row
    assert "melebihi pagu" not in row


def test_the_first_triwulan_has_no_earlier_figures(client, planner_a, renja_a):
    html = page(client, planner_a, renja_a, 1)
    indikator = renja_a.items.get(code="5.03.01.2.01.0001").indikator.get()
    row = row_html(html, f"k-{indikator.pk}")
    assert '<td class="earlier">\n    <span class="muted">–</span>' in row


def test_the_status_and_the_verifier_s_note_are_at_the_top(client, planner_a, renja_a):
    assert "Draf" in page(client, planner_a, renja_a).split('class="realisasi"')[0]
    LaporanTriwulan.objects.create(
        renja=renja_a, triwulan=2, status="dikembalikan",
        catatan_verifikasi="Lengkapi bukti kegiatan mutasi.",
    )  # fmt: skip
    top = page(client, planner_a, renja_a).split('class="realisasi"')[0]
    assert "Dikembalikan" in top
    assert "Catatan verifikator" in top
    assert "Lengkapi bukti kegiatan mutasi." in top
    assert "hanya dapat dibaca" not in top  # a returned report is open again


@pytest.mark.parametrize(
    ("persona", "reason"),
    [
        ("viewer_a", "Anda tidak berwenang mengisi laporan perangkat daerah ini."),
        ("verifier", "Anda tidak berwenang mengisi laporan perangkat daerah ini."),
    ],
)
def test_who_may_not_write_reads_the_page_with_the_reason(
    client, request, renja_a, persona, reason
):
    RealisasiKinerja.objects.create(
        indikator=renja_a.items.get(code="5.03.01.2.01.0001").indikator.get(), triwulan=2, value=4
    )
    html = page(client, request.getfixturevalue(persona), renja_a, 2)
    assert reason in html
    assert 'name="value"' not in html
    assert 'name="amount"' not in html
    assert "Simpan narasi laporan" not in html
    assert "Unggah bukti" not in html
    assert "4 Dokumen" in html  # the stored value, as text


def test_a_diverifikasi_report_is_read_only_even_for_its_operator(client, planner_a, renja_a):
    LaporanTriwulan.objects.create(renja=renja_a, triwulan=2, status="diverifikasi")
    html = page(client, planner_a, renja_a, 2)
    assert "Laporan triwulan ini sudah diverifikasi dan terkunci." in html
    assert 'name="value"' not in html
    assert "Diverifikasi" in html
    assert 'name="value"' in page(client, planner_a, renja_a, 3)


def test_an_outsider_a_missing_renja_or_a_bad_triwulan_is_404(
    client, planner_a, outsider_b, renja_a
):
    assert get_page(client, outsider_b, url(renja_a, 1)).status_code == 404
    assert get_page(client, planner_a, url(renja_a, 0)).status_code == 404
    assert get_page(client, planner_a, url(renja_a, 5)).status_code == 404
    missing = reverse("monitoring:realisasi", args=[renja_a.pk + 1000, 1])
    assert get_page(client, planner_a, missing).status_code == 404


def test_signing_in_is_required(client, renja_a):
    response = client.get(url(renja_a, 1))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_e81_and_serapan_link_the_page_of_their_triwulan(client, planner_a, renja_a):
    for name in ("e81", "serapan"):
        html = get_page(client, planner_a, page_url(name, renja_a.pk, "?triwulan=3")).content
        assert f'href="{url(renja_a, 3)}"'.encode() in html
        assert b"Realisasi dan laporan Triwulan III" in html


def test_the_page_links_the_other_triwulan_and_e81(client, planner_a, renja_a):
    html = page(client, planner_a, renja_a, 2)
    for triwulan in (1, 3, 4):
        assert f'href="{url(renja_a, triwulan)}"' in html
    assert f'href="{url(renja_a, 2)}" aria-current="page"' in html
    assert f'href="{page_url("e81", renja_a.pk)}?triwulan=2"' in html


def test_the_demo_shows_its_figures_as_example(client, planner_a, demo_renja):
    html = page(client, planner_a, demo_renja, 4)
    assert "Realisasi triwulan ini adalah data contoh." in html
    assert "I: 3.879.000</span><span>II: 7.234.000</span><span>III: 6.445.000</span>" in html
    assert 'name="amount" value="9.526.000"' in html


def test_the_page_costs_the_same_queries_at_any_size(client, planner_a, opd_a):
    small = build_renja(build_renstra(opd_a), programs=synthetic_programs(1, 1, 2))
    large = build_renja(
        # An earlier Renstra (the periods of one OPD do not overlap), without figures.
        Renstra.objects.create(perangkat_daerah=opd_a, first_year=2015, last_year=2020),
        year=2019,
        programs=synthetic_programs(3, 3, 4),
    )
    planner_a.refresh_from_db()
    client.force_login(planner_a)
    counts = []
    for renja in (small, large):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(renja, 2)).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert counts[1] < 25
