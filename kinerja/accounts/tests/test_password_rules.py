"""Django's four password validators, in Bahasa Indonesia, wherever a person sets a password:
too short, too common, digits only, or too like the user's own name."""

import pytest
from django.conf import settings
from django.urls import reverse

from kinerja.accounts.models import User

pytestmark = pytest.mark.django_db

VALIDATORS = [
    "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    "django.contrib.auth.password_validation.MinimumLengthValidator",
    "django.contrib.auth.password_validation.CommonPasswordValidator",
    "django.contrib.auth.password_validation.NumericPasswordValidator",
]


def test_all_four_validators_are_on():
    assert [v["NAME"] for v in settings.AUTH_PASSWORD_VALIDATORS] == VALIDATORS


NEW_USER = {"username": "verif_dua", "full_name": "Siti Rahmawati", "role": "verifier"}


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Tj4b", "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter."),
        ("password123", "Kata sandi ini terlalu umum."),
        ("2024061712", "Kata sandi ini seluruhnya terdiri dari angka."),
        ("verif_dua_2024", "Kata sandi terlalu mirip dengan nama pengguna."),
        ("Rahmawati2024", "Kata sandi terlalu mirip dengan nama depan."),
    ],
    ids=["short", "common", "numeric", "like-username", "like-name"],
)
def test_a_new_users_weak_password_is_refused_saying_why(client, admin, pemda, password, message):
    client.force_login(admin)
    url = reverse("accounts:user_add", args=[pemda.pk])
    response = client.post(url, {**NEW_USER, "password": password})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="verif_dua").exists()


def test_a_reset_password_like_the_users_name_is_refused(client, admin, pemda, planner_a):
    client.force_login(admin)
    url = reverse("accounts:user_password", args=[pemda.pk, planner_a.pk])
    response = client.post(url, {"password": "operator_a2024"})
    assert response.status_code == 422
    assert "Kata sandi terlalu mirip dengan nama pengguna." in response.content.decode()


def test_a_strong_password_is_accepted(client, admin, pemda):
    client.force_login(admin)
    url = reverse("accounts:user_add", args=[pemda.pk])
    client.post(url, {**NEW_USER, "password": "Kuala-Tungkal-Pagi"})
    assert User.objects.get(username="verif_dua").check_password("Kuala-Tungkal-Pagi")
