"""SIPD-style Renstra CSV extracts: the real Kota Yogyakarta and Bantul files, and quirks."""

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.evaluation.source import SourceRenstra
from kinerja.imports.parsers import csv_renstra

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
YOGYAKARTA = "kotayogyakarta-setda-2025-2029-renstra.csv"
BANTUL = "bantul-dinkopukmperindag-2025-2029-renstra.csv"
YEARS = ("2025", "2026", "2027", "2028", "2029")


def read_corpus(name: str) -> SourceRenstra:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"korpus berkas nyata tidak ada di {CORPUS} (../shared belum dipasang)")
    return csv_renstra.read(path.read_bytes(), name)


@pytest.fixture(scope="module")
def yogyakarta() -> SourceRenstra:
    return read_corpus(YOGYAKARTA)


@pytest.fixture(scope="module")
def bantul() -> SourceRenstra:
    return read_corpus(BANTUL)


def pagu(row, year: str) -> Decimal | None:
    return next((p.value for y, p in row.pagu if y == year), None)


def test_yogyakarta_rows_period_and_opd(yogyakarta):
    assert len(yogyakarta.rows) == 44
    assert len({row.kode_sub_kegiatan for row in yogyakarta.rows}) == 23
    assert (yogyakarta.first_year, yogyakarta.last_year) == (2025, 2029)
    assert (yogyakarta.pemda, yogyakarta.opd_name) == ("KOTA YOGYAKARTA", "Sekretariat Daerah")


def test_yogyakarta_pagu_sits_on_one_row_of_each_multi_row_sub_kegiatan(yogyakarta):
    rows = defaultdict(list)
    for row in yogyakarta.rows:
        rows[row.kode_sub_kegiatan].append(row)
    several = {code: group for code, group in rows.items() if len(group) > 1}

    assert len(several) == 13
    for group in several.values():
        for year in YEARS:
            values = [pagu(row, year) for row in group]
            assert sum(1 for value in values if value) == 1, (group[0].kode_sub_kegiatan, year)
            assert values.count(Decimal(0)) == len(group) - 1


def test_amounts_written_as_floats_are_read_exactly(yogyakarta):
    first = yogyakarta.rows[0]
    printed = dict(first.pagu)["2025"]

    assert printed.text == "532384712.0"
    assert printed.value == Decimal("532384712.0")
    assert printed.column == "pagu1"
    assert printed.location.line == 2
    # pagu6/pagu7 (0.0, past 2029) are dropped; volume_0 is the year before the period
    assert [year for year, _ in first.pagu] == list(YEARS)
    assert [year for year, _ in first.volume] == ["awal", "2024", *YEARS]


def test_yogyakarta_text_is_trimmed_and_counted(yogyakarta):
    [tidy] = [f for f in yogyakarta.findings if "dirapikan" in f.message]
    assert "6 sel teks dirapikan (4 berisi baris baru, 2 berisi spasi berlebih)" in tidy.message
    assert all("\n" not in row.nama_sub_kegiatan for row in yogyakarta.rows)
    # a row points at the physical line it starts on: three records span three lines each,
    # so the last of the 44 rows starts on line 51 (grep -n finds it there)
    assert yogyakarta.rows[18].location.line == 20
    assert yogyakarta.rows[-1].location.line == 51


def test_yogyakarta_blank_baseline_is_absent(yogyakarta):
    assert sum(1 for row in yogyakarta.rows if "awal" not in dict(row.volume)) == 8


def test_bantul_rows_and_mangled_kodebidang_kept_as_printed(bantul):
    mangled = [row for row in bantul.rows if row.kode_bidang == "3.3"]

    assert len(bantul.rows) == 48
    assert len(mangled) == 21
    assert all(row.kode_program.startswith("3.30.") for row in mangled)
    assert {row.kode_bidang for row in bantul.rows} == {"2.17", "2.22", "3.3", "3.31"}
    assert bantul.rows[0].kode_skpd == "2.17.3.30.3.31.01.0000"


def test_bantul_erratic_pagu_is_in_the_rows(bantul):
    [row] = [r for r in bantul.rows if r.kode_sub_kegiatan == "3.31.02.2.01.0001"]

    assert [pagu(row, year) for year in YEARS[:3]] == [
        Decimal("850000"),
        Decimal("200000000"),
        Decimal("10000000"),
    ]


def test_bantul_spaces_counted(bantul):
    [tidy] = [f for f in bantul.findings if "dirapikan" in f.message]
    assert tidy.message.startswith("9 sel teks dirapikan (0 berisi baris baru, 9 berisi spasi")


HEADER = (
    "KODEPEMDA;IDPERIODE;KODEBIDANG;KODEPROGRAM;KODEKEGIATAN;KODESUBKEGIATAN;"
    "URAISUBKEGIATAN;URAISUBKEGIATAN_INDIKATOR;SATUAN;VOLUME_AWAL;VOLUME_1;PAGU1;PAGU2;PAGU6"
)


def test_semicolons_upper_case_headers_and_slots_past_the_period():
    line = "3402;20252026;2.1;2.10.02;2.10.02.2.01;2.10.02.2.01.0001;Sub;Ind;%;1.125;2;1.125;;5.0"
    text = f"{HEADER}\n{line}\n"

    doc = csv_renstra.read(text.encode(), "renstra.csv")
    [row] = doc.rows

    assert row.kode_bidang == "2.1"
    assert dict(row.volume)["awal"].value == Decimal("1.125")  # a float, not 1125
    assert dict(row.pagu)["2025"].value == Decimal("1.125")
    assert "2026" not in dict(row.pagu)  # blank: no value
    assert dict(row.pagu)["2030"].value == Decimal(5)
    [past] = [f for f in doc.findings if f.column == "pagu6"]
    assert past.severity == "warning"


def test_a_period_that_is_not_a_period_keeps_the_slot_numbers():
    text = HEADER + "\n3402;2025;2.10;2.10.02;2.10.02.2.01;2.10.02.2.01.0001;Sub;Ind;%;;2;100.0;;\n"

    doc = csv_renstra.read(text.encode(), "renstra.csv")

    assert doc.first_year is None
    assert [year for year, _ in doc.rows[0].pagu] == ["1"]
    assert any(f.column == "idperiode" for f in doc.findings)


def test_a_file_without_the_code_columns_is_an_error():
    doc = csv_renstra.read(b"nama,nilai\na,1\n", "lain.csv")

    assert doc.rows == ()
    assert [f.severity for f in doc.findings] == ["error"]
