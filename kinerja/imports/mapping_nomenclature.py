"""Nomenclature entries → the plan file's `nomenclature` section (pure: data in, data out).

`to_plan_nomenclature(doc, edition_code)` maps a decree table read by
`parsers.nomenclature_table`; `section(...)` is shared with the other mappings, which
gather the codes and names their files carry (`mapping_renstra`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kinerja.evaluation.source import SourceNomenclature

LEVELS = ("urusan", "bidang_urusan", "program", "kegiatan", "sub_kegiatan")
# The urusan (first code part) of Permendagri 90/2019 and its successors [I: the same
# list in every SIPD-derived application seen]. Files below the urusan level (Renstra
# extracts) do not carry these names; an urusan missing here is reported by the caller.
URUSAN_NAMES = {
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "2": "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
    "3": "URUSAN PEMERINTAHAN PILIHAN",
    "4": "UNSUR PENDUKUNG URUSAN PEMERINTAHAN",
    "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
    "6": "UNSUR PENGAWASAN URUSAN PEMERINTAHAN",
    "7": "UNSUR KEWILAYAHAN",
    "8": "UNSUR PEMERINTAHAN UMUM",
}


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One nomenclature entry; kinerja, indikator and satuan only on sub kegiatan."""

    level: str
    code: str
    name: str
    kinerja: str = ""
    indikator: str = ""
    satuan: str = ""


def section(
    edition_code: str, entries: Iterable[Entry], *, edition_name: str = ""
) -> dict[str, Any]:
    """The `nomenclature` section: entries by level in code order, the first of a code kept.

    Entries without code or name are left out (the readers report them); the edition's
    `sub_kegiatan_digits` is 2 or 4 when every sub kegiatan code agrees.
    """
    by_level: dict[str, dict[str, dict[str, str]]] = {level: {} for level in LEVELS}
    for entry in entries:
        if entry.code and entry.name and entry.code not in by_level[entry.level]:
            by_level[entry.level][entry.code] = _entry(entry)
    edition: dict[str, Any] = {"code": edition_code}
    if edition_name:
        edition["name"] = edition_name
    digits = {len(code.rsplit(".", 1)[-1]) for code in by_level["sub_kegiatan"]}
    if len(digits) == 1 and digits <= {2, 4}:
        edition["sub_kegiatan_digits"] = digits.pop()
    data: dict[str, Any] = {"edition": edition}
    for level in LEVELS:
        if by_level[level]:
            data[level] = [by_level[level][code] for code in sorted(by_level[level])]
    return data


def _entry(entry: Entry) -> dict[str, str]:
    data = {"code": entry.code, "name": entry.name}
    if entry.level == "sub_kegiatan":
        for key in ("kinerja", "indikator", "satuan"):
            if getattr(entry, key):
                data[key] = getattr(entry, key)
    return data


def to_plan_nomenclature(doc: SourceNomenclature, edition_code: str) -> dict[str, Any]:
    """The plan file's `nomenclature` section of a decree table (`edition_code` or the
    table's own edition)."""
    entries = (
        Entry(
            level=row.level,
            code=row.code,
            name=row.name,
            kinerja=row.kinerja,
            indikator=row.indikator,
            satuan=row.satuan,
        )
        for row in doc.rows
    )
    return section(edition_code or doc.edition, entries)
