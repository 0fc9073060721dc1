"""Agency Renja workbooks (Tabel 4.1 / T‑C.33 and its local variants) → `SourceRenja`.

The table is found by its column-numbering row (1, 2, 3 …); the header block above it
(merged cells) names the columns, which are mapped by their text, not their position:
Kode (possibly over several columns, joined into one dotted code), the name, Indikator,
Target (Sebelum/Sesudah), Pagu (RKPD / APBD / RKPD Perubahan), Lokasi, Sumber Dana,
Catatan, Prakiraan Maju Target/Pagu. Levels come from the code's shape (5.01.01 program,
5.01.01.2.01 kegiatan, 5.01.01.2.01.0001 sub kegiatan) or from a "Tingkat" column.

What the reader reports (its `findings`), and how it reads what it reports:

- `layout` (info): the sheet and the pagu/target columns chosen (`pagu_column`, default
  the last stage present: RKPD Perubahan, else APBD, else RKPD); the columns not read;
  empty rows inside the table (skipped); repeated column headers (skipped).
- `code-format` (info, or warning when the copies differ): a program, kegiatan or sub
  kegiatan written more than once (fragmented tables repeat their header blocks). All
  copies are merged into one item: the first copy with values is kept, the children of
  every copy are gathered under it. Codes stored as numbers (`1` for `01`) are reported;
  a code that is not dotted digits (or X) is reported and its row not read.
- `missing-value` (warning): an item row with neither indikator, target nor pagu (a
  repeated copy, or a row left empty); the item is kept.
- `nomenclature` (warning): placeholder labels ("URUSAN PEMERINTAHAN BIDANG XX",
  "NON URUSAN") instead of the official names.
- `target-split` (warning): an indikator cell and its target cell do not hold the same
  number of lines (`80\\n100 %\\n%` is two targets, 80 % and 100 %); or the Sebelum and
  Sesudah targets hold the same values in another order (a swap to check).
- `number-as-text` (warning): one per amount column, counting the amounts stored as text
  (`'18.130.291.362,00'`) and naming the first cells.

A row without code before the first item (or labelled Jumlah/Total) is the grand total
(`total_pagu`, `total_pagu_n1`); its name, when not a label, is the OPD's (`opd_name`).
Urusan and bidang rows are not items: only their repeats and placeholders are reported.
No table found (no numbering row above a name column) is one `layout` error.

Titles above the header become `Title`s: a line naming the table (Tabel …, Rumusan
Rencana …, Prakiraan Maju …) has role "table", any other "document"; `year` is the
first year a document title names, else the table caption's first year.

`SourceRenja.numbers` holds every amount cell that was stored as text, in every amount
column (all pagu stages, prakiraan maju), including the total, urusan and bidang rows:
they are where letters and misplaced separators can hide (`number-typo`). Amounts stored
as real numbers are read exactly and are not listed there.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from kinerja.evaluation.numbers import is_number_text
from kinerja.evaluation.source import (
    Location,
    Printed,
    SourceIndikator,
    SourceItem,
    SourceRenja,
    Title,
)
from kinerja.evaluation.types import Finding
from kinerja.imports.parsers import sheet as sh

PAGU_STAGES = ("rkpd", "apbd", "rkpd_perubahan")  # the budget cycle's order
STAGE_NAMES = {
    "rkpd": "Pagu Indikatif RKPD",
    "apbd": "APBD",
    "rkpd_perubahan": "RKPD Perubahan",
    "pagu": "Pagu Indikatif",
}
TARGET_SPLIT = "target-split"
ITEM_LEVELS = (sh.PROGRAM, sh.KEGIATAN, sh.SUB_KEGIATAN)
TINGKAT = {
    "program": sh.PROGRAM,
    "kegiatan": sh.KEGIATAN,
    "sub kegiatan": sh.SUB_KEGIATAN,
    "subkegiatan": sh.SUB_KEGIATAN,
    "sub_kegiatan": sh.SUB_KEGIATAN,
}
PLACEHOLDER = re.compile(r"\bX{2,}\b|^NON URUSAN$", re.IGNORECASE)
TOTAL_LABEL = re.compile(r"^(jumlah|total)\b", re.IGNORECASE)
CODE_SHAPE = re.compile(r"^[0-9X]+(\.[0-9X]+)*$", re.IGNORECASE)
# A title line naming the table (T-C.33 names n and n+1), not the document's year alone.
TABLE_TITLE = re.compile(r"\btabel\b|rumusan rencana|prakiraan maju|\bT-?C\.?\s?\d", re.I)


@dataclass(frozen=True, kw_only=True)
class Columns:
    """What each column of the table holds (column indexes, 1 = A)."""

    code: tuple[int, ...] = ()
    name: int | None = None
    indikator: int | None = None
    targets: tuple[tuple[str, int], ...] = ()  # ("", c), ("sebelum", c), ("sesudah", c)
    satuan: int | None = None
    pagu: tuple[tuple[str, int], ...] = ()  # (stage, c)
    lokasi: int | None = None
    sumber_dana: int | None = None
    catatan_penting: int | None = None
    target_n1: int | None = None
    satuan_n1: int | None = None
    pagu_n1: int | None = None
    tingkat: int | None = None
    ignored: tuple[int, ...] = ()

    @property
    def amounts(self) -> tuple[int, ...]:
        """Every column holding rupiah."""
        n1 = (self.pagu_n1,) if self.pagu_n1 else ()
        return tuple(c for _, c in self.pagu) + n1


def classify(header: sh.Header) -> Columns:
    """Map each column to its role by its header text (see the module docstring).

    A role met twice (two Lokasi columns) keeps its first column; the other is ignored.
    """
    code: list[int] = []
    ignored: list[int] = []
    targets: list[tuple[str, int]] = []
    pagu: list[tuple[str, int]] = []
    single: dict[str, int] = {}
    for column in header.columns:
        role, stage = column_role(column.path)
        if role == "code":
            code.append(column.index)
        elif role in ("targets", "pagu"):
            (targets if role == "targets" else pagu).append((stage, column.index))
        elif role and role != "ignored" and role not in single:
            single[role] = column.index
        elif role:
            ignored.append(column.index)
    return Columns(
        code=tuple(code),
        targets=tuple(targets),
        pagu=tuple(pagu),
        ignored=tuple(ignored),
        **single,
    )


def column_role(path: tuple[str, ...]) -> tuple[str | None, str]:
    """(role, stage) of a column from its header texts; role None for an empty header."""
    text = " / ".join(path).lower()
    last = path[-1].lower() if path else ""
    if not text:
        return None, ""
    if "penanggung jawab" in text:
        return "ignored", ""
    if last.startswith("tingkat"):
        return "tingkat", ""
    if "indikator" in text:
        return "indikator", ""
    if "kode" in text:
        return "code", ""
    if last.rstrip(".") == "no" or last == "nomor":
        return "ignored", ""
    if any(word in text for word in ("akhir periode", "realisasi", "prakiraan capaian")):
        return "ignored", ""
    if "prakiraan maju" in text:
        return _forward_role(text), ""
    for word, role in (("lokasi", "lokasi"), ("sumber dana", "sumber_dana")):
        if word in text:
            return role, ""
    if "catatan" in text:
        return "catatan_penting", ""
    if "prioritas" in text or "kelompok sasaran" in text:
        return "ignored", ""
    if "pagu" in text or "kebutuhan dana" in text or "anggaran" in text:
        return "pagu", _pagu_stage(last)
    if "satuan" in last:
        return "satuan", ""
    if "target" in text:
        return "targets", next((s for s in ("sebelum", "sesudah") if s in last), "")
    if any(word in text for word in ("urusan", "program", "kegiatan", "uraian")):
        return "name", ""
    return "ignored", ""


def _forward_role(text: str) -> str:
    if "satuan" in text.rsplit("/", 1)[-1]:
        return "satuan_n1"
    if "pagu" in text or "dana" in text:
        return "pagu_n1"
    return "target_n1" if "target" in text else "ignored"


def _pagu_stage(last: str) -> str:
    if "perubahan" in last:
        return "rkpd_perubahan"
    if "apbd" in last:
        return "apbd"
    if "rkpd" in last:
        return "rkpd"
    return "pagu"


# --- reading ----------------------------------------------------------------------------


def read(content: bytes, source: str, *, pagu_column: str | None = None) -> SourceRenja:
    """Read an agency Renja workbook; `pagu_column` picks the pagu stage ("rkpd", "apbd",
    "rkpd_perubahan"); by default the last stage present."""
    workbook = sh.open_workbook(content, source)
    for worksheet in workbook.worksheets:
        number_row = sh.find_number_row(worksheet)
        if number_row is not None:
            header = sh.read_header(worksheet, number_row)
            columns = classify(header)
            if columns.name is not None:
                return read_table(worksheet, header, columns, source, pagu_column=pagu_column)
    return SourceRenja(
        source=source,
        findings=(
            Finding(
                rule=sh.LAYOUT,
                severity="error",
                message=(
                    "tabel Renja tidak ditemukan: tidak ada baris nomor kolom (1, 2, 3 …) "
                    "di bawah judul kolom dengan kolom uraian program/kegiatan"
                ),
            ),
        ),
    )


@dataclass
class _Row:
    """One program/kegiatan/sub kegiatan row as read, before the copies are merged."""

    line: int
    level: str
    code: str
    name: str
    location: Location
    indikator: list[SourceIndikator] = field(default_factory=list)
    pagu: Printed | None = None
    pagu_n1: Printed | None = None
    lokasi: str = ""
    sumber_dana: str = ""
    catatan_penting: str = ""
    figures: tuple[str, ...] = ()  # every amount and target as printed, to compare copies

    @property
    def empty(self) -> bool:
        return not self.indikator and self.pagu is None and self.pagu_n1 is None

    def signature(self) -> tuple[Any, ...]:
        names = tuple(indikator.name for indikator in self.indikator)
        return (self.name, names, self.figures, self.lokasi, self.sumber_dana)


@dataclass
class _Node:
    row: _Row
    lines: list[int]
    children: list[str] = field(default_factory=list)


@dataclass
class _Reading:
    """Everything gathered while walking the rows of one table."""

    sheet: Worksheet
    header: sh.Header
    columns: Columns
    source: str
    pagu_stage: str
    target_stage: str
    findings: list[Finding] = field(default_factory=list)
    numbers: list[Printed] = field(default_factory=list)
    text_amounts: dict[str, list[Printed]] = field(default_factory=dict)
    nodes: dict[str, _Node] = field(default_factory=dict)
    top: list[str] = field(default_factory=list)
    last_at: dict[str, str] = field(default_factory=dict)  # level → key of the last item
    blocks: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # urusan/bidang
    empty_rows: list[int] = field(default_factory=list)
    total: tuple[Printed | None, Printed | None] | None = None
    opd_name: str = ""
    last_key: str | None = None

    def at(self, row: int, column: int) -> Location:
        return sh.location(self.source, self.sheet, row, column)

    def add(self, rule: str, severity: str, message: str, **where: Any) -> None:
        self.findings.append(
            Finding(rule=rule, severity=severity, message=message, table=self.sheet.title, **where)
        )


def read_table(
    worksheet: Worksheet,
    header: sh.Header,
    columns: Columns,
    source: str,
    *,
    pagu_column: str | None = None,
    target_column: str | None = None,
) -> SourceRenja:
    """Read the rows under `header` into a `SourceRenja` (shared with Kinerja's template)."""
    reading = _Reading(
        sheet=worksheet,
        header=header,
        columns=columns,
        source=source,
        pagu_stage="",
        target_stage="",
    )
    _choose_columns(reading, pagu_column, target_column)
    code_cells: list[str] = []
    pending_blank: list[int] = []
    for row in range(header.number_row + 1, sh.last_row(worksheet) + 1):
        values = sh.row_values(worksheet, row)
        if all(sh.is_blank(value) for value in values):
            pending_blank.append(row)
            continue
        reading.empty_rows += pending_blank
        pending_blank = []
        if _is_header_repeat(reading, values):
            reading.add(sh.LAYOUT, "info", "judul kolom diulang; baris dilewati", line=row)
            continue
        _read_row(reading, row, values, code_cells)
    return _result(reading, code_cells)


def _choose_columns(reading: _Reading, pagu_column: str | None, target_column: str | None) -> None:
    pagu = dict(reading.columns.pagu)
    stages = [stage for stage in (*PAGU_STAGES, "pagu") if stage in pagu]
    chosen = stages[-1] if stages else ""
    if pagu_column and pagu_column in pagu:
        chosen = pagu_column
    elif pagu_column:
        reading.add(
            sh.LAYOUT,
            "warning",
            f"kolom pagu {pagu_column!r} tidak ada di tabel; dipakai "
            f"{STAGE_NAMES.get(chosen, 'tidak ada')}",
        )
    reading.pagu_stage = chosen
    targets = dict(reading.columns.targets)
    wanted = target_column or ("sebelum" if chosen in ("rkpd", "apbd") else "sesudah")
    reading.target_stage = next((s for s in (wanted, "sesudah", "sebelum", "") if s in targets), "")
    if len(pagu) > 1 or len(targets) > 1:
        pagu_label = reading.header.column(pagu[chosen]).label if chosen else "tidak ada"
        target_label = (
            reading.header.column(targets[reading.target_stage]).label if targets else "tidak ada"
        )
        reading.add(
            sh.LAYOUT,
            "info",
            f"pagu tahun n dibaca dari {pagu_label}; target dari {target_label} "
            f"(pilihan pagu: {', '.join(STAGE_NAMES[s] for s in stages)})",
            column=reading.header.column(pagu[chosen]).letter if chosen else "",
        )


def _is_header_repeat(reading: _Reading, values: list[Any]) -> bool:
    """A numbering row or a header row again (tables pasted page by page repeat them)."""
    texts = [sh.clean(sh.cell_text(v)) for v in values if not sh.is_blank(v)]
    expected = [c.number for c in reading.header.columns if c.number]
    if len(texts) >= 5 and texts == _dedupe(expected)[: len(texts)]:
        return True
    header_texts = {text for column in reading.header.columns for text in column.path}
    return len(texts) >= 3 and all(text in header_texts for text in texts)


def _dedupe(numbers: list[str]) -> list[str]:
    return [n for i, n in enumerate(numbers) if i == 0 or numbers[i - 1] != n]


def _text(values: list[Any], column: int | None) -> str:
    return sh.clean(sh.cell_text(values[column - 1])) if column else ""


def _read_row(reading: _Reading, row: int, values: list[Any], code_cells: list[str]) -> None:
    columns = reading.columns
    parts = []
    for column in columns.code:
        text, as_number = sh.code_text(values[column - 1])
        parts.append(text)
        if as_number:
            code_cells.append(reading.at(row, column).cell)
    code = sh.join_code(parts)
    name = _text(values, columns.name)
    if code and not CODE_SHAPE.match(code):
        message = f"kode {code!r} bukan kode nomenklatur (angka bertitik); baris tidak dibaca"
        reading.add(sh.CODE_FORMAT, "warning", message, line=row, code=code, row=name)
        return
    tingkat = TINGKAT.get(_text(values, columns.tingkat).lower())
    level = sh.code_level(code) or tingkat
    if level in (sh.URUSAN, sh.BIDANG_URUSAN):
        _read_block_row(reading, row, values, code, name)
    elif level in ITEM_LEVELS:
        _read_item_row(reading, row, values, level, code, name)
    elif not code and not name and reading.last_key and _has(values, columns.indikator):
        _continue_indikator(reading, row, values)
    elif not code and (TOTAL_LABEL.match(name) or (not reading.nodes and reading.total is None)):
        _read_total_row(reading, row, values, name)
    else:
        where = f"kode {code!r}" if code else "tanpa kode dan tanpa tingkat"
        reading.add(
            sh.CODE_FORMAT,
            "warning",
            f"baris {where} tidak dapat ditempatkan sebagai program, kegiatan atau sub "
            f"kegiatan; baris ini tidak dibaca: {name or '(tanpa uraian)'}",
            line=row,
            code=code,
            row=name,
        )


def _has(values: list[Any], column: int | None) -> bool:
    return column is not None and not sh.is_blank(values[column - 1])


def _amount(reading: _Reading, row: int, values: list[Any], column: int | None) -> Printed | None:
    """The amount in a cell; text amounts are also listed for number-as-text/number-typo."""
    if not column:
        return None
    value = values[column - 1]
    number = sh.printed(value, reading.at(row, column), reading.header.column(column).number)
    if number is not None and isinstance(value, str):
        reading.numbers.append(number)
        reading.text_amounts.setdefault(sh.letter(column), []).append(number)
    return number


def _amounts(reading: _Reading, row: int, values: list[Any]) -> dict[int, Printed | None]:
    return {column: _amount(reading, row, values, column) for column in reading.columns.amounts}


def _read_total_row(reading: _Reading, row: int, values: list[Any], name: str) -> None:
    amounts = _amounts(reading, row, values)
    pagu_column = dict(reading.columns.pagu).get(reading.pagu_stage)
    reading.total = (
        amounts.get(pagu_column) if pagu_column else None,
        amounts.get(reading.columns.pagu_n1) if reading.columns.pagu_n1 else None,
    )
    if name and not TOTAL_LABEL.match(name):
        reading.opd_name = name


def _read_block_row(reading: _Reading, row: int, values: list[Any], code: str, name: str) -> None:
    """An urusan or bidang row: not an item; its repeats and placeholders are reported."""
    _amounts(reading, row, values)
    reading.blocks.setdefault(code, []).append((row, name))


def _read_item_row(
    reading: _Reading, row: int, values: list[Any], level: str, code: str, name: str
) -> None:
    columns = reading.columns
    amounts = _amounts(reading, row, values)
    pagu_column = dict(columns.pagu).get(reading.pagu_stage)
    target_column = dict(columns.targets).get(reading.target_stage)
    location = reading.at(row, columns.name or 1)
    indikator = _indikator(reading, row, values, target_column)
    figures = tuple(
        sh.cell_text(values[c - 1]).strip()
        for c in (*columns.amounts, *(c for _, c in columns.targets), columns.target_n1)
        if c
    )
    item = _Row(
        line=row,
        level=level,
        code=code,
        name=name,
        location=location,
        indikator=indikator,
        pagu=amounts.get(pagu_column) if pagu_column else None,
        pagu_n1=amounts.get(columns.pagu_n1) if columns.pagu_n1 else None,
        lokasi=_text(values, columns.lokasi),
        sumber_dana=_text(values, columns.sumber_dana),
        catatan_penting=_text(values, columns.catatan_penting),
        figures=figures,
    )
    if code not in reading.nodes:
        _check_target_order(reading, row, values)
    _place(reading, item)


def _check_target_order(reading: _Reading, row: int, values: list[Any]) -> None:
    """Sebelum and Sesudah holding the same targets in another order: a swap to check."""
    targets = dict(reading.columns.targets)
    if "sebelum" not in targets or "sesudah" not in targets:
        return
    before, after = (
        [text for text, _ in split_targets(sh.cell_text(values[targets[stage] - 1]))]
        for stage in ("sebelum", "sesudah")
    )
    if len(before) > 1 and before != after and sorted(before) == sorted(after):
        columns = [reading.header.column(targets[stage]) for stage in ("sebelum", "sesudah")]
        reading.add(
            TARGET_SPLIT,
            "warning",
            f"target {columns[0].label} ({', '.join(before)}) dan {columns[1].label} "
            f"({', '.join(after)}) berisi angka yang sama dengan urutan tertukar; periksa "
            "pasangan indikator dan target",
            line=row,
            column=columns[1].letter,
            expected=", ".join(before),
            actual=", ".join(after),
        )


def _indikator(
    reading: _Reading, row: int, values: list[Any], target_column: int | None
) -> list[SourceIndikator]:
    columns = reading.columns
    raw_names = sh.cell_text(values[columns.indikator - 1]) if columns.indikator else ""
    names = [line.strip().rstrip(";").strip() for line in raw_names.splitlines()]
    names = [sh.clean(name) for name in names if name and name not in ("-", "–")]
    targets = _targets(reading, row, values, target_column, columns.satuan)
    targets_n1 = _targets(reading, row, values, columns.target_n1, columns.satuan_n1)
    for found, column in ((targets, target_column), (targets_n1, columns.target_n1)):
        if found and names and len(found) != len(names) and column:
            cell = reading.at(row, column).cell
            reading.add(
                TARGET_SPLIT,
                "warning",
                f"sel {cell} memuat {len(found)} target untuk {len(names)} indikator; "
                "target dipasangkan menurut urutan baris, periksa pasangannya",
                line=row,
                column=sh.letter(column),
                expected=str(len(names)),
                actual=str(len(found)),
            )
    count = max(len(names), len(targets), len(targets_n1))
    return [
        SourceIndikator(
            name=names[i] if i < len(names) else "",
            target=targets[i][0] if i < len(targets) else None,
            satuan=targets[i][1] if i < len(targets) else "",
            target_n1=targets_n1[i][0] if i < len(targets_n1) else None,
            satuan_n1=targets_n1[i][1] if i < len(targets_n1) else "",
        )
        for i in range(count)
    ]


def _targets(
    reading: _Reading, row: int, values: list[Any], column: int | None, satuan: int | None
) -> list[tuple[Printed, str]]:
    """(value, satuan) pairs of a target cell; a separate satuan column wins if there is one."""
    if not column or sh.is_blank(values[column - 1]):
        return []
    value = values[column - 1]
    location = reading.at(row, column)
    number = reading.header.column(column).number
    if not isinstance(value, str):
        target = sh.printed(value, location, number)
        return [(target, _text(values, satuan))] if target else []
    pairs = split_targets(value)
    if satuan and len(pairs) == 1:
        pairs = [(pairs[0][0], _text(values, satuan) or pairs[0][1])]
    return [(Printed(text=text, location=location, column=number), unit) for text, unit in pairs]


def split_targets(text: str) -> list[tuple[str, str]]:
    """A target cell as (value, satuan) pairs, one per indikator.

    `14 Dokumen` → [(14, Dokumen)]; `80 %\\n100 %` → one pair per line; `80\\n100 %\\n%`
    (values stacked over satuan, as when two columns were pasted into one cell) →
    [(80, %), (100, %)]; `-` → []; text that is not a number (`BB`) → [(BB, '')].
    """
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines or lines in (["-"], ["–"]):
        return []
    per_line = [_value_and_unit(line) for line in lines]
    if all(pair is not None for pair in per_line):
        return [pair for pair in per_line if pair is not None]
    values, rest = _leading_values(text.strip())
    if not values:
        return [(sh.clean(text), "")]
    units = [sh.clean(line) for line in rest.splitlines() if line.strip()]
    if len(units) == 1:
        units = units * len(values)
    return [(value, units[i] if i < len(units) else "") for i, value in enumerate(values)]


def _value_and_unit(line: str) -> tuple[str, str] | None:
    token, _, rest = line.partition(" ")
    unit = rest.strip()
    if token.endswith("%") and len(token) > 1:
        token, unit = token[:-1], ("%" + (" " + unit if unit else "")).strip()
    return (token, unit) if is_number_text(token) else None


def _leading_values(text: str) -> tuple[list[str], str]:
    """The number tokens at the start of `text`, and the text after them."""
    values: list[str] = []
    position = 0
    for match in re.finditer(r"\s*(\S+)", text):
        token = match.group(1)
        if not is_number_text(token.rstrip("%")) or not token.rstrip("%"):
            break
        values.append(token.rstrip("%"))
        position = match.end()
        if token.endswith("%"):
            break
    return values, text[position:]


def _continue_indikator(reading: _Reading, row: int, values: list[Any]) -> None:
    """A row with only an indikator (and its targets): one more indikator of the item above."""
    assert reading.last_key is not None
    node = reading.nodes[reading.last_key]
    target_column = dict(reading.columns.targets).get(reading.target_stage)
    node.row.indikator += _indikator(reading, row, values, target_column)


def _place(reading: _Reading, item: _Row) -> None:
    """Put an item row in the tree: merged with an earlier copy of its code, or new."""
    key = item.code or f"#{item.line}"
    reading.last_key = key
    existing = reading.nodes.get(key)
    if existing is not None:
        _merge(reading, existing, item)
        return
    reading.nodes[key] = _Node(row=item, lines=[item.line])
    reading.last_at[item.level] = key
    parent = _parent_key(reading, item)
    if parent is None:
        reading.top.append(key)
    else:
        reading.nodes[parent].children.append(key)


def _parent_key(reading: _Reading, item: _Row) -> str | None:
    if item.level == sh.PROGRAM:
        return None
    parent_level = sh.PROGRAM if item.level == sh.KEGIATAN else sh.KEGIATAN
    if item.code:
        parent = sh.parent_code(item.code, item.level)
        if parent in reading.nodes:
            return parent
    else:
        parent = reading.last_at.get(parent_level, "")
        if parent:
            return parent
    reading.add(
        sh.CODE_FORMAT,
        "warning",
        f"{sh.LEVEL_NAMES[item.level]} {item.code or item.name} tanpa "
        f"{sh.LEVEL_NAMES[parent_level]} induk {parent!r} di atasnya; ditaruh di tingkat teratas",
        line=item.line,
        code=item.code,
        row=item.name,
    )
    return None


def _merge(reading: _Reading, node: _Node, copy: _Row) -> None:
    first = node.row
    node.lines.append(copy.line)
    reading.last_at[copy.level] = copy.code
    what = f"{sh.LEVEL_NAMES[copy.level]} {copy.code}"
    if copy.empty:
        if not first.empty:
            message = f"{what} diulang di baris {copy.line} tanpa indikator, target dan pagu; "
            message += f"nilai dari baris {first.line} dipakai"
            reading.add(
                sh.MISSING_VALUE, "warning", message, line=copy.line, code=copy.code, row=copy.name
            )
        return
    if first.empty:
        node.row = copy
        return
    if copy.signature() != first.signature():
        differs = _differences(first, copy)
        reading.add(
            sh.CODE_FORMAT,
            "warning",
            f"{what} di baris {copy.line} berbeda dari salinannya di baris {first.line} "
            f"({differs}); isi baris {first.line} dipakai",
            line=copy.line,
            code=copy.code,
            row=copy.name,
        )


def _differences(first: _Row, copy: _Row) -> str:
    labels = ("uraian", "indikator", "angka target/pagu", "lokasi", "sumber dana")
    return ", ".join(
        label
        for label, a, b in zip(labels, first.signature(), copy.signature(), strict=True)
        if a != b
    )


# --- the result ---------------------------------------------------------------------------


def _result(reading: _Reading, code_cells: list[str]) -> SourceRenja:
    _report_copies(reading)
    _report_blocks(reading)
    _report_empty(reading)
    if code_cells:
        reading.add(
            sh.CODE_FORMAT,
            "warning",
            f"{len(code_cells)} sel kode tersimpan sebagai angka (mis. {sh.examples(code_cells)}); "
            "angka nol di depan bisa hilang (1 untuk 01); simpan kode sebagai teks",
        )
    labels = {c.letter: c.label for c in reading.header.columns}
    number_findings = sh.number_as_text_findings(
        reading.text_amounts, labels, table=reading.sheet.title
    )
    ignored = [reading.header.column(c).label for c in reading.columns.ignored]
    if ignored:
        reading.add(sh.LAYOUT, "info", f"kolom yang tidak dibaca: {'; '.join(ignored)}")
    titles = _titles(reading)
    year = next((t.years[0] for t in titles if t.role == "document" and t.years), None)
    if year is None:  # only a table caption names it: "… Tahun 2025 dan Prakiraan Maju …"
        year = next((t.years[0] for t in titles if t.role == "table" and t.years), None)
    total = reading.total or (None, None)
    return SourceRenja(
        source=reading.source,
        year=year,
        opd_name=reading.opd_name,
        items=tuple(_item(reading, key) for key in reading.top),
        total_pagu=total[0],
        total_pagu_n1=total[1],
        titles=titles,
        numbers=tuple(reading.numbers),
        findings=tuple(reading.findings + number_findings),
    )


def _item(reading: _Reading, key: str) -> SourceItem:
    node = reading.nodes[key]
    row = node.row
    return SourceItem(
        level=row.level,
        name=row.name,
        code=row.code,
        lokasi=row.lokasi,
        sumber_dana=row.sumber_dana,
        catatan_penting=row.catatan_penting,
        pagu=row.pagu,
        pagu_n1=row.pagu_n1,
        indikator=tuple(row.indikator),
        children=tuple(_item(reading, child) for child in node.children),
        location=row.location,
    )


def _report_copies(reading: _Reading) -> None:
    for key, node in reading.nodes.items():
        row = node.row
        if len(node.lines) > 1:
            lines = ", ".join(map(str, node.lines))
            reading.add(
                sh.CODE_FORMAT,
                "info",
                f"{sh.LEVEL_NAMES[row.level]} {key} duplikat: ditulis {len(node.lines)} kali "
                f"(baris {lines}); digabung menjadi satu",
                line=node.lines[1],
                code=row.code,
                row=row.name,
            )
        elif row.empty and row.level == sh.SUB_KEGIATAN:
            reading.add(
                sh.MISSING_VALUE,
                "warning",
                f"sub kegiatan {row.code or row.name} tanpa indikator, target dan pagu",
                line=row.line,
                code=row.code,
                row=row.name,
            )


def _report_blocks(reading: _Reading) -> None:
    for code, rows in reading.blocks.items():
        level = sh.LEVEL_NAMES[sh.code_level(code) or sh.URUSAN]
        placeholders: dict[str, list[int]] = {}
        for line, name in rows:
            if PLACEHOLDER.search(name):
                placeholders.setdefault(name, []).append(line)
        for name, lines in placeholders.items():
            reading.add(
                sh.NOMENCLATURE,
                "warning",
                f"{level} {code} ditulis dengan label pengganti {name!r} (baris "
                f"{', '.join(map(str, lines))}), bukan nama resminya",
                line=lines[0],
                code=code,
                row=name,
                actual=name,
            )
        if len(rows) > 1:
            names = sorted({name for _, name in rows})
            reading.add(
                sh.CODE_FORMAT,
                "info",
                f"blok {level} {code} diulang {len(rows)} kali (baris "
                f"{', '.join(str(line) for line, _ in rows)}; label: {'; '.join(names)})",
                line=rows[1][0],
                code=code,
            )


def _report_empty(reading: _Reading) -> None:
    if reading.empty_rows:
        reading.add(
            sh.LAYOUT,
            "info",
            f"{len(reading.empty_rows)} baris kosong di tengah tabel dilewati (baris "
            f"{', '.join(map(str, reading.empty_rows))})",
            line=reading.empty_rows[0],
        )


def _titles(reading: _Reading) -> tuple[Title, ...]:
    titles = [
        Title(
            text=text,
            role="table" if TABLE_TITLE.search(text) else "document",
            years=sh.years_in(text),
            location=reading.at(row, column),
        )
        for row, column, text in sh.title_lines(reading.sheet, reading.header.first_row - 1)
    ]
    for column in reading.header.columns:
        years = sh.years_in(column.text)
        if years:
            titles.append(
                Title(
                    text=column.text,
                    role="column",
                    years=years,
                    location=reading.at(reading.header.first_row, column.index),
                )
            )
    return tuple(titles)


def walk(items: tuple[SourceItem, ...]) -> Iterator[SourceItem]:
    """Every item of a tree, parents before children."""
    for item in items:
        yield item
        yield from walk(item.children)
