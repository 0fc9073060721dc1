"""Reading a SIPD-RI "DPA RINCIAN BELANJA SKPD" print as text, and `kinerja check` on it.

The real file is the Bali Diskominfos DPA 2026 of sub kegiatan 2.21.02.1.01.0006
(corpus, SOURCES.md §1): 28 item lines, Rp918.886.900, with the parsing traps of a
`pdftotext -layout` print. Small prints written here cover each trap on its own.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.evaluation.checks import check_source_dpa
from kinerja.evaluation.source_dpa import DASH, HASH, DpaItem, SourceDpa
from kinerja.imports.parsers import text_dpa

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
BALI = CORPUS / "bali-diskominfos-2026-dpa-subkeg-2.21.02.1.01.0006.txt"
# One item's jumlah changed by Rp10.000 (720 × Rp30.000 is Rp21.600.000).
PRINTED_LINE = "Rp30.000,00   0%     Rp21.600.000,00"
MUTATED_LINE = "Rp30.000,00   0%     Rp21.610.000,00"


@pytest.fixture(scope="module")
def bali_text() -> str:
    if not BALI.exists():
        pytest.skip(f"the corpus DPA is not there ({BALI}): ../shared is absent")
    return BALI.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bali(bali_text: str) -> SourceDpa:
    return text_dpa.read(bali_text.encode(), BALI.name)


def value(printed) -> Decimal:
    assert printed is not None
    return printed.value


def item_at(doc: SourceDpa, line: int) -> DpaItem:
    (item,) = [item for item in doc.items if item.location.line == line]
    return item


# --- the real DPA -------------------------------------------------------------------------


def test_the_bali_print_is_a_dpa(bali_text: str) -> None:
    assert text_dpa.looks_like_dpa(bali_text)


def test_the_header_block(bali: SourceDpa) -> None:
    assert (bali.kind, bali.formulir, bali.year) == ("DPA", "DPA RINCIAN BELANJA SKPD", 2026)
    assert bali.nomor == "DPA/A.1/2.16.2.20.2.21.02.0000/001/2026"
    assert bali.urusan is not None
    assert bali.urusan.code == "2"
    assert bali.bidang is not None
    assert bali.bidang.code == "2.21"
    assert bali.program is not None
    assert bali.program.code == "2.21.02"
    assert bali.kegiatan is not None
    assert bali.kegiatan.code == "2.21.02.1.01"
    # the kegiatan's name wraps onto an indented line
    assert bali.kegiatan.name == (
        "PENYELENGGARAAN PERSANDIAN UNTUK PENGAMANAN INFORMASI PEMERINTAH DAERAH PROVINSI"
    )
    assert bali.sub_kegiatan is not None
    assert (bali.sub_kegiatan.code, bali.sub_kegiatan.location.line) == ("2.21.02.1.01.0006", 40)
    assert bali.sub_kegiatan.name == (
        "Penyediaan Layanan Keamanan Informasi dan Persandian Pemerintah Daerah"
    )
    assert bali.organisasi is not None
    assert bali.organisasi.code == "2.16.2.20.2.21.02.0000"
    assert bali.organisasi.name == "Dinas Komunikasi, Informatika dan Statistik"
    assert bali.sumber_pendanaan == "PENDAPATAN ASLI DAERAH (PAD)"
    assert bali.waktu == "Mulai Januari Sampai Desember"


def test_alokasi_tahun_as_printed(bali: SourceDpa) -> None:
    assert bali.alokasi is not None
    assert bali.alokasi.text == "Rp918.886.900,00"
    assert (value(bali.alokasi), bali.alokasi.location.line) == (Decimal("918886900"), 24)
    assert value(bali.alokasi_next) == Decimal("574200000")
    assert value(bali.alokasi_prev) == Decimal("0")
    masukan = [row for row in bali.indikator if row.kind == "Masukan"]
    assert [value(row.amount) for row in masukan] == [Decimal("918886900")]
    assert [row.kind for row in bali.indikator] == [
        "Capaian Kegiatan",
        "Masukan",
        "Keluaran",
        "Hasil",
    ]


def test_28_item_lines_add_up_to_the_alokasi(bali: SourceDpa) -> None:
    assert len(bali.items) == 28
    assert sum(value(item.jumlah) for item in bali.items) == Decimal("918886900")
    assert value(bali.total) == Decimal("918886900")
    assert bali.findings == ()


def test_the_account_tree(bali: SourceDpa) -> None:
    assert len(bali.accounts) == 35
    assert [a.code for a in bali.roots()] == ["5"]
    levels = [a.level for a in bali.accounts]
    assert (levels.count(6), max(levels)) == (13, 6)
    rapat = bali.account("5.1.02.01.001.00052")
    assert rapat is not None
    assert (rapat.name, value(rapat.total)) == ("Belanja Makanan dan Minuman Rapat", 32400000)
    modal = bali.account("5.2")
    assert modal is not None
    assert value(modal.total) == Decimal("405842900")
    assert all(item.account.count(".") == 5 for item in bali.items)


def test_group_lines_with_their_amount_on_the_next_line(bali: SourceDpa) -> None:
    assert len(bali.groups) == 29
    honor = bali.groups[2]
    assert (honor.marker, honor.account) == (HASH, "5.1.02.02.001.00003")
    assert (
        honor.name == "Honorarium Narasumber atau Pembahas, Moderator, Pembawa Acara, dan Panitia"
    )
    assert (value(honor.total), honor.sumber_dana) == (5400000, "PENDAPATAN ASLI DAERAH (PAD)")
    jsc = bali.groups[3]
    assert (jsc.marker, jsc.name, jsc.parent, value(jsc.total)) == (DASH, "JSC", 2, 5400000)
    # perjalanan dinas biasa: one [ # ] of Rp36.609.000 holding two [ - ]
    travel = [g for g in bali.groups if g.parent == 8]
    assert [value(g.total) for g in travel] == [31208000, 5401000]


def test_a_page_break_inside_an_account_and_a_unit_split_over_two_lines(bali: SourceDpa) -> None:
    # the column header repeats between the two lines of 5.1.02.01.001.00052
    snack = item_at(bali, 86)
    assert (snack.account, snack.name, snack.spesifikasi) == (
        "5.1.02.01.001.00052",
        "Makanan dan Minuman",
        "Snack Biasa",
    )
    assert (snack.koefisien, snack.satuan, value(snack.volume)) == (
        "720 Orang / Kali",
        "Orang / Kali",
        720,
    )
    assert tuple(p.text for p in (snack.harga, snack.ppn, snack.jumlah) if p) == (
        "Rp15.000,00",
        "0%",
        "Rp10.800.000,00",
    )
    honor = item_at(bali, 102)
    assert (honor.koefisien, honor.satuan) == ("6 Orang / Jam", "Orang / Jam")
    taxi = item_at(bali, 160)
    assert (taxi.koefisien, taxi.satuan) == ("8 Orang / Kali", "Orang/Kali")


def test_volume_and_unit_sharing_a_column(bali: SourceDpa) -> None:
    hadiah = item_at(bali, 217)
    assert (hadiah.koefisien, hadiah.satuan) == ("1 Kelompok", "Kelompok")
    assert (
        hadiah.spesifikasi == "Lomba Kategori Berkelompok Jumlah Personil s.d. 10 Orang (Juara I)"
    )


def test_spesifikasi_wrapping_around_the_figures_and_across_a_page(bali: SourceDpa) -> None:
    lemari = item_at(bali, 244)
    assert lemari.spesifikasi == "Lemari Arsip / Lemari Buku / Rak Buku (Ukuran 920x480x1840mm)"
    laptop = item_at(bali, 315)
    assert laptop.name == "Laptop/Notebook (Grafis/High End)"
    assert laptop.spesifikasi.startswith("Processor Min.Core i9 Gen 13/Min. Ryzen 9 7000 Series,")
    assert laptop.spesifikasi.endswith("Sistem Operasi, Garansi Min. 1 Tahun")
    assert (value(laptop.volume), value(laptop.jumlah)) == (6, 278640000)
    meja = item_at(bali, 269)
    assert meja.name == "Meja Kerja (Custom)"
    assert meja.spesifikasi.endswith("Accessoris : Hubben / Setara")


def test_the_monthly_plan(bali: SourceDpa) -> None:
    assert [month.name for month in bali.months][:2] == ["Januari", "Februari"]
    assert len(bali.months) == 12
    total = sum(value(month.amount) for month in bali.months)
    assert total == value(bali.months_total) == Decimal("918886900")
    assert value(bali.months[2].amount) == Decimal("394574300")


def test_the_bali_dpa_adds_up_and_says_so(bali: SourceDpa) -> None:
    findings = check_source_dpa(bali)

    assert [(f.rule, f.severity) for f in findings] == [("pagu-sum", "info")]
    message = findings[0].message
    assert message.startswith(
        "28 baris rincian berjumlah Rp918.886.900, sama dengan Alokasi Tahun 2026, Jumlah "
        "Anggaran Sub Kegiatan, total akun 5, Masukan (Dana Yang Dibutuhkan) dan rencana "
        "realisasi per bulan."
    )
    assert "Subtotal 34 rekening dan 29 baris [ # ]/[ - ] sama dengan rinciannya" in message
    assert "pada 28 baris: semuanya sesuai" in message
    assert "Alokasi Tahun 2027 Rp574.200.000" in message


def test_one_changed_jumlah_is_found_with_its_account_and_the_difference(bali_text: str) -> None:
    assert bali_text.count(PRINTED_LINE) == 1
    mutated = bali_text.replace(PRINTED_LINE, MUTATED_LINE).encode()

    findings = check_source_dpa(text_dpa.read(mutated, BALI.name))

    wrong = [f for f in findings if f.rule == "pagu-sum" and f.severity == "error"]
    assert {f.line for f in wrong} == {24, 58, 74, 352, 396}
    group = next(f for f in wrong if f.line == 74)
    assert group.code == "5.1.02.01.001.00052"
    assert "rekening 5.1.02.01.001.00052 Belanja Makanan dan Minuman Rapat" in group.message
    assert "selisih Rp10.000" in group.message
    for found in wrong:
        assert "Rp918.896.900" in found.message or found.line == 74
        assert "selisih Rp10.000" in found.message
    formula = next(f for f in findings if f.rule == "formula-mismatch")
    assert (formula.line, formula.expected, formula.actual) == (77, 21600000, 21610000)


# --- the traps, one by one ----------------------------------------------------------------

HEAD = """\
                      DOKUMEN PELAKSANAAN ANGGARAN
                        SATUAN KERJA PERANGKAT DAERAH                    FORMULIR
                                        Provinsi Contoh        DPA RINCIAN BELANJA SKPD

                                TAHUN ANGGARAN 2026

Nomor DPA : DPA/A.1/1.01.0.00.0.00.01.0000/001/2026

Program                  : 1.01.02 - PROGRAM PENGELOLAAN PENDIDIKAN

Kegiatan                 : 1.01.02.1.01 - Pengelolaan Pendidikan Sekolah Dasar

Alokasi Tahun -1         : Rp0,00

Alokasi Tahun            : {alokasi}

Alokasi Tahun + 1        :

Sub Kegiatan             : 1.01.02.1.01.0001 - Pembangunan Unit Sekolah Baru

"""
TABLE_HEADER = """\
                                                                 Rincian Perhitungan
                                                                                               Jumlah
  Kode Rekening                 Uraian                  Koefisien /
                                                                    Satuan     Harga     PPN    (Rp)
                                                          Volume
"""
RINCIAN = """\
5                   BELANJA DAERAH                                                         Rp3.450.000,00

5.1.02.01.001.00024 Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor             Rp3.450.000,00

                    [ # ] ATK
                                                                                           Rp3.450.000,00
                    Sumber Dana: PENDAPATAN ASLI DAERAH (PAD)

                    [ - ] Kertas dan Tinta                                                 Rp3.450.000,00

                    Kertas HVS
                                                        50 Rim      Rim    Rp50.000,00  0% Rp2.500.000,00
                    Spesifikasi: A4 70 gram
{page_break}
                    Tinta Printer                         5 Botol /   Botol /
                                                                           Rp190.000,00 0%   Rp950.000,00
                    Spesifikasi: Hitam                    Warna     Warna

                                                     Jumlah Anggaran Sub Kegiatan Rp3.450.000,00

Rencana Realisasi Belanja per Bulan*)
                                              Kota Contoh, tanggal 02 Januari 2026
Januari      Rp0,00
Februari     Rp3.450.000,00
Maret        Rp0,00
April        Rp0,00
Mei          Rp0,00
Juni         Rp0,00
Juli         Rp0,00
Agustus      Rp0,00
September    Rp0,00
Oktober      Rp0,00
November     Rp0,00
Desember     Rp0,00
Jumlah       Rp3.450.000,00
"""  # noqa: E501 - a print's lines are as wide as the page


def small(*, alokasi: str = "Rp3.450.000,00", rincian: str = RINCIAN) -> bytes:
    text = HEAD.format(alokasi=alokasi) + TABLE_HEADER + rincian.format(page_break=TABLE_HEADER)
    return text.encode()


def test_a_small_print_with_a_page_break_between_two_lines() -> None:
    doc = text_dpa.read(small(), "kecil.txt")

    assert doc.findings == ()
    assert [(i.name, i.koefisien, i.satuan) for i in doc.items] == [
        ("Kertas HVS", "50 Rim", "Rim"),
        ("Tinta Printer", "5 Botol / Warna", "Botol / Warna"),
    ]
    assert [i.spesifikasi for i in doc.items] == ["A4 70 gram", "Hitam"]
    assert {i.group for i in doc.items} == {1}
    assert doc.groups[0].sumber_dana == "PENDAPATAN ASLI DAERAH (PAD)"
    assert value(doc.months_total) == Decimal("3450000")
    assert [m.name for m in doc.months][0] == "Januari"  # not the "02 Januari 2026" date


def test_two_lines_with_no_blank_line_between_them() -> None:
    doc = text_dpa.read(small(rincian=RINCIAN.replace("{page_break}\n", "")), "rapat.txt")

    assert [(i.name, i.spesifikasi, i.koefisien) for i in doc.items] == [
        ("Kertas HVS", "A4 70 gram", "50 Rim"),
        ("Tinta Printer", "Hitam", "5 Botol / Warna"),
    ]
    assert [(f.rule, f.severity) for f in doc.findings] == [("layout", "info")]


def test_a_line_whose_figures_do_not_read_is_reported_not_dropped() -> None:
    rincian = RINCIAN.replace("0%   Rp950.000,00", "0%   950.000,00")

    doc = text_dpa.read(small(rincian=rincian), "kecil.txt")
    findings = check_source_dpa(doc)

    assert [i.name for i in doc.items] == ["Kertas HVS"]
    (layout,) = doc.findings
    assert (layout.severity, layout.line) == ("error", 45)
    assert "1 bagian rincian belanja tidak dapat ditempatkan" in layout.message
    assert "Tinta Printer" in layout.message
    info = next(f for f in findings if f.severity == "info")
    assert "Sebagian cetakan tidak terbaca" in info.message


def test_an_empty_alokasi_and_a_typo_in_an_amount() -> None:
    content = small(alokasi="Rp3.45O.000,00")

    doc = text_dpa.read(content, "kecil.txt")
    findings = check_source_dpa(doc)

    typo = next(f for f in findings if f.rule == "number-typo")
    assert (typo.line, typo.row, typo.expected) == (15, "Alokasi Tahun 2026", Decimal("3450000.00"))
    missing = next(f for f in findings if f.rule == "missing-value")
    assert (missing.line, missing.row) == (17, "Alokasi Tahun 2027")


def test_a_text_that_is_no_dpa() -> None:
    renja = "RENCANA KERJA PERANGKAT DAERAH TAHUN 2025\nTabel 4.1 Rencana Kegiatan\n"
    assert not text_dpa.looks_like_dpa(renja)
    doc = text_dpa.read(renja.encode(), "renja.txt")
    assert [f.rule for f in doc.findings] == ["layout"]
    assert doc.items == ()


def test_a_perubahan_print_is_reported_not_misread() -> None:
    content = small().replace(b"Rincian Perhitungan", b"Sebelum Perubahan")

    doc = text_dpa.read(content, "dppa.txt")

    assert [(f.rule, f.severity) for f in doc.findings] == [("layout", "error")]
    assert doc.items == ()


# --- kinerja check ------------------------------------------------------------------------


def check_json(capsys, path: Path) -> tuple[int, dict]:
    from kinerja.tests.test_cli import run

    status = run("check", str(path), "--format", "json")
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.django_db
def test_kinerja_check_on_the_bali_dpa(capsys) -> None:
    if not BALI.exists():
        pytest.skip(f"the corpus DPA is not there ({BALI}): ../shared is absent")

    status, report = check_json(capsys, BALI)

    assert (status, report["kind"]) == (0, "dpa")
    assert report["summary"]["errors"] == 0
    (info,) = report["findings"]
    assert info["severity"] == "info"
    assert info["message"].startswith("28 baris rincian berjumlah Rp918.886.900, sama dengan")


@pytest.mark.django_db
def test_kinerja_check_on_a_changed_dpa_exits_1(capsys, tmp_path, bali_text: str) -> None:
    path = tmp_path / BALI.name
    path.write_text(bali_text.replace(PRINTED_LINE, MUTATED_LINE), encoding="utf-8")

    status, report = check_json(capsys, path)

    assert (status, report["kind"]) == (1, "dpa")
    # 5 pagu-sum errors, Masukan (a warning), the summary; the line itself
    assert report["summary"]["by_rule"] == {"formula-mismatch": 1, "pagu-sum": 7}
    assert (report["summary"]["errors"], report["summary"]["warnings"]) == (6, 1)


@pytest.mark.django_db
def test_kinerja_check_on_a_text_with_no_renja_table_exits_2(capsys, tmp_path) -> None:
    from kinerja.tests.test_cli import run

    path = tmp_path / "catatan.txt"
    path.write_text("Catatan rapat\nTidak ada tabel di sini.\n", encoding="utf-8")

    assert run("check", str(path), "--format", "json") == 2
    assert "tidak ditemukan Tabel 4.1 atau Tabel 2.1" in capsys.readouterr().err


@pytest.mark.django_db
def test_kinerja_import_refuses_a_dpa(capsys, tmp_path) -> None:
    from kinerja.tests.test_cli import run

    path = tmp_path / "dpa.txt"
    path.write_bytes(small())

    assert run("import", str(path), "--opd", "DINAS-A", "--pemda", "Kabupaten Contoh") == 2
    assert "hanya diperiksa, tidak diimpor" in capsys.readouterr().err
