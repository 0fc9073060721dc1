"""The fuzz targets: each reader as `kinerja check` calls it (below its safety net), the
Indonesian number parser and the code parsers. A target returns normally or raises
`UnreadableFile` for any input; anything else it raises is a crash."""

from collections.abc import Callable
from dataclasses import dataclass

from kinerja.imports.fuzz import seeds as seed_lists

OPD = {"pemda": "Kabupaten Fuzz", "opd_code": "FUZZ", "opd_name": "Dinas Fuzz"}


@dataclass(frozen=True)
class Target:
    """One target: its name, the file name `check` is given, the input's kind, its run."""

    name: str
    filename: str
    kind: str  # "text" (bytes/lines mutated), "zip" (the XML inside mutated), "string"
    run: Callable[[bytes], None]
    needs_database: bool = False

    def seeds(self) -> list[bytes]:
        return seed_lists.seeds(self.name)


def check_as(filename: str) -> Callable[[bytes], None]:
    """Read and check the bytes as `kinerja check FILENAME` would, then map a Renja or
    Renstra to plan data as `kinerja import` would."""

    def run(content: bytes) -> None:
        from kinerja.imports.check import PLAN, RENJA, RENSTRA, inspect_file, to_plan_data

        report = inspect_file(content, filename)
        if report.kind in (RENJA, RENSTRA, PLAN):
            to_plan_data(report, **OPD)

    return run


def numbers(content: bytes) -> None:
    """The Indonesian number parser and the spreadsheet helpers built on it."""
    from kinerja.evaluation.numbers import is_number_text, parse_number, to_decimal
    from kinerja.evaluation.source import Location
    from kinerja.imports.parsers import sheet

    text = content.decode("utf-8", errors="replace")
    parsed = parse_number(text)
    if parsed.problem not in (None, "empty"):
        assert parsed.message, f"no message for {text!r}"
    is_number_text(text)
    to_decimal(text)
    sheet.exact_decimal(text)
    sheet.printed_float_text(text, Location(source="fuzz"))


def codes(content: bytes) -> None:
    """The code parsers: level by shape, fit and padding per level, parents, prefixes."""
    from kinerja.evaluation.checks import codes as code_checks
    from kinerja.evaluation.checks.report import Where
    from kinerja.evaluation.checks.thresholds import DEFAULT
    from kinerja.imports.parsers import sheet

    text = content.decode("utf-8", errors="replace")
    code, _, other = text.partition("|")
    level = sheet.code_level(code)
    if level and level != sheet.URUSAN:
        sheet.parent_code(code, level)
    sheet.join_code(code.split(" "))
    sheet.code_text(code)
    sheet.strip_code_prefix(other, code)
    entries = []
    for candidate in code_checks.LEVEL_SEGMENTS:
        code_checks.fits(code, candidate, DEFAULT)
        code_checks.padded(code, candidate, DEFAULT)
        entries.append(
            code_checks.Coded(
                level=candidate, code=code, name="x", where=Where(), parent_code=other,
                child_code=other,
            )
        )  # fmt: skip
    code_checks.is_prefix(code, other)
    code_checks.code_findings(entries, DEFAULT)


TARGETS = {
    target.name: target
    for target in (
        Target("plan", "fuzz.yaml", "text", check_as("fuzz.yaml"), needs_database=True),
        Target("csv-renstra", "fuzz.csv", "text", check_as("fuzz.csv")),
        Target("nomenclature-csv", "fuzz.csv", "text", check_as("fuzz.csv")),
        Target("nomenclature-xlsx", "fuzz.xlsx", "zip", check_as("fuzz.xlsx")),
        Target("text-renja", "fuzz.txt", "text", check_as("fuzz.txt")),
        Target("text-dpa", "fuzz.txt", "text", check_as("fuzz.txt")),
        Target("xlsx-renja", "fuzz.xlsx", "zip", check_as("fuzz.xlsx")),
        Target("kinerja-template", "fuzz.xlsx", "zip", check_as("fuzz.xlsx")),
        Target("sipd-apbd", "fuzz.xlsx", "zip", check_as("fuzz.xlsx")),
        Target("docx-renja", "fuzz.docx", "zip", check_as("fuzz.docx")),
        Target("number", "", "string", numbers),
        Target("codes", "", "string", codes),
    )
}
