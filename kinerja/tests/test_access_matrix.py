"""The access matrix: every URL of the project, requested by every persona, against one
explicit table of expected answers, so that no page can escape the access rules.

The walker visits every pattern of `kinerja.urls` (recursively, with namespaces) and fills
its arguments with objects of OPD A: the demo Renja loaded into OPD A, its Renstra, an
indikator and a sub kegiatan of it, a triwulan report with one bukti, a batch export of
the pemda. Each URL is requested with GET as every persona, and with an empty POST as the
two personas who must never write OPD A's data (its pimpinan and another OPD's operator):
the answer must be the table's, a POST must write nothing, and nothing may answer 500.

A new URL fails `test_every_url_is_in_the_matrix` until it has a row in MATRIX; the
failure lists every URL name without a row, ready to be pasted and completed.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User
from kinerja.audit.models import AuditEvent
from kinerja.demo import load_demo
from kinerja.documents.models import BatchExport, WordTemplate
from kinerja.monitoring.models import Bukti, LaporanTriwulan
from kinerja.renja.models import Indikator, Renja, RenjaItem
from kinerja.renstra.models import Indikator as RenstraIndikator
from kinerja.renstra.models import RenstraItem, Tujuan
from kinerja.testing import add_member, make_user

# The columns of MATRIX: GET as each persona, then an empty POST as the last two.
# `admin` is an admin pemda only (the demo makes its `admin` a superuser; undone below),
# `other_pemda` the admin of another pemda.
GET_AS = ("anonymous", "admin", "verifier", "planner_a", "viewer_a", "outsider_b", "other_pemda")
POST_AS = ("viewer_a", "outsider_b")

# Left out of the matrix, on purpose:
# - the Django admin (namespace `admin`): its own permission system (is_staff, model
#   permissions), only superusers are staff; tested in accounts/tests/test_admin.py;
# - `login` and `logout`: public by design (the sign-in page must open signed out);
# - static files (whitenoise, or `django.views.static.serve` when DEBUG adds it): public.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"login", "logout"}
SKIPPED_VIEWS = {"django.views.static.serve"}

# What each URL answers; one row per URL name. Codes: 200 page, 302 redirect (for
# `anonymous`: to the sign-in page), 403 seen but not to be changed by this persona, 404
# missing or not theirs, 405 POST-only endpoint asked with GET. A POST column's 200 or 302
# is allowed only because nothing is written (checked): a view that ignores POST, or a
# form answered with its errors.
MATRIX_TEXT = """
# url name                       anon admn verf plna viwa outb othr   |viwa outb
# The home page: every signed-in user sees the OPDs they may see (maybe none).
home                              302  200  200  200  200  200  200   | 200  200
# Plans of OPD A: its people and the pemda-wide roles read them; only the admin pemda and
# OPD A's operator edit (403: seen, not to be changed); others see nothing (404).
renstra:detail                    302  200  200  200  200  404  404   | 200  404
renstra:add                       302  200  403  200  403  404  404   | 403  404
renstra:add_under                 302  200  403  200  403  404  404   | 403  404
renstra:edit_row                  302  200  403  200  403  404  404   | 403  404
renstra:remove                    302  405  405  405  405  405  405   | 403  404
renstra:edit_targets              302  200  403  200  403  404  404   | 403  404
renstra:edit_realisasi            302  200  403  200  403  404  404   | 403  404
renstra:edit_pagu                 302  200  403  200  403  404  404   | 403  404
renja:detail                      302  200  200  200  200  404  404   | 200  404
renja:item_add                    302  200  403  200  403  404  404   | 403  404
renja:item_rows                   302  302  302  302  302  404  404   | 302  404
renja:item_edit                   302  200  403  200  403  404  404   | 403  404
renja:item_remove                 302  200  403  200  403  404  404   | 403  404
renja:indikator_add               302  200  403  200  403  404  404   | 403  404
renja:indikator_edit              302  200  403  200  403  404  404   | 403  404
renja:indikator_remove            302  200  403  200  403  404  404   | 403  404
# The official code list: reference data, searchable by every signed-in user.
nomenclature:search               302  200  200  200  200  200  200   | 200  200
# Evaluation tables of OPD A's Renja; the pemda-wide rekap is Bappeda's (admin, verifier).
# Triwulan entry: the page for OPD A's people, the writes are POST-only endpoints.
monitoring:tc29                   302  200  200  200  200  404  404   | 200  404
monitoring:tc30                   302  200  200  200  200  404  404   | 200  404
monitoring:tc33                   302  200  200  200  200  404  404   | 200  404
monitoring:e81                    302  200  200  200  200  404  404   | 200  404
monitoring:serapan                302  200  200  200  200  404  404   | 200  404
monitoring:pemeriksaan            302  200  200  200  200  404  404   | 200  404
monitoring:pemda_latest           302  302  302  404  404  404  404   | 404  404
monitoring:pemda                  302  200  200  404  404  404  404   | 404  404
monitoring:realisasi              302  200  200  200  200  404  404   | 200  404
monitoring:realisasi_kinerja      302  405  405  405  405  405  405   | 403  404
monitoring:realisasi_anggaran     302  405  405  405  405  405  405   | 403  404
monitoring:laporan                302  405  405  405  405  405  405   | 403  404
monitoring:bukti_add              302  405  405  405  405  405  405   | 403  404
monitoring:bukti_file             302  200  200  200  200  404  404   | 200  404
monitoring:bukti_remove           302  405  405  405  405  405  405   | 403  404
# Upload: every signed-in user may open the form (it offers only the OPDs they edit); an
# upload kept in someone else's session is missing.
imports:upload                    302  200  200  200  200  200  200   | 200  200
imports:template                  302  200  200  200  200  200  200   | 200  200
imports:preview                   302  404  404  404  404  404  404   | 404  404
imports:confirm                   302  405  405  405  405  405  405   | 404  404
# Documents of OPD A's Renja; the pemda summary, Word template and batch export are
# Bappeda's (admin, verifier); the example template is open to signed-in users.
documents:renja_file              302  200  200  200  200  404  404   | 200  404
documents:narasi                  302  200  200  200  200  404  404   | 403  404
documents:narasi_evaluasi         302  405  405  405  405  405  405   | 403  404
documents:pemda_file              302  200  200  404  404  404  404   | 404  404
documents:word_template           302  200  200  404  404  404  404   | 404  404
documents:word_template_file      302  200  200  404  404  404  404   | 404  404
documents:word_template_delete    302  405  405  405  405  405  405   | 404  404
documents:example_template        302  200  200  200  200  200  200   | 200  200
documents:batch                   302  200  200  404  404  404  404   | 404  404
documents:batch_export            302  200  200  404  404  404  404   | 404  404
documents:batch_download          302  200  200  404  404  404  404   | 404  404
# Bappeda's review: the pemda pages for admin and verifier; a Renja's or a report's review
# page also for OPD A's people (status, notes); every step is a POST.
review:index                      302  302  302  404  404  404  302   | 404  404
review:overview                   302  200  200  404  404  404  404   | 404  404
review:jadwal                     302  200  200  404  404  404  404   | 404  404
review:jadwal_exception           302  405  405  405  405  405  405   | 404  404
review:renja                      302  200  200  200  200  404  404   | 200  404
review:renja_act                  302  405  405  405  405  405  405   | 403  404
review:report                     302  200  200  200  200  404  404   | 200  404
review:report_act                 302  405  405  405  405  405  405   | 403  404
# Dashboards and history: OPD A's for its people and the pemda-wide roles; the pemda
# dashboard for admin and verifier; the landing page sends each user to theirs.
dashboard:landing                 302  302  302  302  302  302  302   | 302  302
dashboard:opd                     302  200  200  200  200  404  404   | 200  404
dashboard:pemda                   302  200  200  404  404  404  404   | 404  404
dashboard:history_renja           302  200  200  200  200  404  404   | 200  404
dashboard:history_indikator       302  200  200  200  200  404  404   | 200  404
dashboard:history_laporan         302  200  200  200  200  404  404   | 200  404
# Pengaturan pemda: the admin pemda only; the index sends an admin to their own pemda.
accounts:index                    302  302  404  404  404  404  302   | 404  404
accounts:pemda                    302  200  404  404  404  404  404   | 404  404
accounts:opd_list                 302  200  404  404  404  404  404   | 404  404
accounts:opd_add                  302  200  404  404  404  404  404   | 404  404
accounts:opd_edit                 302  200  404  404  404  404  404   | 404  404
accounts:user_list                302  200  404  404  404  404  404   | 404  404
accounts:user_add                 302  200  404  404  404  404  404   | 404  404
accounts:user_detail              302  200  404  404  404  404  404   | 404  404
accounts:role_add                 302  405  405  405  405  405  405   | 404  404
accounts:user_active              302  405  405  405  405  405  405   | 404  404
accounts:user_password            302  405  405  405  405  405  405   | 404  404
accounts:user_unlock              302  405  405  405  405  405  405   | 404  404
accounts:role_remove              302  405  405  405  405  405  405   | 404  404
"""


@dataclass(frozen=True)
class Expected:
    get: dict[str, int]
    post: dict[str, int]


def parse_matrix(text: str) -> dict[str, Expected]:
    rows: dict[str, Expected] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, _bar, right = line.partition("|")
        name, *gets = left.split()
        posts = right.split()
        assert (len(gets), len(posts)) == (len(GET_AS), len(POST_AS)), f"bad row: {line}"
        assert name not in rows, f"{name} has two rows"
        rows[name] = Expected(
            dict(zip(GET_AS, map(int, gets), strict=True)),
            dict(zip(POST_AS, map(int, posts), strict=True)),
        )
    return rows


MATRIX = parse_matrix(MATRIX_TEXT)


# --- The walker ------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]


def walk(resolver: URLResolver, namespace: str = "", prefix: str = "") -> Iterator[Route]:
    """Every pattern under `resolver`, named `namespace:name`, except the skipped ones."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            yield from walk(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            view = f"{entry.callback.__module__}.{entry.callback.__name__}"
            name = ":".join(filter(None, [namespace, entry.name or ""]))
            if view in SKIPPED_VIEWS or name in SKIPPED_NAMES:
                continue
            # An unnamed pattern cannot be reversed; its route stands in for the name.
            yield Route(
                name if entry.name else prefix + str(entry.pattern),
                prefix + str(entry.pattern),
                tuple(entry.pattern.converters),
            )


def routes() -> list[Route]:
    return list(walk(get_resolver()))


# --- The world: the demo in OPD A, the personas, the arguments --------------------------


@dataclass
class World:
    pemda: Pemda
    opd_a: PerangkatDaerah
    renja: Renja
    users: dict[str, User | None]
    values: dict[str, Any] = field(default_factory=dict)


# How a URL argument is filled, by its name (every object belongs to OPD A or its pemda).
KWARG_VALUES: dict[str, Callable[[World], Any]] = {
    "renja_id": lambda w: w.renja.pk,
    "renstra_id": lambda w: w.renja.renstra_id,
    "pemda_id": lambda w: w.pemda.pk,
    "opd_id": lambda w: w.opd_a.pk,
    "year": lambda w: w.renja.year,
    "triwulan": lambda w: 1,
    "indikator_id": lambda w: w.values["indikator"].pk,
    "item_id": lambda w: w.values["sub_kegiatan"].pk,
    "bukti_id": lambda w: w.values["bukti"].pk,
    "export_id": lambda w: w.values["export"].pk,
    "user_id": lambda w: w.values["planner_a"].pk,
    "membership_id": lambda w: w.values["membership"].pk,
    # A document of the Renja and a file format (XLSX: the quickest to produce).
    "what": lambda w: "tables",
    "fmt": lambda w: "xlsx",
    # An upload kept in someone's session; nobody else holds it.
    "token": lambda w: "tidak-ada",
    # A review step: submitting, the operator's own step (pimpinan and outsiders may not).
    "action": lambda w: "ajukan",
}
# Arguments of one URL that differ from the defaults above.
RENSTRA_TUJUAN = {"kind": lambda w: "tujuan", "row_id": lambda w: w.values["tujuan"].pk}
URL_KWARGS: dict[str, dict[str, Callable[[World], Any]]] = {
    "renstra:add": {"what": lambda w: "tujuan"},
    "renstra:add_under": {**RENSTRA_TUJUAN, "what": lambda w: "sasaran"},
    "renstra:edit_row": RENSTRA_TUJUAN,
    "renstra:remove": RENSTRA_TUJUAN,
    "renstra:edit_targets": {"row_id": lambda w: w.values["renstra_indikator"].pk},
    "renstra:edit_realisasi": {"row_id": lambda w: w.values["renstra_indikator"].pk},
    "renstra:edit_pagu": {"row_id": lambda w: w.values["renstra_leaf"].pk},
}
# The query string a URL needs to be more than a 404 for everyone.
URL_QUERY: dict[str, Callable[[World], dict[str, Any]]] = {
    "nomenclature:search": lambda w: {"edition": w.renja.edition_id, "level": "program"},
}


def url_of(route: Route, world: World) -> str:
    """The URL of `route` for OPD A's objects; `LookupError` names an argument with no value
    (test_every_url_is_in_the_matrix lists them all)."""
    fillers = {**KWARG_VALUES, **URL_KWARGS.get(route.name, {})}
    unknown = [name for name in route.kwargs if name not in fillers]
    if unknown:
        raise LookupError(f"no value for the argument {', '.join(unknown)}")
    kwargs = {name: fillers[name](world) for name in route.kwargs}
    query = URL_QUERY[route.name](world) if route.name in URL_QUERY else {}
    return reverse(route.name, kwargs=kwargs, query=query)


@pytest.fixture
def world(planner_a, verifier, admin, viewer_a, outsider_b, pemda, opd_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    renja = opd_a.renja.get()
    # The demo makes its `admin` a superuser; the matrix is about the admin pemda role.
    User.objects.filter(pk=admin.pk).update(is_superuser=False, is_staff=False)
    other = Pemda.objects.create(name="Kota Jambi")
    other_admin = add_member(make_user("admin_jambi"), "admin", other)
    personas = [admin, verifier, planner_a, viewer_a, outsider_b, other_admin]
    # Fresh from the database: the demo changed some passwords, and a session signed with
    # an old password hash would be signed out at the first request.
    users = {name: User.objects.get(pk=u.pk) for name, u in zip(GET_AS[1:], personas, strict=True)}
    users["anonymous"] = None
    world = World(pemda=pemda, opd_a=opd_a, renja=renja, users=users)
    world.values.update(objects_of_opd_a(renja, pemda, planner_a, admin))
    return world


def objects_of_opd_a(renja: Renja, pemda: Pemda, planner_a: User, admin: User) -> dict[str, Any]:
    renstra = renja.renstra
    sub = RenjaItem.objects.filter(renja=renja, level="sub_kegiatan").order_by("order").first()
    indikator = Indikator.objects.filter(item=sub).first()
    laporan, _created = LaporanTriwulan.objects.get_or_create(renja=renja, triwulan=1)
    bukti = Bukti(laporan=laporan, description="Notulen rapat", original_name="notulen.pdf")
    bukti.file.save("notulen.pdf", ContentFile(b"%PDF-1.4 uji"), save=False)
    bukti.save()
    export = BatchExport.objects.create(
        pemda=pemda, year=renja.year, what="renja", fmt="docx", status="done", data=b"PK",
        requested_by=admin,
    )  # fmt: skip
    membership = Membership.objects.get(user=planner_a, role=Membership.Role.EDITOR)
    WordTemplate.objects.create(pemda=pemda, filename="kop.docx", data=b"PK", uploaded_by=admin)
    return {
        "tujuan": Tujuan.objects.filter(renstra=renstra).first(),
        "renstra_indikator": RenstraIndikator.objects.filter(renstra=renstra).first(),
        "renstra_leaf": RenstraItem.objects.filter(renstra=renstra, children=None).first(),
        "sub_kegiatan": sub,
        "indikator": indikator,
        "bukti": bukti,
        "export": export,
        "planner_a": planner_a,
        "membership": membership,
    }


def client_as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def answer(client: Client, method: str, url: str, *, anonymous: bool = False) -> str:
    """The status code as text, or the exception a view raised (a 500 in production)."""
    try:
        response = client.generic(method, url)
    except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the walk
        return f"500 ({type(error).__name__}: {error})"
    if response.streaming:
        # Read to the end: the test client then closes the file (never call close()
        # directly, it signals request_finished and closes the test's connection).
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    location = response.get("Location", "")
    if anonymous and response.status_code == 302 and not location.startswith(reverse("login")):
        return f"302 to {location}, not to the sign-in page"
    return str(response.status_code)


def snapshot() -> tuple[int, ...]:
    """The number of rows of every model but sessions, in one query: a write changes one of
    them (an edit changes no count, but writes its AuditEvent, which does)."""
    tables = [m._meta.db_table for m in apps.get_models() if m is not Session]
    quote = connection.ops.quote_name
    # Table names come from the app registry, not from input.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return tuple(cursor.fetchone())


# --- The tests -------------------------------------------------------------------------


def test_every_url_is_in_the_matrix():
    found = routes()
    names = {route.name for route in found}
    problems = []
    missing = [route for route in found if route.name not in MATRIX]
    if missing:
        header = "# url name".ljust(33) + "anon admn verf plna viwa outb othr   |viwa outb"
        lines = [
            f"{r.name:<32}    ?    ?    ?    ?    ?    ?    ?   |   ?    ?  # /{r.route}"
            for r in missing
        ]
        problems.append(
            "These URLs have no row in MATRIX (kinerja/tests/test_access_matrix.py). Add one "
            "per URL with the answer each persona must get (see the codes above MATRIX):\n"
            + "\n".join([header, *lines])
        )
    stale = sorted(set(MATRIX) - names)
    if stale:
        problems.append("Rows of MATRIX for URLs that no longer exist: " + ", ".join(stale))
    unfilled = sorted(
        f"{route.name} ({kwarg})"
        for route in found
        for kwarg in route.kwargs
        if kwarg not in KWARG_VALUES and kwarg not in URL_KWARGS.get(route.name, {})
    )
    if unfilled:
        problems.append(
            "URL arguments with no value in KWARG_VALUES or URL_KWARGS: " + ", ".join(unfilled)
        )
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


def test_the_snapshot_sees_a_write(db):
    # The write check of the tests below is only as good as this.
    before = snapshot()
    AuditEvent.objects.create(event_type=AuditEvent.Type.OPD_SAVED, object_type="x", object_id="1")
    assert snapshot() != before


def mismatches(world: World, persona: str, method: str) -> list[str]:
    """Every URL of MATRIX requested as `persona`: the answers that differ from the table,
    and the requests that wrote to the database."""
    client = client_as(world.users[persona])
    wrong = []
    for route in routes():
        if route.name not in MATRIX:
            continue  # test_every_url_is_in_the_matrix reports it
        try:
            url = url_of(route, world)
        except LookupError as error:
            wrong.append(f"{route.name:<32} {error}")
            continue
        row = MATRIX[route.name]
        expected = str((row.get if method == "GET" else row.post)[persona])
        before = snapshot()
        got = answer(client, method, url, anonymous=persona == "anonymous")
        if got != expected:
            wrong.append(f"{route.name:<32} {url}: expected {expected}, got {got}")
        if snapshot() != before:
            wrong.append(f"{route.name:<32} {url}: {method} wrote to the database")
    return wrong


@pytest.mark.django_db
@pytest.mark.parametrize("persona", GET_AS)
def test_every_url_answers_get_as_the_matrix_says(world, persona):
    wrong = mismatches(world, persona, "GET")
    if wrong:
        pytest.fail(f"GET as {persona}:\n" + "\n".join(wrong), pytrace=False)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", POST_AS)
def test_an_empty_post_never_writes_and_answers_as_the_matrix_says(world, persona):
    wrong = mismatches(world, persona, "POST")
    if wrong:
        pytest.fail(f"empty POST as {persona}:\n" + "\n".join(wrong), pytrace=False)
