"""Test personas (pytest fixtures) and tiny builders of plans, shared by every app's tests.

Personas, all in one pemda with two OPDs (A and B): `admin` (admin pemda), `verifier`
(verifikator Bappeda), `planner_a` (operator of OPD A), `viewer_a` (pimpinan of OPD A),
`outsider_b` (operator of OPD B) and `superuser`. Every persona's password is `PASSWORD`.

Builders create objects explicitly: `build_renstra(opd)` and `build_renja(renstra,
programs=...)`, where `programs` is a small nested spec of codes, names and pagu.

Transactional tests (`transaction=True`, `live_server`) end with Django's `flush`, which
empties every table, the audit trail too, though the database refuses that: see
`_flush_lifts_the_audit_guard`.
"""

import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import pytest

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User
from kinerja.audit import append_only
from kinerja.renja.models import Indikator as RenjaIndikator
from kinerja.renja.models import Renja, RenjaItem
from kinerja.renstra.models import (
    Indikator,
    Jenis,
    Level,
    Polaritas,
    RealisasiTahunan,
    Renstra,
    RenstraItem,
    Sasaran,
    Sifat,
    Target,
    Tujuan,
)

PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True, scope="session")
def _flush_lifts_the_audit_guard() -> Iterator[None]:
    """Let the teardown of transactional tests empty the audit table, and only that.

    The database refuses DELETE and TRUNCATE of audit rows (`kinerja.audit.append_only`),
    so Django's `flush` (TRUNCATE on PostgreSQL, DELETE on SQLite) would fail. Its
    statements run in one transaction; around them the guard's triggers are disabled and
    enabled again (PostgreSQL) or dropped and created again from the statements the
    migration installs (SQLite), so the guard every later test meets is the production one.
    """
    from django.core.management.commands import flush

    original = flush.sql_flush  # type: ignore[attr-defined]

    def sql_flush(style: Any, connection: Any, **options: Any) -> list[str]:
        return audit_guard_lifted(connection.vendor, original(style, connection, **options))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush, "sql_flush", sql_flush)
        yield


def audit_guard_lifted(vendor: str, statements: list[str]) -> list[str]:
    """`statements` (a flush) between lifting and restoring the audit delete guard."""
    if not any(append_only.TABLE in statement for statement in statements):
        return statements
    names = list(append_only.triggers(vendor))
    if vendor == "postgresql":
        alter = f"ALTER TABLE {append_only.TABLE} {{}} TRIGGER {{}}"
        before = [alter.format("DISABLE", name) for name in names]
        after = [alter.format("ENABLE", name) for name in names]
    else:
        before = [f"DROP TRIGGER {name}" for name in names]
        after = list(append_only.triggers(vendor).values())
    return before + statements + after


# An indikator of a Renja item: (name, satuan, target n, target n+1, decimals).
IndikatorSpec = tuple[str, str, str | None, str | None, int]
# A sub kegiatan: (code, name, pagu n, pagu n+1, [indikator]).
SubSpec = tuple[str, str, str | None, str | None, Sequence[IndikatorSpec]]
# A kegiatan: (code, name, [indikator], [sub kegiatan]); a program: (…, [kegiatan]).
KegiatanSpec = tuple[str, str, Sequence[IndikatorSpec], Sequence[SubSpec]]
ProgramSpec = tuple[str, str, Sequence[IndikatorSpec], Sequence[KegiatanSpec]]


def dokumen(
    target: str | None, target_n1: str | None, name: str = "Jumlah Dokumen"
) -> list[IndikatorSpec]:
    return [(name, "Dokumen", target, target_n1, 0)]


# Two programs of the seed (Renja 2024 BKPSDM Tanjung Jabung Barat). Kegiatan totals:
# 150.000.000 (n+1: 115.000.000, the third sub kegiatan's n+1 pagu left out as in the
# seed's own total), 1.590.078.504 and 462.844.820; grand total 2.202.923.324.
SEED_PROGRAMS: list[ProgramSpec] = [
    ("5.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", [
        ("Nilai SAKIP OPD", "Nilai", "64", "65", 0),
    ], [
        ("5.03.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", [
            ("Persentase Kelengkapan Dokumen Perencanaan dan Evaluasi", "%", "100", "100", 0),
        ], [
            ("5.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
             "50000000", "57500000", dokumen("18", "18")),
            ("5.03.01.2.01.0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan "
             "Ikhtisar Realisasi Kinerja SKPD", "50000000", "57500000",
             [("Jumlah Laporan Capaian Kinerja", "Laporan", "15", "15", 0)]),
            ("5.03.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "50000000", None,
             [("Jumlah Laporan Evaluasi Kinerja", "Laporan", "5", "5", 0)]),
        ]),
    ]),
    ("5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", [
        ("Indeks Profesionalitas ASN", "Indeks", "73", "75", 0),
        ("Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal", "%", "10.3", "11.6", 1),
        ("Persentase ASN yang mengikuti Pendidikan dan Pelatihan Non Formal", "%",
         "9.7", "11.2", 1),
    ], [
        ("5.03.02.2.01", "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
         dokumen("146", "192"), [
            ("5.03.02.2.01.0003", "Pengelolaan Sistem Informasi Kepegawaian",
             "40245752", "46282615", dokumen("5", "5")),
            ("5.03.02.2.01.0005", "Koordinasi Pelaksanaan Administrasi Pemberhentian",
             "29480000", "33902000", dokumen("132", "178")),
            ("5.03.02.2.01.0006", "Koordinasi dan Fasilitas Pengadaan PNS dan PPPK",
             "1520352752", "1748405665", dokumen("9", None)),
        ]),
        ("5.03.02.2.02", "Mutasi dan Promosi ASN", dokumen(None, None), [
            ("5.03.02.2.02.0001", "Pengelolaan Mutasi ASN",
             "299984275", "344981916", dokumen("5", None)),
            ("5.03.02.2.02.0003", "Pengelolaan Promosi ASN",
             "135418345", "155731097", dokumen("20", None)),
            ("5.03.02.2.02.0002", "Pengelolaan Kenaikan Pangkat ASN",
             "27442200", "31558530", dokumen("500", None)),
        ]),
    ]),
]  # fmt: skip


def make_user(username: str, **fields: Any) -> User:
    return User.objects.create_user(username=username, password=PASSWORD, **fields)


def add_member(user: User, role: str, pemda: Pemda, opd: PerangkatDaerah | None = None) -> User:
    Membership.objects.create(user=user, role=role, pemda=pemda, perangkat_daerah=opd)
    return user


@pytest.fixture
def pemda(db: None) -> Pemda:
    return Pemda.objects.create(name="Kabupaten Tanjung Jabung Barat", capital="Kuala Tungkal")


@pytest.fixture
def opd_a(pemda: Pemda) -> PerangkatDaerah:
    return PerangkatDaerah.objects.create(
        pemda=pemda,
        code="BKPSDM",
        short_name="BKPSDM",
        name="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah",
    )


@pytest.fixture
def opd_b(pemda: Pemda) -> PerangkatDaerah:
    return PerangkatDaerah.objects.create(
        pemda=pemda, code="DINKES", short_name="Dinkes", name="Dinas Kesehatan"
    )


@pytest.fixture
def other_pemda_opd(db: None) -> PerangkatDaerah:
    """An OPD of another pemda, which no persona's membership reaches."""
    other = Pemda.objects.create(name="Kota Jambi")
    return PerangkatDaerah.objects.create(pemda=other, code="BKPSDM", name="BKPSDM Kota Jambi")


@pytest.fixture
def admin(pemda: Pemda) -> User:
    return add_member(make_user("admin", first_name="Admin Pemda"), "admin", pemda)


@pytest.fixture
def verifier(pemda: Pemda) -> User:
    return add_member(make_user("verifikator", first_name="Verifikator"), "verifier", pemda)


@pytest.fixture
def planner_a(pemda: Pemda, opd_a: PerangkatDaerah) -> User:
    return add_member(make_user("operator_a", first_name="Operator A"), "editor", pemda, opd_a)


@pytest.fixture
def viewer_a(pemda: Pemda, opd_a: PerangkatDaerah) -> User:
    return add_member(make_user("pimpinan_a", first_name="Pimpinan A"), "viewer", pemda, opd_a)


@pytest.fixture
def outsider_b(pemda: Pemda, opd_b: PerangkatDaerah) -> User:
    return add_member(make_user("operator_b", first_name="Operator B"), "editor", pemda, opd_b)


@pytest.fixture
def superuser(db: None) -> User:
    return make_user("super", first_name="Super", is_staff=True, is_superuser=True)


def semantics(name: str, satuan: str, **fields: Any) -> dict[str, Any]:
    """Fields of an indikator; jumlah/positif/kumulatif unless told otherwise."""
    percent = satuan == "%"
    return {
        "name": name,
        "satuan": satuan,
        "jenis": Jenis.PERSENTASE if percent else Jenis.JUMLAH,
        "polaritas": Polaritas.POSITIF,
        "sifat": Sifat.NON_KUMULATIF if percent else Sifat.KUMULATIF,
        **fields,
    }


def add_figures(indikator: Indikator, targets: dict[int, str], realisasi: dict[int, Any]) -> None:
    """Targets by year; realisasi by year as a number text or `(value or None, note)`."""
    for year, value in targets.items():
        Target.objects.create(indikator=indikator, year=year, value=Decimal(value))
    for year, figure in realisasi.items():
        value, note = figure if isinstance(figure, tuple) else (figure, "")
        amount = Decimal(value) if value is not None else None
        RealisasiTahunan.objects.create(indikator=indikator, year=year, value=amount, note=note)


def build_renstra(opd: PerangkatDaerah, first_year: int = 2021, last_year: int = 2026) -> Renstra:
    """A Renstra with one tujuan, one sasaran and a program → kegiatan → sub kegiatan, each
    with an indikator; one realisasi is only a note (the source printed a non-number)."""
    renstra = Renstra.objects.create(
        perangkat_daerah=opd, first_year=first_year, last_year=last_year
    )
    add_goals(renstra)
    add_renstra_items(renstra)
    return renstra


def add_goals(renstra: Renstra) -> None:
    tujuan = Tujuan.objects.create(renstra=renstra, name="Meningkatkan profesionalitas ASN")
    ipasn = Indikator.objects.create(
        renstra=renstra,
        tujuan=tujuan,
        key="ipasn",
        kondisi_awal=Decimal("70"),
        kondisi_akhir=Decimal("83"),
        **semantics(
            "Indeks Profesionalitas ASN", "Indeks", jenis=Jenis.INDEKS, sifat=Sifat.NON_KUMULATIF
        ),
    )
    add_figures(ipasn, {2021: "71", 2022: "73", 2023: "75"}, {2021: "71", 2022: (None, "6I")})
    sasaran = Sasaran.objects.create(tujuan=tujuan, name="Meningkatnya kompetensi ASN")
    diklat = Indikator.objects.create(
        renstra=renstra,
        sasaran=sasaran,
        key="diklat-formal",
        decimals=1,
        kondisi_akhir=Decimal("11.6"),
        **semantics("Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal", "%"),
    )
    add_figures(diklat, {2023: "9.5", 2024: "10.3"}, {2023: "9.7"})


def add_renstra_items(renstra: Renstra) -> None:
    program = RenstraItem.objects.create(
        renstra=renstra, level=Level.PROGRAM, code="5.03.02", name="Program Kepegawaian Daerah"
    )
    kegiatan = RenstraItem.objects.create(
        renstra=renstra,
        parent=program,
        level=Level.KEGIATAN,
        code="5.03.02.2.01",
        name="Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
    )
    sub = RenstraItem.objects.create(
        renstra=renstra,
        parent=kegiatan,
        level=Level.SUB_KEGIATAN,
        code="5.03.02.2.01.0003",
        name="Pengelolaan Sistem Informasi Kepegawaian",
    )
    dokumen = Indikator.objects.create(
        renstra=renstra, item=sub, **semantics("Jumlah Dokumen Sistem Informasi", "Dokumen")
    )
    add_figures(dokumen, {2023: "5", 2024: "5"}, {2023: "1250"})


def build_renja(
    renstra: Renstra,
    year: int = 2024,
    programs: Sequence[ProgramSpec] = SEED_PROGRAMS,
    stage: str = Renja.Stage.FINAL,
) -> Renja:
    """A Renja of the Renstra's OPD with the programs of `programs` (default: SEED_PROGRAMS)."""
    renja = Renja.objects.create(
        perangkat_daerah=renstra.perangkat_daerah, renstra=renstra, year=year, stage=stage
    )
    order = itertools.count(1)
    for p_code, p_name, p_indikator, kegiatan in programs:
        program = add_item(renja, None, Level.PROGRAM, p_code, p_name, next(order), p_indikator)
        for k_code, k_name, k_indikator, subs in kegiatan:
            parent = add_item(
                renja, program, Level.KEGIATAN, k_code, k_name, next(order), k_indikator
            )
            for code, name, pagu, pagu_n1, indikator in subs:
                add_item(
                    renja, parent, Level.SUB_KEGIATAN, code, name, next(order), indikator,
                    pagu=decimal_or_none(pagu), pagu_n1=decimal_or_none(pagu_n1),
                )  # fmt: skip
    return renja


def decimal_or_none(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def add_item(
    renja: Renja,
    parent: RenjaItem | None,
    level: str,
    code: str,
    name: str,
    order: int,
    indikator: Sequence[IndikatorSpec] = (),
    **fields: Any,
) -> RenjaItem:
    """A Renja item at BKPSDM funded by APBD, with its indikator."""
    item = RenjaItem.objects.create(
        renja=renja, parent=parent, level=level, code=code, name=name, order=order,
        lokasi="BKPSDM", sumber_dana="APBD", **fields,
    )  # fmt: skip
    for position, (i_name, satuan, target, target_n1, decimals) in enumerate(indikator):
        RenjaIndikator.objects.create(
            item=item, order=position, target=decimal_or_none(target),
            target_n1=decimal_or_none(target_n1), decimals=decimals, **semantics(i_name, satuan),
        )  # fmt: skip
    return item


def synthetic_programs(programs: int, kegiatan: int, subs: int) -> list[ProgramSpec]:
    """A Renja spec of the given shape, every sub kegiatan with pagu 1.000.000 and 1.100.000."""
    return [
        (f"9.{p:02}", f"Program {p}", dokumen("1", "1"), [
            (f"9.{p:02}.2.{k:02}", f"Kegiatan {p}.{k}", dokumen("1", "1"), [
                (f"9.{p:02}.2.{k:02}.{s:04}", f"Sub kegiatan {p}.{k}.{s}",
                 "1000000", "1100000", dokumen("1", "1"))
                for s in range(1, subs + 1)
            ])
            for k in range(1, kegiatan + 1)
        ])
        for p in range(1, programs + 1)
    ]  # fmt: skip


@pytest.fixture
def renstra_a(opd_a: PerangkatDaerah) -> Renstra:
    return build_renstra(opd_a)


@pytest.fixture
def renja_a(renstra_a: Renstra) -> Renja:
    return build_renja(renstra_a)


@pytest.fixture
def renstra_b(opd_b: PerangkatDaerah) -> Renstra:
    return build_renstra(opd_b)


@pytest.fixture
def renja_b(renstra_b: Renstra) -> Renja:
    return build_renja(renstra_b, programs=synthetic_programs(1, 1, 1))
