"""Values a realisasi may take and how it prints: negative only for an indikator that
allows it (inline, plain POST, the action, the database), and 10,3 printed 10,3 on the
entry page, the locked report, the E.81 page and the E.81 DOCX and XLSX (ADR 0012)."""

import re
from decimal import Decimal
from html import unescape
from io import BytesIO

import docx
import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from kinerja.audit.models import AuditEvent
from kinerja.documents.produce import produce
from kinerja.monitoring.actions import ValueRefused, save_realisasi_kinerja
from kinerja.monitoring.models import RealisasiKinerja
from kinerja.monitoring.tests.pages import get_page, html_tables, page_url
from kinerja.monitoring.tests.test_realisasi_save import (
    formal,
    indikator_of,
    kinerja_url,
    post,
)
from kinerja.monitoring.workflow import approve_report, submit_report
from kinerja.renja.models import Indikator

pytestmark = pytest.mark.django_db

REFUSAL = "Realisasi tidak boleh negatif untuk indikator «Jumlah Dokumen» (jumlah): -3"


def realisasi_page(client, user, renja, triwulan=1):
    url = reverse("monitoring:realisasi", args=[renja.pk, triwulan])
    return unescape(get_page(client, user, url).content.decode())


# --- Negative values ----------------------------------------------------------------------


def test_an_inline_negative_realisasi_of_a_count_is_refused_naming_the_indikator(
    client, planner_a, renja_a
):
    indikator = indikator_of(renja_a)  # Jumlah Dokumen, jumlah

    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="-3")

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert REFUSAL in html
    assert "centang «Boleh negatif»" in html
    assert 'value="-3"' in html  # the typed text stays in the input
    assert "Tersimpan" not in html
    assert not RealisasiKinerja.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.REALISASI_SAVED).exists()


def test_a_plain_post_of_a_negative_realisasi_shows_the_page_with_the_refusal(
    client, planner_a, renja_a
):
    indikator = indikator_of(renja_a)

    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), htmx=False, value="-3")

    html = unescape(response.content.decode())
    assert "<h1>Realisasi dan Laporan Triwulan I Tahun 2024</h1>" in html
    assert REFUSAL in html
    assert not RealisasiKinerja.objects.exists()


def test_an_indikator_that_allows_negatives_stores_a_tingkat_penurunan_that_went_up(
    client, planner_a, renja_a
):
    indikator = formal(renja_a)  # a share, here read as a change rate
    Indikator.objects.filter(pk=indikator.pk).update(allows_negative=True)

    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="-12,5")

    assert "✓ Tersimpan" in response.content.decode()
    assert RealisasiKinerja.objects.get(indikator=indikator).value == Decimal("-12.5")
    page = get_page(client, planner_a, page_url("e81", renja_a.pk, "?triwulan=1"))
    row = html_tables(page.content.decode())["E.81"].row_with(indikator.name)
    assert "-12,5%" in [cell.text for cell in row]
    assert "(nilai terakhir); boleh negatif</div>" in realisasi_page(client, planner_a, renja_a)


def test_the_action_refuses_a_negative_value_from_any_caller(planner_a, renja_a):
    indikator = indikator_of(renja_a)
    with pytest.raises(ValueRefused, match="tidak boleh negatif untuk indikator «Jumlah Dokumen»"):
        save_realisasi_kinerja(
            indikator, 1, Decimal("-0.5"), acting_user=planner_a, expected_revision=None
        )
    assert not RealisasiKinerja.objects.exists()


def test_the_database_refuses_a_negative_realisasi_written_past_the_action(renja_a):
    indikator = indikator_of(renja_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        RealisasiKinerja.objects.create(indikator=indikator, triwulan=1, value=Decimal("-1"))
    Indikator.objects.filter(pk=indikator.pk).update(allows_negative=True)
    RealisasiKinerja.objects.create(indikator=indikator, triwulan=1, value=Decimal("-1"))
    assert RealisasiKinerja.objects.get(indikator=indikator).value == Decimal("-1")


def test_more_places_than_the_database_keeps_are_refused_not_rounded(planner_a, renja_a):
    indikator = indikator_of(renja_a)
    with pytest.raises(ValueRefused, match="paling banyak 6 angka di belakang koma"):
        save_realisasi_kinerja(
            indikator, 1, Decimal("1.0000001"), acting_user=planner_a, expected_revision=None
        )
    assert not RealisasiKinerja.objects.exists()


# --- Shown as entered ---------------------------------------------------------------------


def _cells_of(table, name):
    """The texts of the first row of a DOCX table that mentions `name`."""
    for row in table.rows:
        texts = [cell.text for cell in row.cells]
        if any(name in text for text in texts):
            return texts
    return []


def test_10_3_entered_prints_10_3_on_every_page_and_document(client, planner_a, verifier, renja_a):
    # given an indikator printed without decimals (Jumlah Dokumen, target 18)
    indikator = indikator_of(renja_a)
    assert indikator.decimals == 0

    # when the operator enters 10,3 for triwulan I
    response = post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="10,3")
    assert "✓ Tersimpan" in response.content.decode()

    # then the value is stored exactly and the indikator now prints one decimal (audited)
    assert RealisasiKinerja.objects.get(indikator=indikator).value == Decimal("10.3")
    indikator.refresh_from_db()
    assert indikator.decimals == 1
    raised = AuditEvent.objects.filter(event_type=AuditEvent.Type.PLAN_EDITED).get()
    assert raised.extra_data["changes"] == {"decimals": [0, 1]}

    # the entry page holds 10,3 in the input
    assert re.search(
        rf'id="k-{indikator.pk}-input"[^>]*value="10,3"', realisasi_page(client, planner_a, renja_a)
    )

    # once the report is verified, the locked page prints 10,3 (no input any more)
    submit_report(renja_a, 1, acting_user=planner_a)
    approve_report(renja_a, 1, acting_user=verifier)
    locked = realisasi_page(client, planner_a, renja_a)
    assert f'id="k-{indikator.pk}-input"' not in locked
    assert '<span class="figure">10,3 Dokumen</span>' in locked

    # the E.81 page: K of triwulan I, and the realisasi s/d triwulan I
    page = get_page(client, planner_a, page_url("e81", renja_a.pk, "?triwulan=1"))
    row = [c.text for c in html_tables(page.content.decode())["E.81"].row_with("Jumlah Dokumen")]
    assert row.count("10,3 Dokumen") >= 2
    assert "10 Dokumen" not in row

    # the E.81 DOCX, read back with python-docx
    data = produce(renja_a, "e81", "docx", triwulan=1).data
    tables = docx.Document(BytesIO(data)).tables
    texts = next(t for t in (_cells_of(table, "Jumlah Dokumen") for table in tables) if t)
    assert "10,3 Dokumen" in texts
    assert "10 Dokumen" not in texts

    # the E.81 XLSX keeps the number 10.3 with a format that shows its decimal
    data = produce(renja_a, "e81", "xlsx", triwulan=1).data
    sheet = openpyxl.load_workbook(BytesIO(data)).worksheets[0]
    row = next(r for r in sheet.iter_rows() if any("Jumlah Dokumen" in str(c.value) for c in r))
    [entered] = [c for c in row if isinstance(c.value, int | float) and str(c.value) == "10.3"]
    assert entered.number_format == '#,##0.0" Dokumen"'
    # col 12 (s/d triwulan I) is a formula over it, printed with the same decimal
    [up_to] = [c for c in row if c.value == f"=SUM({entered.coordinate})"]
    assert up_to.number_format == '#,##0.0" Dokumen"'


def test_10_25_is_not_rounded_to_10_3_and_10_30_prints_10_3(client, planner_a, renja_a):
    indikator = indikator_of(renja_a)

    post(client, planner_a, kinerja_url(renja_a, 1, indikator), value="10,30")
    post(client, planner_a, kinerja_url(renja_a, 2, indikator), value="10,25")

    indikator.refresh_from_db()
    assert indikator.decimals == 2  # 10,30 needs one place, 10,25 two
    page = get_page(client, planner_a, page_url("e81", renja_a.pk, "?triwulan=2"))
    row = [c.text for c in html_tables(page.content.decode())["E.81"].row_with("Jumlah Dokumen")]
    assert "10,25 Dokumen" in row
    assert "10,3 Dokumen" in row  # trailing zero dropped, never a digit
    assert "10,30 Dokumen" not in row
