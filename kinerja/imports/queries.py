"""What is under a Renja or a Renstra, as an import that replaces it would delete it.

`plan_contents(plan)` is the one answer the replace screen, the CLI, the refusal rule and
the archive share: counts of rows, indikator and realisasi, each triwulan report with its
status, each evidence file with its name and size, and for a Renstra its Renja too. A
`Contents` says why it may not be replaced (`refusal`) and carries a `fingerprint`, so a
confirmation given for one list is refused once the list has changed (`replace_token`).
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Model, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from kinerja.evaluation.tables.cells import ROMAN
from kinerja.imports.models import ImportFinding
from kinerja.lib.numbers import format_number
from kinerja.monitoring.models import Bukti, LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.renja.models import Indikator, Renja, RenjaItem, RenjaNarasi
from kinerja.renstra import models as renstra_models

# Statuses of work that Bappeda is reviewing or has accepted: never deleted by an import.
REVIEWED_RENJA: dict[str, str] = {
    Renja.Status.DIAJUKAN: "diajukan",
    Renja.Status.DISETUJUI: "disetujui",
}
REVIEWED_REPORT: dict[str, str] = {
    LaporanTriwulan.Status.DIAJUKAN: "diajukan",
    LaporanTriwulan.Status.DIVERIFIKASI: "diverifikasi",
}
LEVEL_LABELS = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}


@dataclass(frozen=True)
class Report:
    """A triwulan report: its status and how many evidence files it holds."""

    triwulan: int
    status: str
    bukti: int
    revision: int


@dataclass(frozen=True)
class Evidence:
    """An evidence file: the name the user gave it, its size and where it is stored."""

    triwulan: int
    name: str
    size: int
    stored_as: str


@dataclass(frozen=True)
class RenjaContents:
    """One Renja and what is under it."""

    id: int
    label: str
    status: str
    items: dict[str, int]  # by level
    indikator: int
    realisasi_kinerja: int
    realisasi_anggaran: int
    narasi: bool
    reports: tuple[Report, ...]
    evidence: tuple[Evidence, ...]
    findings: int
    revisions: int  # the sum of every row's revision: any edit changes it

    def refusals(self) -> list[str]:
        """Why this Renja may not be replaced: its reviewed status, its reviewed reports."""
        found = []
        if self.status in REVIEWED_RENJA:
            found.append(
                _("%(renja)s berstatus %(status)s")
                % {"renja": self.label, "status": REVIEWED_RENJA[self.status]}
            )
        for report in self.reports:
            if report.status in REVIEWED_REPORT:
                found.append(
                    _("Laporan Triwulan %(roman)s %(renja)s berstatus %(status)s")
                    % {
                        "roman": ROMAN[report.triwulan],
                        "renja": self.label,
                        "status": REVIEWED_REPORT[report.status],
                    }
                )
        return found


@dataclass(frozen=True)
class Contents:
    """A Renja or a Renstra (with its Renja) and everything under it."""

    kind: str  # "renja" or "renstra"
    id: int
    label: str
    rows: dict[str, int]  # a Renstra's own rows (tujuan, sasaran, items, figures)
    renja: tuple[RenjaContents, ...]
    findings: int = 0  # import findings kept with a Renstra
    revisions: int = 0  # the sum of the Renstra rows' revisions

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(evidence for renja in self.renja for evidence in renja.evidence)

    def refusal(self) -> str | None:
        """None when nothing under it is reviewed; else the message naming each reviewed
        Renja or report and its status."""
        found = [reason for renja in self.renja for reason in renja.refusals()]
        if not found:
            return None
        return _(
            "%(plan)s tidak dapat diganti: %(reasons)s. Impor tidak pernah menghapus "
            "pekerjaan yang sedang diajukan, disetujui atau diverifikasi; tunggu hasil "
            "verifikasi, minta verifikator mengembalikannya, atau buat versi perubahan Renja."
        ) % {"plan": self.label, "reasons": "; ".join(found)}

    def lines(self) -> list[str]:
        """The deletion list in words, one line per group (the CLI prints these)."""
        lines = [f"{self.label}:"] + [f"  {line}" for line in _row_lines(self.rows)]
        for renja in self.renja:
            lines += [f"  {renja.label}, {renja_status(renja.status)}:"]
            lines += [f"    {line}" for line in renja_lines(renja)]
        if self.findings:
            lines.append(f"  {self.findings} temuan berkas impor")
        return lines

    def groups(self) -> list[tuple[str, list[str]]]:
        """The deletion list as (heading, lines), for the replace screen."""
        groups = []
        if self.kind == "renstra":
            own = _row_lines(self.rows)
            if self.findings:
                own.append(f"{self.findings} temuan berkas impor")
            groups.append((self.label, own))
        for renja in self.renja:
            groups.append((f"{renja.label}: {renja_status(renja.status)}", renja_lines(renja)))
        return groups

    def fingerprint(self) -> dict[str, Any]:
        return asdict(self)


def renja_status(status: str) -> str:
    return str(dict(Renja.Status.choices).get(status, status)).lower()


def report_status(status: str) -> str:
    return str(dict(LaporanTriwulan.Status.choices).get(status, status)).lower()


def renja_lines(renja: RenjaContents) -> list[str]:
    """What is under one Renja, in words."""
    lines = _row_lines(
        {f"{LEVEL_LABELS.get(level, level)}": n for level, n in renja.items.items()}
        | {
            "indikator": renja.indikator,
            "realisasi kinerja": renja.realisasi_kinerja,
            "realisasi anggaran": renja.realisasi_anggaran,
            "temuan berkas impor": renja.findings,
        }
    )
    if renja.narasi:
        lines.append("narasi Renja (BAB I–V)")
    for report in renja.reports:
        lines.append(
            f"laporan Triwulan {ROMAN[report.triwulan]}: {report_status(report.status)}, "
            f"{report.bukti} berkas bukti"
        )
    for evidence in renja.evidence:
        lines.append(
            f"bukti Triwulan {ROMAN[evidence.triwulan]}: {evidence.name} "
            f"({format_number(evidence.size)} bita)"
        )
    return lines


def _row_lines(rows: dict[str, int]) -> list[str]:
    return [f"{format_number(n)} {name}" for name, n in rows.items() if n]


def replace_token(contents: list[Contents]) -> str:
    """A short digest of the deletion list: equal lists, equal tokens; any change (a row,
    a realisasi, an edit, a status, a file) gives another."""
    if not contents:
        return ""
    text = json.dumps([c.fingerprint() for c in contents], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def plan_contents(plan: Renja | renstra_models.Renstra) -> Contents:
    """Everything an import replacing `plan` would delete, counted in the database."""
    if isinstance(plan, Renja):
        (renja,) = renja_contents(Renja.objects.filter(pk=plan.pk))
        return Contents(kind="renja", id=plan.pk, label=renja.label, rows={}, renja=(renja,))
    rows, revisions = _renstra_rows(plan)
    return Contents(
        kind="renstra",
        id=plan.pk,
        label=str(plan),
        rows=rows,
        renja=tuple(renja_contents(plan.renja.all())),
        findings=ImportFinding.objects.filter(renstra=plan).count(),
        revisions=revisions,
    )


def renja_label(renja: Renja) -> str:
    """`Renja BKPSDM 2024 (final, versi 1)`."""
    stage = str(dict(Renja.Stage.choices).get(renja.stage, renja.stage)).lower()
    return f"{renja} ({stage}, versi {renja.version})"


def renja_contents(renjas: QuerySet[Renja]) -> list[RenjaContents]:
    """The contents of each Renja of `renjas`, a few grouped queries for all of them."""
    rows = list(renjas.select_related("perangkat_daerah").order_by("year", "stage", "version"))
    ids = [renja.pk for renja in rows]
    items = _grouped(RenjaItem.objects.filter(renja__in=ids), "renja_id", "level")
    indikator = _grouped(Indikator.objects.filter(item__renja__in=ids), "item__renja_id")
    kinerja = _grouped(
        RealisasiKinerja.objects.filter(indikator__item__renja__in=ids), "indikator__item__renja_id"
    )
    anggaran = _grouped(RealisasiAnggaran.objects.filter(item__renja__in=ids), "item__renja_id")
    narasi = set(RenjaNarasi.objects.filter(renja__in=ids).values_list("renja_id", flat=True))
    findings = _grouped(ImportFinding.objects.filter(renja__in=ids), "renja_id", revised=False)
    reports = _reports(ids)
    evidence = _evidence(ids)
    return [
        RenjaContents(
            id=renja.pk,
            label=renja_label(renja),
            status=renja.status,
            items={
                level: items[(renja.pk, level)][0]
                for level in LEVEL_LABELS
                if (renja.pk, level) in items
            },
            indikator=indikator.get((renja.pk,), (0, 0))[0],
            realisasi_kinerja=kinerja.get((renja.pk,), (0, 0))[0],
            realisasi_anggaran=anggaran.get((renja.pk,), (0, 0))[0],
            narasi=renja.pk in narasi,
            reports=tuple(reports.get(renja.pk, ())),
            evidence=tuple(evidence.get(renja.pk, ())),
            findings=findings.get((renja.pk,), (0, 0))[0],
            revisions=renja.revision
            + sum(r for (pk, *_k), (_n, r) in items.items() if pk == renja.pk)
            + sum(group.get((renja.pk,), (0, 0))[1] for group in (indikator, kinerja, anggaran))
            + sum(report.revision for report in reports.get(renja.pk, ())),
        )
        for renja in rows
    ]


def _grouped(
    rows: QuerySet[Any], *keys: str, revised: bool = True
) -> dict[tuple[Any, ...], tuple[int, int]]:
    """(count, sum of revisions) of `rows` grouped by `keys`, in one query."""
    sums = {"n": Count("id")} | ({"r": Sum("revision")} if revised else {})
    return {
        tuple(row[key] for key in keys): (row["n"], row.get("r") or 0)
        for row in rows.order_by().values(*keys).annotate(**sums)
    }


def _reports(ids: list[int]) -> dict[int, list[Report]]:
    found: dict[int, list[Report]] = {}
    reports = (
        LaporanTriwulan.objects.filter(renja__in=ids)
        .annotate(n=Count("bukti"))
        .order_by("renja_id", "triwulan")
    )
    for laporan in reports:
        found.setdefault(laporan.renja_id, []).append(
            Report(laporan.triwulan, laporan.status, laporan.n, laporan.revision)
        )
    return found


def _evidence(ids: list[int]) -> dict[int, list[Evidence]]:
    found: dict[int, list[Evidence]] = {}
    for bukti in (
        Bukti.objects.filter(laporan__renja__in=ids)
        .order_by("laporan__renja_id", "laporan__triwulan", "id")
        .values("laporan__renja_id", "laporan__triwulan", "original_name", "size", "file")
    ):
        found.setdefault(bukti["laporan__renja_id"], []).append(
            Evidence(
                triwulan=bukti["laporan__triwulan"],
                name=bukti["original_name"] or bukti["file"],
                size=bukti["size"],
                stored_as=bukti["file"],
            )
        )
    return found


def _renstra_rows(renstra: renstra_models.Renstra) -> tuple[dict[str, int], int]:
    """A Renstra's own rows by kind, and the sum of their revisions (edits change it)."""
    counts: dict[str, int] = {
        "tujuan": renstra.tujuan.count(),
        "sasaran": renstra_models.Sasaran.objects.filter(tujuan__renstra=renstra).count(),
    }
    levels = _grouped(renstra.items.all(), "level")
    for level, label in LEVEL_LABELS.items():
        counts[f"{label} Renstra"] = levels.get((level,), (0, 0))[0]
    figures: dict[str, tuple[type[Model], Q]] = {
        "indikator Renstra": (renstra_models.Indikator, Q(renstra=renstra)),
        "target tahunan": (renstra_models.Target, Q(indikator__renstra=renstra)),
        "realisasi tahunan": (renstra_models.RealisasiTahunan, Q(indikator__renstra=renstra)),
        "pagu tahunan": (renstra_models.Pagu, Q(item__renstra=renstra)),
    }
    revisions = sum(r for _n, r in levels.values())
    for name, (model, condition) in figures.items():
        totals = model._default_manager.filter(condition).aggregate(
            n=Count("id"), r=Sum("revision")
        )
        counts[name] = totals["n"]
        revisions += totals["r"] or 0
    return counts, revisions
