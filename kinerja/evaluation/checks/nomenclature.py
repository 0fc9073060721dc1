"""`nomenclature`: codes unknown to an edition, names that differ from the edition's.

An edition is a mapping code → official name (`edition_from` builds one from a decree
table a reader produced). Names are compared after dropping a code prefix (SIPD prints
`1.05.02.2.03.0002 Pembentukan …`) and ignoring case, spacing and punctuation: a
difference only there is info, any other difference a warning. A code the edition does
not know is a warning (a partial edition, like the demo's, may simply lack it); an
empty code is info, with the edition's code when the name identifies one.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from kinerja.evaluation.checks.codes import Coded, plan_codes, renja_codes, renstra_codes
from kinerja.evaluation.checks.judge import norm_name
from kinerja.evaluation.checks.report import INFO, WARNING, finding, level_label
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.source import SourceNomenclature, SourceRenja, SourceRenstra
from kinerja.evaluation.types import Finding, PlanInput

RULE = "nomenclature"
MAX_SUGGESTIONS = 3


def edition_from(table: SourceNomenclature) -> dict[str, str]:
    """The code → name mapping of a decree table as a reader found it."""
    return {row.code.strip(): row.name.strip() for row in table.rows if row.code.strip()}


def placeholder(code: str) -> str:
    """The code with SIPD's shared-program placeholder: `5.03.01.2.01` → `X.XX.01.2.01`."""
    parts = code.split(".")
    if len(parts) < 3:
        return code
    return ".".join(["X", "XX", *parts[2:]])


def lookup(code: str, edition: Mapping[str, str]) -> str | None:
    """The edition's name of `code`, also through the `X.XX` placeholder."""
    return edition.get(code) or edition.get(placeholder(code))


def name_finding(entry: Coded, official: str) -> Finding | None:
    """The difference between a printed name and the edition's, if any."""
    if entry.name.strip() == official.strip() or not entry.name.strip():
        return None
    kind = level_label(entry.level)
    if norm_name(entry.name) == norm_name(official):
        message = (
            f"Nama {kind} '{entry.name}' ({entry.code}) hanya berbeda huruf besar/kecil, "
            f"spasi atau tanda baca dari nomenklatur: '{official}'. Sebaiknya ditulis sama."
        )
        return finding(RULE, INFO, entry.where, message, expected=official, actual=entry.name)
    message = (
        f"Nama {kind} '{entry.name}' berbeda dengan nomenklatur untuk kode {entry.code}: "
        f"'{official}'. Pakai nama resmi, atau periksa apakah kodenya yang keliru."
    )
    return finding(RULE, WARNING, entry.where, message, expected=official, actual=entry.name)


def _suggest(entry: Coded, by_name: Mapping[str, list[str]]) -> list[str]:
    codes = by_name.get(norm_name(entry.name), [])
    if entry.parent_code:
        narrowed = [code for code in codes if code.startswith(entry.parent_code + ".")]
        codes = narrowed or codes
    return codes[:MAX_SUGGESTIONS]


def empty_code_finding(entry: Coded, by_name: Mapping[str, list[str]]) -> Finding:
    kind = level_label(entry.level)
    codes = _suggest(entry, by_name)
    hint = f" Nomenklatur memuat nama ini dengan kode {', '.join(codes)}." if codes else ""
    message = f"{kind.capitalize()} '{entry.name}' belum berkode.{hint} Lengkapi kodenya."
    return finding(RULE, INFO, entry.where, message, expected=", ".join(codes) or None)


def nomenclature_findings(entries: Iterable[Coded], edition: Mapping[str, str]) -> list[Finding]:
    """Unknown codes (warning), different names (warning or info), empty codes (info)."""
    by_name: defaultdict[str, list[str]] = defaultdict(list)
    for code, name in edition.items():
        by_name[norm_name(name)].append(code)
    findings = []
    for entry in entries:
        if not entry.code:
            if entry.name.strip():
                findings.append(empty_code_finding(entry, by_name))
            continue
        official = lookup(entry.code, edition)
        if official is None:
            message = (
                f"Kode {level_label(entry.level)} '{entry.code}' ('{entry.name}') tidak ada "
                "dalam edisi nomenklatur yang dipakai. Periksa kodenya atau edisinya."
            )
            findings.append(finding(RULE, WARNING, entry.where, message, actual=entry.code))
            continue
        found = name_finding(entry, official)
        if found is not None:
            findings.append(found)
    return findings


def check_nomenclature(
    doc: SourceRenja, thresholds: Thresholds = DEFAULT, *, edition: Mapping[str, str]
) -> list[Finding]:
    """Tabel 4.1 items against `edition` (code → name): see the module docstring."""
    return nomenclature_findings(renja_codes(doc), edition)


def check_nomenclature_renstra(
    doc: SourceRenstra, thresholds: Thresholds = DEFAULT, *, edition: Mapping[str, str]
) -> list[Finding]:
    """Renstra program, kegiatan and sub kegiatan (each distinct code once)."""
    entries = [entry for entry in renstra_codes(doc) if entry.level != "bidang_urusan"]
    return nomenclature_findings(entries, edition)


def check_nomenclature_plan(
    plan: PlanInput, thresholds: Thresholds = DEFAULT, *, edition: Mapping[str, str]
) -> list[Finding]:
    """A stored Renja's items against `edition`."""
    return nomenclature_findings(plan_codes(plan), edition)
