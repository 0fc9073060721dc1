"""Reads of the Bappeda review: the status of every OPD's Renja and triwulan reports of a
year (who changed it, when, what is late), and the transition history of one object.

`overview` costs six queries whatever the number of OPDs: OPDs, Renja, reports, jadwal,
exceptions and the last status change of every Renja and report shown.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.db.models import Max, QuerySet

from kinerja.accounts.models import Pemda, PerangkatDaerah
from kinerja.audit.models import AuditEvent
from kinerja.monitoring.models import LaporanTriwulan
from kinerja.renja.models import Jadwal, JadwalPengecualian, Renja
from kinerja.renja.queries import STAGE_RANK
from kinerja.renja.transitions import STATUS_LABELS

TRIWULAN = (1, 2, 3, 4)
OPEN = ("draf", "dikembalikan", "belum")  # still the OPD's to do
DONE = ("disetujui", "diverifikasi")
# The overview's filters: value → label; a row matches when one of its cells does.
FILTERS = {
    "": "Semua",
    "diajukan": "Menunggu verifikasi",
    "dikembalikan": "Dikembalikan",
    "terlambat": "Terlambat",
    "draf": "Belum diajukan",
    "selesai": "Disetujui/diverifikasi",
}


@dataclass(frozen=True)
class Change:
    """The last status change of an object: who and when."""

    by: str
    at: datetime | None


@dataclass(frozen=True)
class StatusCell:
    """The status of a Renja or of a triwulan report in the overview."""

    status: str  # a Renja/report status, or "belum" (the OPD has no Renja yet)
    renja_id: int | None = None
    triwulan: int | None = None
    change: Change | None = None
    note: str = ""
    late: bool = False
    extended_until: date | None = None

    @property
    def label(self) -> str:
        return "Belum ada Renja" if self.status == "belum" else STATUS_LABELS[self.status]

    @property
    def keys(self) -> set[str]:
        """The filters this cell answers to."""
        keys = {self.status}
        if self.status == "belum":
            keys.add("draf")
        if self.status in DONE:
            keys.add("selesai")
        if self.late:
            keys.add("terlambat")
        return keys


@dataclass(frozen=True)
class OpdRow:
    """One OPD of the overview: its Renja of the year (if any) and its four reports."""

    opd: PerangkatDaerah
    renja: Renja | None
    renja_cell: StatusCell
    reports: list[StatusCell] = field(default_factory=list)

    def matches(self, key: str) -> bool:
        return not key or any(key in cell.keys for cell in [self.renja_cell, *self.reports])


@dataclass(frozen=True)
class Windows:
    """The pemda's jadwal of a year and the exceptions still running on `today`."""

    today: date
    jadwal: dict[tuple[str, int | None], Jadwal]
    extended: dict[tuple[int, int], date]  # (jadwal id, OPD id) → until

    def lateness(self, opd_id: int, status: str, tahap: str, triwulan: int | None) -> dict:
        """`late` and `extended_until` of a cell: the window closed before today while the
        OPD still had it to do, unless an exception runs."""
        jadwal = self.jadwal.get((tahap, triwulan))
        if jadwal is None or status not in OPEN or self.today <= jadwal.closes_on:
            return {}
        until = self.extended.get((jadwal.pk, opd_id))
        return {"extended_until": until} if until else {"late": True}


def windows(pemda: Pemda, year: int, today: date) -> Windows:
    rows = Jadwal.objects.filter(pemda=pemda, year=year)
    running = (
        JadwalPengecualian.objects.filter(jadwal__in=rows, until__gte=today)
        .values("jadwal_id", "perangkat_daerah_id")
        .annotate(until=Max("until"))
    )
    return Windows(
        today,
        {(row.tahap, row.triwulan): row for row in rows},
        {(e["jadwal_id"], e["perangkat_daerah_id"]): e["until"] for e in running},
    )


def last_changes(objects: Sequence[models.Model]) -> dict[tuple[str, str], Change]:
    """(object type, id) → the last STATUS_CHANGED of each object, in one query."""
    if not objects:
        return {}
    label = objects[0]._meta.label_lower
    events = (
        AuditEvent.objects.filter(
            event_type=AuditEvent.Type.STATUS_CHANGED,
            object_type=label,
            object_id__in=[str(obj.pk) for obj in objects],
        )
        .select_related("acting_user")
        .order_by("event_time", "id")
    )
    found: dict[tuple[str, str], Change] = {}
    for event in events:  # the latest wins
        user = event.acting_user
        by = (user.get_full_name() or user.username) if user else "sistem"
        found[(label, event.object_id)] = Change(by, event.event_time)
    return found


def _change(obj: models.Model, changes: dict[tuple[str, str], Change]) -> Change | None:
    found = changes.get((obj._meta.label_lower, str(obj.pk)))
    at = getattr(obj, "status_changed_at", None)
    return found or (Change("", at) if at else None)


def overview(pemda: Pemda, year: int, today: date) -> list[OpdRow]:
    """Every OPD of `pemda` with its Renja of `year` and the reports of each triwulan.

    The Renja shown is the one that counts (the furthest stage, then the latest version);
    a report is the one of the highest-ranked Renja of the year that has it, since
    realisasi stay on the version they were recorded on when a perubahan is made.
    """
    opds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("name", "pk"))
    renjas = sorted(
        Renja.objects.filter(perangkat_daerah__pemda=pemda, year=year),
        key=lambda r: (STAGE_RANK[r.stage], r.version),
    )
    current = {renja.perangkat_daerah_id: renja for renja in renjas}  # highest rank last
    reports: dict[int, dict[int, LaporanTriwulan]] = defaultdict(dict)
    rank = {renja.pk: position for position, renja in enumerate(renjas)}
    laporan = LaporanTriwulan.objects.filter(renja__in=renjas).select_related("renja")
    for row in sorted(laporan, key=lambda row: rank[row.renja_id]):
        reports[row.renja.perangkat_daerah_id][row.triwulan] = row
    shown_reports = [row for by_triwulan in reports.values() for row in by_triwulan.values()]
    changes = last_changes(list(current.values())) | last_changes(shown_reports)
    spans = windows(pemda, year, today)
    return [_row(opd, current.get(opd.pk), reports.get(opd.pk, {}), changes, spans) for opd in opds]


def _row(
    opd: PerangkatDaerah,
    renja: Renja | None,
    reports: dict[int, LaporanTriwulan],
    changes: dict[tuple[str, str], Change],
    spans: Windows,
) -> OpdRow:
    renja_status = renja.status if renja else "belum"
    renja_cell = StatusCell(
        renja_status,
        renja_id=renja.pk if renja else None,
        change=_change(renja, changes) if renja else None,
        note=renja.catatan_verifikasi if renja else "",
        **spans.lateness(opd.pk, renja_status, Jadwal.Tahap.RENJA, None),
    )
    cells = []
    for triwulan in TRIWULAN:
        report = reports.get(triwulan)
        status = report.status if report else ("draf" if renja else "belum")
        cells.append(
            StatusCell(
                status,
                renja_id=report.renja_id if report else (renja.pk if renja else None),
                triwulan=triwulan,
                change=_change(report, changes) if report else None,
                note=report.catatan_verifikasi if report else "",
                **spans.lateness(opd.pk, status, Jadwal.Tahap.TRIWULAN, triwulan),
            )
        )
    return OpdRow(opd, renja, renja_cell, cells)


def filter_counts(rows: list[OpdRow]) -> list[tuple[str, str, int]]:
    """(value, label, number of OPD rows) of every filter."""
    return [(key, label, sum(row.matches(key) for row in rows)) for key, label in FILTERS.items()]


def history(obj: models.Model) -> QuerySet[AuditEvent]:
    """The status changes (and, for a Renja, its creation as a perubahan), oldest first."""
    return (
        AuditEvent.objects.filter(
            event_type__in=[AuditEvent.Type.STATUS_CHANGED, AuditEvent.Type.RENJA_VERSION_CREATED],
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
        )
        .select_related("acting_user")
        .order_by("event_time", "id")
    )


def review_years(pemda: Pemda, today: date) -> list[int]:
    """Years with a Renja or a jadwal in the pemda, and this year, latest first."""
    years = set(Renja.objects.filter(perangkat_daerah__pemda=pemda).values_list("year", flat=True))
    years |= set(Jadwal.objects.filter(pemda=pemda).values_list("year", flat=True))
    return sorted(years | {today.year}, reverse=True)
