"""The nomenclature search: one edition, one level, below a parent's code, by part of a
name or code; for signed-in users."""

import pytest
from django.urls import reverse

from kinerja.renja.tests.test_edit_structure import build_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(db):
    build_edition("050-5889/2021")
    return build_edition("900.1.15.5-1317/2023")


def search(client, entries, **params):
    edition = entries["5.03.02"].edition_id
    response = client.get(reverse("nomenclature:search"), {"edition": edition, **params})
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("params", "found", "absent"),
    [
        ({"level": "program", "q": ""}, ["5.03.02", "5.03.03"], ["5.03.02.2.01"]),
        ({"level": "program", "q": "sumber daya"}, ["5.03.03"], ["5.03.02<"]),
        ({"level": "program", "q": "5.03.03"}, ["5.03.03"], ["5.03.02<"]),
        (
            {"level": "kegiatan", "parent": "5.03.02"},
            ["5.03.02.2.01", "5.03.02.2.03"],
            ["5.03.03.2.01"],
        ),
        (
            {"level": "kegiatan", "parent": "5.03.02", "q": "DISIPLIN asn"},
            ["5.03.02.2.03"],
            ["5.03.02.2.01<"],
        ),
        (
            {"level": "sub_kegiatan", "parent": "5.03.02.2.01", "q": "data"},
            ["5.03.02.2.01.0007"],
            [],
        ),
        ({"level": "sub_kegiatan", "parent": "5.03.02.2.03"}, [], ["5.03.02.2.01.0007"]),
    ],
)
def test_it_finds_entries_of_the_level_under_the_parent(
    client, planner_a, entries, params, found, absent
):
    client.force_login(planner_a)

    status, text = search(client, entries, **params)

    assert status == 200
    for code in found:
        assert f'<span class="code">{code}</span>' in text
    for code in absent:
        assert f'<span class="code">{code}' not in text


def test_each_result_is_a_choice_of_the_enclosing_form(client, planner_a, entries):
    client.force_login(planner_a)

    _, text = search(client, entries, level="sub_kegiatan", parent="5.03.02.2.01")

    entry = entries["5.03.02.2.01.0007"]
    assert f'<button type="submit" name="entry" value="{entry.pk}"' in text
    assert "Jumlah Dokumen Data Kepegawaian (Dokumen)" in text


def test_only_the_asked_edition_is_searched(client, planner_a, entries):
    client.force_login(planner_a)

    _, text = search(client, entries, level="program", q="5.03.03")

    assert text.count('<span class="code">') == 1


def test_nothing_found_says_so(client, planner_a, entries):
    client.force_login(planner_a)

    _, text = search(client, entries, level="kegiatan", parent="5.03.02", q="kesehatan")

    assert "Tidak ada kegiatan yang cocok dengan “kesehatan”." in text


def test_results_are_limited(client, planner_a, entries):
    program = entries["5.03.02"]
    for number in range(10, 35):
        program.kegiatan.create(edition_id=program.edition_id, code=f"5.03.02.2.{number}", name="K")
    client.force_login(planner_a)

    _, text = search(client, entries, level="kegiatan", parent="5.03.02")

    assert text.count('name="entry"') == 20
    assert "Hanya 20 hasil pertama yang ditampilkan" in text


@pytest.mark.parametrize(
    "params",
    [
        {"level": "urusan"},
        {"level": "program", "edition": "999"},
        {"level": "program", "edition": "x"},
    ],
)
def test_an_unknown_level_or_edition_is_404(client, planner_a, entries, params):
    client.force_login(planner_a)
    response = client.get(
        reverse("nomenclature:search"), {"edition": entries["5.03.02"].edition_id, **params}
    )
    assert response.status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, entries):
    status, _ = search(client, entries, level="program")
    assert status == 302
