"""What an import may overwrite, and what its user agreed to (ADR 0011).

`Consent` holds what the user confirmed explicitly (web checkboxes, CLI flags); nothing by
default. `Replacing` is how `actions.apply_plan` treats a Renja or Renstra that is in the
file's way: refused while anything under it is diajukan, disetujui or diverifikasi,
refused without "replace", otherwise listed (`replaced`), archived and deleted. The
deletion list is confirmed by its token (`queries.replace_token`) after the writes, so a
list that changed since the preview is refused.
"""

from dataclasses import dataclass, field
from typing import Any

from kinerja.imports.archive import archive_plan
from kinerja.imports.models import ReplacedPlan
from kinerja.imports.plan_schema import PlanError, PlanRejected
from kinerja.imports.queries import Contents, plan_contents
from kinerja.renja.models import Renja
from kinerja.renstra.models import Renstra

REPLACE, OTHER_AGENCY, ERRORS = "replace", "other_agency", "errors"


@dataclass(frozen=True)
class Consent:
    """What the user confirmed, explicitly."""

    replace: str = ""  # the token of the deletion list they were shown
    other_agency: bool = False  # the file names another pemda or OPD than the target
    errors: bool = False  # they read the file's error findings
    # Replace reviewed work too (it is archived all the same): for the demo reset only.
    reviewed: bool = False


@dataclass(frozen=True)
class Need:
    """A confirmation the import still needs, and the message asking for it."""

    kind: str  # REPLACE, OTHER_AGENCY or ERRORS
    message: str


@dataclass
class Replacing:
    """How the plans an import overwrites are treated, and what it replaced."""

    allowed: bool  # the user asked to replace (web "Ganti", CLI --replace)
    acting_user: Any
    source: str
    archive: bool = True  # False in a dry run: listed, rolled back, nothing to archive
    guarded: bool = True  # False only for a check's simulation, which is rolled back
    reviewed_ok: bool = False  # Consent.reviewed
    replaced: list[Contents] = field(default_factory=list)
    archives: list[ReplacedPlan] = field(default_factory=list)

    def clear(self, plan: Renja | Renstra, path: str, exists: str) -> None:
        """Make room for the file's plan at `path`: refuse (`exists` says what is there)
        or archive and delete `plan`."""
        if not self.guarded:
            delete_plan(plan)
            return
        contents = plan_contents(plan)
        refusal = contents.refusal()
        if refusal and not self.reviewed_ok:
            raise PlanRejected([PlanError(path, refusal)])
        if not self.allowed:
            raise PlanRejected([PlanError(path, exists)])
        self.replaced.append(contents)
        if self.archive:
            self.archives.append(
                archive_plan(plan, contents, acting_user=self.acting_user, source=self.source)
            )
        else:
            delete_plan(plan)


def delete_plan(plan: Renja | Renstra) -> None:
    """Delete without archive: only inside a transaction that is rolled back (a dry run or
    a check), so no evidence file is touched and nothing is lost."""
    if isinstance(plan, Renstra):
        for renja in plan.renja.all():
            renja.delete()
    plan.delete()


def missing_consent(consent: Consent, result: Any) -> list[Need]:
    """The confirmations an import's `result` (an `actions.ImportResult`) needs that
    `consent` does not give."""
    needs = []
    if result.error_findings and not consent.errors:
        needs.append(
            Need(
                ERRORS,
                f"Berkas ini memiliki {result.error_findings} galat (lihat hasil pemeriksaan). "
                "Impor hanya setelah Anda menyatakan sudah membacanya: centang konfirmasi di "
                "halaman pratinjau, atau --accept-errors di baris perintah. Temuannya tetap "
                "terbuka di halaman Pemeriksaan.",
            )
        )
    if result.mismatch and not consent.other_agency:
        needs.append(Need(OTHER_AGENCY, result.mismatch))
    if result.replaced and consent.replace != result.replace_token:
        needs.append(Need(REPLACE, _replace_message(result, consent)))
    return needs


def _replace_message(result: Any, consent: Consent) -> str:
    plans = ", ".join(contents.label for contents in result.replaced)
    if consent.replace:
        return (
            f"Daftar yang akan dihapus ({plans}) berubah sejak pratinjau: ada yang diubah "
            "sementara itu. Periksa daftar terbaru lalu konfirmasi lagi."
        )
    return (
        f"Impor ini menghapus {plans} beserta isinya (disimpan di arsip, dapat dipulihkan "
        "admin pemda). Periksa daftarnya lalu konfirmasi penggantian: centang di halaman "
        "pratinjau, atau --confirm-replace di baris perintah."
    )


def consent_record(consent: Consent, result: Any) -> dict[str, Any]:
    """What the audit row keeps of the user's confirmations."""
    return {
        "replace": consent.replace,
        "other_agency": result.mismatch if consent.other_agency else None,
        "errors_acknowledged": result.error_findings if consent.errors else 0,
        "reviewed_archived": consent.reviewed,
    }


EXISTS_HINT = (
    "centang “Ganti rencana yang sudah ada” (web) atau tambahkan --replace (baris perintah) "
    "untuk menggantinya; yang diganti disimpan di arsip dan dapat dipulihkan admin pemda"
)
