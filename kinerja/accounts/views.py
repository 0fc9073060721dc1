"""The admin pemda's settings pages (`/pengaturan/`): perangkat daerah, users and roles.

Only an admin of the pemda (or a superuser) reaches them; for everyone else every page
is a 404, like a missing one, so nobody learns which pemda, OPD or user ids exist.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from kinerja.accounts import actions, lockouts
from kinerja.accounts.access import (
    access_member,
    access_membership,
    access_opd_settings,
    access_pemda_settings,
    administered_pemdas,
    may_manage_account,
)
from kinerja.accounts.forms import PasswordForm, PerangkatDaerahForm, RoleForm, UserCreateForm
from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User
from kinerja.lib.revisions import StaleEdit


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (typing only)."""

    htmx: HtmxDetails


# --- Overview --------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The pemda the user manages; with only one, straight to its settings."""
    pemdas = list(administered_pemdas(request.user))
    if not pemdas:
        raise Http404("Halaman pengaturan hanya untuk admin pemda.")
    if len(pemdas) == 1:
        return redirect("accounts:pemda", pemda_id=pemdas[0].pk)
    return render(request, "accounts/index.html", {"pemdas": pemdas})


@login_required
def pemda(request: HttpRequest, pemda_id: int) -> HttpResponse:
    pemda = access_pemda_settings(request.user, pemda_id)
    context = {
        "pemda": pemda,
        "opd_count": pemda.perangkat_daerah.count(),
        "user_count": User.objects.filter(memberships__pemda=pemda).distinct().count(),
        "jadwal_url": _jadwal_url(pemda),
    }
    return render(request, "accounts/pemda.html", context)


def _jadwal_url(pemda: Pemda) -> str | None:
    """The jadwal page (review app) of this year's Renja; None while that page is missing
    (it was built alongside these pages), so this page never breaks on it."""
    year = timezone.localdate().year
    try:
        return reverse("review:jadwal", kwargs={"pemda_id": pemda.pk, "year": year})
    except NoReverseMatch:
        return None


# --- Perangkat daerah ------------------------------------------------------------------


@login_required
def opd_list(request: HttpRequest, pemda_id: int) -> HttpResponse:
    pemda = access_pemda_settings(request.user, pemda_id)
    opds = pemda.perangkat_daerah.order_by("name")
    return render(request, "accounts/opd_list.html", {"pemda": pemda, "opds": opds})


@login_required
def opd_add(request: HttpRequest, pemda_id: int) -> HttpResponse:
    pemda = access_pemda_settings(request.user, pemda_id)
    form = PerangkatDaerahForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = form.opd_fields()
        try:
            opd = actions.save_perangkat_daerah(
                None, pemda=pemda, fields=fields, expected=None, acting_user=request.user
            )
        except actions.Refused as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Perangkat daerah %(opd)s ditambahkan.") % {"opd": opd})
            return redirect("accounts:opd_list", pemda_id=pemda.pk)
    return render(request, "accounts/opd_form.html", {"pemda": pemda, "form": form})


@login_required
def opd_edit(request: HttpRequest, opd_id: int) -> HttpResponse:
    opd = access_opd_settings(request.user, opd_id)
    initial = {"loaded": actions.opd_fingerprint(opd)}
    form = PerangkatDaerahForm(request.POST or None, instance=opd, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_perangkat_daerah(
                opd,
                pemda=opd.pemda,
                fields=form.opd_fields(),
                expected=form.cleaned_data["loaded"],
                acting_user=request.user,
            )
        except actions.Refused as refused:
            form.add_error(None, refused)
        except StaleEdit as stale:
            current = stale.current
            form = _restaled(request, stale)
        else:
            messages.success(request, _("Perangkat daerah %(opd)s disimpan.") % {"opd": opd})
            return redirect("accounts:opd_list", pemda_id=opd.pemda_id)
    context = {"pemda": opd.pemda, "opd": opd, "form": form, "current": current}
    return render(request, "accounts/opd_form.html", context)


def _restaled(request: HttpRequest, stale: StaleEdit) -> PerangkatDaerahForm:
    """The user's typed values again, now based on the stored row: saving once more is a
    conscious overwrite of what the other person saved."""
    assert isinstance(stale.current, PerangkatDaerah)
    data = request.POST.copy()
    data["loaded"] = actions.opd_fingerprint(stale.current)
    form = PerangkatDaerahForm(data, instance=stale.current)
    form.is_valid()
    form.add_error(None, str(stale))
    return form


# --- Users -----------------------------------------------------------------------------


@login_required
def user_list(request: HttpRequest, pemda_id: int) -> HttpResponse:
    pemda = access_pemda_settings(request.user, pemda_id)
    roles = Membership.objects.filter(pemda=pemda).select_related("perangkat_daerah")
    users = (
        User.objects.filter(memberships__pemda=pemda)
        .distinct()
        .order_by("-is_active", "first_name", "username")
        .prefetch_related(Prefetch("memberships", queryset=roles, to_attr="pemda_roles"))
    )
    return render(request, "accounts/user_list.html", {"pemda": pemda, "users": users})


@login_required
@never_cache
def user_add(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """A new user with a first role; the password is shown on the answer to the POST only."""
    pemda = access_pemda_settings(request.user, pemda_id)
    form = UserCreateForm(request.POST or None, opds=pemda.perangkat_daerah.order_by("name"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = data["password"] or actions.new_password()
        try:
            member = actions.create_user(
                username=data["username"],
                full_name=data["full_name"],
                password=password,
                pemda=pemda,
                role=data["role"],
                perangkat_daerah=data["perangkat_daerah"],
                acting_user=request.user,
            )
        except actions.Refused as refused:
            form.add_error(None, refused)
        else:
            shown = password if not data["password"] else None
            return _password_page(request, pemda, member, shown, created=True)
    return render(request, "accounts/user_add.html", {"pemda": pemda, "form": form})


def _password_page(
    request: HttpRequest, pemda: Pemda, member: User, shown: str | None, *, created: bool
) -> HttpResponse:
    context = {"pemda": pemda, "member": member, "password": shown, "created": created}
    return render(request, "accounts/password_shown.html", context)


@login_required
def user_detail(request: HttpRequest, pemda_id: int, user_id: int) -> HttpResponse:
    pemda = access_pemda_settings(request.user, pemda_id)
    member = access_member(pemda, user_id)
    return render(request, "accounts/user_detail.html", _user_context(request, pemda, member))


def _user_context(
    request: HttpRequest, pemda: Pemda, member: User, role_form: RoleForm | None = None
) -> dict[str, Any]:
    opds = pemda.perangkat_daerah.order_by("name")
    roles = member.memberships.filter(pemda=pemda).select_related("perangkat_daerah")
    return {
        "pemda": pemda,
        "member": member,
        "member_roles": roles.order_by("role", "perangkat_daerah__name"),
        "other_pemda_roles": member.memberships.exclude(pemda=pemda).exists(),
        "role_form": role_form or RoleForm(opds=opds),
        "password_form": PasswordForm(),
        "manage_account": may_manage_account(request.user, member, pemda),
        "is_self": member == request.user,
        "locks": lockouts.locks_of(member),
    }


def _roles_answer(request: HtmxHttpRequest, pemda: Pemda, member: User) -> HttpResponse:
    """The roles section for HTMX, or back to the user's page."""
    if not administered_pemdas(request.user).filter(pk=pemda.pk).exists():
        # The admin gave up their own admin role: these pages are no longer theirs.
        return _away(request, reverse("home"))
    if not member.memberships.filter(pemda=pemda).exists():
        # Their last role here went (they keep roles in another pemda): not ours to show.
        return _away(request, reverse("accounts:user_list", kwargs={"pemda_id": pemda.pk}))
    if request.htmx:
        context = _user_context(request, pemda, member)
        return render(request, "accounts/user_detail.html#roles", context)
    return redirect("accounts:user_detail", pemda_id=pemda.pk, user_id=member.pk)


def _away(request: HtmxHttpRequest, url: str) -> HttpResponse:
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
@require_POST
def role_add(request: HtmxHttpRequest, pemda_id: int, user_id: int) -> HttpResponse:
    pemda = access_pemda_settings(request.user, pemda_id)
    member = access_member(pemda, user_id)
    form = RoleForm(request.POST, opds=pemda.perangkat_daerah.order_by("name"))
    if form.is_valid():
        try:
            actions.add_role(
                user=member,
                pemda=pemda,
                role=form.cleaned_data["role"],
                perangkat_daerah=form.cleaned_data["perangkat_daerah"],
                acting_user=request.user,
            )
        except actions.Refused as refused:
            form.add_error(None, refused)
    if not form.errors:
        messages.success(request, _("Peran ditambahkan."))
        return _roles_answer(request, pemda, member)
    context = _user_context(request, pemda, member, role_form=form)
    if request.htmx:
        return render(request, "accounts/user_detail.html#roles", context)
    return render(request, "accounts/user_detail.html", context, status=422)


@login_required
@require_POST
def role_remove(request: HtmxHttpRequest, membership_id: int) -> HttpResponse:
    membership = access_membership(request.user, membership_id)
    pemda, member = membership.pemda, membership.user
    try:
        actions.remove_role(membership, acting_user=request.user)
    except actions.Refused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Peran %(role)s dilepas.") % {"role": membership})
    return _roles_answer(request, pemda, member)


@login_required
@require_POST
def user_active(request: HttpRequest, pemda_id: int, user_id: int) -> HttpResponse:
    """Deactivate (`active=0`) or reactivate (`active=1`) the user's account."""
    pemda = access_pemda_settings(request.user, pemda_id)
    member = access_member(pemda, user_id)
    active = request.POST.get("active")
    if not may_manage_account(request.user, member, pemda) or active not in {"0", "1"}:
        raise Http404("Pengguna tidak dapat diubah di sini.")
    try:
        actions.set_user_active(member, active=active == "1", pemda=pemda, acting_user=request.user)
    except actions.Refused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        done = _("diaktifkan kembali") if active == "1" else _("dinonaktifkan")
        messages.success(request, _("Akun %(user)s %(done)s.") % {"user": member, "done": done})
    return redirect("accounts:user_detail", pemda_id=pemda.pk, user_id=member.pk)


@login_required
@require_POST
@never_cache
def user_password(request: HttpRequest, pemda_id: int, user_id: int) -> HttpResponse:
    pemda = access_pemda_settings(request.user, pemda_id)
    member = access_member(pemda, user_id)
    if not may_manage_account(request.user, member, pemda):
        raise Http404("Pengguna tidak dapat diubah di sini.")
    form = PasswordForm(request.POST, user=member)
    if not form.is_valid():
        context = {**_user_context(request, pemda, member), "password_form": form}
        return render(request, "accounts/user_detail.html", context, status=422)
    password = form.cleaned_data["password"] or actions.new_password()
    actions.reset_password(member, password=password, acting_user=request.user)
    shown = password if not form.cleaned_data["password"] else None
    return _password_page(request, pemda, member, shown, created=False)


@login_required
@require_POST
def user_unlock(request: HttpRequest, pemda_id: int, user_id: int) -> HttpResponse:
    """Lift a sign-in lockout (too many wrong passwords) before its time runs out."""
    pemda = access_pemda_settings(request.user, pemda_id)
    member = access_member(pemda, user_id)
    if not may_manage_account(request.user, member, pemda):
        raise Http404("Pengguna tidak dapat diubah di sini.")
    try:
        lockouts.unlock_user(member, acting_user=request.user)
    except lockouts.NotLocked as not_locked:
        messages.info(request, str(not_locked))
    else:
        messages.success(
            request, _("Kunci masuk %(user)s dibuka; ia dapat masuk lagi.") % {"user": member}
        )
    return redirect("accounts:user_detail", pemda_id=pemda.pk, user_id=member.pk)
