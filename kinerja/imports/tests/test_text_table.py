"""Reading a Renja from the text of its PDF: the seed document, and small tables as text."""

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.evaluation.source import SourceItem, SourceRenja
from kinerja.imports.parsers import text_table

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SEED = SHARED / "seed" / "renja-bkpsdm-tanjabbar-2024.txt"


@pytest.fixture(scope="module")
def seed() -> SourceRenja:
    if not SEED.exists():
        pytest.skip(f"the seed document is not there ({SEED}): ../shared is absent")
    return text_table.read(SEED.read_bytes(), SEED.name)


def walk(items: tuple[SourceItem, ...]):
    for item in items:
        yield item
        yield from walk(item.children)


def of_level(doc: SourceRenja, level: str) -> list[SourceItem]:
    return [item for item in walk(doc.items) if item.level == level]


def value(printed) -> Decimal:
    return printed.value


def tsv(text: str) -> bytes:
    """A table written with `|` between cells, as the extracted text has tabs."""
    lines = [
        "\t".join(cell.strip() for cell in line.split("|")) if "|" in line else line
        for line in text.splitlines()
    ]
    return "\n".join(lines).encode()


# --- the seed --------------------------------------------------------------------------


def test_the_seed_has_2_programs_12_kegiatan_39_sub_kegiatan(seed):
    assert [item.name for item in seed.items] == [
        "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KABUPATEN/ KOTA",
        "PROGRAM KEPEGAWAIAN DAERAH",
    ]
    assert len(of_level(seed, "kegiatan")) == 12
    assert len(of_level(seed, "sub_kegiatan")) == 39
    assert all(len(kegiatan.children) >= 2 for kegiatan in of_level(seed, "kegiatan"))


def test_the_reader_places_every_row_of_the_seed(seed):
    assert seed.findings == ()


def test_the_sub_kegiatan_pagu_add_up_to_the_printed_totals(seed):
    subs = of_level(seed, "sub_kegiatan")
    assert sum(value(sub.pagu) for sub in subs) == Decimal("15119920991")
    per_program = [
        sum(value(sub.pagu) for sub in walk(program.children) if sub.level == "sub_kegiatan")
        for program in seed.items
    ]
    assert per_program == [Decimal("10179230831"), Decimal("4940690160")]
    assert [program.pagu.text for program in seed.items] == ["10.179.230.831", "4.940.690.160"]


def test_the_printed_kegiatan_totals_are_read_where_they_stand(seed):
    perencanaan = of_level(seed, "kegiatan")[0]
    assert perencanaan.name == "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah"
    assert perencanaan.pagu.text == "150.000.000"
    assert perencanaan.pagu_n1.text == "115.000.000"
    assert (perencanaan.pagu.location.line, perencanaan.pagu.column) == (402, "6")
    assert perencanaan.pagu_n1.column == "10"
    assert [sub.name for sub in perencanaan.children] == [
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        "Evaluasi Kinerja Perangkat Daerah",
    ]


def test_the_grand_total_line_is_read_as_the_total(seed):
    assert seed.total_pagu.text == "15.119.920.991"
    assert seed.total_pagu_n1.text == "17.537.531.995"
    assert seed.total_pagu.location.line == 464


def test_rows_without_a_leading_tab_are_read_like_the_others(seed):
    # line 408 lost both its empty Kode and Catatan cells; line 421 only its Kode cell
    keuangan = of_level(seed, "kegiatan")[1]
    laporan = keuangan.children[0]
    assert laporan.location.line == 408
    assert (laporan.lokasi, laporan.sumber_dana) == ("BKPSDM", "APBD")
    assert (laporan.pagu.text, laporan.pagu_n1.text) == ("40.010.225", "46.011.759")
    peralatan = next(i for i in walk(seed.items) if i.location.line == 421)
    assert (peralatan.pagu.text, peralatan.pagu_n1.text) == ("96.600.000", "111.090.000")
    assert peralatan.indikator[0].target_n1.text == "3020"


def test_program_kepegawaian_carries_its_six_indikator(seed):
    program = seed.items[1]
    assert [(i.name, i.target.text, i.satuan, i.target_n1.text) for i in program.indikator] == [
        ("Indeks Profesionalitas ASN", "73", "", "75"),
        ("Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal", "10,3", "%", "11,6"),
        ("Persentase ASN yang mengikuti Pendidikan dan Pelatihan Non Formal", "9,7", "%", "11,2"),
        ("Persentase Penetapan Jabatan sesuai kompetensi", "92", "%", "93"),
        ("Rasio Pejabat Fungsional Tertentu", "56,7", "%", "56,9"),
        ("Tingkat Penurunan Pelanggaran Disiplin ASN", "25", "%", "25"),
    ]
    assert program.indikator[1].target.location.line == 439
    assert len(seed.items[0].indikator) == 2  # Nilai SAKIP OPD, and IP ASN on line 401


def test_targets_are_split_into_number_and_satuan(seed):
    sub = of_level(seed, "sub_kegiatan")[0]
    indikator = sub.indikator[0]
    assert (indikator.target.text, indikator.satuan) == ("18", "Dok")
    assert (indikator.target_n1.text, indikator.satuan_n1) == ("18", "Dok")
    assert (indikator.target.column, indikator.target_n1.column) == ("5", "9")
    kegiatan = of_level(seed, "kegiatan")[0].indikator[0]
    assert (kegiatan.target.text, kegiatan.satuan) == ("100", "%")


def test_the_tc29_rows_are_read_with_their_printed_columns(seed):
    sakip = seed.tc29[0]
    assert (sakip.level, sakip.indikator) == ("program", "Nilai SAKIP OPD")
    assert sakip.column("5").text == "6I"
    assert sakip.column("10").text == "138,2"
    assert sakip.column("4").location.line == 154
    ikm = seed.tc29[1]
    assert (ikm.name, ikm.indikator, ikm.column("5").text) == (
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/ KOTA",
        "Indeks Kepuasan Masyarakat",
        "8I",
    )
    levels = [row.level for row in seed.tc29]
    assert levels.count("program") == 8  # 2 + 6 indikator rows
    assert levels.count("kegiatan") == 11  # Tabel 2.1 has no Pengadaan BMD kegiatan
    assert levels.count("sub_kegiatan") == 31
    assert all(not row.columns for row in seed.tc29 if row.level == "kegiatan")
    disiplin = next(row for row in seed.tc29 if row.name == "Pembinaan Disiplin ASN")
    assert (disiplin.level, disiplin.column("11").text) == ("sub_kegiatan", "76,00")


def test_every_number_cell_is_listed_for_the_typo_check(seed):
    texts = [printed.text for printed in seed.numbers]
    assert "6I" in texts
    assert "8I" in texts
    assert "15.119.920.991" in texts
    assert "18 Dok" not in texts  # the number part only


def test_the_document_year_and_agency(seed):
    assert seed.year == 2024
    assert seed.opd_name == "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA DAERAH"


def test_titles_naming_a_year_or_triwulan_keep_their_role_and_line(seed):
    titles = {(title.location.line, title.role, title.text): title for title in seed.titles}
    assert titles[(5, "document", "RENCANA KERJA (RENJA) TA. 2024")].years == (2024,)
    daftar_isi = titles[(43, "section", "2.1. Evaluasi Renja sampai dengan Tahun 2021")]
    assert daftar_isi.years == (2021,)
    assert titles[(138, "section", "2.1 Evaluasi Renja sampai dengan Tahun 2022")].years == (2022,)
    caption = titles[
        (148, "table", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM DAERAH S/D TRIWULAN IV TAHUN 2022")
    ]
    assert (caption.years, caption.triwulan) == ((2022,), 4)
    column = titles[(152, "column", "Realisasi Renja BKPSDM s/d Triwulan III Tahun 2022")]
    assert (column.years, column.triwulan) == ((2022,), 3)
    assert titles[(119, "section", "2.1 Evaluasi Renja sampai dengan Triwulan IV")].triwulan == 4
    assert titles[(392, "table", "RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2024")]
    assert titles[(397, "column", "Rencana Tahun 2024")]
    # paragraphs that mention a year are not titles
    assert not [title for title in seed.titles if title.location.line in (13, 19, 140)]


# --- small tables ------------------------------------------------------------------

HEADER = """\
RENCANA KERJA (RENJA) TA. 2024

PEMERINTAH KABUPATEN CONTOH
DINAS CONTOH

BAB IV

TABEL 4.1
RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2024

No | Program/Kegiatan | Indikator Kinerja | Rencana Tahun 2024 | | | | Catatan Penting | 2025 |
 | | | Lokasi | Target | Pagu Indikatif | Sumber Dana | | Target | Pagu Indikatif
1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10
"""


def read(body: str) -> SourceRenja:
    return text_table.read(tsv(HEADER + body), "contoh.txt")


def test_a_row_broken_inside_a_cell_is_joined_with_the_next_line():
    doc = read("""\
 | PROGRAM KEPEGAWAIAN DAERAH | IP ASN | OPD | 73 | 300.000 | APBD | | 75 | 330.000
Mutasi dan Promosi ASN | Jumlah Dokumen | OPD | 25 Dok | 300.000 | APBD | 25 Dok | 330.000
Pengelolaan Mutasi ASN | Jumlah Dokumen Hasil Pelaksanaan Mutasi
Jabatan Pimpinan Tinggi | OPD | 5 Dok | 100.000 | APBD | 5 Dok | 110.000
Pengelolaan Promosi dan
Kenaikan Pangkat ASN | Jumlah Dokumen Promosi | OPD | 20 Dok | 200.000 | APBD | 20 Dok | 220.000
 | | | | 300.000 | | | | 330.000
""")

    assert doc.findings == ()
    mutasi, promosi = doc.items[0].children[0].children
    assert (
        mutasi.indikator[0].name
        == "Jumlah Dokumen Hasil Pelaksanaan Mutasi Jabatan Pimpinan Tinggi"
    )
    assert (mutasi.pagu.text, mutasi.location.line) == ("100.000", 16)
    assert promosi.name == "Pengelolaan Promosi dan Kenaikan Pangkat ASN"
    assert promosi.pagu_n1.text == "220.000"
    assert doc.total_pagu.text == "300.000"


def test_wrapped_lower_case_text_joins_the_row_above():
    doc = read("""\
 | PROGRAM KEPEGAWAIAN DAERAH | IP ASN | OPD | 73 | 100.000 | APBD | | 75 | 110.000
Mutasi dan Promosi ASN | Jumlah Dokumen | OPD | 25 Dok | 100.000 | APBD | 25 Dok | 110.000
Pengelolaan Mutasi ASN | Jumlah Dokumen Hasil | OPD | 5 Dok | 100.000 | APBD | 5 Dok | 110.000
 | pelaksanaan mutasi jabatan | | | | | |
""")

    sub = doc.items[0].children[0].children[0]
    assert sub.indikator[0].name == "Jumlah Dokumen Hasil pelaksanaan mutasi jabatan"
    assert len(sub.indikator) == 1


def test_a_missing_leading_tab_reads_the_same_row():
    program = (
        " | PROGRAM KEPEGAWAIAN DAERAH | IP ASN | OPD | 73 | 100.000 | APBD | | 75 | 110.000\n"
    )
    kegiatan = "Mutasi dan Promosi ASN | Jumlah Dokumen | OPD | 25 Dok | 100.000 | APBD |"
    with_tab = f" | {kegiatan} | 25 Dok | 110.000\n"  # empty Kode and Catatan cells kept
    without = f"{kegiatan} 25 Dok | 110.000\n"  # both lost
    sub = "Pengelolaan Mutasi ASN | Jumlah Hasil | OPD | 5 Dok | 100.000 | APBD | 5 Dok | 110.000\n"

    first = read(program + with_tab + sub).items[0].children[0]
    second = read(program + without + sub).items[0].children[0]

    for kegiatan in (first, second):
        assert (kegiatan.level, kegiatan.name, kegiatan.lokasi) == (
            "kegiatan",
            "Mutasi dan Promosi ASN",
            "OPD",
        )
        assert (kegiatan.pagu.text, kegiatan.pagu_n1.text, kegiatan.sumber_dana) == (
            "100.000",
            "110.000",
            "APBD",
        )
        assert (kegiatan.indikator[0].target_n1.text, kegiatan.indikator[0].satuan_n1) == (
            "25",
            "Dok",
        )


def test_an_unplaceable_row_is_a_finding_not_an_exception():
    doc = read("""\
Rapat Koordinasi | Jumlah Rapat | OPD | 4 Kali | 10.000 | APBD | 4 Kali | 11.000
 | PROGRAM KEPEGAWAIAN DAERAH | IP ASN | OPD | 73 | 100.000 | APBD | | 75 | 110.000
Mutasi dan Promosi ASN | Jumlah Dokumen | OPD | 25 Dok | 100.000 | APBD | 25 Dok | 110.000
Pengelolaan Mutasi ASN | Jumlah Dokumen Hasil | OPD | 5 Dok | 100.000 | APBD | 5 Dok | 110.000
""")

    [finding] = doc.findings
    assert (finding.rule, finding.severity, finding.line, finding.table) == (
        "layout",
        "error",
        14,
        "Tabel 4.1",
    )
    assert "sebelum program pertama" in finding.message
    assert [item.name for item in doc.items] == ["PROGRAM KEPEGAWAIAN DAERAH"]
    assert len(doc.items[0].children[0].children) == 1


def test_without_known_names_the_amounts_tell_kegiatan_from_sub_kegiatan():
    doc = read("""\
 | PROGRAM CONTOH | Nilai Contoh | OPD | 70 | 350.000 | APBD | | 72 | 385.000
Layanan Alfa | Persentase Layanan Alfa | OPD | 100% | 300.000 | APBD | 100% | 330.000
Penyediaan Satu | Jumlah Satu | OPD | 1 Paket | 100.000 | APBD | 1 Paket | 110.000
Penyediaan Dua | Jumlah Dua | OPD | 2 Paket | 200.000 | APBD | 2 Paket | 220.000
Layanan Gamma | Persentase Layanan Gamma | OPD | 100% | 50.000 | APBD | 100% | 55.000
Penyediaan Tiga | Jumlah Tiga | OPD | 3 Paket | 50.000 | APBD | 3 Paket | 55.000
""")

    assert doc.findings == ()
    kegiatan = doc.items[0].children
    assert [(k.name, [s.name for s in k.children]) for k in kegiatan] == [
        ("Layanan Alfa", ["Penyediaan Satu", "Penyediaan Dua"]),
        ("Layanan Gamma", ["Penyediaan Tiga"]),
    ]


def test_the_documents_own_list_names_the_kegiatan():
    listed = """\
Program dan kegiatan tahun 2024 terdiri atas 1 kegiatan dan 2 sub kegiatan yaitu:
1. Layanan Alfa
- Penyediaan Satu
- Penyediaan Dua
"""
    body = """\
 | PROGRAM CONTOH | Nilai Contoh | OPD | 70 | 300.000 | APBD | | 72 | 330.000
Layanan Alfa | Persentase Layanan Alfa | OPD | 100% | | APBD | 100% |
Penyediaan Satu | Jumlah Satu | OPD | 1 Paket | 100.000 | APBD | 1 Paket | 110.000
Penyediaan Dua | Jumlah Dua | OPD | 2 Paket | 200.000 | APBD | 2 Paket | 220.000
"""
    text = HEADER.replace("BAB IV\n", "BAB IV\n" + listed)

    doc = text_table.read(tsv(text + body), "contoh.txt")

    assert doc.findings == ()
    [kegiatan] = doc.items[0].children
    assert (kegiatan.name, len(kegiatan.children)) == ("Layanan Alfa", 2)


def test_a_level_nothing_decides_is_guessed_and_reported():
    doc = read("""\
 | PROGRAM CONTOH | Nilai Contoh | OPD | 70 | | APBD | | 72 |
Layanan Alfa | Jumlah Alfa | OPD | 1 Paket | | APBD | 1 Paket |
Layanan Beta | Jumlah Beta | OPD | 2 Paket | | APBD | 2 Paket |
""")

    assert {finding.line for finding in doc.findings} == {15, 16}
    assert all("ditebak" in finding.message for finding in doc.findings)
    assert [item.level for item in walk(doc.items)] == ["program", "kegiatan", "sub_kegiatan"]


def test_a_count_the_document_states_is_compared_with_the_table():
    listed = "Dinas menyusun 2 kegiatan dan 5 sub kegiatan yaitu:\n"
    body = """\
 | PROGRAM KEPEGAWAIAN DAERAH | IP ASN | OPD | 73 | 100.000 | APBD | | 75 | 110.000
Mutasi dan Promosi ASN | Jumlah Dokumen | OPD | 25 Dok | 100.000 | APBD | 25 Dok | 110.000
Pengelolaan Mutasi ASN | Jumlah Dokumen Hasil | OPD | 5 Dok | 100.000 | APBD | 5 Dok | 110.000
"""
    doc = text_table.read(tsv(HEADER.replace("BAB IV\n", "BAB IV\n" + listed) + body), "x.txt")

    [finding] = doc.findings
    assert "2 kegiatan dan 5 sub kegiatan" in finding.message
    assert "1 kegiatan dan 1 sub kegiatan" in finding.message


def test_the_small_documents_year_agency_and_titles():
    doc = read("")

    assert (doc.year, doc.opd_name, doc.items) == (2024, "DINAS CONTOH", ())
    assert [(t.role, t.location.line) for t in doc.titles] == [
        ("document", 1),
        ("table", 9),
        ("column", 11),
        ("column", 11),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18 Dok", ("18", "Dok")),
        ("100%", ("100", "%")),
        ("11,6 %", ("11,6", "%")),
        ("-12,5", ("-12,5", "")),
        ("6I Laporan", ("6I", "Laporan")),
        ("68050 Paket", ("68050", "Paket")),
        ("Baik", ("", "Baik")),
    ],
)
def test_split_target(text, expected):
    assert text_table.split_target(text) == expected
