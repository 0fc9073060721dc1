"""The check catalogue (DESIGN §6): what is wrong in a Renja, a Renstra, an APBD or a plan.

Pure Python over the readers' records (`kinerja.evaluation.source`) and the stored
plan (`PlanInput`). Every check returns a list of `Finding` and never stops at the
first problem. Messages are Bahasa Indonesia for a planner: they name the row and the
figures in Indonesian format (`Rp1.590.078.504`, `138,2`) and say what to do.

Public API
==========

Runners (each returns its findings sorted by location, `sort_findings`):

- `check_source_renja(doc, *, edition=None, thresholds=DEFAULT, text_cells=(),
  semantics=None)`: a Renja document or table as read (Tabel 4.1, Tabel 2.1, titles).
  `edition` is a mapping code → official name (`edition_from(SourceNomenclature)`),
  `text_cells` the spreadsheet cells stored as text (convention in `typos`),
  `semantics` stored indikator semantics keyed by `norm_text(name)`.
- `check_source_renstra(doc, *, edition=None, thresholds=DEFAULT, text_cells=())`: a
  SIPD-style Renstra extract.
- `check_apbd_against_renja(apbd, renja_doc, *, thresholds=DEFAULT)`: the SIPD-RI APBD
  lines against a Renja (pagu per sub kegiatan code; the `tahun` column), rule
  `apbd-consistency` (added to the DESIGN §6 catalogue), and `number-typo`.
- `check_source_dpa(doc, thresholds=DEFAULT)`: a SIPD-RI DPA/RKA rincian belanja print
  (`SourceDpa`): pagu-sum of every subtotal and of the sub kegiatan's figures (akun 5,
  Jumlah Anggaran Sub Kegiatan, Alokasi Tahun n, Masukan, monthly plan) against the item
  lines, formula-mismatch (koefisien × harga), number-typo, missing-value, code-format,
  and one `info` finding saying what was verified.
- `check_plan(plan, *, edition=None, thresholds=DEFAULT)`: a stored Renja
  (`PlanInput`): missing-value, growth-outlier/digit-slip, renstra-consistency,
  value-range, code-format, nomenclature. `cumulative-misuse` does not apply: the engine
  combines periods by each indikator's sifat.

The catalogue: one function per rule and input, `check_<rule>(doc, thresholds)`.
`check_<rule>` takes a `SourceRenja`; `_renstra` a `SourceRenstra`; `_plan` a
`PlanInput`. Some take more, keyword-only.

- SourceRenja: `check_pagu_sum` (also pagu-rounding and missing totals),
  `check_target_sum`, `check_missing_value`, `check_growth_outlier` (also digit-slip),
  `check_formula_mismatch`, `check_cumulative_misuse`, `check_number_typo`,
  `check_code_format`, `check_nomenclature(…, edition=)`, `check_title_year`,
  `check_value_range`.
- Spreadsheet cells: `check_number_as_text(text_cells, thresholds)`.
- E.81 rows: `check_e81_formulas(rows, thresholds, *, year, table, semantics)` over
  `E81Row`s (columns 5–14 by number, K or Rp).
- SourceRenstra: `check_code_format_renstra`, `check_nomenclature_renstra`,
  `check_renstra_consistency`, `check_growth_outlier_renstra`,
  `check_missing_value_renstra`, `check_number_typo_renstra`, `check_value_range_renstra`.
- Renja with Renstra: `check_renja_against_renstra(renja, renstra, thresholds)`.
- PlanInput: `check_missing_value_plan`, `check_growth_outlier_plan`,
  `check_renstra_consistency_plan`, `check_value_range_plan`, `check_code_format_plan`,
  `check_nomenclature_plan(…, edition=)`.

Also: `RULES` (rule id → short Indonesian description), `summary(findings, thresholds)
-> Summary` (`errors`, `warnings`, `infos`, `total`, `by_rule`, `thresholds`: the id of
the threshold set, as docs/check-json.md), `Thresholds` and `DEFAULT` (`thresholds`,
every limit documented there), `edition_from`, `sort_findings`, `norm_text`.

Locations: `table` is "Tabel 4.1" / "Tabel 2.1" (or the sheet's name for a spreadsheet,
the source name for a Renstra CSV, "Renja"/"Renstra" for a stored plan, "Judul …" for
titles); `row` the row's name as printed; `column` the official column number, or the
spreadsheet column letter when the reader gave a cell; `line` the text line or the
spreadsheet row. Runners do not repeat the reader's own findings (`doc.findings`).

Severities: `error` is a figure that is wrong by arithmetic or form (a total that does
not add up, letters in a number, a malformed code); `warning` is very probably wrong
and needs the planner's judgement; `info` is worth knowing and may be right.
"""

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TypedDict

from kinerja.evaluation.checks.apbd import check_apbd_against_renja as _apbd
from kinerja.evaluation.checks.codes import (
    check_code_format,
    check_code_format_plan,
    check_code_format_renstra,
)
from kinerja.evaluation.checks.consistency import (
    check_renja_against_renstra,
    check_renstra_consistency,
    check_renstra_consistency_plan,
)
from kinerja.evaluation.checks.dpa import check_source_dpa
from kinerja.evaluation.checks.formulas import (
    E81Row,
    check_cumulative_misuse,
    check_e81_formulas,
    check_formula_mismatch,
)
from kinerja.evaluation.checks.growth import (
    check_growth_outlier,
    check_growth_outlier_plan,
    check_growth_outlier_renstra,
)
from kinerja.evaluation.checks.judge import norm_text
from kinerja.evaluation.checks.missing import (
    check_missing_value,
    check_missing_value_plan,
    check_missing_value_renstra,
)
from kinerja.evaluation.checks.nomenclature import (
    check_nomenclature,
    check_nomenclature_plan,
    check_nomenclature_renstra,
    edition_from,
)
from kinerja.evaluation.checks.ranges import (
    check_value_range,
    check_value_range_plan,
    check_value_range_renstra,
)
from kinerja.evaluation.checks.report import sort_findings
from kinerja.evaluation.checks.sums import check_pagu_sum, check_target_sum
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.checks.titles import check_title_year
from kinerja.evaluation.checks.typos import (
    check_number_as_text,
    check_number_typo,
    check_number_typo_renstra,
)
from kinerja.evaluation.source import Printed, SourceApbd, SourceRenja, SourceRenstra
from kinerja.evaluation.types import Finding, PlanInput, Semantics

RULES: Mapping[str, str] = MappingProxyType(
    {
        "pagu-sum": "total pagu program/kegiatan/keseluruhan tidak sama dengan jumlah rinciannya",
        "pagu-rounding": "total pagu berbeda dari jumlah rinciannya sebatas pembulatan",
        "target-sum": "target induk tidak sama dengan jumlah target rinciannya (satuan sama)",
        "missing-value": "target, satuan, pagu atau prakiraan maju belum diisi",
        "growth-outlier": "perubahan pagu jauh dari perubahan yang lazim",
        "digit-slip": "perubahan pagu mendekati 10, 100 atau 1000 kali: salah ketik digit",
        "cumulative-misuse": "nilai tahunan indikator tidak kumulatif dijumlahkan",
        "formula-mismatch": "kolom turunan tidak sama dengan hasil hitung rumusnya",
        "number-typo": "huruf di dalam angka atau pemisah angka yang salah letak",
        "number-as-text": "angka tersimpan sebagai teks di lembar kerja",
        "code-format": "kode tidak sesuai format, kehilangan angka nol, salah induk, atau ganda",
        "nomenclature": "kode tidak dikenal nomenklatur, atau namanya berbeda",
        "renstra-consistency": "Renja tidak sejalan dengan Renstra, atau pagu Renstra tercatat "
        "ganda/kosong",
        "title-year": "judul, keterangan tabel atau judul kolom tidak sepakat soal tahun/triwulan",
        "value-range": "nilai di luar batas wajar (persentase > 100, jumlah negatif, realisasi "
        "jauh di atas target)",
        "apbd-consistency": "pagu APBD per sub kegiatan atau tahun APBD tidak sama dengan Renja",
    }
)


def _run(checks: Sequence[Callable[[], list[Finding]]]) -> list[Finding]:
    findings: list[Finding] = []
    for check in checks:
        findings += check()
    return sort_findings(findings)


def check_source_renja(
    doc: SourceRenja,
    *,
    edition: Mapping[str, str] | None = None,
    thresholds: Thresholds = DEFAULT,
    text_cells: Sequence[Printed] = (),
    semantics: Mapping[str, Semantics] | None = None,
) -> list[Finding]:
    """Every check of a Renja as read, sorted by location. The reader's own findings
    (`doc.findings`) are not repeated: merge them with `sort_findings` when needed.
    `nomenclature` runs only with an `edition`."""
    checks: list[Callable[[], list[Finding]]] = [
        lambda: check_pagu_sum(doc, thresholds),
        lambda: check_target_sum(doc, thresholds),
        lambda: check_missing_value(doc, thresholds),
        lambda: check_growth_outlier(doc, thresholds),
        lambda: check_formula_mismatch(doc, thresholds, semantics=semantics),
        lambda: check_cumulative_misuse(doc, thresholds, semantics=semantics),
        lambda: check_number_typo(doc, thresholds),
        lambda: check_number_as_text(text_cells, thresholds),
        lambda: check_code_format(doc, thresholds),
        lambda: check_title_year(doc, thresholds),
        lambda: check_value_range(doc, thresholds),
    ]
    if edition is not None:
        checks.append(lambda: check_nomenclature(doc, thresholds, edition=edition))
    return _run(checks)


def check_source_renstra(
    doc: SourceRenstra,
    *,
    edition: Mapping[str, str] | None = None,
    thresholds: Thresholds = DEFAULT,
    text_cells: Sequence[Printed] = (),
) -> list[Finding]:
    """Every check of a Renstra extract, sorted by location (reader findings not
    repeated; `nomenclature` only with an `edition`)."""
    checks: list[Callable[[], list[Finding]]] = [
        lambda: check_code_format_renstra(doc, thresholds),
        lambda: check_renstra_consistency(doc, thresholds),
        lambda: check_growth_outlier_renstra(doc, thresholds),
        lambda: check_missing_value_renstra(doc, thresholds),
        lambda: check_number_typo_renstra(doc, thresholds),
        lambda: check_number_as_text(text_cells, thresholds, table=doc.source),
        lambda: check_value_range_renstra(doc, thresholds),
    ]
    if edition is not None:
        checks.append(lambda: check_nomenclature_renstra(doc, thresholds, edition=edition))
    return _run(checks)


def check_apbd_against_renja(
    apbd: SourceApbd, renja_doc: SourceRenja, *, thresholds: Thresholds = DEFAULT
) -> list[Finding]:
    """The APBD against a Renja (`apbd-consistency`, `number-typo`), sorted by location."""
    return sort_findings(_apbd(apbd, renja_doc, thresholds))


def check_plan(
    plan: PlanInput,
    *,
    edition: Mapping[str, str] | None = None,
    thresholds: Thresholds = DEFAULT,
) -> list[Finding]:
    """Every check of a stored Renja, sorted by location (see the module docstring)."""
    checks: list[Callable[[], list[Finding]]] = [
        lambda: check_missing_value_plan(plan, thresholds),
        lambda: check_growth_outlier_plan(plan, thresholds),
        lambda: check_renstra_consistency_plan(plan, thresholds),
        lambda: check_value_range_plan(plan, thresholds),
        lambda: check_code_format_plan(plan, thresholds),
    ]
    if edition is not None:
        checks.append(lambda: check_nomenclature_plan(plan, thresholds, edition=edition))
    return _run(checks)


class Summary(TypedDict):
    """Counts of a report (docs/check-json.md)."""

    errors: int
    warnings: int
    infos: int
    total: int
    by_rule: dict[str, int]
    thresholds: str


def summary(findings: Sequence[Finding], thresholds: Thresholds = DEFAULT) -> Summary:
    """Counts for a report: `errors`, `warnings`, `infos`, `total`, `by_rule` (rule →
    count, in `RULES` order, then any other rule, such as a reader's) and `thresholds`
    (the id of the threshold set used)."""
    severities = Counter(item.severity for item in findings)
    rules = Counter(item.rule for item in findings)
    order = [rule for rule in RULES if rule in rules] + sorted(set(rules) - set(RULES))
    return Summary(
        errors=severities["error"],
        warnings=severities["warning"],
        infos=severities["info"],
        total=len(findings),
        by_rule={rule: rules[rule] for rule in order},
        thresholds=thresholds.id,
    )


__all__ = [
    "DEFAULT",
    "RULES",
    "E81Row",
    "Summary",
    "Thresholds",
    "check_apbd_against_renja",
    "check_code_format",
    "check_code_format_plan",
    "check_code_format_renstra",
    "check_cumulative_misuse",
    "check_e81_formulas",
    "check_formula_mismatch",
    "check_growth_outlier",
    "check_growth_outlier_plan",
    "check_growth_outlier_renstra",
    "check_missing_value",
    "check_missing_value_plan",
    "check_missing_value_renstra",
    "check_nomenclature",
    "check_nomenclature_plan",
    "check_nomenclature_renstra",
    "check_number_as_text",
    "check_number_typo",
    "check_number_typo_renstra",
    "check_pagu_sum",
    "check_plan",
    "check_renja_against_renstra",
    "check_renstra_consistency",
    "check_renstra_consistency_plan",
    "check_source_dpa",
    "check_source_renja",
    "check_source_renstra",
    "check_target_sum",
    "check_title_year",
    "check_value_range",
    "check_value_range_plan",
    "check_value_range_renstra",
    "edition_from",
    "norm_text",
    "sort_findings",
    "summary",
]
