"""The checks of a DPA rincian belanja (`check_source_dpa`), on small prints written as text.

The rincian is a text table in printed order: `akun` rows (code, name, subtotal), `[#]`
and `[-]` group rows (name, subtotal) and `item` rows (name, koefisien, harga, PPN,
jumlah); every row names its line. The header and monthly plan are keyword arguments.
The figures are those of the Bali DPA (corpus, SOURCES.md §1): 5.1.02.01.001.00052
"Belanja Makanan dan Minuman Rapat", Rp32.400.000 in two item lines.
"""

from dataclasses import replace
from decimal import Decimal

from kinerja.evaluation.checks import check_source_dpa
from kinerja.evaluation.source import Location, Printed
from kinerja.evaluation.source_dpa import (
    DASH,
    HASH,
    CodeName,
    DpaAccount,
    DpaGroup,
    DpaIndikator,
    DpaItem,
    DpaMonth,
    SourceDpa,
)
from kinerja.evaluation.tests.test_checks_builders import d, of, one
from kinerja.evaluation.tests.text_tables import Case, parse
from kinerja.evaluation.types import Finding

RAPAT = """
kind | code                | name                              | koef             | harga       | ppn | jumlah          | line
akun | 5                   | BELANJA DAERAH                    | -                | -           | -   | Rp32.400.000,00 | 58
akun | 5.1                 | BELANJA OPERASI                   | -                | -           | -   | Rp32.400.000,00 | 60
akun | 5.1.02              | Belanja Barang dan Jasa           | -                | -           | -   | Rp32.400.000,00 | 62
akun | 5.1.02.01           | Belanja Barang                    | -                | -           | -   | Rp32.400.000,00 | 64
akun | 5.1.02.01.001       | Belanja Barang Pakai Habis        | -                | -           | -   | Rp32.400.000,00 | 66
akun | 5.1.02.01.001.00052 | Belanja Makanan dan Minuman Rapat | -                | -           | -   | Rp32.400.000,00 | 68
[#]  | -                   | Belanja Makan dan Minum Rapat     | -                | -           | -   | Rp32.400.000,00 | 70
[-]  | -                   | Belanja Makan dan Minum Rapat     | -                | -           | -   | Rp32.400.000,00 | 74
item | -                   | Makanan dan Minuman               | 720 Kotak        | Rp30.000,00 | 0%  | Rp21.600.000,00 | 77
item | -                   | Snack                             | 720 Orang / Kali | Rp15.000,00 | 0%  | Rp10.800.000,00 | 86
"""  # noqa: E501 - a text table reads best unwrapped

MONTHS = ("Rp0,00", "Rp21.600.000,00", "Rp10.800.000,00") + ("Rp0,00",) * 9


def at(line: int | None) -> Location:
    return Location(line=line)


def printed(text: str | None, line: int | None, column: str = "Jumlah") -> Printed | None:
    return None if text is None else Printed(text=text, location=at(line), column=column)


def _line(case: Case) -> int:
    return case.integer("line")


def rincian(text: str) -> tuple[list[DpaAccount], list[DpaGroup], list[DpaItem]]:
    """The rows in printed order, each group and item under the account and groups above."""
    accounts: list[DpaAccount] = []
    groups: list[DpaGroup] = []
    items: list[DpaItem] = []
    hash_group: int | None = None
    dash_group: int | None = None
    for case in parse(text):
        total = printed(case["jumlah"], _line(case))
        account = accounts[-1].code if accounts else ""
        if case["kind"] == "akun":
            code = case.text("code")
            accounts.append(DpaAccount(code=code, name=case.text("name"), total=total))
            hash_group = dash_group = None
        elif case["kind"] in ("[#]", "[-]"):
            marker = HASH if case["kind"] == "[#]" else DASH
            parent = hash_group if marker == DASH else None
            group = DpaGroup(
                number=len(groups),
                marker=marker,
                name=case.text("name"),
                account=account,
                total=total,
                parent=parent,
                location=at(_line(case)),
            )
            groups.append(group)
            hash_group, dash_group = (
                (group.number, None) if marker == HASH else (hash_group, group.number)
            )
        else:
            koef = case.text("koef")
            items.append(
                DpaItem(
                    account=account,
                    name=case.text("name"),
                    koefisien=koef,
                    volume=printed(koef.split()[0], _line(case), "Koefisien"),
                    harga=printed(case["harga"], _line(case), "Harga"),
                    ppn=printed(case["ppn"], _line(case), "PPN"),
                    jumlah=total,
                    group=dash_group if dash_group is not None else hash_group,
                    location=at(_line(case)),
                )
            )
    return accounts, groups, items


def dpa(
    text: str = RAPAT,
    *,
    alokasi: str | None = "Rp32.400.000,00",
    alokasi_next: str | None = "Rp35.000.000,00",
    total: str | None = "Rp32.400.000,00",
    months: tuple[str, ...] = MONTHS,
    months_total: str | None = "Rp32.400.000,00",
    masukan: str | None = None,
) -> SourceDpa:
    accounts, groups, items = rincian(text)
    indikator: tuple[DpaIndikator, ...] = ()
    if masukan is not None:
        amount = printed(masukan, 34, "Target Kinerja")
        indikator = (
            DpaIndikator(
                kind="Masukan", tolak_ukur="Dana Yang Dibutuhkan", amount=amount, location=at(34)
            ),
        )
    return SourceDpa(
        source="dpa.txt",
        year=2026,
        program=CodeName(code="2.21.02", name="PROGRAM PENYELENGGARAAN PERSANDIAN"),
        kegiatan=CodeName(code="2.21.02.1.01", name="PENYELENGGARAAN PERSANDIAN"),
        sub_kegiatan=CodeName(
            code="2.21.02.1.01.0006", name="Penyediaan Layanan Keamanan Informasi", location=at(40)
        ),
        alokasi_prev=printed("Rp0,00", 22, "Alokasi Tahun -1"),
        alokasi=printed(alokasi, 24, "Alokasi Tahun"),
        alokasi_next=printed(alokasi_next, 26, "Alokasi Tahun +1"),
        indikator=indikator,
        accounts=tuple(accounts),
        groups=tuple(groups),
        items=tuple(items),
        total=printed(total, 352, "Jumlah Anggaran Sub Kegiatan"),
        months=tuple(
            DpaMonth(month=n, amount=Printed(text=text, location=at(360 + n)))
            for n, text in enumerate(months, start=1)
        ),
        months_total=printed(months_total, 396),
    )


def errors(findings: list[Finding]) -> list[Finding]:
    return [found for found in findings if found.severity == "error"]


def summary(findings: list[Finding]) -> Finding:
    (found,) = [f for f in findings if f.severity == "info" and f.rule == "pagu-sum"]
    return found


# --- a print that adds up -----------------------------------------------------------------


def test_a_dpa_that_adds_up_says_what_was_verified() -> None:
    findings = check_source_dpa(dpa(masukan="Rp32.400.000,00"))

    assert [(f.rule, f.severity) for f in findings] == [("pagu-sum", "info")]
    found = findings[0]
    assert found.message.startswith(
        "2 baris rincian berjumlah Rp32.400.000, sama dengan Alokasi Tahun 2026, Jumlah "
        "Anggaran Sub Kegiatan, total akun 5, Masukan (Dana Yang Dibutuhkan) dan rencana "
        "realisasi per bulan."
    )
    assert "Subtotal 5 rekening dan 2 baris [ # ]/[ - ] sama dengan rinciannya" in found.message
    assert "Koefisien × harga (+ PPN) = jumlah diperiksa pada 2 baris: semuanya sesuai" in (
        found.message
    )
    assert "Alokasi Tahun 2027 Rp35.000.000 dan Alokasi Tahun 2025 Rp0 dicatat" in found.message
    assert (found.code, found.expected, found.line) == ("2.21.02.1.01.0006", d("32400000"), None)


# --- pagu-sum -----------------------------------------------------------------------------


def test_a_wrong_item_is_reported_where_it_stands_and_on_every_figure_of_the_whole() -> None:
    text = RAPAT.replace("Rp21.600.000,00 | 77", "Rp21.610.000,00 | 77")

    findings = check_source_dpa(dpa(text))

    sums = of(findings, "pagu-sum")
    wrong = [f for f in sums if f.severity == "error"]
    # the [ - ] that holds the line; its [ # ], the rekening and their parents agree
    local = one([f for f in wrong if f.line == 74], "pagu-sum")
    assert local.code == "5.1.02.01.001.00052"
    assert (local.expected, local.actual) == (d("32410000"), d("32400000"))
    assert "rekening 5.1.02.01.001.00052 Belanja Makanan dan Minuman Rapat" in local.message
    assert "selisih Rp10.000 (tercetak lebih kecil)" in local.message
    assert "Makanan dan Minuman Rp21.610.000; Snack Rp10.800.000" in local.message
    # every figure of the whole sub kegiatan differs from the lines by the same Rp10.000
    assert {f.line for f in wrong} == {24, 58, 74, 352, 396}
    for found in wrong:
        assert "selisih Rp10.000" in found.message
    alokasi = one([f for f in wrong if f.line == 24], "pagu-sum")
    assert (alokasi.row, alokasi.year, alokasi.column) == (
        "Alokasi Tahun 2026",
        2026,
        "Alokasi Tahun",
    )
    assert "Selisihnya terlihat pada: [ - ] “Belanja Makan dan Minum Rapat” (rekening " in (
        alokasi.message
    )
    # the line itself: 720 × Rp30.000 is not Rp21.610.000
    formula = one(findings, "formula-mismatch")
    assert (formula.line, formula.expected, formula.actual) == (77, d("21600000"), d("21610000"))
    assert "berbeda dengan Alokasi Tahun 2026" in summary(findings).message


def test_a_wrong_subtotal_is_reported_once() -> None:
    text = RAPAT.replace("Rp32.400.000,00 | 64", "Rp23.400.000,00 | 64")

    findings = check_source_dpa(dpa(text))

    found = one(errors(findings), "pagu-sum")
    assert (found.line, found.code) == (64, "5.1.02.01")
    assert (found.expected, found.actual) == (d("32400000"), d("23400000"))
    assert "Subtotal rekening 5.1.02.01 Belanja Barang tercetak Rp23.400.000" in found.message
    assert "selisih Rp9.000.000 (tercetak lebih kecil)" in found.message
    assert "5.1.02.01.001 Belanja Barang Pakai Habis Rp32.400.000" in found.message


def test_alokasi_and_jumlah_anggaran_against_the_lines() -> None:
    findings = check_source_dpa(dpa(alokasi="Rp33.400.000,00", total="Rp32.400.000,00"))

    found = one(errors(findings), "pagu-sum")
    assert (found.line, found.row, found.year) == (24, "Alokasi Tahun 2026", 2026)
    assert "Alokasi Tahun 2026 tercetak Rp33.400.000" in found.message
    assert "selisih Rp1.000.000 (tercetak lebih besar)" in found.message
    message = summary(findings).message
    assert "sama dengan Jumlah Anggaran Sub Kegiatan, total akun 5 dan rencana" in message
    assert "berbeda dengan Alokasi Tahun 2026" in message


def test_the_months_against_their_jumlah() -> None:
    months = ("Rp0,00", "Rp21.600.000,00", "Rp10.000.000,00") + ("Rp0,00",) * 9

    findings = check_source_dpa(dpa(months=months))

    found = one(errors(findings), "pagu-sum")
    assert (found.table, found.line) == ("Rencana Realisasi Belanja per Bulan", 396)
    assert "12 bulan berjumlah Rp31.600.000: selisih Rp800.000" in found.message


def test_without_a_printed_month_jumlah_the_months_are_summed() -> None:
    months = ("Rp0,00", "Rp21.600.000,00") + ("Rp0,00",) * 10

    findings = check_source_dpa(dpa(months=months, months_total=None))

    found = one(errors(findings), "pagu-sum")
    assert found.table == "Rencana Realisasi Belanja per Bulan"
    assert "Rencana realisasi per bulan (jumlah 12 bulan) tercetak Rp21.600.000" in found.message


def test_masukan_that_differs_is_a_warning() -> None:
    findings = check_source_dpa(dpa(masukan="Rp30.000.000,00"))

    found = one([f for f in findings if f.severity == "warning"], "pagu-sum")
    assert found.line == 34
    assert errors(findings) == []


def test_a_difference_within_rounding() -> None:
    findings = check_source_dpa(dpa(total="Rp32.400.001,00"))

    found = one(findings, "pagu-rounding")
    assert (found.severity, found.line) == ("warning", 352)
    assert errors(findings) == []


# --- formula-mismatch ---------------------------------------------------------------------


PPN = """
kind | code                | name        | koef              | harga      | ppn | jumlah         | line
akun | 5.1.02.04.001.00001 | Perjalanan  | -                 | -          | -   | Rp3.016.000,00 | 10
item | -                   | Uang Harian | 2 Orang x 3 Hari  | Rp480.000  | 0%  | Rp2.880.000,00 | 11
item | -                   | Materai     | 1 Buah            | Rp122.523  | 11% | Rp136.000,00   | 12
"""  # noqa: E501 - a text table reads best unwrapped


def test_koefisien_times_harga_with_ppn_and_several_factors() -> None:
    findings = check_source_dpa(dpa(PPN, alokasi="Rp3.016.000,00", total=None, months=()))

    # 2 × 3 × 480.000 = 2.880.000; 122.523 × 1,11 = 136.000,53, within rounding
    assert of(findings, "formula-mismatch") == []
    assert errors(findings) == []


def test_a_line_whose_jumlah_is_not_koefisien_times_harga() -> None:
    text = PPN.replace("Rp480.000  | 0%  | Rp2.880.000,00", "Rp480.000  | 0%  | Rp2.800.000,00")

    findings = check_source_dpa(dpa(text, alokasi=None, total=None, months=()))

    found = one(findings, "formula-mismatch")
    assert (found.line, found.expected, found.actual) == (11, d("2880000"), d("2800000"))
    assert "koefisien 2 Orang x 3 Hari × harga Rp480.000 (PPN 0%) = Rp2.880.000" in found.message


# --- number-typo, missing-value, code-format ----------------------------------------------


def test_letters_in_an_amount_are_a_typo_and_the_likely_value_is_summed() -> None:
    text = RAPAT.replace("Rp21.600.000,00 | 77", "Rp21.6O0.000,00 | 77")

    findings = check_source_dpa(dpa(text))

    found = one(findings, "number-typo")
    assert (found.severity, found.line, found.column) == ("error", 77, "Jumlah")
    assert found.expected == Decimal("21600000.00")
    assert of(errors(findings), "pagu-sum") == []


def test_empty_or_absent_alokasi() -> None:
    findings = check_source_dpa(dpa(alokasi=None, alokasi_next=""))

    missing = of(findings, "missing-value")
    assert [(f.row, f.line) for f in missing] == [
        ("Alokasi Tahun 2027", 26),
        ("Alokasi Tahun 2026", None),
    ]
    assert "kosong" in missing[0].message
    assert "tidak tercetak" in missing[1].message


def test_months_missing_from_the_plan() -> None:
    findings = check_source_dpa(dpa(months=MONTHS[:11], months_total=None))

    found = one(findings, "missing-value")
    assert "tidak memuat Desember" in found.message


def test_an_empty_subtotal() -> None:
    text = RAPAT.replace("Rp32.400.000,00 | 70", "-               | 70")

    findings = check_source_dpa(dpa(text))

    found = one(findings, "missing-value")
    assert (found.line, found.code) == (70, "5.1.02.01.001.00052")
    assert errors(findings) == []


def test_a_sub_kegiatan_code_outside_its_kegiatan() -> None:
    doc = dpa()
    assert doc.sub_kegiatan is not None
    doc = replace(doc, sub_kegiatan=replace(doc.sub_kegiatan, code="2.21.02.1.02.0006"))

    found = one(check_source_dpa(doc), "code-format")
    assert (found.severity, found.line, found.actual) == ("error", 40, "2.21.02.1.02.0006")
    assert "tidak berada di bawah kode Kegiatan 2.21.02.1.01" in found.message


def test_nothing_read_is_said_plainly() -> None:
    doc = SourceDpa(source="kosong.txt", kind="DPA")

    found = summary(check_source_dpa(doc))
    assert found.message.startswith("Tidak ada baris rincian yang terbaca")
