"""The admin pemda's user pages: the list with roles, creating a user with a first role and
a password shown once, adding and removing roles (never the pemda's last admin),
deactivating and resetting passwords; all audited, none reachable by other roles."""

import threading
import time

import pytest
from django.contrib.auth import authenticate
from django.db import connection, connections, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kinerja.accounts.actions import Refused, remove_role
from kinerja.accounts.models import Membership, User
from kinerja.audit.models import AuditEvent
from kinerja.testing import PASSWORD, add_member, make_user

pytestmark = pytest.mark.django_db


def users_url(pemda):
    return reverse("accounts:user_list", args=[pemda.pk])


def detail_url(pemda, user):
    return reverse("accounts:user_detail", args=[pemda.pk, user.pk])


def sign_in(**credentials):
    """The user these credentials sign in, as the login form does (django-axes, which
    counts failed sign-ins, needs the request), or None."""
    return authenticate(RequestFactory().post(reverse("login")), **credentials)


def role_of(user, role):
    return Membership.objects.get(user=user, role=role)


@pytest.mark.parametrize("persona", ["verifier", "planner_a", "viewer_a", "outsider_b"])
def test_other_roles_get_404_on_every_user_page_and_write_nothing(
    client, request, pemda, admin, planner_a, persona
):
    client.force_login(request.getfixturevalue(persona))
    member = role_of(planner_a, "editor")
    gets = [
        reverse("accounts:index"),
        reverse("accounts:pemda", args=[pemda.pk]),
        users_url(pemda),
        reverse("accounts:user_add", args=[pemda.pk]),
        detail_url(pemda, planner_a),
    ]
    assert [client.get(url).status_code for url in gets] == [404] * len(gets)
    posts = {
        reverse("accounts:user_add", args=[pemda.pk]): {
            "username": "baru", "full_name": "Baru", "role": "admin",
        },
        reverse("accounts:role_add", args=[pemda.pk, planner_a.pk]): {"role": "admin"},
        reverse("accounts:role_remove", args=[member.pk]): {},
        reverse("accounts:user_active", args=[pemda.pk, admin.pk]): {"active": "0"},
        reverse("accounts:user_password", args=[pemda.pk, admin.pk]): {"password": "x" * 12},
    }  # fmt: skip
    assert [client.post(url, data).status_code for url, data in posts.items()] == [404] * 5
    assert not AuditEvent.objects.exists()
    assert not User.objects.filter(username="baru").exists()
    assert Membership.objects.filter(pk=member.pk).exists()


def test_the_index_leads_an_admin_of_one_pemda_to_it(client, admin, pemda):
    client.force_login(admin)
    response = client.get(reverse("accounts:index"))
    assert response.url == reverse("accounts:pemda", args=[pemda.pk])


def test_the_index_lists_every_pemda_for_a_superuser(client, superuser, pemda, other_pemda_opd):
    client.force_login(superuser)
    html = client.get(reverse("accounts:index")).content.decode()
    assert pemda.name in html
    assert "Kota Jambi" in html


def test_the_pemda_page_links_the_settings(client, admin, pemda):
    client.force_login(admin)
    html = client.get(reverse("accounts:pemda", args=[pemda.pk])).content.decode()
    assert reverse("accounts:opd_list", args=[pemda.pk]) in html
    assert reverse("accounts:user_list", args=[pemda.pk]) in html
    assert reverse("imports:upload") in html
    assert reverse("review:jadwal", args=[pemda.pk, timezone.localdate().year]) in html


def test_the_list_shows_the_users_of_the_pemda_with_their_roles(
    client, admin, verifier, planner_a, viewer_a, outsider_b, other_pemda_opd
):
    stranger = add_member(make_user("orang_jambi"), "admin", other_pemda_opd.pemda)
    client.force_login(admin)
    response = client.get(users_url(admin.memberships.get().pemda))
    html = response.content.decode()
    for user in (admin, verifier, planner_a, viewer_a, outsider_b):
        assert user.username in html
    assert stranger.username not in html
    assert "Operator OPD · BKPSDM" in html
    assert "Pimpinan OPD · BKPSDM" in html
    assert "Operator OPD · Dinkes" in html
    assert "Verifikator Bappeda" in html


# --- Creating a user -------------------------------------------------------------------


def test_the_admin_creates_an_operator_and_sees_the_generated_password_once(
    client, admin, pemda, opd_a
):
    client.force_login(admin)
    data = {
        "username": "operator_bkpsdm2",
        "full_name": "Siti Operator",
        "role": "editor",
        "perangkat_daerah": opd_a.pk,
        "password": "",
    }
    response = client.post(reverse("accounts:user_add", args=[pemda.pk]), data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert len(password) == 12
    assert password in response.content.decode()
    user = sign_in(username="operator_bkpsdm2", password=password)
    assert user is not None
    assert user.first_name == "Siti Operator"
    assert user.memberships.get().perangkat_daerah == opd_a
    # The password is not on the user's page afterwards.
    assert password not in client.get(detail_url(pemda, user)).content.decode()
    created = AuditEvent.objects.get(event_type=AuditEvent.Type.USER_CREATED)
    assert created.acting_user == admin
    assert created.object_id == str(user.pk)
    role = AuditEvent.objects.get(event_type=AuditEvent.Type.MEMBERSHIP_SET)
    assert role.extra_data["changes"]["role"] == [None, "editor"]
    assert password not in str(created.extra_data) + str(role.extra_data)


def test_a_password_set_by_the_admin_is_checked_and_not_shown(client, admin, pemda):
    client.force_login(admin)
    url = reverse("accounts:user_add", args=[pemda.pk])
    data = {"username": "verif2", "full_name": "Verifikator Dua", "role": "verifier"}
    weak = client.post(url, {**data, "password": "123"})
    assert weak.status_code == 200
    assert weak.context["form"].errors["password"]
    assert not User.objects.filter(username="verif2").exists()
    response = client.post(url, {**data, "password": "Tanjab-Barat-2024"})
    assert response.context["password"] is None
    assert "Tanjab-Barat-2024" not in response.content.decode()
    assert sign_in(username="verif2", password="Tanjab-Barat-2024") is not None


def test_an_existing_username_is_refused_and_the_existing_user_is_untouched(
    client, admin, pemda, outsider_b
):
    client.force_login(admin)
    data = {"username": outsider_b.username, "full_name": "Tiruan", "role": "admin"}
    response = client.post(reverse("accounts:user_add", args=[pemda.pk]), data)
    assert response.status_code == 200
    assert "sudah dipakai" in response.content.decode()
    assert response.context["form"].errors["username"]
    outsider_b.refresh_from_db()
    assert outsider_b.first_name == "Operator B"
    assert outsider_b.check_password(PASSWORD)
    assert not outsider_b.memberships.filter(role="admin").exists()


@pytest.mark.parametrize(
    ("role", "with_opd", "message"),
    [
        ("editor", False, "Pilih perangkat daerah"),
        ("viewer", False, "Pilih perangkat daerah"),
        ("admin", True, "Kosongkan perangkat daerah"),
        ("verifier", True, "Kosongkan perangkat daerah"),
    ],
)
def test_the_scope_must_match_the_role(client, admin, pemda, opd_a, role, with_opd, message):
    client.force_login(admin)
    data = {"username": "baru", "full_name": "Baru", "role": role}
    if with_opd:
        data["perangkat_daerah"] = opd_a.pk
    response = client.post(reverse("accounts:user_add", args=[pemda.pk]), data)
    assert message in response.content.decode()
    assert not User.objects.filter(username="baru").exists()


def test_an_opd_of_another_pemda_cannot_be_chosen(client, admin, pemda, other_pemda_opd):
    client.force_login(admin)
    data = {
        "username": "baru",
        "full_name": "Baru",
        "role": "editor",
        "perangkat_daerah": other_pemda_opd.pk,
    }
    response = client.post(reverse("accounts:user_add", args=[pemda.pk]), data)
    assert response.context["form"].errors["perangkat_daerah"]
    assert not User.objects.filter(username="baru").exists()


# --- Roles -----------------------------------------------------------------------------


def test_the_admin_adds_a_pimpinan_role_in_an_opd(client, admin, pemda, planner_a, opd_b):
    client.force_login(admin)
    url = reverse("accounts:role_add", args=[pemda.pk, planner_a.pk])
    response = client.post(url, {"role": "viewer", "perangkat_daerah": opd_b.pk})
    assert response.url == detail_url(pemda, planner_a)
    assert planner_a.memberships.filter(role="viewer", perangkat_daerah=opd_b).exists()
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.MEMBERSHIP_SET)
    assert event.acting_user == admin
    assert event.extra_data["changes"] == {
        "role": [None, "viewer"],
        "perangkat_daerah": [None, "Dinkes"],
    }


def test_adding_a_role_with_htmx_answers_the_roles_section(client, admin, pemda, planner_a):
    client.force_login(admin)
    url = reverse("accounts:role_add", args=[pemda.pk, planner_a.pk])
    response = client.post(url, {"role": "verifier"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="roles"')
    assert "Verifikator Bappeda" in html
    assert "Peran ditambahkan" in html


def test_adding_an_existing_role_changes_nothing(client, admin, pemda, verifier):
    client.force_login(admin)
    url = reverse("accounts:role_add", args=[pemda.pk, verifier.pk])
    client.post(url, {"role": "verifier"})
    assert verifier.memberships.count() == 1
    assert not AuditEvent.objects.exists()


def test_a_wrong_role_form_is_answered_on_the_page(client, admin, pemda, planner_a):
    client.force_login(admin)
    url = reverse("accounts:role_add", args=[pemda.pk, planner_a.pk])
    response = client.post(url, {"role": "editor"})
    assert response.status_code == 422
    assert "Pilih perangkat daerah" in response.content.decode()


def test_the_admin_removes_a_role(client, admin, pemda, planner_a, opd_b):
    planner_a.memberships.create(pemda=pemda, perangkat_daerah=opd_b, role="viewer")
    client.force_login(admin)
    membership = role_of(planner_a, "viewer")
    response = client.post(reverse("accounts:role_remove", args=[membership.pk]))
    assert response.url == detail_url(pemda, planner_a)
    assert not planner_a.memberships.filter(role="viewer").exists()
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.MEMBERSHIP_SET)
    assert event.extra_data["changes"]["role"] == ["viewer", None]
    assert event.object_id == str(membership.pk)


def test_a_users_only_role_is_not_removed(client, admin, planner_a):
    client.force_login(admin)
    membership = role_of(planner_a, "editor")
    response = client.post(reverse("accounts:role_remove", args=[membership.pk]), follow=True)
    assert "satu-satunya peran" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_admin_cannot_remove_their_own_admin_role(client, admin, pemda):
    admin.memberships.create(pemda=pemda, role="verifier")
    client.force_login(admin)
    own = role_of(admin, "admin")
    response = client.post(reverse("accounts:role_remove", args=[own.pk]), follow=True)
    assert "Anda adalah admin terakhir pemda ini" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()
    assert not AuditEvent.objects.exists()


def test_an_inactive_admin_does_not_count_as_another_admin(client, admin, pemda):
    admin.memberships.create(pemda=pemda, role="verifier")
    add_member(make_user("admin_lama", is_active=False), "admin", pemda)
    with pytest.raises(Refused, match="admin terakhir"):
        remove_role(role_of(admin, "admin"), acting_user=admin)


def test_with_another_admin_an_admin_may_step_down_and_leaves_the_settings(client, admin, pemda):
    admin.memberships.create(pemda=pemda, role="verifier")
    add_member(make_user("admin2"), "admin", pemda)
    client.force_login(admin)
    own = role_of(admin, "admin")
    response = client.post(
        reverse("accounts:role_remove", args=[own.pk]), headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"] == reverse("home")
    assert not Membership.objects.filter(pk=own.pk).exists()
    assert client.get(users_url(pemda)).status_code == 404


def test_a_superuser_cannot_remove_the_last_admin_either(client, superuser, admin, pemda):
    admin.memberships.create(pemda=pemda, role="verifier")
    client.force_login(superuser)
    response = client.post(reverse("accounts:role_remove", args=[role_of(admin, "admin").pk]))
    assert response.status_code == 302
    assert admin.memberships.filter(role="admin").exists()


def test_a_role_in_another_pemda_is_not_reached(client, admin, other_pemda_opd):
    stranger = add_member(make_user("orang_jambi"), "admin", other_pemda_opd.pemda)
    client.force_login(admin)
    response = client.post(reverse("accounts:role_remove", args=[role_of(stranger, "admin").pk]))
    assert response.status_code == 404
    assert client.get(detail_url(other_pemda_opd.pemda, stranger)).status_code == 404


def test_a_user_of_another_pemda_is_not_reached_through_this_pemda(
    client, admin, pemda, other_pemda_opd
):
    stranger = add_member(make_user("orang_jambi"), "admin", other_pemda_opd.pemda)
    client.force_login(admin)
    assert client.get(detail_url(pemda, stranger)).status_code == 404
    url = reverse("accounts:role_add", args=[pemda.pk, stranger.pk])
    assert client.post(url, {"role": "verifier"}).status_code == 404


# --- Deactivating and passwords --------------------------------------------------------


def test_the_admin_deactivates_and_reactivates_a_user(client, admin, pemda, planner_a):
    client.force_login(admin)
    url = reverse("accounts:user_active", args=[pemda.pk, planner_a.pk])
    client.post(url, {"active": "0"})
    planner_a.refresh_from_db()
    assert not planner_a.is_active
    assert sign_in(username=planner_a.username, password=PASSWORD) is None
    assert "nonaktif" in client.get(users_url(pemda)).content.decode()
    event = AuditEvent.objects.get()
    assert event.event_type == AuditEvent.Type.USER_UPDATED
    assert event.object_id == str(planner_a.pk)
    assert event.extra_data["changes"] == {"is_active": [True, False]}
    client.post(url, {"active": "1"})
    planner_a.refresh_from_db()
    assert planner_a.is_active
    again = AuditEvent.objects.latest("pk")
    assert again.event_type == AuditEvent.Type.USER_UPDATED
    assert again.extra_data["changes"] == {"is_active": [False, True]}


def test_an_admin_cannot_deactivate_themselves(client, admin, pemda):
    add_member(make_user("admin2"), "admin", pemda)
    client.force_login(admin)
    url = reverse("accounts:user_active", args=[pemda.pk, admin.pk])
    response = client.post(url, {"active": "0"}, follow=True)
    assert "akun Anda sendiri" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_the_last_active_admin_is_not_deactivated_by_a_superuser(client, superuser, admin, pemda):
    client.force_login(superuser)
    url = reverse("accounts:user_active", args=[pemda.pk, admin.pk])
    response = client.post(url, {"active": "0"}, follow=True)
    assert "admin terakhir" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_the_admin_resets_a_password_and_sees_it_once(client, admin, pemda, viewer_a):
    client.force_login(admin)
    url = reverse("accounts:user_password", args=[pemda.pk, viewer_a.pk])
    response = client.post(url, {"password": ""})
    password = response.context["password"]
    assert password in response.content.decode()
    assert sign_in(username=viewer_a.username, password=password) is not None
    event = AuditEvent.objects.get()
    assert event.event_type == AuditEvent.Type.USER_UPDATED
    assert event.acting_user == admin
    assert event.object_id == str(viewer_a.pk)
    assert password not in str(event.extra_data)


def test_a_superusers_account_is_not_the_admin_pemdas_to_change(client, admin, pemda):
    boss = add_member(make_user("boss", is_superuser=True, is_staff=True), "verifier", pemda)
    client.force_login(admin)
    assert "administrator sistem" in client.get(detail_url(pemda, boss)).content.decode()
    reset = reverse("accounts:user_password", args=[pemda.pk, boss.pk])
    assert client.post(reset, {"password": "Diambil-Alih-2024"}).status_code == 404
    active = reverse("accounts:user_active", args=[pemda.pk, boss.pk])
    assert client.post(active, {"active": "0"}).status_code == 404
    boss.refresh_from_db()
    assert boss.is_active
    assert boss.check_password(PASSWORD)


def test_an_account_also_used_in_another_pemda_is_not_changed(
    client, admin, pemda, planner_a, other_pemda_opd
):
    add_member(planner_a, "viewer", other_pemda_opd.pemda, other_pemda_opd)
    client.force_login(admin)
    reset = reverse("accounts:user_password", args=[pemda.pk, planner_a.pk])
    assert client.post(reset, {"password": ""}).status_code == 404
    assert planner_a.check_password(PASSWORD)


def test_get_on_the_post_endpoints_is_405(client, admin, pemda, planner_a):
    client.force_login(admin)
    for url in (
        reverse("accounts:role_add", args=[pemda.pk, planner_a.pk]),
        reverse("accounts:user_active", args=[pemda.pk, planner_a.pk]),
        reverse("accounts:user_password", args=[pemda.pk, planner_a.pk]),
        reverse("accounts:role_remove", args=[role_of(planner_a, "editor").pk]),
    ):
        assert client.get(url).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_two_admins_stepping_down_at_once_leave_the_pemda_one_admin(pemda):
    # Given two admins, each also a verifier (so the admin role is not their only role)
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    first, second = (add_member(make_user(name), "admin", pemda) for name in ("ad1", "ad2"))
    for user in (first, second):
        user.memberships.create(pemda=pemda, role="verifier")
    removed_first = threading.Event()
    outcome = {}

    def second_steps_down() -> None:
        removed_first.wait(5)
        try:
            remove_role(role_of(second, "admin"), acting_user=second)
            outcome["second"] = "removed"
        except Refused:
            outcome["second"] = "refused"
        finally:
            connections.close_all()

    # When the first removes their role and, before committing, the second tries too
    thread = threading.Thread(target=second_steps_down)
    thread.start()
    with transaction.atomic():
        remove_role(role_of(first, "admin"), acting_user=first)
        removed_first.set()
        time.sleep(0.5)  # the second waits on the pemda lock meanwhile
    thread.join(10)
    # Then the second, seeing the first one's removal, is refused
    assert outcome == {"second": "refused"}
    assert list(Membership.objects.filter(pemda=pemda, role="admin")) == [role_of(second, "admin")]
