"""`code-format`: codes that do not fit their level, lost zeros, wrong parents, duplicates.

Formats (Kepmendagri 050-5889/2021 as amended, kab/kota and provinsi): urusan `U`,
bidang urusan `U.BB`, program `U.BB.PP`, kegiatan `U.BB.PP.K.KK`, sub kegiatan
`U.BB.PP.K.KK.SSSS` (4 digits since 900.1.15.5-1317/2023; 2 before, see
`Thresholds.sub_kegiatan_digits`). SIPD's placeholder `X.XX` for the shared
supporting program is accepted. A code that lost its trailing zeros on the way through
a float (`3.3` for `3.30`, the Bantul Renstra CSV) is named with the code it should be,
when a child's code confirms it. An empty code is left to `nomenclature`.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from kinerja.evaluation.checks.cells import TABEL_41, walk_items, where_at
from kinerja.evaluation.checks.report import ERROR, WARNING, Where, finding, level_label, line_of
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.source import SourceRenja, SourceRenstra
from kinerja.evaluation.types import Finding, PlanInput

RULE = "code-format"
LEVEL_SEGMENTS = {
    "urusan": 1,
    "bidang_urusan": 2,
    "program": 3,
    "kegiatan": 5,
    "sub_kegiatan": 6,
}
PATTERNS = {
    "urusan": "U",
    "bidang_urusan": "U.BB",
    "program": "U.BB.PP",
    "kegiatan": "U.BB.PP.K.KK",
    "sub_kegiatan": "U.BB.PP.K.KK.SSSS",
}
OLD_EDITION = "Kepmendagri 900.1.15.5-1317/2023"


@dataclass(frozen=True, kw_only=True)
class Coded:
    """A code to check, where it stood, and its neighbours' codes (for prefixes and zeros).

    `rows` counts the rows that carry the same code (Renstra rows repeat codes)."""

    level: str
    code: str
    name: str
    where: Where
    parent_code: str = ""
    child_code: str = ""
    rows: int = 1


def widths(level: str, thresholds: Thresholds) -> tuple[int, ...]:
    """The digits of each part of a code of `level`."""
    full = (1, 2, 2, 1, 2, thresholds.sub_kegiatan_digits)
    return full[: LEVEL_SEGMENTS[level]]


def _segment_ok(position: int, segment: str, width: int) -> bool:
    if position < 2 and segment == "X" * width:
        return True
    if position == 3:
        return len(segment) == 1 and segment.isdigit() and segment != "0"
    return len(segment) == width and segment.isdigit()


def fits(code: str, level: str, thresholds: Thresholds) -> bool:
    """True when `code` has the format of `level`."""
    segments = code.split(".")
    expected = widths(level, thresholds)
    if len(segments) != len(expected):
        return False
    return all(
        _segment_ok(i, seg, width)
        for i, (seg, width) in enumerate(zip(segments, expected, strict=True))
    )


def is_prefix(parent: str, child: str) -> bool:
    """`child` continues `parent` (`X` parts of a placeholder match any digit)."""
    parts, child_parts = parent.split("."), child.split(".")
    if len(child_parts) <= len(parts):
        return False
    pairs = zip(parts, child_parts[: len(parts)], strict=True)
    return all(a == b or set(a) == {"X"} or set(b) == {"X"} for a, b in pairs)


def padded(code: str, level: str, thresholds: Thresholds) -> str | None:
    """`code` with zeros added after short parts (`3.3` → `3.30`) when that fits."""
    segments = code.split(".")
    expected = widths(level, thresholds)
    if len(segments) != len(expected):
        return None
    fixed = ".".join(seg.ljust(width, "0") for seg, width in zip(segments, expected, strict=True))
    return fixed if fixed != code and fits(fixed, level, thresholds) else None


def _rows_note(entry: Coded) -> str:
    return f" ({entry.rows} baris)" if entry.rows > 1 else ""


def _old_format(entry: Coded, thresholds: Thresholds) -> bool:
    if entry.level != "sub_kegiatan" or thresholds.sub_kegiatan_digits != 4:
        return False
    return fits(entry.code, "sub_kegiatan", replace(thresholds, sub_kegiatan_digits=2))


def _confirmed(entry: Coded, fixed: str) -> bool:
    """A neighbour's code shows the zeros: a child continues the padded code, or the
    parent's code continues into it only once padded (`3.3.06` under bidang `3.30`)."""
    if is_prefix(fixed, entry.child_code):
        return True
    return is_prefix(entry.parent_code, fixed) and not is_prefix(entry.parent_code, entry.code)


def format_finding(entry: Coded, thresholds: Thresholds) -> Finding | None:
    """The format problem of one code, if any."""
    if not entry.code or entry.level not in LEVEL_SEGMENTS:
        return None
    if fits(entry.code, entry.level, thresholds):
        return None
    kind, pattern = level_label(entry.level), PATTERNS[entry.level]
    if _old_format(entry, thresholds):
        message = (
            f"Kode {kind} '{entry.code}' ('{entry.name}') memakai format lama (2 digit "
            f"terakhir), sebelum {OLD_EDITION}. Gunakan kode 4 digit dari edisi nomenklatur "
            "yang berlaku."
        )
        return finding(RULE, WARNING, entry.where, message, expected=pattern, actual=entry.code)
    fixed = padded(entry.code, entry.level, thresholds)
    if fixed and _confirmed(entry, fixed):
        message = (
            f"Kode {kind} '{entry.code}'{_rows_note(entry)} kehilangan angka nol di belakang "
            f"(seperti angka desimal yang dibulatkan): semestinya '{fixed}'. Simpan kode "
            "sebagai teks, bukan angka."
        )
        return finding(RULE, ERROR, entry.where, message, expected=fixed, actual=entry.code)
    maybe = f" Mungkin maksudnya '{fixed}'." if fixed else ""
    message = (
        f"Kode {kind} '{entry.code}' ('{entry.name}'){_rows_note(entry)} tidak sesuai format "
        f"{pattern}.{maybe} Periksa kodenya terhadap nomenklatur."
    )
    return finding(RULE, ERROR, entry.where, message, expected=pattern, actual=entry.code)


def prefix_finding(entry: Coded, thresholds: Thresholds) -> Finding | None:
    """A well-formed code that does not continue its well-formed parent's code."""
    parent_level = _parent_level(entry.level)
    if not entry.code or not entry.parent_code or parent_level is None:
        return None
    if not fits(entry.code, entry.level, thresholds):
        return None
    if not fits(entry.parent_code, parent_level, thresholds):
        return None
    if is_prefix(entry.parent_code, entry.code):
        return None
    message = (
        f"Kode {level_label(entry.level)} '{entry.code}' ('{entry.name}') bukan turunan "
        f"kode {level_label(parent_level)} induknya '{entry.parent_code}'. Pindahkan baris ke "
        "induk yang benar atau perbaiki kodenya."
    )
    return finding(
        RULE, ERROR, entry.where, message, expected=f"{entry.parent_code}.…", actual=entry.code
    )


def _parent_level(level: str) -> str | None:
    order = list(LEVEL_SEGMENTS)
    if level not in order or order.index(level) == 0:
        return None
    return order[order.index(level) - 1]


def duplicate_findings(entries: Iterable[Coded]) -> list[Finding]:
    """A code used again at the same level (warning at each later use)."""
    first: dict[tuple[str, str], Coded] = {}
    findings = []
    for entry in entries:
        key = (entry.level, entry.code)
        if not entry.code:
            continue
        if key not in first:
            first[key] = entry
            continue
        earlier = first[key]
        at = f" (baris {earlier.where.line})" if earlier.where.line else ""
        message = (
            f"Kode {level_label(entry.level)} '{entry.code}' ('{entry.name}') sudah dipakai "
            f"'{earlier.name}'{at}. Gabungkan baris yang berulang atau perbaiki kodenya."
        )
        findings.append(finding(RULE, WARNING, entry.where, message, actual=entry.code))
    return findings


def code_findings(
    entries: Sequence[Coded], thresholds: Thresholds, *, duplicates: bool = True
) -> list[Finding]:
    """Format, prefix and (optionally) duplicate findings of the given codes."""
    findings = []
    for entry in entries:
        for found in (format_finding(entry, thresholds), prefix_finding(entry, thresholds)):
            if found is not None:
                findings.append(found)
    return findings + (duplicate_findings(entries) if duplicates else [])


def renja_codes(doc: SourceRenja) -> Iterator[Coded]:
    """The codes of Tabel 4.1 with their parent's and first child's codes."""
    for item, parent in walk_items(doc.items):
        where = where_at(item.location, table=TABEL_41, row=item.name, code=item.code)
        yield Coded(
            level=item.level,
            code=item.code.strip(),
            name=item.name,
            where=where,
            parent_code=parent.code.strip() if parent else "",
            child_code=item.children[0].code.strip() if item.children else "",
        )


def check_code_format(doc: SourceRenja, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """Tabel 4.1 codes: format of the level (error; an old 2-digit sub kegiatan code is a
    warning), lost trailing zeros (error, with the code it should be), a code that does
    not continue its parent's (error), a code repeated at one level (warning)."""
    return code_findings(list(renja_codes(doc)), thresholds)


RENSTRA_FIELDS = (
    ("bidang_urusan", "kode_bidang", "", "kode_program"),
    ("program", "kode_program", "kode_bidang", "kode_kegiatan"),
    ("kegiatan", "kode_kegiatan", "kode_program", "kode_sub_kegiatan"),
    ("sub_kegiatan", "kode_sub_kegiatan", "kode_kegiatan", ""),
)


def renstra_codes(doc: SourceRenstra) -> list[Coded]:
    """One entry per distinct (level, code, parent code), counting its rows."""
    entries: dict[tuple[str, str, str], Coded] = {}
    table = doc.source or "Renstra"
    for row in doc.rows:
        for level, field, parent_field, child_field in RENSTRA_FIELDS:
            code = str(getattr(row, field)).strip()
            parent = str(getattr(row, parent_field)).strip() if parent_field else ""
            key = (level, code, parent)
            if key in entries:
                entries[key] = replace(entries[key], rows=entries[key].rows + 1)
                continue
            name = {"program": row.nama_program, "kegiatan": row.nama_kegiatan}.get(
                level, row.nama_sub_kegiatan if level == "sub_kegiatan" else ""
            )
            where = Where(
                table=row.location.sheet or table,
                row=name,
                code=code,
                column=field,
                line=line_of(row.location),
            )
            child = str(getattr(row, child_field)).strip() if child_field else ""
            entries[key] = Coded(
                level=level, code=code, name=name, where=where, parent_code=parent, child_code=child
            )
    return list(entries.values())


def check_code_format_renstra(
    doc: SourceRenstra, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """Renstra rows: each distinct code once (with its row count): format, lost zeros
    (`kodebidang` `3.3` for `3.30`), parent prefixes. Codes repeat on every indikator
    row, so repetition is not a duplicate here."""
    return code_findings(renstra_codes(doc), thresholds, duplicates=False)


def check_code_format_plan(plan: PlanInput, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """A stored Renja's item codes: format, parent prefix, duplicates at one level."""
    return code_findings(plan_codes(plan), thresholds)


def plan_codes(plan: PlanInput) -> list[Coded]:
    """Every item of a stored Renja with its code, its parent's and its first child's."""
    by_id = {item.id: item for item in plan.items}
    first_child: dict[int, str] = {}
    for item in plan.items:
        if item.parent_id is not None:
            first_child.setdefault(item.parent_id, item.code.strip())
    entries = []
    for item in plan.items:
        parent = by_id.get(item.parent_id) if item.parent_id is not None else None
        entries.append(
            Coded(
                level=item.level,
                code=item.code.strip(),
                name=item.name,
                where=Where(table="Renja", row=item.name, code=item.code),
                parent_code=parent.code.strip() if parent else "",
                child_code=first_child.get(item.id, ""),
            )
        )
    return entries
