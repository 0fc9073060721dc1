"""`title-year`: titles, captions and column headers that disagree about the year.

Each `Title` a reader found is matched against `TITLE_RULES`, in order, by its words; the
first matching rule says which years, relative to the Renja year n, the title may name.
For example, "Evaluasi Renja sampai dengan Tahun …" and Tabel 2.1's caption must name
n−2, "Realisasi … s/d Tahun …" (col 5) n−3, "Target Renja … Tahun …" n−2 or n−1, the
Tabel 4.1 caption n and n+1. A document title must name n. A title no rule matches is
not judged. A triwulan named with a year that is over by the time the Renja is written
(n−2 and before) must be Triwulan IV: an evaluation of a whole year "s/d Triwulan
III" is a leftover from a quarterly report.

n is `SourceRenja.year`, else the year most document titles name.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kinerja.evaluation.checks.report import WARNING, Where, finding, line_of
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.source import SourceRenja, Title
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.evaluation.types import Finding

RULE = "title-year"
ROLE_LABELS = {
    "document": "Judul dokumen",
    "section": "Judul bagian",
    "table": "Judul tabel",
    "column": "Judul kolom",
}


@dataclass(frozen=True, kw_only=True)
class TitleRule:
    """Titles matching `pattern` may name the years n + each of `offsets`.

    `at_least` instead means any year from n + at_least on (a Renstra's last year)."""

    pattern: str
    offsets: tuple[int, ...] = ()
    what: str = ""
    at_least: int | None = None


EVALUATION_RULE = TitleRule(
    pattern=r"evaluasi|rekapitulasi|realisasi renja",
    offsets=(-2,),
    what="evaluasi Renja tahun n−2",
)
TITLE_RULES = (
    TitleRule(
        pattern=r"(perkiraan|prakiraan) maju",
        offsets=(0, 1),
        what="rencana tahun n dan prakiraan maju n+1",
    ),
    TitleRule(
        pattern=r"renstra.*(tahun akhir|akhir periode|tahun \d{4})|target kinerja capaian program",
        at_least=0,
        what="target akhir Renstra, yang periodenya harus mencakup tahun n",
    ),
    TitleRule(
        pattern=r"perkiraan realisasi|tahun berjalan",
        offsets=(-1,),
        what="perkiraan realisasi s/d tahun berjalan (n−1)",
    ),
    TitleRule(
        pattern=r"target .*renja|renja .*target|target program",
        offsets=(-2, -1),
        what="target Renja tahun n−2 atau tahun berjalan n−1",
    ),
    TitleRule(
        pattern=r"realisasi (target|capaian target)|hasil program dan keluaran",
        offsets=(-3,),
        what="realisasi s/d tahun n−3",
    ),
    EVALUATION_RULE,
    TitleRule(
        pattern=r"rumusan rencana|rencana kerja|\brenja\b|rencana tahun",
        offsets=(0,),
        what="rencana tahun n",
    ),
)
DOCUMENT_RULE = TitleRule(pattern="", offsets=(0,), what="tahun dokumen")


def rule_of(title: Title) -> TitleRule | None:
    """The rule a title falls under (document titles: the document year)."""
    if title.role == "document":
        return DOCUMENT_RULE
    text = " ".join(title.text.casefold().split())
    return next((rule for rule in TITLE_RULES if re.search(rule.pattern, text)), None)


def document_year(doc: SourceRenja) -> int | None:
    """The Renja year: as the reader found it, else the year most document titles name."""
    if doc.year is not None:
        return doc.year
    years = Counter(
        year for title in doc.titles if title.role == "document" for year in title.years
    )
    return years.most_common(1)[0][0] if years else None


def _allowed(rule: TitleRule, year: int, found: int) -> bool:
    if rule.at_least is not None:
        return found >= year + rule.at_least
    return found - year in rule.offsets


def _expected_text(rule: TitleRule, year: int) -> str:
    if rule.at_least is not None:
        return f"≥ {year + rule.at_least}"
    return ", ".join(str(year + offset) for offset in rule.offsets)


def _where(title: Title, year: int | None) -> Where:
    return Where(
        table=title.location.sheet or ROLE_LABELS.get(title.role, title.role),
        row=" ".join(title.text.split()),
        year=year,
        line=line_of(title.location),
    )


def _year_finding(title: Title, rule: TitleRule, year: int) -> Finding | None:
    wrong = [found for found in title.years if not _allowed(rule, year, found)]
    if not wrong:
        return None
    label = ROLE_LABELS.get(title.role, "Judul")
    expected = _expected_text(rule, year)
    message = (
        f"{label} '{' '.join(title.text.split())}' menyebut tahun "
        f"{', '.join(str(found) for found in wrong)}, padahal untuk Renja tahun {year} "
        f"({rule.what}) semestinya {expected}. Samakan tahunnya dengan judul dan tabel lain."
    )
    return finding(
        RULE,
        WARNING,
        _where(title, wrong[0]),
        message,
        expected=expected,
        actual=", ".join(str(found) for found in wrong),
    )


def _triwulan_finding(title: Title, rule: TitleRule | None, year: int) -> Finding | None:
    """A triwulan other than IV named with a closed year (or, without a year, in the
    evaluation's title, which is about n−2)."""
    if title.triwulan is None or title.triwulan == 4:
        return None
    closed = [found for found in title.years if found <= year - 2]
    if not closed and (title.years or rule is not EVALUATION_RULE):
        return None
    about = f"tahun {closed[-1]}" if closed else "tahun yang dievaluasi"
    message = (
        f"{ROLE_LABELS.get(title.role, 'Judul')} '{' '.join(title.text.split())}' menyebut "
        f"Triwulan {ROMAN.get(title.triwulan, title.triwulan)}, padahal {about} sudah selesai "
        "dan dievaluasi s/d Triwulan IV. Samakan dengan judul tabelnya, atau perbarui "
        "angkanya sampai Triwulan IV."
    )
    where = _where(title, closed[-1] if closed else None)
    actual = f"Triwulan {ROMAN.get(title.triwulan, title.triwulan)}"
    return finding(RULE, WARNING, where, message, expected="Triwulan IV", actual=actual)


def check_title_year(doc: SourceRenja, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """Every title, caption and column header against the year its wording implies (see
    the module docstring): one warning per disagreeing title with the years expected
    and found, and one per triwulan other than IV of a closed year."""
    year = document_year(doc)
    if year is None:
        return []
    return judge_titles(doc.titles, year)


def judge_titles(titles: Sequence[Title], year: int) -> list[Finding]:
    """`check_title_year` for given titles and Renja year."""
    findings = []
    for title in titles:
        rule = rule_of(title)
        candidates = [
            _year_finding(title, rule, year) if rule is not None else None,
            _triwulan_finding(title, rule, year) if title.role != "document" else None,
        ]
        findings += [item for item in candidates if item is not None]
    return findings
