"""The runners: every check over one document, sorted by location; RULES, summary, thresholds."""

from dataclasses import replace
from decimal import Decimal

import pytest

from kinerja.evaluation.checks import (
    DEFAULT,
    RULES,
    Thresholds,
    check_plan,
    check_source_renja,
    check_source_renstra,
    summary,
)
from kinerja.evaluation.source import Location, Printed
from kinerja.evaluation.tests.test_checks_builders import d, renja, renstra
from kinerja.evaluation.tests.test_checks_sums import PERENCANAAN
from kinerja.evaluation.tests.test_checks_titles import SEED_TITLES
from kinerja.evaluation.types import (
    IndikatorInput,
    ItemInput,
    PlanInput,
    RenstraFigures,
    Semantics,
)

TC29 = """
name                                 | indikator       | 4  | 5  | 6  | 7    | 8     | 9  | 10    | 11     | line
PROGRAM PENUNJANG URUSAN PEMERINTAHAN | Nilai SAKIP OPD | 66 | 6I | 62 | 62,2 | 100,3 | 15 | 138,2 | 209,39 | 156
"""  # noqa: E501 - a text table reads best unwrapped


def test_a_seed_like_renja_reports_everything_in_reading_order() -> None:
    doc = renja(PERENCANAAN, tc29_text=TC29, title_text=SEED_TITLES)
    text_cells = [Printed(text="50.000.000", location=Location(sheet="RENJA", cell="F404"))]
    findings = check_source_renja(doc, text_cells=text_cells)
    lines = [item.line or 0 for item in findings]
    assert lines == sorted(lines)
    got = [(item.line, item.rule) for item in findings]
    assert got == [
        (43, "title-year"),
        (151, "title-year"),
        (152, "title-year"),
        (156, "number-typo"),
        (156, "cumulative-misuse"),
        (403, "pagu-sum"),
        (404, "number-as-text"),
        (406, "growth-outlier"),
    ]
    assert set(summary(findings)["by_rule"]) <= set(RULES)


def test_nomenclature_runs_only_with_an_edition() -> None:
    doc = renja(PERENCANAAN)
    assert not [item for item in check_source_renja(doc) if item.rule == "nomenclature"]
    with_edition = check_source_renja(doc, edition={"5.03.01": "PROGRAM"})
    assert {item.rule for item in with_edition} >= {"nomenclature"}


def test_summary_counts_by_severity_and_rule() -> None:
    findings = check_source_renja(renja(PERENCANAAN, tc29_text=TC29))
    assert summary(findings) == {
        "errors": 3,
        "warnings": 1,
        "infos": 0,
        "total": 4,
        "by_rule": {
            "pagu-sum": 1,
            "growth-outlier": 1,
            "cumulative-misuse": 1,
            "number-typo": 1,
        },
        "thresholds": "kinerja-checks/2025.1",
    }


def test_a_renstra_extract() -> None:
    doc = renstra(
        """
        bidang | program | kegiatan     | sub               | nama | indikator | satuan | v1 | v2 | p1        | p2          | line
        3.3    | 3.30.07 | 3.30.07.2.01 | 3.30.07.2.01.0005 | UMKM | Jumlah    | UMKM   | 30 | 84 | 30000000.0 | 550000000.0 | 38
        """  # noqa: E501 - a text table reads best unwrapped
    )
    findings = check_source_renstra(doc)
    assert [(item.rule, item.line) for item in findings] == [
        ("code-format", 38),
        ("growth-outlier", 38),
    ]


def test_a_stored_plan() -> None:
    sem = Semantics(jenis="jumlah", polaritas="positif", sifat="kumulatif")
    ind = IndikatorInput(
        id=1,
        name="Jumlah Dokumen",
        semantics=sem,
        satuan="Dokumen",
        target=d("18"),
        target_n1=d("18"),
        renstra=RenstraFigures(targets={2024: d("15")}),
    )
    plan = PlanInput(
        pemda="Kabupaten Tanjung Jabung Barat",
        opd_name="BKPSDM",
        year=2024,
        renstra_first_year=2021,
        renstra_last_year=2026,
        items=(
            ItemInput(id=1, level="kegiatan", name="K", code="5.03.01.2.01"),
            ItemInput(
                id=2,
                parent_id=1,
                level="sub_kegiatan",
                name="S",
                code="5.03.01.2.1.0001",
                pagu=d("50000000"),
                pagu_n1=d("57500000"),
                indikator=(ind,),
            ),
        ),
    )
    findings = check_plan(plan)
    assert [(item.rule, item.row) for item in findings] == [
        ("code-format", "S"),
        ("renstra-consistency", "S"),
    ]
    assert check_plan(plan, edition={}) != findings  # unknown codes with an empty edition


def test_every_rule_has_a_description() -> None:
    expected = {
        "pagu-sum",
        "pagu-rounding",
        "target-sum",
        "missing-value",
        "growth-outlier",
        "digit-slip",
        "cumulative-misuse",
        "formula-mismatch",
        "number-typo",
        "number-as-text",
        "code-format",
        "nomenclature",
        "renstra-consistency",
        "title-year",
        "value-range",
        "apbd-consistency",
    }
    assert set(RULES) == expected
    assert all(RULES.values())


def test_thresholds_are_validated_and_named() -> None:
    assert DEFAULT.id == "kinerja-checks/2025.1"
    custom = replace(DEFAULT, id="pemda-x/1", growth_factor=Decimal(4))
    assert summary([], custom)["thresholds"] == "pemda-x/1"
    with pytest.raises(ValueError, match="faktor"):
        Thresholds(growth_factor=Decimal(1))
    with pytest.raises(ValueError, match="digit"):
        Thresholds(sub_kegiatan_digits=3)
