"""A file whose findings include errors is imported only once they are acknowledged; then
its errors and warnings are kept with the plan it made (Renja, or Renstra) and shown, open,
on the Pemeriksaan page until someone marks them resolved."""

import pytest
from django.urls import reverse

from kinerja.evaluation.types import Finding
from kinerja.imports.actions import FileFacts, import_data
from kinerja.imports.models import ImportFinding
from kinerja.imports.plan_yaml import load
from kinerja.imports.replacing import Consent
from kinerja.imports.tests.conftest import RENJA_ONLY
from kinerja.imports.tests.test_import_plan import row_counts
from kinerja.renja.models import Renja

pytestmark = pytest.mark.django_db

FINDINGS = (
    Finding(rule="pagu-sum", severity="error", table="Tabel 4.1", code="5.03.02.2.02",
            expected="100", actual="120", line=14, message="Jumlah kegiatan tercetak 120"),
    Finding(rule="title-year", severity="warning", line=3, message="Judul menyebut 2023"),
    Finding(rule="semantics-inferred", severity="info", message="diasumsikan jumlah"),
)  # fmt: skip


def renja_file(small_plan: str) -> dict:
    """The small plan (stored), then its Renja for 2025 as an agency file would bring it."""
    assert import_data(load(small_plan), source="kecil.yaml", acting_user=None).written
    data = load(RENJA_ONLY)
    data["renja"][0]["year"] = 2025
    return data


def test_errors_refuse_the_import_until_acknowledged(small_plan, planner_a):
    data = renja_file(small_plan)
    facts = FileFacts(findings=FINDINGS)
    before = row_counts()

    refused = import_data(data, source="renja.xlsx", acting_user=planner_a, facts=facts)

    assert not refused.written
    assert "memiliki 1 galat" in refused.errors[0].message
    assert "--accept-errors" in refused.errors[0].message
    assert row_counts() == before

    done = import_data(
        data, source="renja.xlsx", acting_user=planner_a, facts=facts,
        consent=Consent(errors=True),
    )  # fmt: skip

    assert done.written, done.errors
    renja = Renja.objects.get(year=2025)
    kept = list(ImportFinding.objects.filter(renja=renja).order_by("id"))
    assert [(f.rule, f.severity) for f in kept] == [
        ("pagu-sum", "error"),
        ("title-year", "warning"),
    ]
    assert kept[0].details["line"] == 14
    assert kept[0].details["expected"] == "100"
    assert {f.source for f in kept} == {"renja.xlsx"}


def test_a_file_with_warnings_only_needs_no_acknowledgement(small_plan):
    data = renja_file(small_plan)

    result = import_data(data, source="renja.xlsx", acting_user=None,
                         facts=FileFacts(findings=FINDINGS[1:]))  # fmt: skip

    assert result.written, result.errors
    assert ImportFinding.objects.get().rule == "title-year"


def test_a_plan_files_findings_are_not_kept(small_plan):
    data = renja_file(small_plan)

    result = import_data(
        data, source="rencana.yaml", acting_user=None, consent=Consent(errors=True),
        facts=FileFacts(findings=FINDINGS, keep_findings=False),
    )  # fmt: skip

    assert result.written
    assert not ImportFinding.objects.exists()  # the Pemeriksaan page recomputes them


def test_a_renstras_findings_show_on_the_pemeriksaan_page_of_its_renja(client, admin, small_plan):
    data = load(small_plan)
    facts = FileFacts(findings=FINDINGS)
    result = import_data(data, source="renstra.csv", acting_user=None, facts=facts,
                         consent=Consent(errors=True))  # fmt: skip
    assert result.written
    renja = Renja.objects.get()
    assert ImportFinding.objects.filter(renstra=renja.renstra).count() == 2
    client.force_login(admin)
    admin.is_superuser = True
    admin.save()

    pemeriksaan = client.get(f"/evaluasi/renja/{renja.pk}/pemeriksaan/").content.decode()
    renstra_page = client.get(reverse("renstra:detail", args=[renja.renstra_id])).content.decode()

    for page in (pemeriksaan, renstra_page):
        assert "Jumlah kegiatan tercetak 120" in page
        assert "renstra.csv (Renstra)" in page
        assert "Tandai selesai" in page
