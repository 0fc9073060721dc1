"""number-typo (6I, 8I, misplaced separators) and number-as-text (spreadsheet text cells)."""

from kinerja.evaluation.checks import (
    check_number_as_text,
    check_number_typo,
    check_number_typo_renstra,
)
from kinerja.evaluation.source import Location, Printed, SourceRenja
from kinerja.evaluation.tests.test_checks_builders import d, renja, renstra

TC29 = """
name                                 | indikator                  | 4  | 5  | 6  | 7    | line
PROGRAM PENUNJANG URUSAN PEMERINTAHAN | Nilai SAKIP OPD            | 66 | 6I | 62 | 62,2 | 156
-                                    | Indeks Kepuasan Masyarakat | 83 | 8I | 82 | 86,6 | 157
-                                    | Jumlah Laporan             | 90 | 24 | 15 | 15   | 160
"""


def test_letters_inside_numbers_of_the_seed() -> None:
    findings = check_number_typo(renja(tc29_text=TC29))
    got = [(item.line, item.column, item.year, item.expected, item.actual) for item in findings]
    assert got == [
        (156, "5", 2021, d("61"), "6I"),
        (157, "5", 2021, d("81"), "8I"),
    ]
    sakip = findings[0]
    assert (sakip.rule, sakip.severity, sakip.table) == ("number-typo", "error", "Tabel 2.1")
    assert "Angka '6I'" in sakip.message
    assert "indikator 'Nilai SAKIP OPD'" in sakip.message
    assert "kemungkinan maksudnya 61" in sakip.message


def test_misplaced_separators_and_two_way_readings() -> None:
    doc = renja(
        """
        level | name | indikator  | satuan | target | pagu        | pagu_n1 | line
        s     | S1   | Jumlah Dok | Dok    | 1.500  | 1.59.078    | 50.000  | 7
        s     | S2   | Jumlah Dok | Dok    | 12     | 2 Paket     | 60.000  | 8
        """
    )
    findings = check_number_typo(doc)
    assert [(item.line, item.column, item.severity) for item in findings] == [
        (7, "6", "error"),  # 1.59.078: separators in the wrong place
        (7, "5", "info"),  # target 1.500 reads as 1500 (or 1,5?); pagu 50.000 is money
    ]
    assert "pemisahnya salah letak" in findings[0].message
    assert findings[1].expected == d("1500")
    assert "1,500" in findings[1].message


def test_clean_numbers_have_no_typo() -> None:
    clean = "\n".join(TC29.strip().splitlines()[::3])
    assert check_number_typo(renja(tc29_text=clean)) == []


def test_reader_number_cells_without_context() -> None:
    doc = SourceRenja(
        source="x.txt",
        numbers=(
            Printed(text="1O0", location=Location(line=12)),
            Printed(text="BKPSDM", location=Location(line=13)),
        ),
    )
    (found,) = check_number_typo(doc)
    assert (found.line, found.expected) == (12, d("100"))


def test_renstra_numbers() -> None:
    doc = renstra(
        """
        sub               | nama | indikator | satuan | v1 | p1          | line
        3.31.02.2.01.0001 | A    | Jumlah    | Dok    | 2  | 85O000.0    | 40
        """
    )
    (found,) = check_number_typo_renstra(doc)
    assert (found.line, found.column, found.year, found.expected) == (
        40,
        "pagu_1",
        2025,
        d("850000"),
    )


def _text_cell(text: str, cell: str, sheet: str = "RENJA") -> Printed:
    return Printed(text=text, location=Location(sheet=sheet, cell=cell))


def test_amounts_stored_as_text_one_finding_per_column() -> None:
    # Penajam Paser Utara: every amount is text in Indonesian format.
    cells = [
        _text_cell("18.130.291.362,00", "N10"),
        _text_cell("6.616.677.800,00", "N11"),
        _text_cell("6.361.771.800,00", "N12"),
        _text_cell("1.658.377.025,00", "N13"),
        _text_cell("1.658.377.025,00", "O13"),
        _text_cell("Perencanaan", "C13"),  # not a number
        Printed(text="100"),  # no cell: not from a spreadsheet
    ]
    findings = check_number_as_text(cells)
    assert [(item.table, item.column, item.line, item.actual) for item in findings] == [
        ("RENJA", "N", 10, "4"),
        ("RENJA", "O", 13, "1"),
    ]
    first = findings[0]
    assert (first.rule, first.severity) == ("number-as-text", "warning")
    assert "4 angka di kolom N lembar 'RENJA' tersimpan sebagai teks" in first.message
    assert "N10 '18.130.291.362,00'" in first.message
    assert "N13" not in first.message  # three examples (DEFAULT.examples)


def test_no_text_cells_no_finding() -> None:
    assert check_number_as_text([]) == []
