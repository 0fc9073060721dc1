"""Sign-in throttling (django-axes): five wrong passwords lock a username from one address
for 15 minutes, with a page in Bahasa Indonesia saying until when; the lockout is audited
once, and the admin pemda can lift it (audited too)."""

from datetime import timedelta

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.models import AuditEvent
from kinerja.testing import PASSWORD

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"  # one pemda office behind NAT: everybody's address
ELSEWHERE = "198.51.100.7"


def sign_in(client, username, password, address=OFFICE):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client):
    return SESSION_KEY in client.session


def lock_out(client, username, address=OFFICE):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "salah-sekali", address)
    return response


def lockouts():
    return AuditEvent.objects.filter(event_type=AuditEvent.Type.LOGIN_LOCKED_OUT)


def test_the_limit_and_cool_off_are_five_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_fifty_wrong_passwords_lock_the_username_and_even_the_right_one_is_refused(planner_a):
    client = Client()
    answers = [sign_in(client, "operator_a", f"salah-{n}").status_code for n in range(50)]
    # Four ordinary refusals, then the lockout page for the fifth and every later attempt.
    assert answers[:4] == [200] * 4
    assert set(answers[4:]) == {429}
    response = sign_in(client, "operator_a", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    text = response.content.decode()
    assert "Masuk dikunci sementara" in text
    assert "salah 5 kali berturut-turut" in text
    until = timezone.localtime(AccessAttempt.objects.get().attempt_time) + timedelta(minutes=15)
    assert f"Coba lagi setelah pukul {until:%H.%M}" in text
    assert "admin pemda" in text
    # Attempts during the lockout neither count nor extend it: the page keeps its time.
    assert AccessAttempt.objects.get().failures_since_start == 5


def test_a_lockout_is_audited_once_with_username_and_address(planner_a):
    client = Client()
    lock_out(client, "operator_a")
    sign_in(client, "operator_a", "lagi-salah")
    sign_in(client, "operator_a", PASSWORD)
    event = lockouts().get()
    assert event.acting_user is None
    assert event.object_type == "accounts.user"
    assert event.object_id == str(planner_a.pk)
    assert event.extra_data["username"] == "operator_a"
    assert event.extra_data["ip_address"] == OFFICE
    assert event.extra_data["failures"] == 5
    assert event.extra_data["known_user"] is True


def test_a_guessed_username_is_audited_too(db):
    lock_out(Client(), "bukan_pengguna")
    event = lockouts().get()
    assert event.object_type == "axes.accessattempt"
    assert event.extra_data["username"] == "bukan_pengguna"
    assert event.extra_data["known_user"] is False


def test_the_lockout_holds_for_that_username_from_that_address_only(planner_a, viewer_a):
    lock_out(Client(), "operator_a")
    # A colleague in the same office (same NAT address) signs in as usual …
    colleague = Client()
    assert sign_in(colleague, viewer_a.username, PASSWORD).status_code == 302
    assert signed_in(colleague)
    # … and the officer can sign in from elsewhere: a guesser cannot lock them out.
    elsewhere = Client()
    assert sign_in(elsewhere, "operator_a", PASSWORD, ELSEWHERE).status_code == 302
    assert signed_in(elsewhere)


def test_the_lockout_ends_after_the_cool_off(planner_a):
    client = Client()
    lock_out(client, "operator_a")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "operator_a", PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_forgets_earlier_failures(planner_a):
    client = Client()
    for _attempt in range(4):
        sign_in(client, "operator_a", "salah")
    assert sign_in(client, "operator_a", PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(4):
        assert sign_in(client, "operator_a", "salah").status_code == 200
    assert sign_in(client, "operator_a", PASSWORD).status_code == 302


def test_the_django_admin_sign_in_is_throttled_too(superuser):
    client = Client()
    url = reverse("admin:login")
    for _attempt in range(5):
        response = client.post(url, {"username": superuser.username, "password": "salah"})
    assert response.status_code == 429
    right = {"username": superuser.username, "password": PASSWORD}
    assert client.post(url, right).status_code == 429


def test_with_locking_by_username_alone_other_addresses_are_locked_too(planner_a):
    with override_settings(AXES_LOCKOUT_PARAMETERS=["username"]):
        response = lock_out(Client(), "operator_a")
        assert "dari komputer atau jaringan Anda" not in response.content.decode()
        assert sign_in(Client(), "operator_a", PASSWORD, ELSEWHERE).status_code == 429


# --- The client's address behind a reverse proxy (KINERJA_PROXY_COUNT) -------------------


def address_of(remote_addr, forwarded_for=None):
    request = RequestFactory().post("/masuk/", REMOTE_ADDR=remote_addr)
    if forwarded_for is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return get_client_ip_address(request)


def test_without_a_proxy_a_forwarded_for_header_is_ignored():
    assert address_of(OFFICE, forwarded_for="192.0.2.1") == OFFICE


@override_settings(
    AXES_IPWARE_META_PRECEDENCE_ORDER=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
    AXES_IPWARE_PROXY_COUNT=0,
)
def test_behind_one_proxy_the_client_is_the_address_it_forwards():
    # As settings.py sets them for KINERJA_PROXY_COUNT=1 (see test_settings.py).
    assert address_of("127.0.0.1", forwarded_for=OFFICE) == OFFICE
    # A client that sends its own X-Forwarded-For (which the proxy extends) does not get
    # to choose its address: the chain is not the expected length, the proxy's is used.
    assert address_of("127.0.0.1", forwarded_for=f"192.0.2.1, {OFFICE}") != "192.0.2.1"


# --- The admin pemda lifts a lockout ---------------------------------------------------


def detail_url(pemda, user):
    return reverse("accounts:user_detail", args=[pemda.pk, user.pk])


def unlock_url(pemda, user):
    return reverse("accounts:user_unlock", args=[pemda.pk, user.pk])


def test_the_admin_sees_the_lockout_and_lifts_it(admin, pemda, planner_a):
    lock_out(Client(), "operator_a")
    client = Client()
    client.force_login(admin)
    page = client.get(detail_url(pemda, planner_a)).content.decode()
    assert f"Masuk terkunci sementara dari alamat {OFFICE}" in page
    assert unlock_url(pemda, planner_a) in page

    response = client.post(unlock_url(pemda, planner_a), follow=True)
    assert "Kunci masuk operator_a dibuka" in response.content.decode()
    assert "Masuk terkunci sementara" not in response.content.decode()
    officer = Client()
    assert sign_in(officer, "operator_a", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.LOGIN_UNLOCKED)
    assert event.acting_user == admin
    assert event.object_id == str(planner_a.pk)
    assert event.extra_data["addresses"] == [OFFICE]


def test_unlocking_an_account_that_is_not_locked_writes_nothing(admin, pemda, planner_a):
    client = Client()
    client.force_login(admin)
    response = client.post(unlock_url(pemda, planner_a), follow=True)
    assert "tidak sedang terkunci" in response.content.decode()
    assert not AuditEvent.objects.filter(event_type=AuditEvent.Type.LOGIN_UNLOCKED).exists()


@pytest.mark.parametrize("persona", ["verifier", "planner_a", "viewer_a", "outsider_b"])
def test_only_the_admin_pemda_unlocks(request, pemda, planner_a, persona):
    lock_out(Client(), "operator_a")
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.post(unlock_url(pemda, planner_a)).status_code == 404
    assert AccessAttempt.objects.filter(username="operator_a").exists()
