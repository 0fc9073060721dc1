"""The review transitions that move a Renja through its statuses (`submit_renja`,
`return_renja`, `approve_renja`), the state machine a triwulan report shares with it
(`apply_transition`, `transition_refusal`), and `create_perubahan`, the new version of an
approved Renja with a copy of its content. Who may edit a Renja's content lives in
`kinerja.renja.workflow`.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from kinerja.accounts.models import Membership, User
from kinerja.audit.models import AuditEvent
from kinerja.audit.record import record
from kinerja.lib.revisions import changed, save_revised
from kinerja.renja.models import Indikator, Jadwal, Renja, RenjaItem, RenjaNarasi
from kinerja.renja.workflow import Locked, is_admin, may_write, window_refusal
from kinerja.renstra.models import Level

# The same state machine for a Renja and a triwulan report (kinerja.monitoring.workflow):
# submit: draf|dikembalikan → diajukan (the OPD's writers, operators inside the jadwal);
# return: diajukan → dikembalikan with a required note; approve: diajukan → the locked
# status (disetujui, diverifikasi) (verifier or admin of the pemda).

SUBMIT, RETURN, APPROVE = "submit", "return", "approve"
TRANSITIONS = (SUBMIT, RETURN, APPROVE)
STATUS_LABELS = {value: str(label) for value, label in Renja.Status.choices} | {
    "diverifikasi": "Diverifikasi"
}
NOTE_REQUIRED = (
    "Catatan pengembalian wajib diisi: tuliskan apa yang perlu diperbaiki perangkat daerah."
)


class TransitionRefused(Locked):
    """A status change (or perubahan) that may not happen now; the message says why."""


@dataclass(frozen=True)
class Subject:
    """What is reviewed, in words, with its locked status and its jadwal (tahap, triwulan)."""

    what: str  # "Renja ini", "Laporan Triwulan II ini"
    done: str  # disetujui (Renja) or diverifikasi (report)
    tahap: str
    triwulan: int | None = None

    def target(self, transition: str) -> str:
        """The status `transition` leads to."""
        return {SUBMIT: "diajukan", RETURN: "dikembalikan"}.get(transition, self.done)


RENJA_SUBJECT = Subject("Renja ini", Renja.Status.DISETUJUI, Jadwal.Tahap.RENJA)


def may_review(user: User | AnonymousUser, renja: Renja) -> bool:
    """True for a superuser or a verifier or admin of the Renja's pemda."""
    if not user.is_active:
        return False
    return (
        user.is_superuser
        or Membership.objects.filter(
            user=user,
            pemda_id=renja.perangkat_daerah.pemda_id,
            role__in=[Membership.Role.ADMIN, Membership.Role.VERIFIER],
        ).exists()
    )


def role_refusal(
    user: User | AnonymousUser, renja: Renja, transition: str, subject: Subject = RENJA_SUBJECT
) -> str | None:
    """Why `user`'s role does not allow `transition` on the subject (None: it does)."""
    if transition not in TRANSITIONS:
        raise ValueError(f"unknown transition {transition!r}")
    what = subject.what.removesuffix(" ini")
    if transition == SUBMIT:
        if may_write(user, renja):
            return None
        return f"Hanya operator perangkat daerah ini atau admin pemda yang dapat mengajukan {what}."
    if may_review(user, renja):
        return None
    approve = "menyetujui" if subject.triwulan is None else "memverifikasi"
    verb = {RETURN: "mengembalikan", APPROVE: approve}[transition]
    return f"Hanya verifikator Bappeda atau admin pemda yang dapat {verb} {what}."


def status_refusal(transition: str, status: str, subject: Subject = RENJA_SUBJECT) -> str | None:
    """Why the subject's current `status` does not allow `transition`."""
    label = STATUS_LABELS.get(status, status)
    if transition != SUBMIT:
        if status == "diajukan":
            return None
        decided = STATUS_LABELS[subject.done].lower()
        return (
            f"{subject.what} tidak sedang diajukan (statusnya {label}); hanya yang diajukan "
            f"yang dapat dikembalikan atau {decided}."
        )
    if status == "diajukan":
        return f"{subject.what} sudah diajukan dan sedang menunggu verifikasi."
    if status == subject.done:
        if subject.triwulan is None:
            return f"{subject.what} sudah {label.lower()} dan terkunci; buat Renja perubahan."
        return f"{subject.what} sudah {label.lower()} dan terkunci."
    return None


def jadwal_refusal(
    user: User | AnonymousUser,
    renja: Renja,
    transition: str,
    subject: Subject = RENJA_SUBJECT,
    today: date | None = None,
) -> str | None:
    """Why the jadwal keeps an operator from submitting now; the pemda's admin is exempt."""
    if transition != SUBMIT or is_admin(user, renja):
        return None
    return window_refusal(renja, subject.tahap, subject.triwulan, today or timezone.localdate())


def transition_refusal(
    user: User | AnonymousUser,
    renja: Renja,
    transition: str,
    status: str,
    subject: Subject = RENJA_SUBJECT,
    *,
    today: date | None = None,
) -> str | None:
    """None when `user` may move the subject (now at `status`) by `transition`; else why not."""
    return (
        role_refusal(user, renja, transition, subject)
        or status_refusal(transition, status, subject)
        or jadwal_refusal(user, renja, transition, subject, today)
    )


def renja_transition_refusal(
    user: User | AnonymousUser, renja: Renja, transition: str, *, today: date | None = None
) -> str | None:
    """None when `user` may submit/return/approve `renja` now; otherwise why not."""
    return transition_refusal(user, renja, transition, renja.status, today=today)


def last_status_event(obj: models.Model) -> AuditEvent | None:
    """The latest STATUS_CHANGED audit row about `obj` (who changed its status last)."""
    return (
        AuditEvent.objects.filter(
            event_type=AuditEvent.Type.STATUS_CHANGED,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
        )
        .select_related("acting_user")
        .order_by("-event_time", "-id")
        .first()
    )


def last_change_words(obj: models.Model) -> str:
    """' Status terakhir diubah oleh … pada ….', to explain a refusal caused by someone else."""
    event = last_status_event(obj)
    if event is None:
        return ""
    who = event.acting_user
    name = (who.get_full_name() or who.username) if who else "sistem"
    when = timezone.localtime(event.event_time)
    return f" Status terakhir diubah oleh {name} pada {when:%d-%m-%Y} pukul {when:%H.%M}."


def apply_transition(
    row: Any,
    renja: Renja,
    transition: str,
    subject: Subject,
    *,
    acting_user: Any,
    note: str,
    expected_revision: int | None,
) -> Any:
    """Check and write one transition of the locked `row` (a Renja or a LaporanTriwulan)
    with its STATUS_CHANGED audit row; the caller holds the transaction and the row lock,
    so of two reviewers deciding at once the second sees the first one's status."""
    note = note.strip()
    refusal = role_refusal(acting_user, renja, transition, subject)
    if refusal:
        raise TransitionRefused(refusal)
    refusal = status_refusal(transition, row.status, subject)
    if refusal:
        raise TransitionRefused(refusal + last_change_words(row))
    if expected_revision is not None and row.revision != expected_revision:
        raise TransitionRefused(
            f"{subject.what} telah berubah sejak Anda membuka halaman ini; periksa lagi, "
            "lalu ulangi." + last_change_words(row)
        )
    refusal = jadwal_refusal(acting_user, renja, transition, subject)
    if refusal:
        raise TransitionRefused(refusal)
    if transition == RETURN and not note:
        raise TransitionRefused(NOTE_REQUIRED)
    return _write_transition(row, transition, subject, acting_user=acting_user, note=note)


def _write_transition(
    row: Any, transition: str, subject: Subject, *, acting_user: Any, note: str
) -> Any:
    new_status = subject.target(transition)
    changes: dict[str, Any] = {"status": new_status, "status_changed_at": timezone.now()}
    if transition != SUBMIT:  # the verifier's decision replaces the previous note
        changes["catatan_verifikasi"] = note
    saved, before = save_revised(row, expected_revision=None, changes=changes)
    before.pop("status_changed_at")
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.STATUS_CHANGED,
        obj=saved,
        extra_data={
            "from": row.status,
            "to": new_status,
            "transition": transition,
            "triwulan": subject.triwulan,
            "changes": changed(before, saved),
        },
        reason=note,
    )
    return saved


def _locked_renja(renja: Renja) -> Renja:
    return Renja.objects.select_for_update().select_related("perangkat_daerah").get(pk=renja.pk)


def _renja_transition(
    renja: Renja, transition: str, acting_user: Any, note: str, expected_revision: int | None
) -> Renja:
    current = _locked_renja(renja)
    return apply_transition(
        current, current, transition, RENJA_SUBJECT,
        acting_user=acting_user, note=note, expected_revision=expected_revision,
    )  # fmt: skip


@transaction.atomic
def submit_renja(
    renja: Renja, *, acting_user: Any, note: str = "", expected_revision: int | None = None
) -> Renja:
    """draf|dikembalikan → diajukan, by the OPD's operator (inside the jadwal) or admin."""
    return _renja_transition(renja, SUBMIT, acting_user, note, expected_revision)


@transaction.atomic
def return_renja(
    renja: Renja, *, acting_user: Any, note: str, expected_revision: int | None = None
) -> Renja:
    """diajukan → dikembalikan with the verifier's required note (catatan_verifikasi)."""
    return _renja_transition(renja, RETURN, acting_user, note, expected_revision)


@transaction.atomic
def approve_renja(
    renja: Renja, *, acting_user: Any, note: str = "", expected_revision: int | None = None
) -> Renja:
    """diajukan → disetujui (locked: later changes go into a Renja perubahan)."""
    return _renja_transition(renja, APPROVE, acting_user, note, expected_revision)


# --- Perubahan ---------------------------------------------------------------------------


def _versions(renja: Renja) -> models.QuerySet[Renja]:
    return Renja.objects.filter(
        perangkat_daerah_id=renja.perangkat_daerah_id, year=renja.year, stage=renja.stage
    )


def newer_version(renja: Renja) -> Renja | None:
    """The latest later version of the same OPD, year and stage, if any."""
    return _versions(renja).filter(version__gt=renja.version).order_by("-version").first()


def previous_version(renja: Renja) -> Renja | None:
    """The version this one amends (whose realisasi stay where they were recorded)."""
    return _versions(renja).filter(version__lt=renja.version).order_by("-version").first()


def perubahan_refusal(user: User | AnonymousUser, renja: Renja) -> str | None:
    """None when `user` may create a perubahan of `renja` now; otherwise why not."""
    if not may_write(user, renja):
        return (
            "Hanya operator perangkat daerah ini atau admin pemda yang dapat membuat "
            "Renja perubahan."
        )
    if renja.status != Renja.Status.DISETUJUI:
        return (
            "Renja perubahan dibuat dari Renja yang sudah disetujui; Renja ini berstatus "
            f"{renja.get_status_display()} sehingga dapat diubah langsung."
        )
    newer = newer_version(renja)
    if newer is not None:
        return f"Sudah ada Renja perubahan versi {newer.version}; lanjutkan pada versi itu."
    return None


@transaction.atomic
def create_perubahan(renja: Renja, *, acting_user: Any, reason: str) -> Renja:
    """A new draf version of an approved Renja with a copy of its items, indikator and
    narasi; realisasi and triwulan reports stay on the approved version."""
    current = _locked_renja(renja)
    refusal = perubahan_refusal(acting_user, current)
    if refusal:
        raise TransitionRefused(refusal)
    reason = reason.strip()
    if not reason:
        raise TransitionRefused("Alasan perubahan wajib diisi.")
    try:
        with transaction.atomic():  # a concurrent creator makes this a message, not a 500
            new = Renja.objects.create(
                **_fields(
                    current,
                    {"version", "status", "catatan_verifikasi", "status_changed_at", "revision"},
                ),
                version=current.version + 1,
                status=Renja.Status.DRAF,
            )
    except IntegrityError as error:
        raise TransitionRefused(
            f"Renja perubahan versi {current.version + 1} baru saja dibuat oleh pengguna lain; "
            "muat ulang halaman."
        ) from error
    counts = _copy_content(current, new)
    record(
        acting_user=acting_user,
        event_type=AuditEvent.Type.RENJA_VERSION_CREATED,
        obj=new,
        extra_data={"from_renja": current.pk, "from_version": current.version, **counts},
        reason=reason,
    )
    return new


LEVEL_ORDER = {str(level): rank for rank, level in enumerate(Level.values)}


def _fields(row: models.Model, skip: set[str]) -> dict[str, Any]:
    """The stored values of `row` by column attribute, except its key and the `skip` fields."""
    return {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key and field.name not in skip
    }


def _copy_content(source: Renja, target: Renja) -> dict[str, Any]:
    """Copy items (parents first, as the tree guard requires), indikator and narasi."""
    items = sorted(source.items.all(), key=lambda i: (LEVEL_ORDER[i.level], i.order, i.pk))
    copies: dict[int, int] = {}
    for item in items:
        values = _fields(item, {"renja", "parent", "revision"})
        parent_id = copies[item.parent_id] if item.parent_id else None
        copies[item.pk] = RenjaItem.objects.create(renja=target, parent_id=parent_id, **values).pk
    indikator = [
        Indikator(item_id=copies[row.item_id], **_fields(row, {"item", "revision"}))
        for row in Indikator.objects.filter(item__renja=source).order_by("item_id", "order", "pk")
    ]
    Indikator.objects.bulk_create(indikator)
    narasi = RenjaNarasi.objects.filter(renja=source).first()
    if narasi is not None:
        RenjaNarasi.objects.create(
            renja=target, **_fields(narasi, {"renja", "version", "updated_at"})
        )
    return {"items": len(copies), "indikator": len(indikator), "narasi": narasi is not None}
