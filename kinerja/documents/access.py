"""The only way a documents view gets a batch export, and whether a user may write a narasi.

Batch exports belong to Bappeda: only the reviewers of their pemda (admin pemda,
verifikator, superuser) see them. "Missing" and "forbidden" both raise `Http404`.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kinerja.accounts.models import User
from kinerja.documents.models import BatchExport
from kinerja.monitoring.access import reviewable_pemdas


def access_batch_export(
    user: User | AnonymousUser, export_id: int, *, with_data: bool = False
) -> BatchExport:
    """The export `export_id` if `user` reviews its pemda; its ZIP loaded only `with_data`
    (the progress page polls every second and never needs the archive)."""
    exports = BatchExport.objects.filter(pemda__in=reviewable_pemdas(user))
    exports = exports.select_related("pemda")
    if not with_data:
        exports = exports.defer("data")
    export = exports.filter(id=export_id).first()
    if export is None:
        raise Http404("Ekspor tidak ditemukan.")
    return export
