"""Signing in and out (Django's auth views, in Bahasa Indonesia); pages need a signed-in user."""

import pytest
from django.urls import reverse

PASSWORD = "kata-sandi-uji"


@pytest.fixture
def planner_a(planner_a):
    """The persona with a password known here (accounts must not import kinerja.testing)."""
    planner_a.set_password(PASSWORD)
    planner_a.save(update_fields=["password"])
    return planner_a


def test_the_login_page_speaks_indonesian(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Masuk ke Kinerja" in response.content.decode()
    assert 'lang="id"' in response.content.decode()


def test_signing_in_leads_home(client, planner_a):
    response = client.post(reverse("login"), {"username": "operator_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_wrong_password_is_refused_in_indonesian(client, planner_a):
    response = client.post(reverse("login"), {"username": "operator_a", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/renstra/1/", "/renja/1/"], ids=["home", "renstra", "renja"])
def test_pages_send_anonymous_users_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_signing_out_leads_back_to_login(client, planner_a):
    client.force_login(planner_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302
