"""Who may edit Tabel 4.1 in the browser: the OPD's operator and the pemda's admin while the
Renja is draf or dikembalikan; others read it, and their requests are refused (403, or 404
when they may not even see the Renja)."""

import pytest
from django.urls import reverse

from kinerja.renja.actions import update_item
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renja.workflow import Locked

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def urls(renja):
    sub = RenjaItem.objects.get(renja=renja, code="5.03.01.2.01.0001")
    indikator = Indikator.objects.filter(item=sub).first()
    assert indikator is not None
    return {
        "item_edit": reverse("renja:item_edit", args=[renja.pk, sub.pk]),
        "item_remove": reverse("renja:item_remove", args=[renja.pk, sub.pk]),
        "item_add": reverse("renja:item_add", args=[renja.pk]),
        "indikator_add": reverse("renja:indikator_add", args=[renja.pk, sub.pk]),
        "indikator_edit": reverse("renja:indikator_edit", args=[renja.pk, indikator.pk]),
        "indikator_remove": reverse("renja:indikator_remove", args=[renja.pk, indikator.pk]),
    }


def snapshot(renja):
    items = list(RenjaItem.objects.filter(renja=renja).values_list("pk", "revision", "pagu"))
    indikator = list(
        Indikator.objects.filter(item__renja=renja).values_list("pk", "revision", "target")
    )
    return items, indikator


FORM = {"revision": "1", "pagu": "1", "lokasi": "X", "name": "X", "target": "1", "entry": "1"}


@pytest.mark.parametrize(("persona", "status"), [("viewer_a", 403), ("verifier", 403)])
@pytest.mark.parametrize(
    "name",
    ["item_edit", "item_remove", "item_add", "indikator_add", "indikator_edit", "indikator_remove"],
)
def test_readers_are_refused_with_403_and_nothing_changes(
    client, request, renja_a, persona, status, name
):
    before = snapshot(renja_a)
    client.force_login(request.getfixturevalue(persona))

    posted = client.post(urls(renja_a)[name], FORM)
    opened = client.get(urls(renja_a)[name], **HTMX)

    assert posted.status_code == status
    assert opened.status_code == status
    assert "Anda tidak berwenang mengubah Renja" in posted.content.decode()
    assert snapshot(renja_a) == before


@pytest.mark.parametrize(
    "name",
    ["item_edit", "item_remove", "item_add", "indikator_add", "indikator_edit", "indikator_remove"],
)
def test_an_outsider_gets_404(client, outsider_b, renja_a, name):
    before = snapshot(renja_a)
    client.force_login(outsider_b)

    assert client.post(urls(renja_a)[name], FORM).status_code == 404
    assert client.post(urls(renja_a)[name], FORM, **HTMX).status_code == 404
    assert snapshot(renja_a) == before


def test_signed_out_visitors_are_sent_to_sign_in(client, renja_a):
    response = client.post(urls(renja_a)["item_edit"], FORM)
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


@pytest.mark.parametrize("status", [Renja.Status.DISETUJUI, Renja.Status.DIAJUKAN])
def test_a_submitted_or_approved_renja_refuses_edits(client, planner_a, renja_a, status):
    Renja.objects.filter(pk=renja_a.pk).update(status=status)
    before = snapshot(renja_a)
    client.force_login(planner_a)

    response = client.post(urls(renja_a)["item_edit"], FORM)
    htmx = client.post(urls(renja_a)["item_edit"], FORM, **HTMX)

    assert response.status_code == 403
    reason = "disetujui dan terkunci" if status == Renja.Status.DISETUJUI else "diajukan"
    assert reason in response.content.decode()
    # HTMX reloads the page, which then shows the reason instead of the edit controls
    assert htmx.status_code == 403
    assert htmx["HX-Refresh"] == "true"
    assert snapshot(renja_a) == before


def test_the_action_itself_refuses_an_approved_renja(planner_a, renja_a):
    Renja.objects.filter(pk=renja_a.pk).update(status=Renja.Status.DISETUJUI)
    sub = RenjaItem.objects.get(renja=renja_a, code="5.03.01.2.01.0001")

    with pytest.raises(Locked, match="disetujui"):
        update_item(sub, acting_user=planner_a, expected_revision=1, lokasi="X")


def test_the_admin_of_the_pemda_may_edit(client, admin, renja_a):
    sub = RenjaItem.objects.get(renja=renja_a, code="5.03.01.2.01.0001")
    client.force_login(admin)

    posted = {"revision": 1, "pagu": "1.000", "lokasi": "X", "sumber_dana": sub.sumber_dana}
    client.post(urls(renja_a)["item_edit"], posted)

    sub.refresh_from_db()
    assert (sub.pagu, sub.lokasi) == (1000, "X")


def page(client, user, renja):
    client.force_login(user)
    return client.get(reverse("renja:detail", args=[renja.pk])).content.decode()


def test_the_operator_sees_edit_controls(client, planner_a, renja_a):
    text = page(client, planner_a, renja_a)
    assert urls(renja_a)["item_edit"] in text
    assert "+ Program" in text
    assert "Hanya baca" not in text


@pytest.mark.parametrize("persona", ["viewer_a", "verifier"])
def test_readers_see_the_table_without_controls_and_why(client, request, renja_a, persona):
    text = page(client, request.getfixturevalue(persona), renja_a)
    assert ">1.590.078.504<" in text
    assert urls(renja_a)["item_edit"] not in text
    assert 'id="add-slot-' not in text
    assert "Hanya baca: Anda tidak berwenang mengubah Renja" in text


def test_an_approved_renja_shows_the_lock_instead_of_controls(client, planner_a, renja_a):
    Renja.objects.filter(pk=renja_a.pk).update(status=Renja.Status.DISETUJUI)
    text = page(client, planner_a, renja_a)
    assert urls(renja_a)["item_edit"] not in text
    assert "sudah disetujui dan terkunci" in text
    # the document buttons stay
    assert reverse("documents:renja_file", args=[renja_a.pk, "renja", "docx"]) in text
