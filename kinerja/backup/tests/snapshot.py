"""What must survive a backup and restore, as one JSON document: the plan file of every
OPD (for each of its Renstra, as `kinerja export` writes it), every audit row with every
field, the files under MEDIA_ROOT and the Word templates by checksum, and the row count
of every table.

Run in a process of its own on the database of DATABASE_URL:
`python -m kinerja.backup.tests.snapshot OUT.json`.
"""

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import django


def snapshot() -> dict[str, Any]:
    from django.conf import settings

    from kinerja.accounts.models import PerangkatDaerah
    from kinerja.audit.models import AuditEvent
    from kinerja.backup.tables import backed_up_models
    from kinerja.documents.models import WordTemplate
    from kinerja.imports import plan_yaml
    from kinerja.imports.export import export_plan

    plans = {}
    for opd in PerangkatDaerah.objects.select_related("pemda").order_by("pemda__name", "code"):
        plans[f"{opd.pemda.name}/{opd.code}"] = plan_yaml.dump(export_plan(opd))
        for renstra in opd.renstra.order_by("first_year"):
            key = f"{opd.pemda.name}/{opd.code}/{renstra.first_year}"
            plans[key] = plan_yaml.dump(export_plan(opd, renstra))
    audit = [
        {name: _plain(value) for name, value in row.items()}
        for row in AuditEvent.objects.order_by("pk").values()
    ]
    media = Path(settings.MEDIA_ROOT)
    files = {
        path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }
    templates = {
        template.pemda.name: hashlib.sha256(bytes(template.data)).hexdigest()
        for template in WordTemplate.objects.select_related("pemda")
    }
    counts = {model._meta.label_lower: model._base_manager.count() for model in backed_up_models()}
    return {"plans": plans, "audit": audit, "files": files, "templates": templates} | {
        "counts": counts
    }


def _plain(value: Any) -> Any:
    """A value as JSON keeps it exactly (times with microseconds, in UTC)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    django.setup()
    Path(sys.argv[1]).write_text(
        json.dumps(snapshot(), ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
