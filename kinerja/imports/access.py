"""The protected objects imports keep: an archive of a replaced plan (the admin pemda of
its pemda only) and a finding kept from an imported file (whoever sees its plan's OPD).
Missing and forbidden both raise `Http404`."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404

from kinerja.accounts.access import administered_pemdas, opds_for
from kinerja.accounts.models import User
from kinerja.imports.models import ImportFinding, ReplacedPlan


def access_archive(user: User | AnonymousUser, archive_id: int) -> ReplacedPlan:
    """The archive `archive_id` if `user` administers its pemda."""
    archive = (
        ReplacedPlan.objects.filter(id=archive_id, pemda__in=administered_pemdas(user))
        .select_related("pemda", "perangkat_daerah", "replaced_by", "restored_by")
        .first()
    )
    if archive is None:
        raise Http404("Arsip tidak ditemukan.")
    return archive


def access_import_finding(user: User | AnonymousUser, finding_id: int) -> ImportFinding:
    """The kept finding `finding_id` if `user` sees the OPD of its Renja or Renstra."""
    opds = opds_for(user)
    seen = Q(renja__perangkat_daerah__in=opds) | Q(renstra__perangkat_daerah__in=opds)
    finding = (
        ImportFinding.objects.filter(seen, id=finding_id)
        .select_related("renja__perangkat_daerah", "renstra__perangkat_daerah")
        .first()
    )
    if finding is None:
        raise Http404("Temuan tidak ditemukan.")
    return finding
