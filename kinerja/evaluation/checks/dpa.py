"""The checks of a DPA/RKA rincian belanja print (`SourceDpa`): do its figures add up?

A DPA prints one sub kegiatan's budget several times over: the item lines, the subtotal
of every group line (`[ # ]`, `[ - ]`) and kode rekening, the total of akun 5, "Jumlah
Anggaran Sub Kegiatan", Alokasi Tahun n in the header, Masukan among the indikator, and
the monthly plan with its Jumlah. They must all agree. The checks:

- `pagu-sum` (error): a printed subtotal against its direct parts (a `[ - ]` against its
  item lines, a `[ # ]` against its `[ - ]`, a rekening against its groups or the
  rekening below it) when it also differs from the item lines below it, so a wrong
  figure is reported once, where it stands, not again on every total above it; then every
  figure of the whole sub kegiatan (akun 5, Jumlah Anggaran Sub Kegiatan, Alokasi Tahun
  n, the monthly plan's Jumlah) against the sum of the item lines, and the months against
  their Jumlah. Masukan's "Dana Yang Dibutuhkan" is compared too, as a warning (it is the
  kegiatan block's figure). A difference within rounding is `pagu-rounding` (warning).
- `formula-mismatch` (error): an item's koefisien × harga (+ PPN) is not its jumlah.
- `number-typo`: every printed figure, read by the one parser (`parse_number`).
- `missing-value` (warning): an Alokasi Tahun, subtotal, month or total left empty.
- `code-format` (error): the header's codes do not nest (sub kegiatan under kegiatan
  under program under bidang under urusan).
- one `pagu-sum` `info` finding saying what was verified and with what result, so a
  file that adds up says so instead of saying nothing.

Alokasi Tahun −1 and +1 are other years' figures: checked for form, not compared.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from kinerja.evaluation.checks.cells import PrintedCell
from kinerja.evaluation.checks.judge import is_blank, reading
from kinerja.evaluation.checks.report import (
    ERROR,
    INFO,
    WARNING,
    Where,
    angka,
    finding,
    line_of,
    rupiah,
    sort_findings,
)
from kinerja.evaluation.checks.thresholds import DEFAULT, Thresholds
from kinerja.evaluation.checks.typos import typo_findings
from kinerja.evaluation.numbers import parse_number
from kinerja.evaluation.source import Printed
from kinerja.evaluation.source_dpa import MONTHS, DpaAccount, DpaGroup, DpaItem, SourceDpa
from kinerja.evaluation.types import Finding

MONTHLY = "Rencana Realisasi Belanja per Bulan"
LISTED_PARTS = 6  # a message lists the parts of a total when there are at most this many
LISTED_PLACES = 3  # a whole-document message names at most this many wrong subtotals
_TIMES = r"\s+[x×X]\s+"


def check_source_dpa(doc: SourceDpa, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """Every check of a DPA/RKA rincian belanja, sorted by location, ending with the
    summary (see the module docstring). The reader's findings are not repeated."""
    local = [_judge(total, thresholds) for total in _subtotals(doc)]
    formulas = check_formula_mismatch_dpa(doc, thresholds)
    wrong = [outcome.total.short for outcome in local if outcome is not None and outcome.finding]
    wrong += [f"baris “{finding.row}” (rekening {finding.code})" for finding in formulas]
    whole = [_judge(total, thresholds, wrong=wrong) for total in _document_totals(doc)]
    findings = [o.finding for o in (*local, *whole) if o is not None and o.finding is not None]
    findings += formulas
    findings += check_number_typo_dpa(doc, thresholds)
    findings += check_missing_value_dpa(doc, thresholds)
    findings += check_code_format_dpa(doc, thresholds)
    findings.append(_summary(doc, local, whole, formulas))
    return sort_findings(findings)


def _table(doc: SourceDpa) -> str:
    return f"{doc.kind} Rincian Belanja"


def _sub_kegiatan(doc: SourceDpa) -> tuple[str, str]:
    found = doc.sub_kegiatan
    return (found.name, found.code) if found is not None else ("", "")


# --- totals and their parts ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _Total:
    """A printed total, its parts, and how to name them in a message."""

    label: str  # "[ - ] “JSC” di rekening 5.1.02.04.001.00001 …", "Alokasi Tahun 2026"
    short: str  # for the summary: "Alokasi Tahun 2026", "total akun 5"
    printed: Printed | None
    parts: tuple[tuple[str, Decimal | None], ...]
    part_label: str  # "baris rincian", "rekening di bawahnya", "bulan"
    where: Where
    whole: bool = False  # a figure of the whole sub kegiatan, compared with all items
    account: bool = False  # a kode rekening's subtotal (not a group line's)
    lines: Decimal | None = None  # a subtotal's item lines, summed at any depth
    severity: str = ERROR


def _item_label(item: DpaItem) -> str:
    return f"{item.name} ({item.spesifikasi})" if item.spesifikasi else item.name


def _item_parts(items: Sequence[DpaItem]) -> tuple[tuple[str, Decimal | None], ...]:
    return tuple((_item_label(item), reading(item.jumlah)) for item in items)


def _group_items(doc: SourceDpa, group: DpaGroup) -> list[DpaItem]:
    """The item lines in a group, directly or in its `[ - ]`."""
    numbers = {group.number} | {g.number for g in doc.groups if g.parent == group.number}
    return [item for item in doc.items if item.group in numbers]


def _lines(items: Sequence[DpaItem]) -> Decimal | None:
    """The sum of item lines' jumlah (likely values for typos), None when none reads."""
    amounts = [v for v in (reading(item.jumlah) for item in items) if v is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def _value(printed: Printed | None, items: Sequence[DpaItem]) -> Decimal | None:
    """A part's printed amount (or likely value), else the sum of its item lines."""
    value = reading(printed)
    if value is not None or not is_blank(printed):
        return value
    return _lines(items)


def _where(
    doc: SourceDpa, printed: Printed | None, fallback: int | None, *, row: str, code: str
) -> Where:
    """Where a printed figure stands: its line (else `fallback`) and its column's name."""
    line = line_of(printed.location) if printed is not None else None
    column = printed.column if printed is not None and printed.column else "Jumlah"
    return Where(table=_table(doc), row=row, code=code, column=column, line=line or fallback)


def _group_total(doc: SourceDpa, group: DpaGroup) -> _Total:
    account = doc.account(group.account)
    inside = f" di {account.label}" if account is not None else ""
    children = [g for g in doc.groups if g.parent == group.number]
    parts = tuple((g.label, _value(g.total, _group_items(doc, g))) for g in children)
    direct = [item for item in doc.items if item.group == group.number]
    return _Total(
        label=f"Subtotal {group.label}{inside}",
        short=f"{group.label} (rekening {group.account})" if group.account else group.label,
        printed=group.total,
        parts=parts + _item_parts(direct),
        part_label="baris [ - ]" if children and not direct else "baris rincian",
        lines=_lines(_group_items(doc, group)),
        where=_where(doc, group.total, group.location.line, row=group.name, code=group.account),
    )


def _account_total(doc: SourceDpa, account: DpaAccount) -> _Total:
    children = doc.child_accounts(account)
    parts = tuple(
        (f"{child.code} {child.name}", _value(child.total, doc.items_under(child.code)))
        for child in children
    )
    groups = [g for g in doc.groups if g.account == account.code and g.parent is None]
    parts += tuple((g.label, _value(g.total, _group_items(doc, g))) for g in groups)
    loose = [item for item in doc.items if item.account == account.code and item.group is None]
    part_label = "rekening di bawahnya" if children else "baris [ # ]"
    if not children and not groups:
        part_label = "baris rincian"
    return _Total(
        label=f"Subtotal {account.label}",
        short=account.label,
        account=True,
        lines=_lines(doc.items_under(account.code)),
        printed=account.total,
        parts=parts + _item_parts(loose),
        part_label=part_label,
        where=_where(
            doc, account.total, account.location.line, row=account.name, code=account.code
        ),
    )


def _subtotals(doc: SourceDpa) -> list[_Total]:
    """Every group and non-root account subtotal against its direct parts."""
    roots = {account.code for account in doc.roots()}
    totals = [_group_total(doc, group) for group in doc.groups]
    totals += [_account_total(doc, a) for a in doc.accounts if a.code not in roots]
    return totals


def _document_totals(doc: SourceDpa) -> list[_Total]:
    """The figures of the whole sub kegiatan against the item lines (and the months)."""
    _, code = _sub_kegiatan(doc)
    items = _item_parts(doc.items)
    totals = []
    if doc.alokasi is not None:
        label = _alokasi_label(doc, 0)
        where = _where(doc, doc.alokasi, None, row=label, code=code)
        totals.append(_whole(label, label, doc.alokasi, items, replace(where, year=doc.year)))
    if doc.total is not None:
        where = _where(doc, doc.total, None, row="Jumlah Anggaran Sub Kegiatan", code=code)
        label = "Jumlah Anggaran Sub Kegiatan"
        totals.append(_whole(label, label, doc.total, items, where))
    for root in doc.roots():
        where = _where(doc, root.total, root.location.line, row=root.name, code=root.code)
        part = _item_parts(doc.items_under(root.code))
        label = f"Total {root.label}"
        totals.append(_whole(label, f"total akun {root.code}", root.total, part, where))
    totals += _masukan(doc, items, code)
    totals += _monthly(doc, items)
    return totals


def _whole(
    label: str,
    short: str,
    printed: Printed | None,
    parts: tuple[tuple[str, Decimal | None], ...],
    where: Where,
    severity: str = ERROR,
) -> _Total:
    return _Total(
        label=label,
        short=short,
        printed=printed,
        parts=parts,
        part_label="baris rincian",
        where=where,
        whole=True,
        severity=severity,
    )


def _alokasi_label(doc: SourceDpa, offset: int) -> str:
    if doc.year is not None:
        return f"Alokasi Tahun {doc.year + offset}"
    return "Alokasi Tahun" + ("" if offset == 0 else f" {offset:+d}")


def _masukan(
    doc: SourceDpa, items: tuple[tuple[str, Decimal | None], ...], code: str
) -> list[_Total]:
    totals = []
    for row in doc.indikator:
        if row.kind == "Masukan" and row.amount is not None:
            label = f"Masukan ({row.tolak_ukur})" if row.tolak_ukur else "Masukan"
            where = _where(doc, row.amount, row.location.line, row=label, code=code)
            totals.append(_whole(label, label, row.amount, items, where, severity=WARNING))
    return totals


def _monthly(doc: SourceDpa, items: tuple[tuple[str, Decimal | None], ...]) -> list[_Total]:
    """The months against their printed Jumlah, and that Jumlah against the item lines."""
    if not doc.months:
        return []
    months = tuple((month.name, reading(month.amount)) for month in doc.months)
    first = doc.months[0].amount.location.line
    where = Where(table=MONTHLY, row="Jumlah", column="Jumlah", line=first)
    if doc.months_total is None:
        label = f"Rencana realisasi per bulan (jumlah {len(months)} bulan)"
        total = sum((v for _, v in months if v is not None), Decimal(0))
        printed = Printed(text=angka(total), location=doc.months[0].amount.location)
        return [_whole(label, "rencana realisasi per bulan", printed, items, where)]
    where = Where(
        table=MONTHLY, row="Jumlah", column="Jumlah", line=line_of(doc.months_total.location)
    )
    label = "Jumlah rencana realisasi per bulan"
    own = _Total(
        label=label,
        short="rencana realisasi per bulan",
        printed=doc.months_total,
        parts=months,
        part_label="bulan",
        where=where,
    )
    return [own, _whole(label, "rencana realisasi per bulan", doc.months_total, items, where)]


# --- judging a total ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _Outcome:
    """A total compared: its printed value, the sum of its parts and the finding, if any."""

    total: _Total
    printed: Decimal | None
    parts_sum: Decimal | None
    finding: Finding | None

    @property
    def agrees(self) -> bool:
        return self.finding is None and self.printed is not None and self.parts_sum is not None


def _judge(total: _Total, thresholds: Thresholds, *, wrong: Sequence[str] = ()) -> _Outcome | None:
    """None when there is nothing to compare; else the outcome (with a finding when the
    figures differ). A total printed with letters is left to `number-typo`, an empty one
    to `missing-value`. A subtotal equal to the item lines below it is right even when a
    part between them is not: that part is reported where it stands."""
    values = [value for _, value in total.parts if value is not None]
    printed = total.printed.value if total.printed is not None else None
    if not values or printed is None:
        return None
    parts_sum = sum(values, Decimal(0))
    difference = printed - parts_sum
    outcome = _Outcome(total=total, printed=printed, parts_sum=parts_sum, finding=None)
    if difference == 0 or printed == total.lines:
        return outcome
    if abs(difference) <= len(values) * thresholds.rounding_per_part:
        found = _rounding(total, printed, parts_sum, len(values), thresholds)
    else:
        found = _mismatch(total, printed, parts_sum, len(values), wrong)
    return _Outcome(total=total, printed=printed, parts_sum=parts_sum, finding=found)


def _rounding(
    total: _Total, printed: Decimal, parts_sum: Decimal, count: int, thresholds: Thresholds
) -> Finding:
    message = (
        f"{total.label} tercetak {rupiah(printed)}, jumlah {count} {total.part_label} "
        f"{rupiah(parts_sum)}: selisih {rupiah(abs(printed - parts_sum))}, sebatas pembulatan. "
        f"Samakan dengan jumlah rinciannya. [ambang {thresholds.id}]"
    )
    return finding(
        "pagu-rounding", WARNING, total.where, message, expected=parts_sum, actual=printed
    )


def _mismatch(
    total: _Total, printed: Decimal, parts_sum: Decimal, count: int, wrong: Sequence[str]
) -> Finding:
    difference = printed - parts_sum
    side = "lebih besar" if difference > 0 else "lebih kecil"
    message = (
        f"{total.label} tercetak {rupiah(printed)}, sedangkan {count} {total.part_label} "
        f"berjumlah {rupiah(parts_sum)}: selisih {rupiah(abs(difference))} (tercetak {side})."
    )
    if not total.whole and len(total.parts) <= LISTED_PARTS:
        message += " Rinciannya: " + "; ".join(
            f"{name} {rupiah(value) if value is not None else 'tidak terbaca'}"
            for name, value in total.parts
        )
        message += "."
    if total.whole and wrong:
        places = "; ".join(wrong[:LISTED_PLACES])
        more = f" dan {len(wrong) - LISTED_PLACES} lainnya" if len(wrong) > LISTED_PLACES else ""
        message += f" Selisihnya terlihat pada: {places}{more}."
    message += " Periksa baris rincian dan subtotalnya di SIPD sebelum DPA dipakai."
    return finding(
        "pagu-sum", total.severity, total.where, message, expected=parts_sum, actual=printed
    )


# --- item lines: koefisien × harga = jumlah ------------------------------------------------


def _volume(item: DpaItem) -> Decimal | None:
    """The product of the koefisien's numbers (`2 Orang x 3 Hari` → 6), or None."""
    product = Decimal(1)
    parts = [part for part in re.split(_TIMES, item.koefisien) if part.strip()]
    for part in parts:
        value = parse_number(part.split()[0]).value
        if value is None:
            return None
        product *= value
    return product if parts else None


def check_formula_mismatch_dpa(doc: SourceDpa, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """`formula-mismatch`: an item whose koefisien × harga × (1 + PPN) is not its jumlah
    (beyond `thresholds.rounding_per_part`)."""
    findings = []
    for item in doc.items:
        expected = _expected(item)
        jumlah = reading(item.jumlah)
        if expected is None or jumlah is None:
            continue
        if abs(expected - jumlah) > thresholds.rounding_per_part:
            findings.append(_formula(doc, item, expected, jumlah))
    return findings


def _expected(item: DpaItem) -> Decimal | None:
    volume, harga = _volume(item), reading(item.harga)
    ppn = reading(item.ppn) if item.ppn is not None else Decimal(0)
    if volume is None or harga is None or ppn is None:
        return None
    return volume * harga * (1 + ppn / 100)


def _formula(doc: SourceDpa, item: DpaItem, expected: Decimal, jumlah: Decimal) -> Finding:
    ppn = item.ppn.text.strip() if item.ppn is not None else "0%"
    account = doc.account(item.account)
    inside = f" di {account.label}" if account is not None else ""
    message = (
        f"Baris rincian “{_item_label(item)}”{inside}: koefisien {item.koefisien} × harga "
        f"{rupiah(reading(item.harga) or Decimal(0))} (PPN {ppn}) = {rupiah(expected)}, "
        f"tetapi jumlahnya tercetak {rupiah(jumlah)}: selisih {rupiah(abs(expected - jumlah))}. "
        "Periksa koefisien, harga atau jumlah baris ini."
    )
    where = _where(doc, item.jumlah, item.location.line, row=item.name, code=item.account)
    return finding("formula-mismatch", ERROR, where, message, expected=expected, actual=jumlah)


# --- the form of every figure -------------------------------------------------------------


def _cells(doc: SourceDpa) -> Iterator[PrintedCell]:
    _, code = _sub_kegiatan(doc)
    alokasi = ((doc.alokasi_prev, -1), (doc.alokasi, 0), (doc.alokasi_next, 1))
    for printed, offset in alokasi:
        if printed is not None:
            year = doc.year + offset if doc.year is not None else None
            where = _where(doc, printed, None, row=_alokasi_label(doc, offset), code=code)
            yield PrintedCell(printed=printed, where=replace(where, year=year), money=True)
    for row in doc.indikator:
        if row.amount is not None:
            yield _cell(doc, row.amount, row.kind, code)
    for account in doc.accounts:
        if account.total is not None:
            yield _cell(doc, account.total, account.name, account.code)
    for group in doc.groups:
        if group.total is not None:
            yield _cell(doc, group.total, group.label, group.account)
    for item in doc.items:
        for printed in (item.volume, item.harga, item.ppn, item.jumlah):
            if printed is not None:
                yield _cell(doc, printed, item.name, item.account, money=printed is not item.ppn)
    if doc.total is not None:
        yield _cell(doc, doc.total, "Jumlah Anggaran Sub Kegiatan", code)
    for month in doc.months:
        where = Where(table=MONTHLY, row=month.name, column=month.name, line=_line(month.amount))
        yield PrintedCell(printed=month.amount, where=where, money=True)
    if doc.months_total is not None:
        where = Where(table=MONTHLY, row="Jumlah", column="Jumlah", line=_line(doc.months_total))
        yield PrintedCell(printed=doc.months_total, where=where, money=True)


def _line(printed: Printed) -> int | None:
    return line_of(printed.location)


def _cell(doc: SourceDpa, printed: Printed, row: str, code: str, money: bool = True) -> PrintedCell:
    return PrintedCell(
        printed=printed, where=_where(doc, printed, None, row=row, code=code), money=money
    )


def check_number_typo_dpa(doc: SourceDpa, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """`number-typo` on every printed figure: letters in an amount, unreadable separators."""
    return typo_findings(_cells(doc))


def check_missing_value_dpa(doc: SourceDpa, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """`missing-value` (warning): an empty Alokasi Tahun (or no Alokasi Tahun n at all), an
    empty subtotal, no Jumlah Anggaran Sub Kegiatan, months missing from a DPA's plan."""
    _, code = _sub_kegiatan(doc)
    findings = []
    for printed, offset in ((doc.alokasi_prev, -1), (doc.alokasi, 0), (doc.alokasi_next, 1)):
        label = _alokasi_label(doc, offset)
        if printed is None and offset == 0:
            where = Where(table=_table(doc), row=label, code=code, column="Alokasi Tahun")
            message = (
                f"{label} tidak tercetak di bagian atas {doc.kind}; pagu sub kegiatan tidak "
                "dapat dibandingkan dengan rinciannya."
            )
            findings.append(finding("missing-value", WARNING, where, message))
        elif printed is not None and is_blank(printed):
            where = _where(doc, printed, None, row=label, code=code)
            message = (
                f"{label} kosong di bagian atas {doc.kind}; isi dengan pagu tahun tersebut "
                "(Rp0,00 bila memang tidak ada)."
            )
            findings.append(finding("missing-value", WARNING, where, message))
    findings += _missing_subtotals(doc)
    findings += _missing_months(doc)
    return findings


def _missing_subtotals(doc: SourceDpa) -> list[Finding]:
    findings = []
    named: list[tuple[str, Printed | None, Where]] = [
        (a.label, a.total, _where(doc, a.total, a.location.line, row=a.name, code=a.code))
        for a in doc.accounts
    ]
    named += [
        (g.label, g.total, _where(doc, g.total, g.location.line, row=g.name, code=g.account))
        for g in doc.groups
    ]
    for label, printed, where in named:
        if is_blank(printed):
            message = f"Subtotal {label} tidak tercetak; jumlahnya tidak dapat diperiksa."
            findings.append(finding("missing-value", WARNING, where, message))
    if doc.items and is_blank(doc.total):
        _, code = _sub_kegiatan(doc)
        where = Where(table=_table(doc), row="Jumlah Anggaran Sub Kegiatan", code=code)
        message = "Jumlah Anggaran Sub Kegiatan tidak tercetak di akhir rincian belanja."
        findings.append(finding("missing-value", WARNING, where, message))
    return findings


def _missing_months(doc: SourceDpa) -> list[Finding]:
    if doc.kind not in ("DPA", "DPPA") or not doc.items:
        return []
    findings = []
    present = {month.month for month in doc.months}
    missing = [name for number, name in enumerate(MONTHS, start=1) if number not in present]
    if missing:
        what = "tidak ditemukan" if not present else f"tidak memuat {', '.join(missing)}"
        message = (
            f"Rencana realisasi belanja per bulan {what}; rencana penarikan dananya tidak "
            "dapat diperiksa."
        )
        findings.append(finding("missing-value", WARNING, Where(table=MONTHLY), message))
    for month in doc.months:
        if is_blank(month.amount):
            where = Where(
                table=MONTHLY, row=month.name, column=month.name, line=_line(month.amount)
            )
            message = f"Rencana realisasi bulan {month.name} kosong; tulis Rp0,00 bila tidak ada."
            findings.append(finding("missing-value", WARNING, where, message))
    return findings


def check_code_format_dpa(doc: SourceDpa, thresholds: Thresholds = DEFAULT) -> list[Finding]:
    """`code-format` (error): a header code that does not begin with its parent's code."""
    chain = [
        ("Urusan", doc.urusan),
        ("Bidang Urusan", doc.bidang),
        ("Program", doc.program),
        ("Kegiatan", doc.kegiatan),
        ("Sub Kegiatan", doc.sub_kegiatan),
    ]
    present = [(label, entry) for label, entry in chain if entry is not None and entry.code]
    findings = []
    for (parent_label, parent), (label, entry) in zip(present, present[1:], strict=False):
        if parent is None or entry is None or entry.code.startswith(parent.code + "."):
            continue
        where = Where(
            table=_table(doc), row=entry.name, code=entry.code, line=line_of(entry.location)
        )
        message = (
            f"Kode {label} {entry.code} tidak berada di bawah kode {parent_label} "
            f"{parent.code}; periksa kode di bagian atas {doc.kind}."
        )
        expected = f"{parent.code}.…"
        findings.append(
            finding("code-format", ERROR, where, message, expected=expected, actual=entry.code)
        )
    return findings


# --- what was verified --------------------------------------------------------------------


def _summary(
    doc: SourceDpa,
    local: Sequence[_Outcome | None],
    whole: Sequence[_Outcome | None],
    formulas: Sequence[Finding],
) -> Finding:
    name, code = _sub_kegiatan(doc)
    where = Where(table=_table(doc), row=name or "Rincian belanja", code=code)
    amounts = [v for v in (reading(item.jumlah) for item in doc.items) if v is not None]
    items_sum = sum(amounts, Decimal(0))
    sentences = [_whole_sentence(doc, items_sum, whole)]
    sentences.append(_local_sentence(local))
    if doc.items:
        checked = sum(_expected(item) is not None for item in doc.items)
        wrong = len(formulas)
        result = "semuanya sesuai" if not wrong else f"{wrong} tidak sesuai"
        sentences.append(
            f"Koefisien × harga (+ PPN) = jumlah diperiksa pada {checked} baris: {result}."
        )
    sentences.append(_other_years(doc))
    if any(f.rule == "layout" and f.severity != INFO for f in doc.findings):
        sentences.append(
            "Sebagian cetakan tidak terbaca (lihat temuan layout): jumlah di atas mungkin "
            "tidak lengkap, dan selisihnya bisa berasal dari bagian itu."
        )
    message = " ".join(sentence for sentence in sentences if sentence)
    return finding("pagu-sum", INFO, where, message, expected=items_sum if doc.items else None)


def _whole_sentence(doc: SourceDpa, items_sum: Decimal, whole: Sequence[_Outcome | None]) -> str:
    if not doc.items:
        return "Tidak ada baris rincian yang terbaca: pagu sub kegiatan tidak dapat diperiksa."
    differ = list(dict.fromkeys(o.total.short for o in whole if o is not None and o.finding))
    agreeing = (o.total.short for o in whole if o is not None and o.agrees)
    same = [short for short in dict.fromkeys(agreeing) if short not in differ]
    text = f"{len(doc.items)} baris rincian berjumlah {rupiah(items_sum)}"
    if same:
        text += f", sama dengan {_and(same)}"
    if differ:
        text += f"{';' if same else ','} berbeda dengan {_and(differ)} (lihat temuan pagu-sum)"
    if not same and not differ:
        text += "; tidak ada total tercetak yang dapat dibandingkan"
    return text + "."


def _local_sentence(local: Sequence[_Outcome | None]) -> str:
    compared = [outcome for outcome in local if outcome is not None]
    if not compared:
        return ""
    accounts = sum(outcome.total.account for outcome in compared)
    what = f"{accounts} rekening dan {len(compared) - accounts} baris [ # ]/[ - ]"
    wrong = sum(outcome.finding is not None for outcome in compared)
    if not wrong:
        return f"Subtotal {what} sama dengan rinciannya."
    return f"Dari subtotal {what}, {wrong} tidak sama dengan rinciannya."


def _other_years(doc: SourceDpa) -> str:
    noted = []
    for printed, offset in ((doc.alokasi_next, 1), (doc.alokasi_prev, -1)):
        value = printed.value if printed is not None else None
        if value is not None:
            noted.append(f"{_alokasi_label(doc, offset)} {rupiah(value)}")
    if not noted:
        return ""
    return f"{_and(noted)} dicatat, tidak dibandingkan (tahun lain)."


def _and(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} dan {names[-1]}"
