"""`review/_status.html`, the piece the Renja page includes: the status, who changed it and
when, the verifier's note, the link to the review page and the other versions."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kinerja.renja.transitions import approve_renja, create_perubahan, return_renja, submit_renja

pytestmark = pytest.mark.django_db


def rendered(renja):
    return " ".join(render_to_string("review/_status.html", {"renja": renja}).split())


def test_a_draf_shows_its_status_and_the_link_to_the_review_page(renja_a):
    html = rendered(renja_a)
    assert 'status-badge status-draf">Draf<' in html
    assert reverse("review:renja", args=[renja_a.pk]) in html
    assert "Catatan verifikator" not in html


def test_a_returned_renja_shows_the_verifier_s_note_and_who_returned_it(
    planner_a, verifier, renja_a
):
    submit_renja(renja_a, acting_user=planner_a)
    renja = return_renja(renja_a, acting_user=verifier, note="Lengkapi lokasi.\nCek pagu.")
    html = rendered(renja)
    assert 'status-dikembalikan">Dikembalikan<' in html
    assert "oleh Verifikator," in html
    assert "Dikembalikan dengan catatan verifikator:" in html
    assert "Lengkapi lokasi.<br>Cek pagu." in html


def test_versions_point_at_each_other_and_say_where_realisasi_stay(planner_a, verifier, renja_a):
    submit_renja(renja_a, acting_user=planner_a)
    approved = approve_renja(renja_a, acting_user=verifier)
    new = create_perubahan(approved, acting_user=planner_a, reason="APBD-P")

    old_html = rendered(approved)
    assert "Sudah ada Renja perubahan" in old_html
    assert f'href="{reverse("renja:detail", args=[new.pk])}">versi 2' in old_html
    new_html = rendered(new)
    assert f'href="{reverse("renja:detail", args=[approved.pk])}">versi 1' in new_html
    assert "tetap pada versi 1" in new_html
