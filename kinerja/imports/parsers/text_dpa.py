"""A SIPD-RI "DPA/RKA RINCIAN BELANJA SKPD" print as text (`pdftotext -layout`) → `SourceDpa`.

`looks_like_dpa(text)` tells such a print from a Renja; `read(content, source)` reads it
(sipd-formats.md §3, SOURCES.md §1). The text keeps the page's columns as runs of spaces,
so the reader works line by line and by position:

- the header block is `Label : value` lines, a value wrapping onto indented lines
  (Kegiatan); codes and names are split at ` - `; Alokasi Tahun −1 / n / +1 (or
  Alokasi Tahun 2025 / 2026 / 2027) are kept as printed;
- the column header of the rincian ("Rincian Perhitungan / Kode Rekening / Uraian /
  Koefisien / Satuan / Harga / PPN / Jumlah (Rp)") repeats at every page break, even in
  the middle of an account or of an item's Spesifikasi: those lines are dropped, and the
  positions of its Koefisien and Satuan columns are kept for the page that follows;
- the rincian is cut into blocks at blank lines and at every kode rekening or `[ # ]` /
  `[ - ]` line; an item block holds exactly one line ending in `Rp<harga> <ppn>%
  Rp<jumlah>`; its other words are the uraian (left of the Koefisien column: the
  komponen, then "Spesifikasi: …" wrapped over any number of lines, before or after the
  figures) or pieces of koefisien and satuan, a unit split over two lines ("6 Orang /" …
  "Jam") joined again, and a volume and unit that share a column split at the Satuan
  column;
- amounts stay as printed (`Rp1.699.000,00`), read later by `parse_number`;
- then "Jumlah Anggaran Sub Kegiatan" and the "Rencana Realisasi Belanja per Bulan"
  (Januari–Desember, Jumlah); signatures and the TAPD table are not read.

What cannot be placed is reported (rule `layout`), never dropped silently.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from kinerja.evaluation.source import Location, Printed
from kinerja.evaluation.source_dpa import (
    DASH,
    HASH,
    MONTHS,
    CodeName,
    DpaAccount,
    DpaGroup,
    DpaIndikator,
    DpaItem,
    DpaMonth,
    SourceDpa,
)
from kinerja.evaluation.types import Finding

LAYOUT = "layout"
TABLE = "Rincian Belanja"
HEAD_CHARS = 6000  # the formulir's name stands on the first page
LEFT_MARGIN = 10  # a kode rekening starts within this many columns of the line's start
KOEF_SLACK = 12  # uraian words start this far left of the Koefisien header, or further
FALLBACK_BOUNDARY = 45  # without a column header: words further right are figures

_FORMULIR = re.compile(
    r"\b(DPPA|DPA|RKPA|RKA)\b[\s\-–]*(?:SKPD\s+)?RINCIAN\s+BELANJA(?:\s+SKPD)?", re.IGNORECASE
)
_TITLES = {"DOKUMEN PELAKSANAAN ANGGARAN": "DPA", "RENCANA KERJA DAN ANGGARAN": "RKA"}
_PERUBAHAN = re.compile(r"sebelum\s+perubahan|setelah\s+perubahan|bertambah\s*/", re.IGNORECASE)
_YEAR = re.compile(r"TAHUN\s+ANGGARAN\s+(\d{4})", re.IGNORECASE)
_FIELD = re.compile(r"^\s*(?P<label>[A-Za-z][\w .+\-]*?)\s*:\s?(?P<value>.*)$")
_ALOKASI = re.compile(r"^alokasi tahun\s*(?P<which>[-+]\s*1|\d{4})?$")
_CODE_NAME = re.compile(r"^(?P<code>\d[\w.]*)\s+-\s+(?P<name>.*)$")
_ACCOUNT = re.compile(r"^(?P<code>\d(?:\.\d+)*)\s+(?P<rest>\S.*)$")  # akun: one digit
_GROUP = re.compile(r"^\[\s*(?P<marker>[#-])\s*\]\s*(?P<rest>.*)$")
_RP = r"Rp\.?\s?(?=\S*\d)\S+"
_AMOUNT = re.compile(_RP, re.IGNORECASE)
_MONEY = re.compile(
    rf"(?P<harga>{_RP})\s+(?:(?P<ppn>[^\s%]*\s?%)\s+)?(?P<jumlah>{_RP})\s*$", re.IGNORECASE
)
_HEADER_WORDS = re.compile(
    r"^(?:\s*(?:rincian\s+perhitungan|kode\s+rekening|uraian|koefisien\s*/?|volume|satuan"
    r"|harga|ppn|\(rp\)|jumlah))+\s*$",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"https?://|sistem informasi pemerintahan daerah|^\s*halaman\s+\d+|^\s*\d+\s*/\s*\d+\s*$",
    re.IGNORECASE,
)
_JASK = re.compile(rf"Jumlah\s+Anggaran\s+Sub\s+Kegiatan\s*:?\s*(?P<amount>{_RP})?", re.IGNORECASE)
_MONTHLY = re.compile(r"Rencana\s+Realisasi", re.IGNORECASE)
_MONTH = re.compile(rf"\b(?P<month>{'|'.join(MONTHS)})\b\s*:?\s*(?P<amount>{_RP})?", re.IGNORECASE)
_MONTHS_TOTAL = re.compile(rf"^\s*Jumlah\s*:?\s*(?P<amount>{_RP})", re.IGNORECASE)
_INDIKATOR = re.compile(
    r"^\s*(?P<kind>Capaian Program|Capaian Kegiatan|Masukan|Keluaran|Hasil)\s{2,}(?P<rest>\S.*)$"
)
_SPESIFIKASI = re.compile(r"^spesifikasi\s*:?\s*", re.IGNORECASE)
_CHUNK = re.compile(r"\S+(?: \S+)*")
_LABELS = {
    "nomor dpa": "nomor",
    "nomor dppa": "nomor",
    "nomor rka": "nomor",
    "nomor": "nomor",
    "urusan pemerintahan": "urusan",
    "urusan": "urusan",
    "bidang urusan": "bidang",
    "program": "program",
    "kegiatan": "kegiatan",
    "organisasi": "organisasi",
    "unit": "unit",
    "sub unit": "unit",
    "sub unit organisasi": "unit",
    "sub kegiatan": "sub_kegiatan",
    "sumber pendanaan": "sumber",
    "lokasi": "lokasi",
    "keluaran sub kegiatan": "keluaran",
    "waktu pelaksanaan": "waktu",
    "keterangan": "keterangan",
}
_ALOKASI_FIELDS = {-1: "alokasi_prev", 0: "alokasi", 1: "alokasi_next"}


def looks_like_dpa(text: str) -> bool:
    """True for the text of a DPA/RKA rincian belanja print (not a Renja)."""
    head = text[:HEAD_CHARS]
    if _FORMULIR.search(head):
        return True
    upper = head.upper()
    return "RINCIAN BELANJA" in upper and "ALOKASI TAHUN" in upper and "KODE REKENING" in upper


def read(content: bytes, source: str) -> SourceDpa:
    """Read a DPA/RKA rincian belanja print (see the module docstring)."""
    lines = [line.replace("\f", "").rstrip("\r") for line in _decode(content).split("\n")]
    page = _Page.scan(lines)
    start = page.table_start(lines)
    header = _Header.read(lines, start, source)
    if _PERUBAHAN.search("\n".join(lines)):
        return header.document(source, _After(), [_perubahan()])
    end = _rincian_end(lines, start)
    rincian = _Rincian(source=source, page=page)
    rincian.read(lines, start, end)
    months, months_total = _months(lines, end, source)
    after = _After(
        rincian=rincian, total=_jask(lines, end, source), months=months, months_total=months_total
    )
    findings = list(rincian.findings) + rincian.unplaced_finding()
    if not rincian.items:
        findings.append(_no_rincian(bool(rincian.accounts)))
    if sum(bool(_JASK.search(line)) for line in lines) > 1:
        findings.append(_several())
    return header.document(source, after, findings)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _at(source: str, index: int) -> Location:
    return Location(source=source, line=index + 1)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _layout(severity: str, message: str, index: int | None = None) -> Finding:
    line = None if index is None else index + 1
    return Finding(rule=LAYOUT, severity=severity, message=message, table=TABLE, line=line)


def _perubahan() -> Finding:
    message = (
        "Cetakan ini memuat kolom Sebelum/Setelah Perubahan (DPPA/RKPA). Tata letak perubahan "
        "belum dapat dibaca Kinerja, sehingga rincian belanjanya tidak diperiksa."
    )
    return _layout("error", message)


def _no_rincian(accounts: bool) -> Finding:
    what = "baris rincian" if accounts else "kode rekening maupun baris rincian"
    message = (
        f"Tidak ditemukan {what} belanja (koefisien, harga, PPN, jumlah) di berkas ini, "
        "sehingga jumlah anggarannya tidak dapat diperiksa. Pastikan teksnya diambil dari "
        "cetakan DPA/RKA Rincian Belanja yang lengkap, dengan tata letak kolomnya "
        "(pdftotext -layout)."
    )
    return _layout("error", message)


def _several() -> Finding:
    message = (
        'Berkas memuat lebih dari satu "Jumlah Anggaran Sub Kegiatan": hanya sub kegiatan '
        "pertama yang dibaca. Periksa setiap sub kegiatan dari berkasnya sendiri."
    )
    return _layout("warning", message)


# --- the column header repeated at page breaks ------------------------------------------


@dataclass(frozen=True)
class _Columns:
    """Where the Koefisien and Satuan columns start on a page (None when unknown)."""

    koef: int | None = None
    satuan: int | None = None

    @property
    def boundary(self) -> int:
        """Words starting at or right of this column are figures, not uraian."""
        return self.koef - KOEF_SLACK if self.koef is not None else FALLBACK_BOUNDARY


@dataclass
class _Page:
    """The column header blocks of the rincian: the lines to drop and the columns."""

    dropped: set[int] = field(default_factory=set)
    headers: list[tuple[int, _Columns]] = field(default_factory=list)

    @classmethod
    def scan(cls, lines: Sequence[str]) -> "_Page":
        page = cls()
        for index, text in enumerate(lines):
            if _FURNITURE.search(text):
                page.dropped.add(index)
            elif index not in page.dropped and _is_header(text, kode=True):
                block = _block(lines, index)
                page.dropped.update(block)
                page.headers.append((min(block), _columns(lines, block)))
        return page

    def columns(self, index: int) -> _Columns:
        """The columns of the page `index` stands on (the first header's before it)."""
        found = self.headers[0][1] if self.headers else _Columns()
        for first, columns in self.headers:
            if first <= index:
                found = columns
        return found

    def table_start(self, lines: Sequence[str]) -> int:
        """The first line of the rincian: its first column header, else its first account."""
        if self.headers:
            return self.headers[0][0]
        after = _last_label(lines)
        for index in range(after, len(lines)):
            if _is_account(lines[index]):
                return index
        return len(lines)


def _is_header(text: str, *, kode: bool = False) -> bool:
    if not text.strip() or not _HEADER_WORDS.match(text):
        return False
    return not kode or "kode rekening" in text.lower()


def _block(lines: Sequence[str], index: int) -> list[int]:
    first = last = index
    while first > 0 and _is_header(lines[first - 1]):
        first -= 1
    while last + 1 < len(lines) and _is_header(lines[last + 1]):
        last += 1
    return list(range(first, last + 1))


def _columns(lines: Sequence[str], block: Sequence[int]) -> _Columns:
    koef = satuan = None
    for index in block:
        lower = lines[index].lower()
        koef = koef if koef is not None or "koefisien" not in lower else lower.index("koefisien")
        satuan = satuan if satuan is not None or "satuan" not in lower else lower.index("satuan")
    return _Columns(koef=koef, satuan=satuan)


def _last_label(lines: Sequence[str]) -> int:
    """The line after the header block's last `Label :` line (0 when there is none)."""
    last = 0
    for index, text in enumerate(lines):
        match = _FIELD.match(text)
        if match and _label(match.group("label")) is not None:
            last = index + 1
    return last


def _is_account(text: str) -> bool:
    return _indent(text) < LEFT_MARGIN and bool(_ACCOUNT.match(text.strip()))


def _rincian_end(lines: Sequence[str], start: int) -> int:
    for index in range(start, len(lines)):
        if _JASK.search(lines[index]) or _MONTHLY.search(lines[index]):
            return index
    return len(lines)


# --- the header block ---------------------------------------------------------------------


def _label(text: str) -> str | None:
    key = _clean(text).lower()
    if _ALOKASI.match(key):
        return key
    return _LABELS.get(key)


@dataclass
class _Header:
    """The header block's fields (`key` → (value, line index)) and indikator rows."""

    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    indikator: list[DpaIndikator] = field(default_factory=list)
    kind: str = "DPA"
    formulir: str = ""
    year: int | None = None

    @classmethod
    def read(cls, lines: Sequence[str], end: int, source: str) -> "_Header":
        header = cls()
        head = "\n".join(lines[:end])
        formulir = _FORMULIR.search(head[:HEAD_CHARS])
        if formulir:
            header.formulir = _clean(formulir.group()).upper()
            header.kind = formulir.group(1).upper()
        else:
            header.kind = next((k for t, k in _TITLES.items() if t in head.upper()), "DPA")
        year = _YEAR.search(head)
        header.year = int(year.group(1)) if year else None
        header._fields(lines, end)
        header.indikator = _indikator(lines, end, source)
        return header

    def _fields(self, lines: Sequence[str], end: int) -> None:
        """`Label : value` lines; an indented line below continues the value (a label
        printed twice keeps its first value)."""
        key: str | None = None
        for index in range(end):
            text = lines[index]
            match = _FIELD.match(text)
            label = _label(match.group("label")) if match else None
            if match and label is not None:
                key = None if label in self.fields else label
                if key is not None:
                    self.fields[key] = (_clean(match.group("value")), index)
            elif key is not None and text.strip() and _indent(text) >= LEFT_MARGIN:
                value, at = self.fields[key]
                self.fields[key] = (_clean(f"{value} {text}"), at)
            else:
                key = None

    def code_name(self, key: str, source: str) -> CodeName | None:
        if key not in self.fields:
            return None
        value, index = self.fields[key]
        match = _CODE_NAME.match(value)
        code, name = (match.group("code"), match.group("name")) if match else ("", value)
        return CodeName(code=code, name=_clean(name), location=_at(source, index))

    def text(self, key: str) -> str:
        return self.fields.get(key, ("", 0))[0]

    def alokasi(self, source: str) -> dict[str, Printed]:
        """The printed Alokasi Tahun fields by record field name."""
        found: dict[str, Printed] = {}
        for key, (value, index) in self.fields.items():
            match = _ALOKASI.match(key)
            if not match:
                continue
            offset = _offset(match.group("which"), self.year)
            name = _ALOKASI_FIELDS.get(offset) if offset is not None else None
            if name is not None and name not in found:
                column = "Alokasi Tahun" + ("" if offset == 0 else f" {offset:+d}")
                found[name] = Printed(text=value, location=_at(source, index), column=column)
        return found

    def document(self, source: str, after: "_After", findings: list[Finding]) -> SourceDpa:
        alokasi = self.alokasi(source)
        rincian = after.rincian
        return SourceDpa(
            source=source,
            kind=self.kind,
            formulir=self.formulir,
            year=self.year,
            nomor=self.text("nomor"),
            urusan=self.code_name("urusan", source),
            bidang=self.code_name("bidang", source),
            program=self.code_name("program", source),
            kegiatan=self.code_name("kegiatan", source),
            sub_kegiatan=self.code_name("sub_kegiatan", source),
            organisasi=self.code_name("organisasi", source),
            unit=self.code_name("unit", source),
            alokasi_prev=alokasi.get("alokasi_prev"),
            alokasi=alokasi.get("alokasi"),
            alokasi_next=alokasi.get("alokasi_next"),
            indikator=tuple(self.indikator),
            sumber_pendanaan=self.text("sumber"),
            lokasi=self.text("lokasi"),
            waktu=self.text("waktu"),
            accounts=tuple(rincian.accounts) if rincian else (),
            groups=tuple(rincian.groups) if rincian else (),
            items=tuple(rincian.items) if rincian else (),
            total=after.total,
            months=tuple(after.months),
            months_total=after.months_total,
            findings=tuple(findings),
        )


@dataclass
class _After:
    """What follows the header: the rincian, its printed total and the monthly plan."""

    rincian: "_Rincian | None" = None
    total: Printed | None = None
    months: list[DpaMonth] = field(default_factory=list)
    months_total: Printed | None = None


def _offset(which: str | None, year: int | None) -> int | None:
    """Alokasi Tahun (n) → 0, `-1` → -1, `+ 1` → 1, `2025` → its offset from `year`."""
    if which is None:
        return 0
    which = which.replace(" ", "")
    if which in ("-1", "+1"):
        return int(which)
    return int(which) - year if year is not None else None


def _indikator(lines: Sequence[str], end: int, source: str) -> list[DpaIndikator]:
    rows: list[DpaIndikator] = []
    for index in range(end):
        match = _INDIKATOR.match(lines[index])
        if match is None:
            continue
        parts = [chunk.text for chunk in _chunks(match.group("rest"))]
        target = parts.pop() if len(parts) > 1 else ""
        amount = None
        if _AMOUNT.fullmatch(target):
            amount = Printed(text=target, location=_at(source, index), column="Target Kinerja")
        rows.append(
            DpaIndikator(
                kind=match.group("kind"),
                tolak_ukur=_clean(" ".join(parts)),
                target=target,
                amount=amount,
                location=_at(source, index),
            )
        )
    return rows


# --- the rincian --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Chunk:
    """Words of a line separated by single spaces, and the column they start at."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _chunks(text: str) -> list[_Chunk]:
    return [_Chunk(match.start(), match.group()) for match in _CHUNK.finditer(text)]


Block = list[tuple[int, str]]  # (line index, text) of one record of the rincian


def _starts_record(text: str) -> bool:
    return _is_account(text) or bool(_GROUP.match(text.strip()))


def _blocks(lines: Sequence[str], start: int, end: int, dropped: set[int]) -> list[Block]:
    """The rincian cut at blank lines and before every account or group line."""
    blocks: list[Block] = []
    current: Block = []
    for index in range(start, end):
        if index in dropped:
            continue
        text = lines[index]
        if current and (not text.strip() or _starts_record(text)):
            blocks.append(current)
            current = []
        if text.strip():
            current.append((index, text))
    if current:
        blocks.append(current)
    return blocks


def _amount_and_text(block: Block, source: str, column: str) -> tuple[Printed | None, Block]:
    """The first rupiah amount of a block, and its lines with the amounts taken out."""
    total = None
    rest: Block = []
    for index, text in block:
        for match in _AMOUNT.finditer(text):
            if total is None:
                total = Printed(text=match.group(), location=_at(source, index), column=column)
        rest.append((index, _AMOUNT.sub(" ", text)))
    return total, rest


@dataclass
class _Rincian:
    """Reads the rincian blocks in order, keeping the account and groups they stand in."""

    source: str
    page: _Page
    accounts: list[DpaAccount] = field(default_factory=list)
    groups: list[DpaGroup] = field(default_factory=list)
    items: list[DpaItem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    account: str = ""
    hash_group: int | None = None
    dash_group: int | None = None
    pending: Block = field(default_factory=list)
    after_item: bool = False  # the last record read was an item line
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (line index, text)

    def read(self, lines: Sequence[str], start: int, end: int) -> None:
        for block in _blocks(lines, start, end, self.page.dropped):
            first = block[0][1]
            if _is_account(first):
                self._flush()
                self._account(block)
            elif _GROUP.match(first.strip()):
                self._flush()
                self._group(block)
            elif any(_MONEY.search(text) for _, text in block):
                self._items(block)
            else:
                self._flush()
                self.pending = block
        self._flush()

    def _account(self, block: Block) -> None:
        total, rest = _amount_and_text(block, self.source, "Jumlah")
        code, _, first = rest[0][1].strip().partition(" ")
        name = _clean(" ".join([first, *(text for _, text in rest[1:])]))
        location = _at(self.source, block[0][0])
        self.accounts.append(DpaAccount(code=code, name=name, total=total, location=location))
        self.account, self.hash_group, self.dash_group = code, None, None
        self.after_item = False

    def _group(self, block: Block) -> None:
        total, rest = _amount_and_text(block, self.source, "Jumlah")
        match = _GROUP.match(rest[0][1].strip())
        assert match is not None  # the block starts with a group line
        marker = HASH if match.group("marker") == "#" else DASH
        names, sumber = [match.group("rest")], ""
        for _, text in rest[1:]:
            if text.strip().lower().startswith("sumber dana"):
                sumber = _clean(text.split(":", 1)[-1])
            else:
                names.append(text)
        parent = self.hash_group if marker == DASH else None
        group = DpaGroup(
            number=len(self.groups),
            marker=marker,
            name=_clean(" ".join(names)),
            account=self.account,
            total=total,
            sumber_dana=sumber,
            parent=parent,
            location=_at(self.source, block[0][0]),
        )
        self.groups.append(group)
        self.after_item = False
        if marker == HASH:
            self.hash_group, self.dash_group = group.number, None
        else:
            self.dash_group = group.number
        self._outside(block[0][0], f"baris {group.label}")

    def _items(self, block: Block) -> None:
        parts = _split_items(block, self.page.columns(block[0][0]).boundary)
        if len(parts) > 1:
            message = (
                f"{len(parts)} baris rincian tercetak tanpa baris kosong di antaranya; "
                "pembagian uraian dan spesifikasinya ditebak (angkanya tetap terbaca)."
            )
            self.findings.append(_layout("info", message, block[0][0]))
        for number, part in enumerate(parts):
            if number == 0 and self.pending:
                part = self._with_pending(part)
            self._item(part)

    def _with_pending(self, part: Block) -> Block:
        """Text printed just before an item (its uraian, cut off by a blank line)."""
        reading = _ItemReading.of(part, self.page.columns(part[0][0]))
        if reading.name:
            self._flush()
            return part
        joined, self.pending = [*self.pending, *part], []
        return joined

    def _item(self, block: Block) -> None:
        money_at = next(i for i, text in block if _MONEY.search(text))
        reading = _ItemReading.of(block, self.page.columns(money_at))
        self.items.append(reading.item(self.source, self.account, self._innermost()))
        self.after_item = True
        self._outside(money_at, f"baris rincian “{reading.name}”")

    def _innermost(self) -> int | None:
        return self.dash_group if self.dash_group is not None else self.hash_group

    def _outside(self, index: int, what: str) -> None:
        if not self.account:
            message = f"{what} tercetak sebelum kode rekening mana pun; rekeningnya tidak dikenal."
            self.findings.append(_layout("warning", message, index))

    def _flush(self) -> None:
        """Text that belongs to no item: the previous item's Spesifikasi, or reported."""
        if not self.pending:
            return
        block, self.pending = self.pending, []
        text = _clean(" ".join(text for _, text in block))
        if self.after_item and not self._has_figures(block):
            last = self.items[-1]
            spesifikasi = _clean(f"{last.spesifikasi} {_SPESIFIKASI.sub('', text)}")
            self.items[-1] = replace(last, spesifikasi=spesifikasi)
            return
        self.unplaced.append((block[0][0], text))

    def _has_figures(self, block: Block) -> bool:
        """Digits right of the Uraian column: an item line whose figures did not read."""
        for index, text in block:
            boundary = self.page.columns(index).boundary
            chunks = _chunks(text)
            if any(c.start >= boundary and any(ch.isdigit() for ch in c.text) for c in chunks):
                return True
        return False

    def unplaced_finding(self) -> list[Finding]:
        """One finding for the text the rincian could not place, with a few examples: an
        error when it holds amounts (the totals cannot be verified), else a warning."""
        if not self.unplaced:
            return []
        examples = "; ".join(f"baris {i + 1} “{text[:80]}”" for i, text in self.unplaced[:3])
        more = f" dan {len(self.unplaced) - 3} lainnya" if len(self.unplaced) > 3 else ""
        message = (
            f"{len(self.unplaced)} bagian rincian belanja tidak dapat ditempatkan dan tidak "
            f"ikut diperiksa: {examples}{more}. Periksa cetakannya: baris rincian perlu harga, "
            "PPN dan jumlah dalam satu baris (Rp… 0% Rp…)."
        )
        amounts = any(_AMOUNT.search(text) for _, text in self.unplaced)
        return [_layout("error" if amounts else "warning", message, self.unplaced[0][0])]


def _split_items(block: Block, boundary: int) -> list[Block]:
    """A block holding several item lines (no blank line between them), cut into items."""
    money = [n for n, (_, text) in enumerate(block) if _MONEY.search(text)]
    uraian = [_uraian_text(text, boundary) for _, text in block]
    cuts = [0]
    for before, at in zip(money, money[1:], strict=False):
        cuts.append(_cut(uraian, before, at))
    cuts.append(len(block))
    return [block[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if a < b]


def _uraian_text(text: str, boundary: int) -> str:
    """The words of a line in the Uraian column (left of the figures)."""
    return _clean(" ".join(chunk.text for chunk in _chunks(text) if chunk.start < boundary))


def _cut(uraian: Sequence[str], before: int, at: int) -> int:
    """Where the item whose figures are on line `at` starts (after the one on `before`):
    at its komponen name, the last uraian line between them that is no Spesifikasi, or
    at line `at` when that line names the komponen itself."""

    def spec(n: int) -> bool:
        return bool(_SPESIFIKASI.match(uraian[n]))

    names = [n for n in range(before + 1, at) if uraian[n] and not spec(n)]
    if uraian[at] and not spec(at):
        after = names[-1] if names else before
        if not any(spec(n) for n in range(after + 1, at)):
            return at
    return names[-1] if names else at


@dataclass
class _ItemReading:
    """An item block taken apart: uraian lines, koefisien and satuan pieces, figures."""

    uraian: list[str] = field(default_factory=list)
    koef: list[tuple[int, _Chunk]] = field(default_factory=list)
    satuan: list[str] = field(default_factory=list)
    money: tuple[int, re.Match[str]] | None = None

    @classmethod
    def of(cls, block: Block, columns: _Columns) -> "_ItemReading":
        reading = cls()
        figures: list[tuple[int, _Chunk]] = []
        for index, text in block:
            match = _MONEY.search(text)
            if match is not None and reading.money is None:
                reading.money = (index, match)
                text = text[: match.start()]
            for chunk in _chunks(text):
                if chunk.start < columns.boundary:
                    reading.uraian.append(chunk.text)
                else:
                    figures.append((index, chunk))
        reading._place(figures, columns.satuan)
        return reading

    def _place(self, figures: list[tuple[int, _Chunk]], satuan: int | None) -> None:
        if satuan is None:
            satuan = _satuan_column(figures)
        for index, chunk in figures:
            if satuan is not None and chunk.start >= satuan - 4:
                self.satuan.append(chunk.text)
            elif satuan is not None and chunk.end > satuan + 2:
                koef, rest = _split_at(chunk, satuan)
                self.koef.append((index, koef))
                self.satuan += [rest.text] if rest.text else []
            else:
                self.koef.append((index, chunk))

    @property
    def name(self) -> str:
        return _clean(" ".join(self._uraian()[0]))

    def _uraian(self) -> tuple[list[str], list[str]]:
        """(komponen words, Spesifikasi words): the Spesifikasi runs from its label on."""
        at = next((n for n, text in enumerate(self.uraian) if _SPESIFIKASI.match(text)), None)
        if at is None:
            return self.uraian, []
        return self.uraian[:at], self.uraian[at:]

    def item(self, source: str, account: str, group: int | None) -> DpaItem:
        name, spesifikasi = self._uraian()
        koefisien = _clean(" ".join(chunk.text for _, chunk in self.koef))
        volume = None
        if self.koef:
            index = self.koef[0][0]
            token = koefisien.split()[0]
            volume = Printed(text=token, location=_at(source, index), column="Koefisien")
        assert self.money is not None  # an item block holds a line of figures
        index, match = self.money

        def printed(key: str, column: str) -> Printed | None:
            text = match.group(key)
            return Printed(text=text, location=_at(source, index), column=column) if text else None

        return DpaItem(
            account=account,
            name=_clean(" ".join(name)),
            spesifikasi=_SPESIFIKASI.sub("", _clean(" ".join(spesifikasi))),
            koefisien=koefisien,
            volume=volume,
            satuan=_clean(" ".join(self.satuan)),
            harga=printed("harga", "Harga"),
            ppn=printed("ppn", "PPN"),
            jumlah=printed("jumlah", "Jumlah"),
            group=group,
            location=_at(source, index),
        )


def _satuan_column(figures: Sequence[tuple[int, _Chunk]]) -> int | None:
    """Without a column header: the Satuan column is right of the volume's column."""
    volume = next((chunk.start for _, chunk in figures if chunk.text[:1].isdigit()), None)
    if volume is None:
        return None
    right = [chunk.start for _, chunk in figures if chunk.start > volume + 6]
    return min(right) if right else None


def _split_at(chunk: _Chunk, column: int) -> tuple[_Chunk, _Chunk]:
    """A volume and a unit sharing a column (`1 Kelompok Kelompok`), cut at the Satuan column."""
    for match in re.finditer(r"\S+", chunk.text):
        if match.start() > 0 and chunk.start + match.start() >= column - 5:
            head = chunk.text[: match.start()].rstrip()
            return _Chunk(chunk.start, head), _Chunk(
                chunk.start + match.start(), chunk.text[match.start() :]
            )
    return chunk, _Chunk(chunk.end, "")


# --- after the rincian --------------------------------------------------------------------


def _jask(lines: Sequence[str], start: int, source: str) -> Printed | None:
    """The printed "Jumlah Anggaran Sub Kegiatan" (its amount may stand on the next line)."""
    for index in range(start, len(lines)):
        match = _JASK.search(lines[index])
        if match is None:
            continue
        column = "Jumlah Anggaran Sub Kegiatan"
        if match.group("amount"):
            return Printed(text=match.group("amount"), location=_at(source, index), column=column)
        for below in range(index + 1, min(index + 3, len(lines))):
            amount = _AMOUNT.search(lines[below])
            if amount:
                return Printed(text=amount.group(), location=_at(source, below), column=column)
        return Printed(text="", location=_at(source, index), column=column)
    return None


def _months(lines: Sequence[str], start: int, source: str) -> tuple[list[DpaMonth], Printed | None]:
    """The monthly plan: each month's amount, and the Jumlah printed after December. A
    month named at a line's start with no amount is kept empty, unless the month comes
    again with an amount ("Juni" may also begin a name)."""
    months: dict[int, DpaMonth] = {}
    names = [name.lower() for name in MONTHS]
    for index in range(start, len(lines)):
        text = lines[index]
        if months and (total := _MONTHS_TOTAL.match(text)):
            column = "Jumlah"
            printed = Printed(
                text=total.group("amount"), location=_at(source, index), column=column
            )
            return list(months.values()), printed
        for match in _MONTH.finditer(text):
            month = names.index(match.group("month").lower()) + 1
            amount = match.group("amount") or ""
            starts = not text[: match.start()].strip()
            if not (amount or starts) or (month in months and not amount):
                continue  # "Denpasar, tanggal 02 Januari 2026" is no month of the plan
            if month not in months or not months[month].amount.text:
                location = _at(source, index)
                printed = Printed(text=amount, location=location, column=MONTHS[month - 1])
                months[month] = DpaMonth(month=month, amount=printed)
    return list(months.values()), None
