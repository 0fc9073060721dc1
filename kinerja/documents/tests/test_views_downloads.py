"""Downloads of a Renja's documents and of the pemda summary, and their buttons on the
Renja page, the evaluation pages and the Bappeda page."""

import re
from io import BytesIO

import docx
import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from kinerja.demo import load_demo
from kinerja.documents.produce import DocumentError
from kinerja.renja.models import Renja

pytestmark = pytest.mark.django_db

OPD_NAME = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@pytest.fixture
def demo_renja_a(planner_a, verifier, admin) -> Renja:
    """The demo's Renja 2024 in OPD A of the personas' pemda, so they see it as OPD A
    (conftest's `demo_renja` has no personas; see monitoring's conftest)."""
    result, _ = load_demo()
    assert result.perangkat_daerah is not None
    return result.perangkat_daerah.renja.get()


def fetch(client, user, url):
    user.refresh_from_db()  # the demo may have reset the password, which ends sessions
    client.force_login(user)
    return client.get(url)


def renja_url(renja_id, what, fmt, query=""):
    return reverse("documents:renja_file", args=[renja_id, what, fmt]) + query


def pemda_url(pemda_id, fmt, query="", year=2024):
    return reverse("documents:pemda_file", args=[pemda_id, year, fmt]) + query


def text_of(fmt: str, data: bytes) -> str:
    """The text of a produced file, read back with the format's own library."""
    if fmt == "docx":
        document = docx.Document(BytesIO(data))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(BytesIO(data))
        values = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return "\n".join(values)
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages[:3])


@pytest.mark.parametrize(
    ("what", "fmt", "query", "filename", "expected"),
    [
        ("renja", "docx", "", "renja-2024-bkpsdm.docx", "BAB II"),
        ("renja", "pdf", "", "renja-2024-bkpsdm.pdf", "RENCANA KERJA"),
        ("tables", "xlsx", "?triwulan=2", "tables-2024-tw2-bkpsdm.xlsx", "Triwulan II"),
        ("e81", "docx", "?triwulan=2", "e81-2024-tw2-bkpsdm.docx", "TRIWULAN II"),
        ("e81", "pdf", "?triwulan=3", "e81-2024-tw3-bkpsdm.pdf", "TRIWULAN III"),
        ("e81", "xlsx", "?triwulan=2", "e81-2024-tw2-bkpsdm.xlsx", "Triwulan II"),
    ],
)
def test_each_renja_document_downloads_and_opens(
    client, planner_a, demo_renja_a, what, fmt, query, filename, expected
):
    response = fetch(client, planner_a, renja_url(demo_renja_a.pk, what, fmt, query))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    text = text_of(fmt, response.content)
    assert expected.lower() in text.lower()
    assert "kepegawaian" in text.lower()


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_the_pemda_summary_downloads_at_the_asked_triwulan(client, verifier, demo_renja_a, fmt):
    pemda_id = demo_renja_a.perangkat_daerah.pemda_id
    response = fetch(client, verifier, pemda_url(pemda_id, fmt, "?triwulan=2"))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert (
        response["Content-Disposition"] == 'attachment; filename="rekap-e81-2024-tw2.' + fmt + '"'
    )
    text = text_of(fmt, response.content)
    assert "BKPSDM" in text or OPD_NAME.lower() in text.lower().replace("\n", " ")


@pytest.mark.parametrize("persona", ["planner_a", "viewer_a", "verifier", "admin", "superuser"])
def test_whoever_sees_the_renja_downloads_it(client, request, renja_a, persona):
    response = fetch(client, request.getfixturevalue(persona), renja_url(renja_a.pk, "e81", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES["xlsx"]


def test_a_user_of_another_opd_gets_404(client, outsider_b, renja_a):
    response = fetch(client, outsider_b, renja_url(renja_a.pk, "renja", "pdf"))
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_signing_in_is_required(client, renja_a):
    response = client.get(renja_url(renja_a.pk, "renja", "pdf"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url",
    [
        "/dokumen/renja/{id}/tc99.pdf",
        "/dokumen/renja/{id}/renja.odt",
        "/dokumen/renja/{id}/renja.docx.zip",
        "/dokumen/renja/{id}/e81.xlsx?triwulan=5",
        "/dokumen/renja/{id}/e81.xlsx?triwulan=0",
        "/dokumen/renja/{id}/e81.xlsx?triwulan=II",
        "/dokumen/renja/{missing}/e81.xlsx",
    ],
)
def test_unknown_kinds_formats_triwulan_and_renja_are_404(client, planner_a, renja_a, url):
    response = fetch(client, planner_a, url.format(id=renja_a.pk, missing=renja_a.pk + 999))
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["", "?triwulan=1"])
def test_the_pemda_summary_is_for_reviewers_only(client, pemda, renja_a, planner_a, query):
    assert fetch(client, planner_a, pemda_url(pemda.pk, "xlsx", query)).status_code == 404


@pytest.mark.parametrize(("fmt", "query"), [("odt", ""), ("xlsx", "?triwulan=9")])
def test_unknown_pemda_summary_format_or_triwulan_is_404(client, verifier, pemda, fmt, query):
    assert fetch(client, verifier, pemda_url(pemda.pk, fmt, query)).status_code == 404


def test_the_pemda_summary_of_another_pemda_is_404(client, verifier, other_pemda_opd):
    url = pemda_url(other_pemda_opd.pemda_id, "xlsx")
    assert fetch(client, verifier, url).status_code == 404


def test_a_document_that_cannot_be_made_says_why(client, planner_a, renja_a, monkeypatch):
    def refuse(*args, **kwargs):
        raise DocumentError("templat Word pemda rusak; unggah ulang")

    monkeypatch.setattr("kinerja.documents.views.produce", refuse)
    response = fetch(client, planner_a, renja_url(renja_a.pk, "renja", "docx"))
    assert response.status_code == 422
    assert "templat Word pemda rusak; unggah ulang" in response.content.decode()


# --- The buttons -----------------------------------------------------------------------


def hrefs(html: str) -> set[str]:
    return {href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)}


def assert_links_download(client, links):
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert response["Content-Disposition"].startswith("attachment"), link


def test_the_renja_page_has_the_document_buttons(client, viewer_a, renja_a):
    html = fetch(client, viewer_a, reverse("renja:detail", args=[renja_a.pk])).content.decode()
    links = {
        renja_url(renja_a.pk, "renja", "docx"),
        renja_url(renja_a.pk, "renja", "pdf"),
        renja_url(renja_a.pk, "tables", "xlsx"),
    }
    assert links <= hrefs(html)
    assert reverse("documents:narasi", args=[renja_a.pk]) in hrefs(html)
    assert "Narasi dokumen" in html
    assert_links_download(client, links - {renja_url(renja_a.pk, "renja", "pdf")})


def test_the_e81_page_downloads_the_chosen_triwulan(client, viewer_a, renja_a):
    url = reverse("monitoring:e81", args=[renja_a.pk]) + "?triwulan=3"
    html = fetch(client, viewer_a, url).content.decode()
    links = {renja_url(renja_a.pk, "e81", fmt, "?triwulan=3") for fmt in ("docx", "pdf", "xlsx")}
    links.add(renja_url(renja_a.pk, "tables", "xlsx", "?triwulan=3"))
    assert links <= hrefs(html)
    xlsx = client.get(renja_url(renja_a.pk, "e81", "xlsx", "?triwulan=3"))
    assert "tw3" in xlsx["Content-Disposition"]


@pytest.mark.parametrize("page", ["tc29", "tc30", "tc33", "serapan", "pemeriksaan"])
def test_every_evaluation_page_has_the_buttons(client, viewer_a, renja_a, page):
    html = fetch(client, viewer_a, reverse(f"monitoring:{page}", args=[renja_a.pk])).content
    found = hrefs(html.decode())
    assert any(link.startswith(renja_url(renja_a.pk, "e81", "docx")) for link in found)
    assert any(link.startswith(renja_url(renja_a.pk, "tables", "xlsx")) for link in found)


def test_the_bappeda_page_has_the_summary_batch_and_template_links(
    client, verifier, pemda, renja_a
):
    url = reverse("monitoring:pemda", args=[pemda.pk, 2024]) + "?triwulan=2"
    found = hrefs(fetch(client, verifier, url).content.decode())
    links = {pemda_url(pemda.pk, fmt, "?triwulan=2") for fmt in ("docx", "pdf", "xlsx")}
    assert links <= found
    assert reverse("documents:batch", args=[pemda.pk, 2024]) in found
    assert reverse("documents:word_template", args=[pemda.pk]) in found
    assert_links_download(client, {pemda_url(pemda.pk, "xlsx", "?triwulan=2")})


def test_the_dashboards_have_the_download_buttons(client, viewer_a, verifier, pemda, renja_a):
    url = reverse("dashboard:opd", args=[renja_a.perangkat_daerah_id, renja_a.year])
    found = hrefs(fetch(client, viewer_a, url).content.decode())
    assert any(link.startswith(renja_url(renja_a.pk, "e81", "pdf")) for link in found)
    assert any(link.startswith(renja_url(renja_a.pk, "tables", "xlsx")) for link in found)
    url = reverse("dashboard:pemda", args=[pemda.pk, renja_a.year])
    found = hrefs(fetch(client, verifier, url).content.decode())
    assert any(link.startswith(pemda_url(pemda.pk, "docx")) for link in found)
    assert reverse("documents:batch", args=[pemda.pk, renja_a.year]) in found
