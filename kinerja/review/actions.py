"""Writes of the pemda's admin about schedules: setting a jadwal window and granting one OPD
an exception to a closed window, each with its audit row."""

from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.accounts.access import is_pemda_admin
from kinerja.accounts.models import Pemda, PerangkatDaerah, User
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.renja.models import Jadwal, JadwalPengecualian

# `expected` of set_jadwal when the caller does not check what it loaded.
UNCHECKED = "unchecked"
Window = tuple[date, date]


class JadwalRefused(Exception):
    """The jadwal or exception cannot be written as asked; the message says why."""


def may_manage_jadwal(user: User | AnonymousUser, pemda: Pemda) -> bool:
    """The pemda's admin (or a superuser) sets windows and grants exceptions."""
    return is_pemda_admin(user, pemda.pk)


def _ensure_manager(user: Any, pemda: Pemda) -> None:
    if not may_manage_jadwal(user, pemda):
        raise PermissionDenied("Hanya admin pemda yang dapat mengatur jadwal.")


def jadwal_label(tahap: str, triwulan: int | None, year: int) -> str:
    """E.g. 'Laporan triwulan II tahun 2024'."""
    what = str(Jadwal.Tahap(tahap).label) + (f" {ROMAN[triwulan]}" if triwulan else "")
    return f"{what} tahun {year}"


@transaction.atomic
def set_jadwal(
    pemda: Pemda,
    *,
    year: int,
    tahap: str,
    triwulan: int | None,
    opens_on: date,
    closes_on: date,
    acting_user: Any,
    expected: Window | None | str = UNCHECKED,
) -> Jadwal:
    """Create or change the window of `tahap` (and `triwulan`) of `year`, both days included.

    `expected` is the window the admin loaded (None: there was none); when the stored one
    differs, someone else changed it meanwhile and nothing is written.
    """
    _ensure_manager(acting_user, pemda)
    if closes_on < opens_on:
        raise JadwalRefused("Tanggal ditutup harus sama dengan atau sesudah tanggal dibuka.")
    rows = Jadwal.objects.select_for_update()
    jadwal = rows.filter(pemda=pemda, year=year, tahap=tahap, triwulan=triwulan).first()
    stored = (jadwal.opens_on, jadwal.closes_on) if jadwal else None
    if expected != UNCHECKED and expected != stored:
        raise JadwalRefused(_changed_meanwhile(stored))
    if jadwal is None:
        jadwal = _create(pemda, year, tahap, triwulan, opens_on, closes_on)
    else:
        rows.filter(pk=jadwal.pk).update(opens_on=opens_on, closes_on=closes_on)
        jadwal.refresh_from_db()
    if stored != (opens_on, closes_on):
        before = [value.isoformat() if value else None for value in (stored or (None, None))]
        record(
            acting_user=acting_user,
            event_type=AuditEvent.Type.JADWAL_SET,
            obj=jadwal,
            extra_data={
                "changes": {
                    "opens_on": [before[0], opens_on.isoformat()],
                    "closes_on": [before[1], closes_on.isoformat()],
                }
            },
        )
    return jadwal


def _changed_meanwhile(stored: Window | None) -> str:
    now = f"{stored[0]:%d-%m-%Y} s/d {stored[1]:%d-%m-%Y}" if stored else "tidak ada"
    return (
        "Jadwal ini telah diubah oleh pengguna lain sejak Anda membuka halaman ini "
        f"(sekarang: {now}); periksa, lalu simpan ulang bila perlu."
    )


def _create(
    pemda: Pemda, year: int, tahap: str, triwulan: int | None, opens_on: date, closes_on: date
) -> Jadwal:
    try:
        with transaction.atomic():  # savepoint: a concurrent creator turns into a message
            return Jadwal.objects.create(
                pemda=pemda,
                year=year,
                tahap=tahap,
                triwulan=triwulan,
                opens_on=opens_on,
                closes_on=closes_on,
            )
    except IntegrityError as error:
        raise JadwalRefused(
            "Jadwal ini baru saja dibuat oleh pengguna lain; periksa, lalu simpan ulang bila perlu."
        ) from error


@transaction.atomic
def grant_exception(
    jadwal: Jadwal,
    perangkat_daerah: PerangkatDaerah,
    *,
    until: date,
    reason: str,
    acting_user: Any,
) -> JadwalPengecualian:
    """Let one OPD edit (and submit) under `jadwal` until `until`, although it is closed."""
    _ensure_manager(acting_user, jadwal.pemda)
    if perangkat_daerah.pemda_id != jadwal.pemda_id:
        raise JadwalRefused("Perangkat daerah itu bukan bagian dari pemda jadwal ini.")
    reason = reason.strip()
    if not reason:
        raise JadwalRefused("Alasan pengecualian wajib diisi.")
    if until < timezone.localdate():
        raise JadwalRefused("Tanggal 'dibuka sampai' tidak boleh sebelum hari ini.")
    exception = JadwalPengecualian.objects.create(
        jadwal=jadwal,
        perangkat_daerah=perangkat_daerah,
        until=until,
        reason=reason,
        granted_by=acting_user,
    )
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.JADWAL_EXCEPTION,
        obj=exception,
        extra_data={
            "jadwal": jadwal.pk,
            "jadwal_label": jadwal_label(jadwal.tahap, jadwal.triwulan, jadwal.year),
            "perangkat_daerah": perangkat_daerah.pk,
            "changes": {"until": [None, until.isoformat()]},
        },
        reason=reason,
    )
    return exception
