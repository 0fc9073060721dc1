"""The admin pemda's archive pages: list the plans imports replaced, look inside one,
download its plan file, restore it (confirmed); and nobody deletes a plan, a report or an
evidence file through the Django admin, where a file would be lost or left behind."""

from html import unescape

import pytest
from django.urls import reverse

from kinerja.accounts.models import Pemda
from kinerja.imports.models import ReplacedPlan
from kinerja.imports.tests.conftest import RENJA_ONLY
from kinerja.imports.tests.test_import_plan import row_counts
from kinerja.monitoring.models import Bukti, LaporanTriwulan
from kinerja.renja.models import Renja
from kinerja.renstra.models import Renstra
from kinerja.testing import add_member, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(plan, replace):
    """The small plan's Renja, replaced by RENJA_ONLY."""
    assert replace(RENJA_ONLY).written
    return ReplacedPlan.objects.get()


@pytest.fixture
def admin(plan):
    """The admin pemda of the small plan's pemda (Kabupaten Contoh)."""
    return add_member(make_user("admin_contoh"), "admin", plan.perangkat_daerah.pemda)


@pytest.mark.parametrize("persona", ["verifier", "planner_a", "other"])
def test_nobody_else_sees_the_archive(client, request, archive, persona):
    if persona == "other":
        user = add_member(make_user("admin_lain"), "admin", Pemda.objects.create(name="Kota Lain"))
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(reverse("imports:archive_list", args=[archive.pemda_id])).status_code == 404
    assert client.get(reverse("imports:archive_detail", args=[archive.pk])).status_code == 404
    restore = client.post(reverse("imports:archive_restore", args=[archive.pk]))
    assert restore.status_code == 404


def page(response) -> str:
    return unescape(response.content.decode())


def test_the_admin_pemda_lists_and_opens_the_archive(client, admin, archive):
    client.force_login(admin)

    listed = page(client.get(reverse("imports:archive_list", args=[archive.pemda_id])))
    opened = page(client.get(reverse("imports:archive_detail", args=[archive.pk])))
    plan_file = client.get(reverse("imports:archive_file", args=[archive.pk]))

    assert "Renja Dinas Contoh 2024 (final, versi 1)" in listed
    assert "bukti Triwulan I: Notulen.pdf (41 bita)" in opened
    assert "Yang sekarang menempati tempatnya akan diganti" in opened
    assert plan_file.content.decode() == archive.plan_file
    assert 'filename="arsip-' in plan_file["Content-Disposition"]


def test_restoring_needs_both_confirmations(
    client, admin, archive, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    url = reverse("imports:archive_restore", args=[archive.pk])
    token = (
        client.get(reverse("imports:archive_detail", args=[archive.pk]))
        .context["preview"]
        .replace_token
    )
    before = row_counts()

    unconfirmed = client.post(url, {"confirm_replace": token})
    unlisted = client.post(url, {"confirm_restore": "ya"})

    assert "Centang konfirmasi pemulihan" in page(unconfirmed)
    assert "konfirmasi penggantian" in page(unlisted)
    assert row_counts() == before

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"confirm_restore": "ya", "confirm_replace": token})

    assert done.status_code == 302
    assert Bukti.objects.get().original_name == "Notulen.pdf"
    assert ReplacedPlan.objects.get(pk=archive.pk).restored_by == admin
    assert ReplacedPlan.objects.count() == 2  # what the restore replaced


def test_a_restore_is_refused_while_what_stands_there_is_reviewed(client, admin, archive):
    Renja.objects.update(status="disetujui")
    client.force_login(admin)

    opened = page(client.get(reverse("imports:archive_detail", args=[archive.pk])))

    assert "Arsip ini tidak dapat dipulihkan sekarang" in opened
    assert "berstatus disetujui" in opened
    assert reverse("imports:archive_restore", args=[archive.pk]) not in opened


@pytest.mark.parametrize(
    "model", [Renja, Renstra, LaporanTriwulan, Bukti, ReplacedPlan], ids=lambda m: m.__name__
)
def test_the_django_admin_deletes_no_plan_report_evidence_or_archive(
    client, superuser, plan, model
):
    if model is ReplacedPlan:  # an archive of the plan as it is
        ReplacedPlan.objects.create(
            pemda=plan.perangkat_daerah.pemda, perangkat_daerah=plan.perangkat_daerah,
            kind="renja", label="x", year=2024, plan_file="", folder="arsip/x",
        )  # fmt: skip
    obj = model.objects.first()
    opts = model._meta
    client.force_login(superuser)

    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk]),
        {"post": "yes"},
    )

    assert response.status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()
