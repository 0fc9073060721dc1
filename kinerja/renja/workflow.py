"""Who may change a Renja or a triwulan report now, and why not: the one rule every
editing view and action asks (`renja_edit_refusal`, `ensure_renja_editable`,
`report_edit_refusal`, `ensure_report_editable`). The status transitions that move a Renja
or a report through review live in `kinerja.renja.transitions`.

A Renja may be edited by the OPD's operator (or the pemda's admin) while it is draf or
dikembalikan, and, for operators, only inside the pemda's jadwal for the Renja's year
(or an exception granted to their OPD). A disetujui Renja is locked: changes go into a
new version (perubahan). A triwulan report likewise: draf or dikembalikan, inside the
jadwal of that triwulan, and never once diverifikasi. With no jadwal set for a stage, the
window is open (a pemda that does not use schedules is not blocked).
"""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kinerja.accounts.access import is_pemda_admin, opds_to_edit
from kinerja.accounts.models import User
from kinerja.renja.models import Jadwal, JadwalPengecualian, Renja

EDITABLE_RENJA = (Renja.Status.DRAF, Renja.Status.DIKEMBALIKAN)
EDITABLE_REPORT = ("draf", "dikembalikan")


class Locked(PermissionDenied):
    """The object may not be changed now; the message says why, in Bahasa Indonesia."""


def is_admin(user: User | AnonymousUser, renja: Renja) -> bool:
    """True for a superuser or an admin of the Renja's pemda (exempt from jadwal)."""
    return is_pemda_admin(user, renja.perangkat_daerah.pemda_id)


def may_write(user: User | AnonymousUser, renja: Renja) -> bool:
    """True when `user` writes the Renja's OPD (its operator, the pemda's admin)."""
    return opds_to_edit(user).filter(pk=renja.perangkat_daerah_id).exists()


def window_refusal(renja: Renja, tahap: str, triwulan: int | None, today: date) -> str | None:
    """Why the jadwal of `tahap` (and `triwulan`) keeps the Renja's OPD out on `today`."""
    jadwal = Jadwal.objects.filter(
        pemda_id=renja.perangkat_daerah.pemda_id, year=renja.year, tahap=tahap, triwulan=triwulan
    ).first()
    if jadwal is None or jadwal.opens_on <= today <= jadwal.closes_on:
        return None
    if JadwalPengecualian.objects.filter(
        jadwal=jadwal, perangkat_daerah_id=renja.perangkat_daerah_id, until__gte=today
    ).exists():
        return None
    what = jadwal.get_tahap_display() + (f" triwulan {triwulan}" if triwulan else "")
    when = "belum dibuka" if today < jadwal.opens_on else "sudah ditutup"
    return (
        f"Jadwal {what.lower()} tahun {renja.year} {when} "
        f"({jadwal.opens_on:%d-%m-%Y} s/d {jadwal.closes_on:%d-%m-%Y}); hubungi admin pemda "
        "bila perlu dibuka kembali."
    )


def renja_edit_refusal(
    user: User | AnonymousUser, renja: Renja, *, today: date | None = None
) -> str | None:
    """None when `user` may change `renja` now; otherwise why not."""
    if not may_write(user, renja):
        return "Anda tidak berwenang mengubah Renja perangkat daerah ini."
    if renja.status == Renja.Status.DISETUJUI:
        return (
            "Renja ini sudah disetujui dan terkunci; perubahan dilakukan pada versi "
            "perubahan yang baru."
        )
    if renja.status == Renja.Status.DIAJUKAN:
        return "Renja ini sedang diajukan untuk verifikasi; tunggu hasilnya sebelum mengubah."
    if is_admin(user, renja):
        return None
    return window_refusal(renja, Jadwal.Tahap.RENJA, None, today or timezone.localdate())


def ensure_renja_editable(user: User | AnonymousUser, renja: Renja) -> None:
    """Raise `Locked` with the reason when `user` may not change `renja` now."""
    refusal = renja_edit_refusal(user, renja)
    if refusal:
        raise Locked(refusal)


def report_edit_refusal(
    user: User | AnonymousUser,
    renja: Renja,
    triwulan: int,
    status: str,
    *,
    today: date | None = None,
) -> str | None:
    """None when `user` may change the triwulan report (status `status`) now."""
    if not may_write(user, renja):
        return "Anda tidak berwenang mengisi laporan perangkat daerah ini."
    if status == "diverifikasi":
        return "Laporan triwulan ini sudah diverifikasi dan terkunci."
    if status == "diajukan":
        return "Laporan triwulan ini sedang diajukan untuk verifikasi; tunggu hasilnya."
    if is_admin(user, renja):
        return None
    return window_refusal(renja, Jadwal.Tahap.TRIWULAN, triwulan, today or timezone.localdate())


def ensure_report_editable(
    user: User | AnonymousUser, renja: Renja, triwulan: int, status: str
) -> None:
    """Raise `Locked` with the reason when `user` may not change the report now."""
    refusal = report_edit_refusal(user, renja, triwulan, status)
    if refusal:
        raise Locked(refusal)
