"""Validate a plan file against its JSON Schema, with messages in Bahasa Indonesia.

Every error names the path in the file (`renja[0].items[1].pagu`) so a planner can find it.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import jsonschema
from django.conf import settings

from kinerja.renstra.models import SEMANTIC_FIELDS

SCHEMA_PATH = settings.BASE_DIR / "docs" / "kinerja-plan.schema.json"
MAX_ERRORS = 50
MONEY_KEYS = ("pagu", "pagu_n1", "realisasi_anggaran")
SEMANTIC_KEYS = set(SEMANTIC_FIELDS)

TYPE_NAMES = {
    "number": "angka",
    "integer": "bilangan bulat",
    "string": "teks",
    "object": "pemetaan (kunci: nilai)",
    "array": "daftar",
    "boolean": "ya/tidak (true/false)",
}


@dataclass(frozen=True)
class PlanError:
    """One reason a plan file is rejected, at a path inside the file."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(akar berkas)'}: {self.message}"


class PlanRejected(Exception):
    """The file cannot be applied; nothing was written."""

    def __init__(self, errors: list[PlanError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def format_path(parts: Iterable[str | int]) -> str:
    """`["renja", 0, "items", 1]` → `renja[0].items[1]`."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _is_number(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int | Decimal) and not isinstance(instance, bool)


def _is_integer(checker: Any, instance: Any) -> bool:
    if isinstance(instance, Decimal):
        return instance == instance.to_integral_value()
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def validator() -> jsonschema.protocols.Validator:
    """The schema's validator, knowing that `Decimal` is a number."""
    base = jsonschema.Draft202012Validator
    checker = base.TYPE_CHECKER.redefine_many({"number": _is_number, "integer": _is_integer})
    cls = jsonschema.validators.extend(base, type_checker=checker)
    return cls(json.loads(SCHEMA_PATH.read_text()))


def stringify_keys(data: Any) -> Any:
    """JSON Schema sees map keys as strings; YAML gives years and triwulan as integers."""
    if isinstance(data, dict):
        return {str(key): stringify_keys(value) for key, value in data.items()}
    if isinstance(data, list):
        return [stringify_keys(value) for value in data]
    return data


def schema_errors(data: Any) -> list[PlanError]:
    """Every schema violation of `data`, at most MAX_ERRORS, in file order."""
    errors = sorted(
        validator().iter_errors(stringify_keys(data)),
        key=lambda error: list(map(str, error.absolute_path)),
    )
    return [_translate(error) for error in errors[:MAX_ERRORS]]


def _translate(error: jsonschema.ValidationError) -> PlanError:
    path = format_path(error.absolute_path)
    if "propertyNames" in list(error.schema_path):
        return PlanError(
            path, f"kunci {error.instance!r} bukan tahun (4 angka) atau triwulan (1–4)"
        )
    return PlanError(path, _message(error.validator, error.validator_value, error))


def _message(kind: Any, value: Any, error: jsonschema.ValidationError) -> str:
    instance: Any = error.instance
    if kind == "required":
        missing = [key for key in value if key not in instance]
        return f"kunci wajib tidak ada: {', '.join(missing)}"
    if kind == "type":
        names = [TYPE_NAMES.get(t, t) for t in ([value] if isinstance(value, str) else value)]
        return f"harus berupa {' atau '.join(names)}, bukan {instance!r}"
    if kind in ("enum", "const"):
        allowed = value if kind == "enum" else [value]
        return f"nilai {instance!r} tidak dikenal; pilihan: {', '.join(map(str, allowed))}"
    if kind in ("additionalProperties", "unevaluatedProperties"):
        # With `allOf` + `unevaluatedProperties`, a failing semantics part marks its own keys
        # unevaluated too; name only the keys that are unknown everywhere.
        unknown = re.findall(r"'([^']+)'", error.message)
        extra = [k for k in unknown if kind == "additionalProperties" or k not in SEMANTIC_KEYS]
        if not extra:
            return "isian indikator tidak sah (lihat galat lain pada indikator ini)"
        return f"kunci tidak dikenal: {', '.join(extra) or error.message}"
    if kind == "not":
        keys = [key for key in MONEY_KEYS if isinstance(instance, dict) and key in instance]
        if not keys:
            return "isian ini tidak sah di tempat ini (lihat galat lain pada baris ini)"
        return f"{', '.join(keys)} hanya boleh diisi pada sub kegiatan (total dihitung)"
    if kind == "pattern":
        return f"format {instance!r} tidak sesuai (pola {value})"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{instance} terlalu kecil (paling kecil {value})"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{instance} terlalu besar (paling besar {value})"
    if kind in ("minLength", "minItems"):
        return "tidak boleh kosong" if value == 1 else f"paling sedikit {value} isian"
    if kind == "maxLength":
        return f"terlalu panjang (paling banyak {value} karakter)"
    if kind == "oneOf":
        return f"harus berupa angka, atau {{value: angka, note: teks}}, bukan {instance!r}"
    return error.message
