"""The history of a Renja, of one of its indikator and of one triwulan report, read from
the audit trail, and each audit row as a reader sees it: when, who (name and role), what,
the changes as "field: before → after" (numbers in Indonesian format) and the reason.

Audit rows name their object by model label and id. A Renja's history is every row about
the Renja or about a row that belongs to it now (items, indikator, narasi, reports,
realisasi, bukti, jadwal exceptions of its OPD and year), plus rows whose `extra_data`
names it (`renja_id`, `indikator_id` or `laporan_id`): that is how an action that deletes
a row keeps it findable after the row is gone.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah
from kinerja.audit.models import AuditEvent
from kinerja.lib.numbers import format_money, format_number
from kinerja.monitoring.models import Bukti, LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja
from kinerja.renja.models import Indikator, JadwalPengecualian, Renja, RenjaItem, RenjaNarasi

EMPTY = gettext_lazy("(kosong)")
RAW_FIGURE = re.compile(r":\s*-?\d+(\.\d+)?$")
LONG_TEXT = 200  # characters of a before/after value shown; the rest is cut with "…"
# extra_data keys that are not details for a reader (shown as changes, or bookkeeping).
HIDDEN_KEYS = {"changes", "old", "new", "fields", "version", "renja_id", "indikator_id"}
HIDDEN_KEYS |= {"laporan_id", "counts", "stored_as", "renstra_indikator", "sha256"}
# A status change lists status among its changes; a perubahan names its source by version.
HIDDEN_KEYS |= {"from", "to", "transition", "from_renja", "jadwal", "perangkat_daerah"}
# Labels of extra_data keys that are not fields of the audited model.
DETAIL_LABELS = {
    "source": gettext_lazy("Berkas sumber"),
    "replace": gettext_lazy("Mengganti rencana yang ada"),
    "triwulan": gettext_lazy("Triwulan"),
    "parent": gettext_lazy("Induk"),
    "item": gettext_lazy("Baris"),
    "size": gettext_lazy("Ukuran (bita)"),
    "content_type": gettext_lazy("Jenis berkas"),
    "filename": gettext_lazy("Nama berkas"),
    "from_version": gettext_lazy("Perubahan dari versi"),
    "items": gettext_lazy("Baris program/kegiatan disalin"),
    "indikator": gettext_lazy("Indikator disalin"),
    "narasi": gettext_lazy("Narasi disalin"),
    "jadwal_label": gettext_lazy("Jadwal"),
}


# --- Which rows -------------------------------------------------------------------------


def _about(model: type[models.Model], rows: QuerySet[Any]) -> Q:
    """Audit rows about any of `rows` (a subquery: one database query in the end)."""
    ids = rows.annotate(audit_id=Cast("pk", CharField())).values("audit_id")
    return Q(object_type=model._meta.label_lower, object_id__in=ids)


def _about_one(obj: models.Model) -> Q:
    return Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def renja_scope(renja: Renja) -> Q:
    """Every audit row about `renja` or about a row that belongs to it."""
    opd = renja.perangkat_daerah_id
    return (
        _about_one(renja)
        | _about(RenjaItem, RenjaItem.objects.filter(renja=renja))
        | _about(Indikator, Indikator.objects.filter(item__renja=renja))
        | _about(RenjaNarasi, RenjaNarasi.objects.filter(renja=renja))
        | _about(LaporanTriwulan, LaporanTriwulan.objects.filter(renja=renja))
        | _about(RealisasiKinerja, RealisasiKinerja.objects.filter(indikator__item__renja=renja))
        | _about(RealisasiAnggaran, RealisasiAnggaran.objects.filter(item__renja=renja))
        | _about(Bukti, Bukti.objects.filter(laporan__renja=renja))
        | _about(
            JadwalPengecualian,
            JadwalPengecualian.objects.filter(perangkat_daerah_id=opd, jadwal__year=renja.year),
        )
        # A plan import writes the OPD's Renstra and Renja; its row names the OPD.
        | Q(
            object_type=PerangkatDaerah._meta.label_lower,
            object_id=str(opd),
            event_type=AuditEvent.Type.PLAN_IMPORTED,
        )
        | Q(extra_data__renja_id=renja.pk)
        # A Renja perubahan is recorded on the new version; its source shows it too.
        | Q(event_type=AuditEvent.Type.RENJA_VERSION_CREATED, extra_data__from_renja=renja.pk)
    )


def indikator_scope(indikator: Indikator) -> Q:
    """Audit rows about a Renja indikator and its realisasi per triwulan."""
    return (
        _about_one(indikator)
        | _about(RealisasiKinerja, RealisasiKinerja.objects.filter(indikator=indikator))
        | Q(extra_data__indikator_id=indikator.pk)
    )


def triwulan_scope(renja: Renja, triwulan: int) -> Q:
    """Audit rows about the report of `triwulan`: the laporan, its bukti and the realisasi
    of that triwulan (kinerja and anggaran), whether or not the laporan exists yet."""
    scope = _about(
        RealisasiKinerja,
        RealisasiKinerja.objects.filter(indikator__item__renja=renja, triwulan=triwulan),
    ) | _about(
        RealisasiAnggaran,
        RealisasiAnggaran.objects.filter(item__renja=renja, triwulan=triwulan),
    )
    laporan = LaporanTriwulan.objects.filter(renja=renja, triwulan=triwulan).first()
    if laporan is not None:
        scope |= (
            _about_one(laporan)
            | _about(Bukti, Bukti.objects.filter(laporan=laporan))
            | Q(extra_data__laporan_id=laporan.pk)
        )
    return scope


def events(scope: Q) -> QuerySet[AuditEvent]:
    """The audit rows of `scope`, newest first, with their users."""
    return (
        AuditEvent.objects.filter(scope)
        .select_related("acting_user")
        .order_by("-event_time", "-id")
    )


# --- How a row reads --------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One changed field: its label and its value before and after, as printed."""

    field: str
    before: str
    after: str
    before_full: str = ""
    after_full: str = ""


@dataclass(frozen=True)
class Entry:
    """One audit row as the history prints it."""

    id: int
    when: datetime.datetime
    who: str
    role: str
    what: str
    subject: str
    changes: list[Change]
    details: list[tuple[str, str]]
    reason: str


def entries(rows: list[AuditEvent], pemda: Pemda) -> list[Entry]:
    """`rows` as printed; roles are the users' roles in `pemda` (one query for all)."""
    roles = _roles([row.acting_user_id for row in rows if row.acting_user_id], pemda)
    return [_entry(row, roles) for row in rows]


def _roles(user_ids: list[int], pemda: Pemda) -> dict[int, str]:
    memberships = Membership.objects.filter(user_id__in=user_ids, pemda=pemda).select_related(
        "perangkat_daerah"
    )
    labels: dict[int, list[str]] = defaultdict(list)
    for membership in memberships.order_by("role", "perangkat_daerah__name"):
        where = membership.perangkat_daerah
        label = membership.get_role_display()
        labels[membership.user_id].append(
            f"{label} {where.short_name or where.name}" if where else label
        )
    return {user_id: "; ".join(texts) for user_id, texts in labels.items()}


def _entry(row: AuditEvent, roles: dict[int, str]) -> Entry:
    user = row.acting_user
    model = model_of(row.object_type)
    if user is None:
        who, role = _("Sistem"), _("impor atau perintah baris")
    else:
        who = user.get_full_name() or user.username
        role = roles.get(user.pk) or (_("Administrator sistem") if user.is_superuser else "")
    kind = str(model._meta.verbose_name) if model else row.object_type
    return Entry(
        id=row.pk,
        when=row.event_time,
        who=who,
        role=role,
        what=row.get_event_type_display(),
        subject=f"{kind[:1].upper()}{kind[1:]}: {_label(row.object_label)}".strip(),
        changes=changes(row.extra_data, model),
        details=details(row.extra_data, model),
        reason=row.reason,
    )


def _label(object_label: str) -> str:
    """The object's name without a trailing raw figure ("Jumlah Dokumen TW 2: 7.5"): the
    figure is printed, in Indonesian format, among the changes."""
    return RAW_FIGURE.sub("", object_label)


def model_of(object_type: str) -> type[models.Model] | None:
    """The model an audit row is about, None if it no longer exists."""
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def changes(data: Any, model: type[models.Model] | None) -> list[Change]:
    """The before/after pairs of an audit row's `extra_data`.

    Actions record `{"changes": {field: [before, after]}}`; older ones record
    `{"old": {field: before}, "new": {field: after}}`. Both read the same.
    """
    if not isinstance(data, dict):
        return []
    pairs: dict[str, tuple[Any, Any]] = {}
    recorded = data.get("changes")
    if isinstance(recorded, dict):
        for name, values in recorded.items():
            if isinstance(values, (list, tuple)) and len(values) == 2:
                pairs[name] = (values[0], values[1])
    old, new = data.get("old"), data.get("new")
    if not pairs and (isinstance(old, dict) or isinstance(new, dict)):
        old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        for name in dict.fromkeys([*old, *new]):
            pairs[name] = (old.get(name), new.get(name))
    return [_change(model, name, before, after) for name, (before, after) in pairs.items()]


def _change(model: type[models.Model] | None, name: str, before: Any, after: Any) -> Change:
    field = _field(model, name)
    before_text, after_text = value_text(before, field), value_text(after, field)
    return Change(
        field=field_label(field, name),
        before=_cut(before_text),
        after=_cut(after_text),
        before_full=before_text if len(before_text) > LONG_TEXT else "",
        after_full=after_text if len(after_text) > LONG_TEXT else "",
    )


def details(data: Any, model: type[models.Model] | None) -> list[tuple[str, str]]:
    """The other plain values of `extra_data` (e.g. the source file of an import)."""
    if not isinstance(data, dict):
        return []
    return [
        (field_label(_field(model, name), name), _cut(value_text(value, _field(model, name))))
        for name, value in data.items()
        if name not in HIDDEN_KEYS and value is not None and not isinstance(value, (dict, list))
    ]


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def field_label(field: models.Field | None, name: str) -> str:
    """The key's Indonesian name, capitalised: ours for extra_data keys (`DETAIL_LABELS`),
    else the field's; the key itself when unknown."""
    if name in DETAIL_LABELS:
        text = str(DETAIL_LABELS[name])
    elif field is not None:
        text = str(field.verbose_name)
    else:
        text = name.replace("_", " ")
    return f"{text[:1].upper()}{text[1:]}"


def value_text(value: Any, field: models.Field | None = None) -> str:
    """A recorded value as a reader reads it: numbers in Indonesian format, choices by
    their label, yes/no, "(kosong)" for nothing."""
    if value is None or value == "" or value == []:
        return str(EMPTY)
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    number = _number(value, field)
    if number is not None:
        return number
    when = _date(value, field)
    if when is not None:
        return when
    if isinstance(value, (dict, list)):
        return ", ".join(str(part) for part in value)
    return str(value)


def _number(value: Any, field: models.Field | None) -> str | None:
    """Indonesian text of a number: a JSON number, or a text under a numeric field."""
    numeric_field = isinstance(field, (models.DecimalField, models.IntegerField))
    if isinstance(value, (int, float, Decimal)) or (numeric_field and isinstance(value, str)):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
        if not number.is_finite():
            return None
        if isinstance(field, models.DecimalField) and field.decimal_places == 2:
            return format_money(number)  # rupiah: cents only when there are cents
        integral = number == number.to_integral_value()
        return format_number(number, 0) if integral else format_number(number.normalize())
    return None


def _date(value: Any, field: models.Field | None) -> str | None:
    """A date recorded as ISO text under a date field, as Indonesians write it."""
    if not isinstance(field, models.DateField) or isinstance(field, models.DateTimeField):
        return None
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        return None
    return date_format(day, "j F Y")


def _cut(text: str) -> str:
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1].rstrip() + "…"
