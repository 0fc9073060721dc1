"""A SIPD-RI "DPA/RKA RINCIAN BELANJA SKPD" print as a reader found it (sipd-formats.md §3).

One sub kegiatan's budget: the header block (nomor, codes and names, Alokasi Tahun −1 /
n / +1), the indikator kinerja, the rincian belanja (the kode rekening tree, the `[ # ]`
and `[ - ]` group lines and the item lines), the printed "Jumlah Anggaran Sub Kegiatan"
and the monthly plan. As in `source.py`, every printed figure is kept as a `Printed`
(text, reading, line); nothing is computed, so the checks (`checks/dpa.py`) can compare
each printed total with its parts and point at the line.

The rincian is flat, in printed order: an account knows its code (its level is the number
of code segments, 1 akun … 6 sub rincian objek); a group and an item name the account
they stand under and the group that holds them by its `number` (position in `groups`).
"""

from dataclasses import dataclass, field
from functools import cached_property

from kinerja.evaluation.source import Location, Printed
from kinerja.evaluation.types import Finding

HASH, DASH = "#", "-"
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


@dataclass(frozen=True, kw_only=True)
class CodeName:
    """A `<code> - <name>` field of the header (Program, Kegiatan, Organisasi, …)."""

    code: str
    name: str
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, kw_only=True)
class DpaIndikator:
    """A row of "Indikator dan Tolak Ukur Kinerja Kegiatan": Capaian Kegiatan, Masukan,
    Keluaran or Hasil, its tolak ukur and target as printed (`amount` when the target is
    a rupiah figure, as Masukan's "Dana Yang Dibutuhkan")."""

    kind: str
    tolak_ukur: str
    target: str = ""
    amount: Printed | None = None
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, kw_only=True)
class DpaAccount:
    """A kode rekening line with its printed subtotal (`total`)."""

    code: str
    name: str
    total: Printed | None = None
    location: Location = field(default_factory=Location)

    @property
    def level(self) -> int:
        """1 (akun, `5`) to 6 (sub rincian objek, `5.1.02.01.001.00052`)."""
        return len(self.code.split("."))

    @property
    def label(self) -> str:
        """`akun 5 BELANJA DAERAH`, `rekening 5.1.02.01.001.00052 Belanja …`, for messages."""
        kind = "akun" if self.level == 1 else "rekening"
        return f"{kind} {self.code} {self.name}".strip()


@dataclass(frozen=True, kw_only=True)
class DpaGroup:
    """A `[ # ]` (marker "#") or `[ - ]` (marker "-") line under a rekening.

    `number` is its position in `SourceDpa.groups`; `parent` the number of the `[ # ]`
    a `[ - ]` stands under (None for a `[ # ]`, or a `[ - ]` printed without one).
    """

    number: int
    marker: str
    name: str
    account: str
    total: Printed | None = None
    sumber_dana: str = ""
    parent: int | None = None
    location: Location = field(default_factory=Location)

    @property
    def label(self) -> str:
        return f"[ {self.marker} ] “{self.name}”"


@dataclass(frozen=True, kw_only=True)
class DpaItem:
    """An item line: uraian (komponen), spesifikasi, koefisien, satuan, harga, PPN, jumlah.

    `koefisien` is the whole printed text (`720 Orang / Kali`, a unit split over two
    lines joined), `volume` its leading number; `group` the number of the innermost
    group holding the item (None when none was printed). `location` is the line holding
    harga and jumlah.
    """

    account: str
    name: str
    spesifikasi: str = ""
    koefisien: str = ""
    volume: Printed | None = None
    satuan: str = ""
    harga: Printed | None = None
    ppn: Printed | None = None
    jumlah: Printed | None = None
    group: int | None = None
    location: Location = field(default_factory=Location)


@dataclass(frozen=True, kw_only=True)
class DpaMonth:
    """One month of "Rencana Realisasi Belanja per Bulan" (1 = Januari)."""

    month: int
    amount: Printed

    @property
    def name(self) -> str:
        return MONTHS[self.month - 1]


@dataclass(frozen=True, kw_only=True)
class SourceDpa:
    """A DPA (or RKA) rincian belanja print of one sub kegiatan, as read.

    `kind` is "DPA", "DPPA", "RKA" … as the formulir says; `year` the tahun anggaran;
    `alokasi_prev`, `alokasi`, `alokasi_next` the printed Alokasi Tahun −1, n and +1
    (None when the line is not printed at all); `total` the printed "Jumlah Anggaran Sub
    Kegiatan"; `months` the monthly plan and `months_total` its printed Jumlah.
    """

    source: str
    kind: str = "DPA"
    formulir: str = ""
    year: int | None = None
    nomor: str = ""
    urusan: CodeName | None = None
    bidang: CodeName | None = None
    program: CodeName | None = None
    kegiatan: CodeName | None = None
    sub_kegiatan: CodeName | None = None
    organisasi: CodeName | None = None
    unit: CodeName | None = None
    alokasi_prev: Printed | None = None
    alokasi: Printed | None = None
    alokasi_next: Printed | None = None
    indikator: tuple[DpaIndikator, ...] = ()
    sumber_pendanaan: str = ""
    lokasi: str = ""
    waktu: str = ""
    accounts: tuple[DpaAccount, ...] = ()
    groups: tuple[DpaGroup, ...] = ()
    items: tuple[DpaItem, ...] = ()
    total: Printed | None = None
    months: tuple[DpaMonth, ...] = ()
    months_total: Printed | None = None
    findings: tuple[Finding, ...] = ()

    def account(self, code: str) -> DpaAccount | None:
        return next((account for account in self.accounts if account.code == code), None)

    @cached_property
    def _parents(self) -> dict[str, str | None]:
        codes = {account.code for account in self.accounts}
        return {code: _nearest(code, codes) for code in codes}

    def parent_code(self, account: DpaAccount) -> str | None:
        """The code of the nearest printed account above `account`, or None for a root."""
        return self._parents.get(account.code)

    def child_accounts(self, account: DpaAccount) -> list[DpaAccount]:
        return [other for other in self.accounts if self.parent_code(other) == account.code]

    def roots(self) -> list[DpaAccount]:
        """The top accounts (in a rincian belanja: `5 BELANJA DAERAH`)."""
        return [account for account in self.accounts if self.parent_code(account) is None]

    def items_under(self, code: str) -> list[DpaItem]:
        """The item lines under the account `code` at any depth."""
        return [item for item in self.items if _under(item.account, code)]


def _under(code: str, ancestor: str) -> bool:
    return code == ancestor or code.startswith(ancestor + ".")


def _nearest(code: str, codes: set[str]) -> str | None:
    parts = code.split(".")
    for size in range(len(parts) - 1, 0, -1):
        if ".".join(parts[:size]) in codes:
            return ".".join(parts[:size])
    return None
