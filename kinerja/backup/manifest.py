"""The archive format (kinerja-backup, version 1): members, limits, the manifest and its
schema, the migration state it records, and the two ways a backup or restore fails.

An archive is a ZIP holding `manifest.json`, `data.jsonl` (one database row per line,
Django's serializer format) and `files/<path under MEDIA_ROOT>` (ADR 0014).
"""

import json
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import jsonschema
from django.db import connection
from django.db.migrations.loader import MigrationLoader

FORMAT = "kinerja-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
FILES = "files/"

# Limits on an archive read back (it may be hostile): see ADR 0014 for the reasons.
MAX_MEMBERS = 500_000
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_ROW_BYTES = 128 * 1024 * 1024
MAX_JSON_DEPTH = 64
# Values (counted by their separators) in one row and in the manifest: parsed JSON
# takes several times the memory of its text, so the count is bounded before parsing.
MAX_ROW_VALUES = 1_000_000
MAX_MANIFEST_VALUES = 4_000_000
MAX_RATIO = 1_000
MAX_PATH_CHARS = 1_000

_SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_SIZE = {"type": "integer", "minimum": 0}
_NAMES = {"type": "array", "items": {"type": "string", "maxLength": 200}}
MANIFEST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "version", "kinerja_version", "created", "database", "migrations"]
    + ["data", "files"],
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "kinerja_version": {"type": "string", "maxLength": 100},
        "created": {"type": "string", "maxLength": 40},
        "database": {
            "type": "object",
            "required": ["vendor"],
            "properties": {"vendor": {"type": "string", "maxLength": 40}},
        },
        "migrations": {"type": "object", "additionalProperties": _NAMES},
        "data": {
            "type": "object",
            "required": ["sha256", "size", "rows"],
            "properties": {
                "sha256": _SHA256,
                "size": _SIZE,
                "rows": {"type": "object", "additionalProperties": _SIZE},
            },
        },
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "sha256", "size"],
                "properties": {
                    "path": {"type": "string", "maxLength": MAX_PATH_CHARS},
                    "sha256": _SHA256,
                    "size": _SIZE,
                },
                "additionalProperties": False,
            },
        },
    },
}


class ArchiveUnreadable(Exception):
    """The archive is damaged, tampered with, not an archive of this format or beyond a
    limit; nothing was written (exit 2)."""


class Refused(Exception):
    """The archive is sound but cannot be used here (the target is not empty, another
    schema, the database refuses a row) or the database cannot be backed up now; nothing
    was written (exit 1)."""


@dataclass
class Manifest:
    """What an archive holds, as written to manifest.json."""

    created: str
    vendor: str
    migrations: dict[str, list[str]]
    data_sha256: str = ""
    data_size: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    kinerja_version: str = field(default_factory=lambda: kinerja_version())

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "kinerja_version": self.kinerja_version,
            "created": self.created,
            "database": {"vendor": self.vendor},
            "migrations": self.migrations,
            "data": {"sha256": self.data_sha256, "size": self.data_size, "rows": self.rows},
            "files": self.files,
        }
        return json.dumps(document, ensure_ascii=False, indent=1).encode() + b"\n"

    @classmethod
    def from_json(cls, content: bytes) -> "Manifest":
        """The manifest of `content`; ArchiveUnreadable naming what is wrong."""
        document = parse_json(content, MANIFEST, MAX_MANIFEST_VALUES)
        if isinstance(document, dict) and document.get("format") != FORMAT:
            raise ArchiveUnreadable(f"{MANIFEST}: bukan arsip cadangan Kinerja ({FORMAT}).")
        if isinstance(document, dict) and document.get("version") != VERSION:
            raise ArchiveUnreadable(
                f"{MANIFEST}: versi format {document.get('version')!r} tidak dikenal versi "
                f"Kinerja ini (yang dikenal: {VERSION})."
            )
        error = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(MANIFEST_SCHEMA).iter_errors(document)
        )
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path) or "(akar)"
            raise ArchiveUnreadable(f"{MANIFEST}: isian {where} tidak sesuai format {FORMAT}.")
        data = document["data"]
        return cls(
            created=document["created"],
            vendor=document["database"]["vendor"],
            migrations=document["migrations"],
            data_sha256=data["sha256"],
            data_size=data["size"],
            rows=data["rows"],
            files=document["files"],
            kinerja_version=document["kinerja_version"],
        )


def parse_json(content: bytes, where: str, max_values: int) -> Any:
    """`content` as JSON of at most `max_values` values, no deeper than MAX_JSON_DEPTH;
    ArchiveUnreadable naming `where`."""
    if content.count(b",") + content.count(b":") > max_values:
        raise ArchiveUnreadable(f"{where}: memuat lebih dari {max_values} nilai.")
    try:
        document = json.loads(content)
    except (ValueError, RecursionError) as problem:
        raise ArchiveUnreadable(f"{where}: bukan JSON yang sah.") from problem
    if depth(document) > MAX_JSON_DEPTH:
        raise ArchiveUnreadable(f"{where}: bersarang lebih dari {MAX_JSON_DEPTH} tingkat.")
    return document


def depth(document: Any) -> int:
    """How deeply lists and objects nest in `document` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(document, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in node)
    return deepest


def kinerja_version() -> str:
    try:
        return metadata.version("kinerja")
    except metadata.PackageNotFoundError:
        return "tidak diketahui"


def code_migrations() -> dict[str, list[str]]:
    """Every migration this version of Kinerja knows, by app: the state a database
    reaches when migrated."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return _by_app(loader.graph.nodes)


def applied_migrations() -> dict[str, list[str]]:
    """The migrations applied to the database, by app, for the apps this version knows."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    known = set(loader.graph.nodes)
    return _by_app(key for key in loader.applied_migrations if key in known)


def _by_app(keys: Any) -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in sorted(keys):
        state.setdefault(app, []).append(name)
    return state


def migration_difference(archive: dict[str, list[str]], here: dict[str, list[str]]) -> str:
    """The migrations one side has and the other lacks, for a message; "" when equal."""
    ours = {f"{app}.{name}" for app, names in here.items() for name in names}
    theirs = {f"{app}.{name}" for app, names in archive.items() for name in names}
    parts = []
    if theirs - ours:
        parts.append(f"hanya di arsip: {', '.join(sorted(theirs - ours)[:10])}")
    if ours - theirs:
        parts.append(f"hanya di sini: {', '.join(sorted(ours - theirs)[:10])}")
    return "; ".join(parts)
