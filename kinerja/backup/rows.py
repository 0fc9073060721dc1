"""One database row as one line of data.jsonl and back.

The line is Django's JSON Lines serializer format (`{"model", "pk", "fields"}`), kept
exact: times with their microseconds, decimals as text, binary as base64; rows that
`migrate` recreates are named by natural key. Rows go back with one INSERT each, with
their own ids and every value as stored (no `auto_now`, no defaults).
"""

import datetime
import json
from collections.abc import Iterable
from typing import IO, Any, Protocol, cast

from django.core.serializers import jsonl, python
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from kinerja.backup.manifest import Refused
from kinerja.backup.tables import RECREATED


class TextSink(Protocol):
    def write(self, text: str, /) -> int: ...


class ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without its rounding of times to milliseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class RowSerializer(jsonl.Serializer):
    """Django's JSON Lines serializer; natural keys for recreated rows only (a user is
    named by id, not looked up by username on every row), no many-to-many lists; a row
    longer than `limit` bytes is refused, since a restore would refuse it."""

    limit, max_values = 0, 0

    def end_object(self, obj: Any) -> None:
        line = json.dumps(self.get_dump_object(obj), **self.json_kwargs)
        too_long = len(line) * 4 > self.limit and len(line.encode()) > self.limit
        if too_long or line.count(",") + line.count(":") > self.max_values:
            raise Refused(
                f"{obj._meta.label_lower} id {obj.pk}: satu baris lebih dari {self.limit} "
                f"bita atau {self.max_values} nilai, batas arsip cadangan; baris sebesar "
                "itu tidak dapat dipulihkan."
            )
        self.stream.write(line + "\n")
        self._current = None

    def handle_fk_field(self, obj: Any, field: Any) -> None:
        self.use_natural_foreign_keys = field.related_model._meta.label_lower in RECREATED
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: Any, field: Any) -> None:
        """Links are rows of their own table (`tables.backed_up_models` keeps it)."""


def write_rows(
    objects: Iterable[models.Model], stream: TextSink, limit: int, max_values: int
) -> None:
    """Serialize `objects` to `stream`, one line each (the serializer writes each line
    whole, see `RowSerializer.end_object`), within the limits a restore applies."""
    serializer = RowSerializer()
    serializer.limit, serializer.max_values = limit, max_values
    serializer.serialize(objects, stream=cast(IO[str], stream), cls=ExactEncoder)


def decode(rows: list[dict[str, Any]], using: str) -> list[models.Model]:
    """Model instances of parsed lines (natural keys resolved in database `using`)."""
    return [found.object for found in python.Deserializer(rows, using=using)]


def insert(model: type[models.Model], objects: list[models.Model], db: BaseDatabaseWrapper) -> None:
    """INSERT every object with its id and stored values, converted as Django's own
    inserts convert them; one statement per row, so a tree trigger sees earlier rows."""
    fields = model._meta.local_concrete_fields
    quote = db.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model registry, never from the archive.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"  # noqa: S608
    params = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection=db) for field in fields]
        for obj in objects
    ]
    with db.cursor() as cursor:
        cursor.executemany(sql, params)
