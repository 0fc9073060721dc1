"""Whose file is it: the names and codes a file states, compared with the target OPD as
people write them (case, spaces, "Kab.", "SDM", abbreviations), and the real corpus."""

from pathlib import Path

import pytest

from kinerja.imports import mapping_renja, mapping_renstra
from kinerja.imports.ownership import Identity, Target, mismatch
from kinerja.imports.parsers import csv_renstra, text_table, xlsx_renja

SHARED = Path(__file__).resolve().parents[3].parent / "shared"

BKPSDM = Target(
    pemda="Kabupaten Tanjung Jabung Barat",
    opd_code="BKPSDM",
    opd_name="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah",
    opd_short_name="BKPSDM",
)
SIPD = Target(
    pemda="Kabupaten Bantul",
    pemda_code="34.02",
    opd_code="2.17.3.30.3.31.01.0000",
    opd_name="Dinas Koperasi UKM, Perindustrian dan Perdagangan",
)

# file identity (pemda, pemda code, kode SKPD, agency name), target, what differs or "".
CASES = [
    (("PEMERINTAH KABUPATEN TANJUNG JABUNG BARAT", "", "",
      "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA DAERAH"), BKPSDM, ""),
    (("Kab. Tanjung  Jabung Barat", "", "", "Badan Kepegawaian dan Pengembangan SDM"),
     BKPSDM, ""),
    (("", "", "", "BKPSDM"), BKPSDM, ""),
    (("Tanjung Jabung Barat", "", "", ""), BKPSDM, ""),
    (("KAB. BANTUL", "3402", "2.17.3.30.3.31.01.0000",
      "Dinas Koperasi Usaha Kecil dan Menengah, Perindustrian dan Perdagangan"), SIPD, ""),
    (("KOTA TANJUNG JABUNG BARAT", "", "", ""), BKPSDM, "pemda"),
    (("KAB. BANTUL", "", "", ""), BKPSDM, "pemda"),
    (("", "3471", "", ""), SIPD, "pemda"),
    (("", "", "4.01.0.00.0.00.01.0000", ""), SIPD, "kode SKPD"),
    (("", "", "", "BADAN PERENCANAAN, PENELITIAN DAN PENGEMBANGAN KAB. PENAJAM PASER UTARA"),
     BKPSDM, "nama perangkat daerah"),
    (("", "", "", "Dinas Kesehatan"), BKPSDM, "nama perangkat daerah"),
    (("", "", "", "BKD"), BKPSDM, "nama perangkat daerah"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "target", "differs"), CASES)
def test_names_and_codes_are_compared_as_people_write_them(file, target, differs):
    pemda, pemda_code, opd_code, opd_name = file
    identity = Identity(pemda=pemda, pemda_code=pemda_code, opd_code=opd_code, opd_name=opd_name)

    message = mismatch(identity, target)

    if not differs:
        assert message is None
    else:
        assert message is not None
        assert f"{differs} berbeda" in message
        assert target.opd_name in message  # both are named
        assert (opd_name or pemda or pemda_code or opd_code) in message


def test_a_file_that_names_nothing_is_no_mismatch():
    assert mismatch(Identity(), BKPSDM) is None


def corpus(name: str) -> Path:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return path


def test_the_seed_is_bkpsdms_own_renja():
    path = corpus("seed/renja-bkpsdm-tanjabbar-2024.txt")
    identity = mapping_renja.identity(text_table.read(path.read_bytes(), path.name))
    assert identity.pemda == "KABUPATEN TANJUNG JABUNG BARAT"
    assert mismatch(identity, BKPSDM) is None


@pytest.mark.parametrize(
    ("name", "pemda", "agency"),
    [
        ("corpus/bantul-dinkopukmperindag-2025-2029-renstra.csv", "KAB. BANTUL",
         "Dinas Koperasi Usaha Kecil dan Menengah, Perindustrian dan Perdagangan"),
        ("corpus/kotayogyakarta-setda-2025-2029-renstra.csv", "KOTA YOGYAKARTA",
         "Sekretariat Daerah"),
    ],
)  # fmt: skip
def test_another_pemdas_renstra_csv_is_not_bkpsdms(name, pemda, agency):
    path = corpus(name)
    identity = mapping_renstra.identity(csv_renstra.read(path.read_bytes(), path.name))

    message = mismatch(identity, BKPSDM)

    assert (identity.pemda, identity.opd_name) == (pemda, agency)
    assert message is not None
    assert "pemda, nama perangkat daerah berbeda" in message
    assert f"“{agency}”" in message
    assert f"dari “{pemda}”" in message
    assert "dari “Kabupaten Tanjung Jabung Barat”" in message


def test_another_agencys_workbook_is_not_bkpsdms():
    path = corpus("corpus/penajampaserutara-bapelitbang-2024-renja.xlsx")
    identity = mapping_renja.identity(xlsx_renja.read(path.read_bytes(), path.name))

    message = mismatch(identity, BKPSDM)

    assert identity.opd_name == "BADAN PERENCANAAN, PENELITIAN DAN PENGEMBANGAN"
    assert message is not None
    assert "nama perangkat daerah berbeda" in message
