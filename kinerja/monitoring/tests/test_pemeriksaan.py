"""The Pemeriksaan page: the stored Renja's findings, each linked to its marked row."""

import re

import pytest

from kinerja.accounts.models import User
from kinerja.demo import load_demo
from kinerja.renja.models import Renja

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_page(client):
    load_demo()
    client.force_login(User.objects.get(username="verifikator"))
    renja = Renja.objects.get(year=2024)
    return client.get(f"/evaluasi/renja/{renja.pk}/pemeriksaan/")


def test_findings_are_listed_and_linked_to_marked_rows(demo_page):
    page = demo_page.content.decode()
    assert demo_page.status_code == 200
    assert "temuan pada Renja yang tersimpan" in page
    links = set(re.findall(r'href="#(item-\d+)"', page))
    assert links, "findings link to their rows"
    marked = set(re.findall(r'<tr id="(item-\d+)" class="[^"]*has-findings', page))
    assert links <= marked | set(re.findall(r'<tr id="(item-\d+)"', page))
    assert marked


def test_the_digit_slip_of_the_seed_is_found_in_the_stored_demo(demo_page):
    page = demo_page.content.decode()
    assert "Penyediaan Jasa Pelayanan Umum Kantor" in page
    assert "digit-slip" in page or "growth-outlier" in page


def test_an_outsider_gets_404(client):
    load_demo()
    renja = Renja.objects.get(year=2024)
    outsider = User.objects.create_user("luar", password="x-y-z-12345")
    client.force_login(outsider)
    assert client.get(f"/evaluasi/renja/{renja.pk}/pemeriksaan/").status_code == 404
