"""Builders of the check tests: small Source* records written as text tables.

Tabel 4.1 (`renja`): one row per item, `level` p (program), k (kegiatan), s (sub
kegiatan) or `+` (one more indikator of the item above); cells hold the printed text:

    level | code         | name        | indikator     | satuan | target | target_n1 | pagu       | pagu_n1    | line
    k     | 5.03.01.2.01 | Perencanaan | Persentase …  | %      | 100    | 100       | 150.000.000 | 115.000.000 | 10

Tabel 2.1 (`tc29`): `name | indikator | 4 | 5 | … | 11 | line`. Titles (`titles`):
`role | text | line`, years and triwulan read from the text. Renstra (`renstra`):
`bidang | program | kegiatan | sub | nama | indikator | satuan | v1 … | p1 … | line`.
`-` (or an empty cell) is an empty cell. This module also tests the builders.
"""  # noqa: E501 - a text table reads best unwrapped

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.evaluation.checks.report import angka
from kinerja.evaluation.source import (
    Location,
    Printed,
    SourceIndikator,
    SourceItem,
    SourceRenja,
    SourceRenstra,
    SourceRenstraRow,
    SourceTc29Row,
    Title,
)
from kinerja.evaluation.tests.text_tables import Case, parse
from kinerja.evaluation.types import Finding

LEVELS = {"p": "program", "k": "kegiatan", "s": "sub_kegiatan"}
RANK = {"p": 0, "k": 1, "s": 2}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def line(case: Case) -> int | None:
    value = case.get("line")
    return int(value) if value else None


def printed(text: str | None, at: int | None = None, column: str = "") -> Printed | None:
    """A printed cell, None for an empty one."""
    if text is None:
        return None
    return Printed(text=text, location=Location(line=at), column=column)


@dataclass
class _Node:
    level: str
    case: Case
    indikator: list[SourceIndikator] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)

    def freeze(self) -> SourceItem:
        at = line(self.case)
        return SourceItem(
            level=LEVELS[self.level],
            name=self.case.text("name"),
            code=self.case.get("code") or "",
            pagu=printed(self.case.get("pagu"), at),
            pagu_n1=printed(self.case.get("pagu_n1"), at),
            indikator=tuple(self.indikator),
            children=tuple(child.freeze() for child in self.children),
            location=Location(line=at),
        )


def indikator(case: Case) -> SourceIndikator | None:
    if not case.get("indikator") and not case.get("target"):
        return None
    at = line(case)
    return SourceIndikator(
        name=case.get("indikator") or "",
        target=printed(case.get("target"), at),
        satuan=case.get("satuan") or "",
        target_n1=printed(case.get("target_n1"), at),
    )


def items(text: str) -> tuple[SourceItem, ...]:
    """The Tabel 4.1 tree of a text table (see the module docstring)."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for case in parse(text):
        level = case.text("level")
        ind = indikator(case)
        if level == "+":
            if ind is not None:
                stack[-1].indikator.append(ind)
            continue
        node = _Node(level=level, case=case, indikator=[ind] if ind else [])
        while stack and RANK[stack[-1].level] >= RANK[level]:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return tuple(node.freeze() for node in roots)


def renja(
    text: str = "",
    *,
    year: int | None = 2024,
    total: str | None = None,
    total_n1: str | None = None,
    tc29_text: str = "",
    title_text: str = "",
) -> SourceRenja:
    return SourceRenja(
        source="renja.txt",
        year=year,
        items=items(text) if text else (),
        total_pagu=printed(total),
        total_pagu_n1=printed(total_n1),
        tc29=tc29(tc29_text) if tc29_text else (),
        titles=titles(title_text) if title_text else (),
    )


def tc29(text: str) -> tuple[SourceTc29Row, ...]:
    """Tabel 2.1 rows: `name | indikator | 4 | … | 11 | line`."""
    rows = []
    for case in parse(text):
        at = line(case)
        columns = tuple(
            (number, Printed(text=value, location=Location(line=at), column=number))
            for number in ("4", "5", "6", "7", "8", "9", "10", "11")
            if (value := case.get(number)) is not None
        )
        rows.append(
            SourceTc29Row(
                level="program",
                name=case.get("name") or "",
                indikator=case.text("indikator"),
                columns=columns,
                location=Location(line=at),
            )
        )
    return tuple(rows)


def titles(text: str) -> tuple[Title, ...]:
    """Titles: `role | text | line`; years and the triwulan are read from the text."""
    found = []
    for case in parse(text):
        words = case.text("text")
        years = tuple(int(year) for year in re.findall(r"\b(20\d\d)\b", words))
        quarter = re.search(r"triwulan\s+(IV|III|II|I)\b", words, re.IGNORECASE)
        found.append(
            Title(
                text=words,
                role=case.text("role"),
                years=years,
                triwulan=ROMAN[quarter.group(1).upper()] if quarter else None,
                location=Location(line=line(case)),
            )
        )
    return tuple(found)


def renstra(
    text: str, *, first_year: int | None = 2025, last_year: int | None = 2029
) -> SourceRenstra:
    """Renstra rows: codes, `nama`, `indikator`, `satuan`, `v<k>` volumes, `p<k>` pagu."""
    rows = []
    for case in parse(text):
        at = line(case)

        def cells(
            prefix: str, case: Case = case, at: int | None = at
        ) -> tuple[tuple[str, Printed], ...]:
            return tuple(
                (name[1:], Printed(text=value or "", location=Location(line=at)))
                for name, value in case.items()
                if re.fullmatch(prefix + r"\d+", name)
            )

        rows.append(
            SourceRenstraRow(
                kode_bidang=case.get("bidang") or "",
                kode_program=case.get("program") or "",
                kode_kegiatan=case.get("kegiatan") or "",
                kode_sub_kegiatan=case.get("sub") or "",
                nama_sub_kegiatan=case.get("nama") or "",
                indikator=case.get("indikator") or "",
                satuan=case.get("satuan") or "",
                volume=cells("v"),
                pagu=cells("p"),
                location=Location(line=at),
            )
        )
    return SourceRenstra(
        source="renstra.csv", first_year=first_year, last_year=last_year, rows=tuple(rows)
    )


def of(findings: list[Finding], rule: str) -> list[Finding]:
    """The findings of one rule."""
    return [item for item in findings if item.rule == rule]


def one(findings: list[Finding], rule: str) -> Finding:
    """The single finding of `rule`; fails with the list when there is not exactly one."""
    hits = of(findings, rule)
    assert len(hits) == 1, [(item.rule, item.row, item.message) for item in findings]
    return hits[0]


def d(text: str) -> Decimal:
    return Decimal(text)


# --- the builders themselves ---------------------------------------------------------


def test_items_nest_by_level_and_take_extra_indikator() -> None:
    tree = items(
        """
        level | name | indikator     | satuan | target | pagu | line
        p     | P    | Nilai SAKIP   | -      | 64     | 10   | 1
        +     | -    | Indeks IP ASN | -      | 83     | -    | 2
        k     | K    | Persentase    | %      | 100%   | 10   | 3
        s     | S1   | Jumlah Dok    | Dok    | 18     | 4    | 4
        s     | S2   | Jumlah Lap    | Lap    | 15     | 6    | 5
        p     | Q    | -             | -      | -      | -    | 6
        """
    )
    assert [item.name for item in tree] == ["P", "Q"]
    program = tree[0]
    assert [ind.name for ind in program.indikator] == ["Nilai SAKIP", "Indeks IP ASN"]
    assert [child.name for child in program.children[0].children] == ["S1", "S2"]
    assert program.children[0].children[1].pagu == printed("6", 5)


def test_titles_read_years_and_triwulan() -> None:
    (title,) = titles(
        """
        role   | text                                               | line
        column | Realisasi Renja BKPSDM s/d Triwulan III Tahun 2022 | 9
        """
    )
    assert (title.years, title.triwulan, title.location.line) == ((2022,), 3, 9)


def test_indonesian_numbers_in_messages() -> None:
    assert angka(d("1590078504")) == "1.590.078.504"
    assert angka(d("138.20")) == "138,2"
    assert angka(d("-12.5")) == "-12,5"
    assert angka(d("100.32"), 1) == "100,3"
    assert angka(d("0.05")) == "0,05"
