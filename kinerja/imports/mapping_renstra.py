"""A Renstra extract (`SourceRenstra`) → plan-file data (kinerja-plan v1) and findings. Pure.

- **Tree from the codes**: program → kegiatan → sub kegiatan, in file order; a row's
  indikator goes on the deepest item its codes name (usually the sub kegiatan).
- **Indikator**: one per row, with `kondisi_awal` from `volume_awal` and `targets` by
  year from the volumes inside the period (`volume_0`, the year before, has no place in
  the plan and is counted in one finding). Semantics (jenis, polaritas, sifat) are not in
  the file: they are inferred from satuan and name and reported (`semantics-inferred`).
- **Pagu by year on the sub kegiatan, taken once**, whatever the rows did: the same
  amount on every row (repeated) → once; one row carrying it and the others 0 or blank →
  that row's amount; different amounts → their sum (split), with a warning. A year with
  no pagu on any row is left out (`missing-value`).
- **Nomenclature**: the codes and names found; the bidang is the program code's prefix
  (not the float-mangled `kodebidang`), named by the `uraibidang` of the rows whose
  `kodebidang` means the same number; urusan names from `URUSAN_NAMES`.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kinerja.evaluation.source import Printed, SourceRenstra, SourceRenstraRow
from kinerja.evaluation.types import Finding
from kinerja.evaluation.values import change_word
from kinerja.imports import mapping_nomenclature as nomenclature
from kinerja.imports.parsers import sheet as sh
from kinerja.imports.parsers.csv_renstra import BASELINE
from kinerja.imports.plan_values import canonical_decimal

SEMANTICS_INFERRED = "semantics-inferred"
TABLE = "Renstra"
# Words in an indikator name that make lower values better.
NEGATIVE_WORDS = re.compile(
    r"\b(kematian|kemiskinan|miskin|pengangguran|prevalensi|stunting|inflasi|temuan|"
    r"kecelakaan|kerugian|tunggakan)\b",
    re.IGNORECASE,
)


@dataclass
class _Item:
    level: str
    code: str
    names: list[str] = field(default_factory=list)
    rows: list[SourceRenstraRow] = field(default_factory=list)
    children: dict[str, "_Item"] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return next((name for name in self.names if name), "")


def to_plan(
    doc: SourceRenstra,
    *,
    pemda: str,
    opd_code: str,
    opd_name: str | None = None,
    edition_code: str | None = None,
) -> tuple[dict[str, Any], list[Finding]]:
    """The plan data of a Renstra extract, and what the mapping noticed.

    `edition_code` names the nomenclature edition the codes belong to; by default the
    entries are filed under an edition named after the file's period, and an info
    finding says so.
    """
    findings: list[Finding] = []
    programs = _tree(doc.rows, findings)
    data: dict[str, Any] = {
        "format": "kinerja-plan",
        "version": 1,
        "note": (
            f"Renstra dari {doc.source} (ekstrak Renstra gaya SIPD); semantik indikator "
            "diduga dari satuan dan nama, periksa sebelum dipakai"
        ),
        "pemda": {"name": pemda or doc.pemda or "(pemda belum diisi)"},
        "perangkat_daerah": _opd(doc, programs, opd_code, opd_name),
    }
    edition = edition_code or f"renstra-{doc.first_year}-{doc.last_year}"
    if not edition_code:
        findings.append(_edition_note(edition))
    data["nomenclature"] = nomenclature.section(edition, _entries(doc.rows, programs, findings))
    if doc.first_year is None or doc.last_year is None:
        findings.append(
            Finding(
                rule=sh.LAYOUT,
                severity="error",
                table=TABLE,
                message="periode Renstra tidak diketahui (idperiode); Renstra tidak dipetakan",
            )
        )
        return data, findings
    period = range(doc.first_year, doc.last_year + 1)
    mapper = _Mapper(period=period)
    data["renstra"] = {
        "first_year": doc.first_year,
        "last_year": doc.last_year,
        "items": [mapper.item(program) for program in programs.values()],
    }
    return data, findings + mapper.summary(doc.rows)


def _opd(
    doc: SourceRenstra, programs: dict[str, _Item], opd_code: str, opd_name: str | None
) -> dict[str, Any]:
    bidang = sorted({_prefix(code, 2) for code in programs})
    opd: dict[str, Any] = {"code": opd_code, "name": opd_name or doc.opd_name or opd_code}
    valid = [code for code in bidang if re.fullmatch(r"[0-9X]\.[0-9X]{2}", code)]
    if valid:
        opd["bidang_urusan"] = valid
    return opd


def _edition_note(edition: str) -> Finding:
    return Finding(
        rule=sh.LAYOUT,
        severity="info",
        table=TABLE,
        message=(
            f"kode dan nama nomenklatur dari berkas dicatat sebagai edisi {edition!r}; "
            "pilih edisi keputusan resmi (edition_code) bila sudah dimuat"
        ),
    )


def _prefix(code: str, parts: int) -> str:
    return ".".join(code.split(".")[:parts])


# --- the tree -------------------------------------------------------------------------------


def _tree(rows: Iterable[SourceRenstraRow], findings: list[Finding]) -> dict[str, _Item]:
    programs: dict[str, _Item] = {}
    for row in rows:
        if not row.kode_program:
            findings.append(_unplaced(row))
            continue
        item = _child(programs, sh.PROGRAM, row.kode_program, row.nama_program)
        for level, code, name, parts in (
            (sh.KEGIATAN, row.kode_kegiatan, row.nama_kegiatan, 3),
            (sh.SUB_KEGIATAN, row.kode_sub_kegiatan, row.nama_sub_kegiatan, 5),
        ):
            if not code:
                break
            if _prefix(code, parts) != item.code:
                findings.append(_prefix_mismatch(row, level, code, item.code))
            item = _child(item.children, level, code, name)
        item.rows.append(row)
    return programs


def _child(items: dict[str, _Item], level: str, code: str, name: str) -> _Item:
    item = items.setdefault(code, _Item(level=level, code=code))
    if name not in item.names:
        item.names.append(name)
    return item


def _unplaced(row: SourceRenstraRow) -> Finding:
    return Finding(
        rule=sh.CODE_FORMAT,
        severity="warning",
        table=TABLE,
        line=row.location.line,
        row=row.indikator,
        message="baris tanpa kode program tidak dapat ditempatkan; tidak dipetakan",
    )


def _prefix_mismatch(row: SourceRenstraRow, level: str, code: str, parent: str) -> Finding:
    return Finding(
        rule=sh.CODE_FORMAT,
        severity="warning",
        table=TABLE,
        line=row.location.line,
        code=code,
        message=(
            f"kode {sh.LEVEL_NAMES[level]} {code} tidak diawali kode induknya {parent}; "
            f"ditempatkan di bawah {parent} sesuai kolomnya"
        ),
    )


# --- nomenclature ---------------------------------------------------------------------------


def _entries(
    rows: tuple[SourceRenstraRow, ...], programs: dict[str, _Item], findings: list[Finding]
) -> list[nomenclature.Entry]:
    entries = []
    for urusan in sorted({_prefix(code, 1) for code in programs}):
        name = nomenclature.URUSAN_NAMES.get(urusan, "")
        if not name:
            findings.append(_unknown_urusan(urusan))
            name = f"(nama urusan {urusan} belum diketahui)"
        entries.append(nomenclature.Entry(level=sh.URUSAN, code=urusan, name=name))
    for bidang in sorted({_prefix(code, 2) for code in programs}):
        name = _bidang_name(bidang, rows)
        entries.append(nomenclature.Entry(level=sh.BIDANG_URUSAN, code=bidang, name=name))
    for item in _walk(programs.values()):
        entries.append(
            nomenclature.Entry(
                level=item.level,
                code=item.code,
                name=item.name,
                kinerja=_single(row.kinerja for row in item.rows),
            )
        )
        if len({name for name in item.names if name}) > 1:
            findings.append(_names_differ(item))
    return entries


def _bidang_name(bidang: str, rows: tuple[SourceRenstraRow, ...]) -> str:
    """The uraibidang of a row whose kodebidang is the same number (3.3 = 3.30)."""
    for row in rows:
        name = row.nama_bidang
        if name and _same_number(row.kode_bidang, bidang):
            return str(name)
    return f"(nama bidang urusan {bidang} tidak ada di berkas)"


def _same_number(printed: str, code: str) -> bool:
    exact = sh.exact_decimal(printed)
    return exact is not None and exact == sh.exact_decimal(code)


def _single(values: Iterable[str]) -> str:
    found = {value for value in values if value}
    return found.pop() if len(found) == 1 else ""


def _unknown_urusan(urusan: str) -> Finding:
    return Finding(
        rule=sh.NOMENCLATURE,
        severity="warning",
        table=TABLE,
        code=urusan,
        message=f"nama urusan {urusan} tidak dikenal dan tidak ada di berkas; lengkapi",
    )


def _names_differ(item: _Item) -> Finding:
    return Finding(
        rule=sh.NOMENCLATURE,
        severity="warning",
        table=TABLE,
        code=item.code,
        line=item.rows[0].location.line if item.rows else None,
        message=(
            f"{sh.LEVEL_NAMES[item.level]} {item.code} ditulis dengan nama berbeda: "
            f"{'; '.join(repr(name) for name in item.names)}; dipakai yang pertama"
        ),
    )


def _walk(items: Iterable[_Item]) -> Iterable[_Item]:
    for item in items:
        yield item
        yield from _walk(item.children.values())


# --- items, indikator and pagu ----------------------------------------------------------


@dataclass
class _Mapper:
    """Maps items one by one and gathers what the summary findings need."""

    period: range
    findings: list[Finding] = field(default_factory=list)
    semantics: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    year_zero: int = 0
    taken: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    def item(self, item: _Item) -> dict[str, Any]:
        data: dict[str, Any] = {"level": item.level, "code": item.code}
        data["name"] = item.name or f"(tanpa nama {sh.LEVEL_NAMES[item.level]} {item.code})"
        indikator = [found for row in item.rows if (found := self.indikator(row, item))]
        if indikator:
            data["indikator"] = indikator
        if item.children:
            data["children"] = [self.item(child) for child in item.children.values()]
        elif item.rows:
            pagu = self.pagu(item)
            if pagu:
                data["pagu"] = pagu
        return data

    def indikator(self, row: SourceRenstraRow, item: _Item) -> dict[str, Any] | None:
        if not row.indikator:
            self.findings.append(_missing(row, item.code, "nama indikator kosong; baris dilewati"))
            return None
        jenis, polaritas, sifat = infer_semantics(row.satuan, row.indikator)
        self.semantics.setdefault((jenis, polaritas, sifat), []).append(row.satuan or "-")
        data: dict[str, Any] = {"key": self._key(item.code, row.kode_indikator)}
        data.update(name=row.indikator, jenis=jenis, polaritas=polaritas, sifat=sifat)
        word = change_word(row.indikator, jenis)
        if word:
            data["allows_negative"] = True
            self.findings.append(_change_rate(row, item.code, word))
        if row.satuan:
            data["satuan"] = row.satuan
        values = [v for v in (self._value(row, item, y, p) for y, p in row.volume) if v]
        awal = [value for year, value in values if year == BASELINE]
        if awal:
            data["kondisi_awal"] = awal[0]
        targets = {
            int(year): value
            for year, value in values
            if year != BASELINE and year.isdigit() and int(year) in self.period
        }
        if targets:
            data["targets"] = targets
        self.year_zero += any(y.isdigit() and int(y) < self.period[0] for y, _ in row.volume)
        places = max((_places(value) for _, value in values), default=0)
        if places:
            data["decimals"] = min(places, 6)
        return data

    def _key(self, code: str, kode_indikator: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", f"{code}-{kode_indikator}".lower()).strip("-")
        key, number = base, 1
        while key in self.keys:
            number += 1
            key = f"{base}-{number}"
        self.keys.add(key)
        return key

    def _value(
        self, row: SourceRenstraRow, item: _Item, year: str, printed: Printed
    ) -> tuple[str, Decimal | int] | None:
        if printed.value is None:
            problem = printed.parsed.message or f"{printed.text!r} bukan angka"
            self.findings.append(_missing(row, item.code, f"volume {year}: {problem}"))
            return None
        return year, canonical_decimal(printed.value)

    def pagu(self, item: _Item) -> dict[int, Decimal | int]:
        """Pagu by year, taken once per sub kegiatan (see the module docstring)."""
        pagu: dict[int, Decimal | int] = {}
        patterns: dict[str, list[int]] = defaultdict(list)
        blank: list[int] = []
        for year in self.period:
            cells = [_cell(row, str(year)) for row in item.rows]
            value, pattern = _take(cells)
            if value is None:
                blank.append(year)
                continue
            if value < 0:
                self.findings.append(_negative(item, year, value))
                continue
            pagu[year] = canonical_decimal(value)
            self.taken[year] += value
            if len(item.rows) > 1 and pattern:
                patterns[pattern].append(year)
        if len(item.rows) > 1 and patterns:
            self.findings.append(_pattern_finding(item, patterns))
        if blank:
            years = ", ".join(map(str, blank))
            message = f"pagu tahun {years} kosong di semua baris"
            self.findings.append(_missing(item.rows[0], item.code, message))
        return pagu

    def summary(self, rows: tuple[SourceRenstraRow, ...]) -> list[Finding]:
        findings = list(self.findings)
        for (jenis, polaritas, sifat), satuan in sorted(self.semantics.items()):
            units = ", ".join(sorted(set(satuan)))
            findings.append(
                Finding(
                    rule=SEMANTICS_INFERRED,
                    severity="info",
                    table=TABLE,
                    message=(
                        f"{len(satuan)} indikator dianggap jenis {jenis}, polaritas {polaritas}, "
                        f"sifat {sifat} (dari satuan: {units}); berkas tidak memuatnya, "
                        "periksa dan ubah bila perlu"
                    ),
                )
            )
        if self.year_zero:
            findings.append(
                Finding(
                    rule=sh.LAYOUT,
                    severity="info",
                    table=TABLE,
                    year=self.period[0] - 1,
                    message=(
                        f"volume_0 (tahun {self.period[0] - 1}, sebelum periode) ada di "
                        f"{self.year_zero} baris; tidak dimuat (kondisi awal dari volume_awal)"
                    ),
                )
            )
        findings += _naive_sum(rows, self.period, self.taken)
        return findings


def _cell(row: SourceRenstraRow, year: str) -> Decimal | None:
    printed = next((p for y, p in row.pagu if y == year), None)
    return printed.value if printed is not None else None


def _take(cells: list[Decimal | None]) -> tuple[Decimal | None, str]:
    """(pagu of the year, how the rows held it): "" single row or all 0, "berulang",
    "satu baris", "terbagi"."""
    values = [value for value in cells if value is not None]
    if not values:
        return None, ""
    nonzero = [value for value in values if value != 0]
    if not nonzero:
        return Decimal(0), ""
    if len(nonzero) == 1:
        return nonzero[0], "satu baris" if len(cells) > 1 else ""
    if len(set(nonzero)) == 1:
        return nonzero[0], "berulang"
    return sum(nonzero, Decimal(0)), "terbagi"


PATTERN_TEXT = {
    "satu baris": "pagu hanya di satu baris, baris lain 0 atau kosong: diambil dari baris itu",
    "berulang": "pagu yang sama diulang di tiap baris: diambil sekali, tidak dijumlah",
    "terbagi": "baris-baris berisi pagu berbeda: dijumlah sebagai pagu terbagi, periksa",
}


def _pattern_finding(item: _Item, patterns: dict[str, list[int]]) -> Finding:
    parts = [
        f"{PATTERN_TEXT[pattern]} (tahun {', '.join(map(str, years))})"
        for pattern, years in patterns.items()
    ]
    mixed = len(patterns) > 1 or "terbagi" in patterns
    return Finding(
        rule=sh.LAYOUT,
        severity="warning" if mixed else "info",
        table=TABLE,
        code=item.code,
        line=item.rows[0].location.line,
        row=item.name,
        message=f"sub kegiatan {item.code} punya {len(item.rows)} baris indikator; "
        + "; ".join(parts),
    )


def _naive_sum(
    rows: tuple[SourceRenstraRow, ...], period: range, taken: dict[int, Decimal]
) -> list[Finding]:
    """Where adding every row would give another total than taking pagu once."""
    year = period[0]
    naive = sum((_cell(row, str(year)) or Decimal(0) for row in rows), Decimal(0))
    if naive == taken.get(year, Decimal(0)):
        return []
    return [
        Finding(
            rule=sh.LAYOUT,
            severity="info",
            table=TABLE,
            year=year,
            expected=taken.get(year, Decimal(0)),
            actual=naive,
            message=(
                f"pagu {year} bila semua baris dijumlah: {naive:,.0f}; diambil sekali per sub "
                f"kegiatan: {taken.get(year, Decimal(0)):,.0f}".replace(",", ".")
            ),
        )
    ]


def _missing(row: SourceRenstraRow, code: str, message: str) -> Finding:
    return Finding(
        rule=sh.MISSING_VALUE,
        severity="warning",
        table=TABLE,
        line=row.location.line,
        code=code,
        row=row.indikator,
        message=message,
    )


def _negative(item: _Item, year: int, value: Decimal) -> Finding:
    return Finding(
        rule="value-range",
        severity="error",
        table=TABLE,
        code=item.code,
        year=year,
        actual=value,
        line=item.rows[0].location.line,
        message=f"pagu {year} negatif ({value}); tidak dimuat",
    )


def _places(value: Decimal | int) -> int:
    if isinstance(value, int):
        return 0
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _change_rate(row: SourceRenstraRow, code: str, word: str) -> Finding:
    """The info that an indikator was taken as a rate of change, which may be negative."""
    return Finding(
        rule=SEMANTICS_INFERRED,
        severity="info",
        table=TABLE,
        row=row.indikator,
        code=code,
        line=row.location.line,
        message=(
            f"indikator '{row.indikator}' dianggap boleh negatif (nama menyebut '{word}': "
            "tingkat perubahan dapat berbalik arah); periksa dan ubah bila keliru"
        ),
    )


def infer_semantics(satuan: str, name: str) -> tuple[str, str, str]:
    """(jenis, polaritas, sifat) guessed from the satuan and name (DESIGN §4 defaults):
    % or "Persentase" → persentase; Indeks/Nilai/Skor → indeks; Rasio → rasio (all three
    non_kumulatif); anything else jumlah, kumulatif. Negatif only for names such as
    "angka kematian", "pengangguran", "inflasi"."""
    unit, text = satuan.strip().lower(), name.strip().lower()
    polaritas = "negatif" if NEGATIVE_WORDS.search(text) else "positif"
    if unit in ("%", "persen") or text.startswith(("persentase", "prosentase")):
        return "persentase", polaritas, "non_kumulatif"
    if unit.startswith(("indeks", "nilai", "skor", "poin")) or text.startswith(("indeks", "nilai")):
        return "indeks", polaritas, "non_kumulatif"
    if unit.startswith("rasio") or text.startswith("rasio"):
        return "rasio", polaritas, "non_kumulatif"
    return "jumlah", polaritas, "kumulatif"
