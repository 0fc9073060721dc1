"""code-format (formats, lost zeros, parents, duplicates) and nomenclature."""

from dataclasses import replace

from kinerja.evaluation.checks import (
    DEFAULT,
    check_code_format,
    check_code_format_plan,
    check_code_format_renstra,
    check_nomenclature,
    check_nomenclature_plan,
    check_nomenclature_renstra,
    edition_from,
)
from kinerja.evaluation.source import SourceNomenclature, SourceNomenclatureRow
from kinerja.evaluation.tests.test_checks_builders import renja, renstra
from kinerja.evaluation.types import ItemInput, PlanInput

GOOD = """
level | code              | name                                        | line
p     | 5.03.01           | PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA | 1
k     | 5.03.01.2.01      | Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah | 2
s     | 5.03.01.2.01.0001 | Penyusunan Dokumen Perencanaan Perangkat Daerah | 3
s     | X.XX.01.2.01.0007 | Evaluasi Kinerja Perangkat Daerah           | 4
"""


def test_well_formed_codes_pass() -> None:
    assert check_code_format(renja(GOOD)) == []


def test_bad_formats_parents_and_duplicates() -> None:
    doc = renja(
        """
        level | code              | name          | line
        p     | 5.03.02           | PROGRAM KEPEGAWAIAN DAERAH | 10
        k     | 5.03.02.2.02      | Mutasi dan Promosi ASN     | 11
        s     | 5.03.02.2.02.01   | Pengelolaan Mutasi ASN     | 12
        s     | 5.03.01.2.02.0002 | Pengelolaan Kenaikan Pangkat ASN | 13
        s     | 5.03.02.2.02.002  | Pengelolaan Promosi ASN    | 14
        k     | 5.03.02.2.02      | Mutasi dan Promosi ASN     | 15
        """
    )
    findings = check_code_format(doc)
    got = [(item.line, item.severity, item.actual) for item in findings]
    assert got == [
        (12, "warning", "5.03.02.2.02.01"),  # 2-digit sub kegiatan: the old format
        (13, "error", "5.03.01.2.02.0002"),  # not under its kegiatan
        (14, "error", "5.03.02.2.02.002"),
        (15, "warning", "5.03.02.2.02"),  # the kegiatan again
    ]
    old, parent, short, duplicate = findings
    assert "format lama" in old.message
    assert "Kepmendagri 900.1.15.5-1317/2023" in old.message
    assert "bukan turunan kode kegiatan induknya '5.03.02.2.02'" in parent.message
    assert "tidak sesuai format U.BB.PP.K.KK.SSSS" in short.message
    assert "sudah dipakai 'Mutasi dan Promosi ASN' (baris 11)" in duplicate.message


def test_two_digit_edition_accepts_old_codes() -> None:
    doc = renja(
        """
        level | code            | name
        k     | 1.02.02.2.02    | K
        s     | 1.02.02.2.02.32 | S
        """
    )
    assert check_code_format(doc, replace(DEFAULT, sub_kegiatan_digits=2)) == []
    assert [item.severity for item in check_code_format(doc)] == ["warning"]


# Bantul's Renstra CSV: kodebidang `3.3` (a float) for 3.30, on 21 rows; 3.31 is fine.
BANTUL = """
bidang | program | kegiatan     | sub               | nama                    | line
2.17   | 2.17.02 | 2.17.02.2.01 | 2.17.02.2.01.0001 | Fasilitasi Koperasi      | 2
3.3    | 3.30.02 | 3.30.02.2.01 | 3.30.02.2.01.0001 | Penyusunan Dokumen       | 19
3.3    | 3.30.02 | 3.30.02.2.02 | 3.30.02.2.02.0001 | Penyusunan Laporan       | 20
3.3    | 3.30.06 | 3.30.06.2.01 | 3.30.06.2.01.0001 | Pengendalian Barang      | 36
3.31   | 3.31.02 | 3.31.02.2.01 | 3.31.02.2.01.0001 | Penyusunan Rencana       | 40
"""


def test_bantul_lost_trailing_zero_once_with_its_row_count() -> None:
    findings = check_code_format_renstra(renstra(BANTUL))
    assert len(findings) == 1
    found = findings[0]
    assert (found.rule, found.severity, found.line, found.column) == (
        "code-format",
        "error",
        19,
        "kode_bidang",
    )
    assert (found.expected, found.actual) == ("3.30", "3.3")
    assert "'3.3' (3 baris) kehilangan angka nol di belakang" in found.message
    assert "semestinya '3.30'" in found.message


def test_stored_plan_codes() -> None:
    plan = PlanInput(
        pemda="X",
        opd_name="Y",
        year=2024,
        renstra_first_year=2021,
        renstra_last_year=2026,
        items=(
            ItemInput(id=1, level="program", name="P", code="5.03.02"),
            ItemInput(id=2, parent_id=1, level="kegiatan", name="K", code="5.03.01.2.01"),
            ItemInput(id=3, parent_id=2, level="sub_kegiatan", name="S", code=""),
        ),
    )
    findings = check_code_format_plan(plan)
    assert [(item.row, item.table, item.expected) for item in findings] == [
        ("K", "Renja", "5.03.02.…")
    ]


EDITION = {
    "5.03.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    "X.XX.01.2.01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "X.XX.01.2.01.0001": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
    "X.XX.01.2.01.0007": "Evaluasi Kinerja Perangkat Daerah",
    "5.03.01.2.05.0010": "Sosialisasi Peraturan Perundang-Undangan",
}


def test_nomenclature_names_codes_and_empty_codes() -> None:
    doc = renja(
        """
        level | code              | name                                        | line
        p     | 5.03.01           | PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/ KOTA | 1
        k     | 5.03.01.2.01      | Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah | 2
        s     | 5.03.01.2.01.0001 | Penyusunan Dokumen Perencanaan PD           | 3
        s     | 5.03.01.2.01.0099 | Sub kegiatan karangan                      | 4
        s     | -                 | Evaluasi Kinerja Perangkat Daerah           | 5
        s     | 5.03.01.2.05.0010 | 5.03.01.2.05.0010 Sosialisasi Peraturan Perundang-undangan | 6
        """  # noqa: E501 - a text table reads best unwrapped
    )
    findings = check_nomenclature(doc, edition=EDITION)
    got = [(item.line, item.severity) for item in findings]
    assert got == [(1, "info"), (3, "warning"), (4, "warning"), (5, "info"), (6, "info")]
    spacing, renamed, unknown, empty, prefixed = findings
    assert "hanya berbeda huruf besar/kecil, spasi atau tanda baca" in spacing.message
    assert renamed.expected == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    assert "berbeda dengan nomenklatur untuk kode 5.03.01.2.01.0001" in renamed.message
    assert "'5.03.01.2.01.0099'" in unknown.message
    assert "tidak ada dalam edisi nomenklatur" in unknown.message
    assert "belum berkode" in empty.message
    assert "dengan kode X.XX.01.2.01.0007" in empty.message
    assert prefixed.expected == "Sosialisasi Peraturan Perundang-Undangan"


def test_nomenclature_matching_names_pass() -> None:
    doc = renja(
        """
        level | code              | name
        s     | 5.03.01.2.01.0007 | Evaluasi Kinerja Perangkat Daerah
        """
    )
    assert check_nomenclature(doc, edition=EDITION) == []


def test_edition_from_a_decree_table_and_renstra_and_plan() -> None:
    table = SourceNomenclature(
        source="kepmendagri.xlsx",
        rows=(
            SourceNomenclatureRow(
                level="sub_kegiatan", code="3.30.02.2.01.0001", name="Penyusunan Dokumen"
            ),
            SourceNomenclatureRow(level="kegiatan", code="3.30.02.2.01", name="Perencanaan"),
            SourceNomenclatureRow(level="program", code="3.30.02", name="Program"),
        ),
    )
    edition = edition_from(table)
    rows = "\n".join(BANTUL.strip().splitlines()[:3])
    findings = check_nomenclature_renstra(renstra(rows), edition=edition)
    # 2.17.* is unknown to this small edition (program, kegiatan and sub kegiatan);
    # the 3.30.02 row matches (its names are not in the extract, so only codes count).
    assert [item.code for item in findings] == ["2.17.02", "2.17.02.2.01", "2.17.02.2.01.0001"]
    plan = PlanInput(
        pemda="X",
        opd_name="Y",
        year=2024,
        renstra_first_year=2021,
        renstra_last_year=2026,
        items=(ItemInput(id=1, level="program", name="program", code="3.30.02"),),
    )
    (case_only,) = check_nomenclature_plan(plan, edition=edition)
    assert case_only.severity == "info"


def test_a_lost_zero_inside_a_code_confirmed_by_the_parent() -> None:
    doc = renstra(
        """
        bidang | program | kegiatan | sub | nama | line
        3.30   | 3.3.06  | -        | -   | X    | 5
        """
    )
    (found,) = check_code_format_renstra(doc)
    assert (found.column, found.expected, found.actual) == ("kode_program", "3.30.06", "3.3.06")
