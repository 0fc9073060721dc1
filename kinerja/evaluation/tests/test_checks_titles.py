"""title-year: the seed's titles disagree about the year (2021/2022) and the triwulan (III/IV)."""

from kinerja.evaluation.checks import check_title_year
from kinerja.evaluation.tests.test_checks_builders import renja

# Every title of the seed that names a year or a triwulan, with its line.
SEED_TITLES = """
role     | text                                                                                       | line
document | RENCANA KERJA (RENJA) TA. 2024                                                             | 5
section  | 2.1. Evaluasi Renja sampai dengan Tahun 2021                                               | 43
section  | 2.1 Evaluasi Renja sampai dengan Triwulan IV                                               | 119
section  | 2.1 Evaluasi Renja sampai dengan Tahun 2022                                                | 138
table    | REKAPITULASI EVALUASI HASIL PELAKSANAAN RENCANA KERJA S/D TRIWULAN IV TAHUN 2022          | 148
column   | Target Kinerja Capaian Program (RENSTRA Perangkat Daerah) Tahun 2026                       | 151
column   | Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d dengan Tahun 2021         | 151
column   | Target dan Realisasi Kinerja Program dan Kegiatan Tahun 2022                               | 151
column   | Target Program dan Kegiatan Renja BKPSDM tahun 2023                                        | 151
column   | Perkiraan Realisasi Capaian Target RENSTRA BKPSDM s/d 2022                                 | 151
column   | Target Renja BKPSDM tahun 2022                                                             | 152
column   | Realisasi Renja BKPSDM s/d Triwulan III Tahun 2022                                         | 152
table    | RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2024 DAN PERKIRAAN MAJU TAHUN 2025              | 392
column   | Rencana Tahun 2024                                                                         | 397
"""  # noqa: E501 - a text table reads best unwrapped


def test_the_seeds_titles() -> None:
    findings = check_title_year(renja(title_text=SEED_TITLES))
    got = [(item.line, item.year, item.expected, item.actual) for item in findings]
    assert got == [
        (43, 2021, "2022", "2021"),
        # col 10 adds col 9 (the 2023 target), so it forecasts up to 2023, not 2022
        (151, 2022, "2023", "2022"),
        (152, 2022, "Triwulan IV", "Triwulan III"),
    ]
    year, forecast, quarter = findings
    assert "perkiraan realisasi s/d tahun berjalan (n−1)" in forecast.message
    assert (year.rule, year.severity, year.table) == ("title-year", "warning", "Judul bagian")
    assert year.row == "2.1. Evaluasi Renja sampai dengan Tahun 2021"
    assert "menyebut tahun 2021" in year.message
    assert "Renja tahun 2024 (evaluasi Renja tahun n−2) semestinya 2022" in year.message
    assert quarter.table == "Judul kolom"
    assert "Triwulan III, padahal tahun 2022 sudah selesai" in quarter.message


def test_a_renja_year_taken_from_the_document_title() -> None:
    doc = renja(year=None, title_text=SEED_TITLES)
    assert [item.line for item in check_title_year(doc)] == [43, 151, 152]


def test_other_roles_and_relative_years() -> None:
    titles = """
    role    | text                                                          | line
    table   | RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2024 DAN PERKIRAAN MAJU TAHUN 2026 | 1
    column  | Perkiraan Realisasi Capaian Target RENSTRA s/d 2022           | 2
    column  | Target Kinerja Capaian Program (RENSTRA) Tahun 2023           | 3
    document | Rencana Kerja Tahun 2025                                     | 4
    section | Evaluasi Renja sampai dengan Triwulan III                     | 5
    column  | TAHUN 2019                                                    | 6
    """
    findings = check_title_year(renja(title_text=titles))
    assert [(item.line, item.expected, item.actual) for item in findings] == [
        (1, "2024, 2025", "2026"),
        (2, "2023", "2022"),
        (3, "≥ 2024", "2023"),
        (4, "2024", "2025"),
        (5, "Triwulan IV", "Triwulan III"),
    ]


def test_titles_that_agree() -> None:
    agreeing = [line for line in SEED_TITLES.strip().splitlines() if "2021 " not in line]
    agreeing = [line for line in agreeing if "Triwulan III" not in line and "s/d 2022" not in line]
    assert check_title_year(renja(title_text="\n".join(agreeing))) == []
    assert check_title_year(renja(year=None)) == []
