"""renstra-consistency (how a Renstra holds its pagu; Renja against Renstra) and the APBD."""

from decimal import Decimal

from kinerja.evaluation.checks import (
    check_apbd_against_renja,
    check_renja_against_renstra,
    check_renstra_consistency,
    check_renstra_consistency_plan,
)
from kinerja.evaluation.source import Location, Printed, SourceApbd, SourceApbdRow
from kinerja.evaluation.tests.test_checks_builders import d, of, one, renja, renstra
from kinerja.evaluation.types import (
    IndikatorInput,
    ItemInput,
    PlanInput,
    RenstraFigures,
    Semantics,
)

# Kota Yogyakarta Setda Renstra 2025–2029 (real rows): the pagu of a sub kegiatan sits on
# one of its indikator rows, the other rows carry 0.0 although they have a volume.
YOGYAKARTA = """
sub               | nama                                | indikator   | satuan  | v1 | v2 | p1           | p2           | line
4.01.02.2.01.0001 | Penataan Administrasi Pemerintahan  | Jumlah Dok  | Dokumen | 4  | 4  | 532384712.0  | 543213064.0  | 2
4.01.02.2.01.0002 | Pengelolaan Administrasi Kewilayahan | Jumlah Dok | Dokumen | 7  | 7  | 0.0          | 0.0          | 3
4.01.02.2.01.0002 | Pengelolaan Administrasi Kewilayahan | Jumlah Lap | Laporan | 7  | 7  | 1242162750.0 | 1267427517.0 | 4
4.01.02.2.01.0002 | Pengelolaan Administrasi Kewilayahan | Jumlah Keg | Kegiatan | 7 | 7  | 0.0          | 0.0          | 5
"""  # noqa: E501 - a text table reads best unwrapped


def test_yogyakarta_pagu_on_one_row_and_zero_on_the_others() -> None:
    findings = check_renstra_consistency(renstra(YOGYAKARTA))
    assert [(item.severity, item.line, item.year) for item in findings] == [
        ("info", 3, None),
        ("info", None, 2025),
        ("info", None, 2026),
    ]
    single, total, _ = findings
    assert single.row == "Pengelolaan Administrasi Kewilayahan"
    assert "hanya dicatat pada satu dari 3 baris indikatornya; 4 sel lain" in single.message
    assert "jangan mengambil baris pertama saja" in single.message
    assert (total.expected, total.actual) == (d("1774547462"), d("1774547462"))
    assert "Rp1.774.547.462 bila dibaca sekali per sub kegiatan" in total.message
    assert "Rp532.384.712 bila hanya baris pertama" in total.message


def test_pagu_repeated_on_several_rows_would_double_count() -> None:
    doc = renstra(
        """
        sub               | nama   | indikator | satuan | v1 | v2 | p1          | p2          | line
        4.01.03.2.01.0001 | Rapat  | Jumlah A  | Dok    | 24 | 24 | 298791500.0 | 300000000.0 | 10
        4.01.03.2.01.0001 | Rapat  | Jumlah B  | Lap    | 24 | 24 | 298791500.0 | 300000000.0 | 11
        4.01.03.2.01.0002 | Split  | Jumlah A  | Dok    | 5  | 5  | 100.0       | 100.0       | 12
        4.01.03.2.01.0002 | Split  | Jumlah B  | Dok    | 5  | 5  | 200.0       | 200.0       | 13
        """
    )
    findings = check_renstra_consistency(doc)
    repeated = [item for item in findings if item.severity == "warning"]
    assert len(repeated) == 1
    found = repeated[0]
    assert (found.line, found.year, found.expected, found.actual) == (
        10,
        2025,
        d("298791500"),
        d("597583000"),
    )
    assert "tercatat di beberapa baris indikator dengan angka sama" in found.message
    assert "tahun 2025, tahun 2026" in found.message
    assert "2 baris × Rp298.791.500" in found.message
    assert "terhitung Rp597.583.000" in found.message


def test_volume_without_pagu() -> None:
    doc = renstra(
        """
        sub               | nama | indikator | satuan | v1 | v2 | p1        | p2  | line
        3.31.02.2.01.0002 | Doc  | Jumlah    | Dok    | 0  | 1  | 0.0       | 0.0 | 41
        3.31.02.2.01.0003 | Ok   | Jumlah    | Dok    | 0  | 0  | 0.0       | 0.0 | 42
        """
    )
    found = one(check_renstra_consistency(doc), "renstra-consistency")
    assert (found.severity, found.line, found.year) == ("warning", 41, 2026)
    assert "target (volume) pada tahun 2026, tetapi pagunya 0 atau kosong" in found.message


def test_one_row_per_sub_kegiatan_is_consistent() -> None:
    rows = "\n".join(YOGYAKARTA.strip().splitlines()[:2])
    assert check_renstra_consistency(renstra(rows)) == []


def _plan(target: str, renstra_target: str, pagu: str, renstra_pagu: str) -> PlanInput:
    sem = Semantics(jenis="jumlah", polaritas="positif", sifat="kumulatif")
    ind = IndikatorInput(
        id=1,
        name="Jumlah Dokumen",
        semantics=sem,
        satuan="Dokumen",
        target=d(target),
        renstra=RenstraFigures(targets={2024: d(renstra_target)}),
    )
    return PlanInput(
        pemda="X",
        opd_name="Y",
        year=2024,
        renstra_first_year=2021,
        renstra_last_year=2026,
        items=(
            ItemInput(id=1, level="kegiatan", name="K", renstra_pagu={2024: d(renstra_pagu)}),
            ItemInput(
                id=2,
                parent_id=1,
                level="sub_kegiatan",
                name="S",
                pagu=d(pagu),
                indikator=(ind,),
            ),
        ),
    )


def test_stored_plan_against_its_renstra() -> None:
    findings = check_renstra_consistency_plan(_plan("18", "15", "150000000", "100000000"))
    assert [(item.row, item.severity, item.expected, item.actual) for item in findings] == [
        ("K", "warning", d("100000000"), d("150000000")),
        ("S", "warning", d("15"), d("18")),
    ]
    assert "Rp150.000.000, di Renstra Rp100.000.000" in findings[0].message
    assert "50%" in findings[0].message
    assert "Target indikator 'Jumlah Dokumen' (S) tahun 2024 di Renja 18, di Renstra 15" in (
        findings[1].message
    )
    small = check_renstra_consistency_plan(_plan("15", "15", "105000000", "100000000"))
    assert [item.severity for item in small] == ["info"]
    assert check_renstra_consistency_plan(_plan("15", "15", "100000000", "100000000")) == []


def test_renja_document_against_a_renstra_extract() -> None:
    doc = renja(
        """
        level | code              | name  | indikator  | satuan  | target | pagu        | line
        s     | 4.01.02.2.01.0001 | Penataan | Jumlah Dok | Dokumen | 5   | 532.384.712 | 9
        s     | 4.01.02.2.01.0002 | Kewilayahan | Jumlah Lap | Laporan | 7 | 1.000.000.000 | 10
        """,
        year=2025,
    )
    findings = check_renja_against_renstra(doc, renstra(YOGYAKARTA))
    assert [(item.line, item.severity, item.expected) for item in findings] == [
        (9, "warning", d("4")),
        (10, "warning", d("1242162750")),
    ]


def _apbd_row(code: str, pagu: str, tahun: str = "2024", at: int = 2) -> SourceApbdRow:
    return SourceApbdRow(
        tahun=Printed(text=tahun, location=Location(sheet="APBD", cell=f"A{at}")),
        kode_skpd="5.03.0.00.0.00.01.0000",
        nama_skpd="BKPSDM",
        kode_sub_kegiatan=code,
        nama_sub_kegiatan=f"Sub {code[-4:]}",
        pagu=Printed(text=pagu, location=Location(sheet="APBD", cell=f"W{at}")),
        location=Location(sheet="APBD", cell=f"A{at}"),
    )


def test_apbd_against_renja() -> None:
    doc = renja(
        """
        level | code              | name                                 | pagu       | line
        k     | 5.03.01.2.01      | Perencanaan                          | 150.000.000 | 402
        s     | 5.03.01.2.01.0001 | Penyusunan Dokumen Perencanaan       | 50.000.000 | 403
        s     | 5.03.01.2.01.0006 | Koordinasi Laporan Capaian Kinerja   | 50.000.000 | 404
        s     | 5.03.01.2.01.0007 | Evaluasi Kinerja Perangkat Daerah    | 50.000.000 | 405
        """
    )
    apbd = SourceApbd(
        source="apbd.xlsx",
        rows=(
            _apbd_row("5.03.01.2.01.0001", "30000000", at=2),
            _apbd_row("5.03.01.2.01.0001", "20.000.000", at=3),
            _apbd_row("5.03.01.2.01.0006", "45000000", tahun="2025", at=4),
            _apbd_row("5.03.01.2.01.0009", "1.000.000", at=5),
            _apbd_row("4.01.01.2.01.0001", "9.000.000", at=6),  # another program (SKPD)
            _apbd_row("5.03.01.2.01.0007", "5O.000.000", at=7),
        ),
    )
    findings = check_apbd_against_renja(apbd, doc)
    got = [(item.rule, item.severity, item.code, item.line) for item in findings]
    assert got == [
        ("apbd-consistency", "error", "", 4),  # tahun 2025 in a 2024 comparison
        ("apbd-consistency", "warning", "5.03.01.2.01.0009", 5),  # only in the APBD
        ("number-typo", "error", "5.03.01.2.01.0007", 7),  # read as 50.000.000: agrees
        ("apbd-consistency", "warning", "5.03.01.2.01.0006", 404),  # 50 against 45 million
    ]
    year, only_apbd, typo, pagu = findings
    assert (year.expected, year.actual, year.table) == ("2024", "2025", "APBD")
    assert "Kolom tahun berisi 2025 pada 1 baris APBD" in year.message
    assert (pagu.expected, pagu.actual) == (d("45000000"), d("50000000"))
    assert "di Renja Rp50.000.000, di APBD Rp45.000.000" in pagu.message
    assert "ada di APBD tetapi tidak ada di Renja" in only_apbd.message
    assert typo.column == "W"
    missing = renja(
        """
        level | code              | name | pagu
        s     | 5.03.01.2.01.0008 | Baru | 1.000.000
        """
    )
    lone = of(check_apbd_against_renja(SourceApbd(source="a.xlsx"), missing), "apbd-consistency")
    assert ["ada di Renja tetapi tidak ada di APBD" in item.message for item in lone] == [True]


def test_apbd_that_matches_the_renja() -> None:
    doc = renja(
        """
        level | code              | name | pagu
        s     | 5.03.01.2.01.0001 | S    | 50.000.000
        """
    )
    apbd = SourceApbd(source="apbd.xlsx", rows=(_apbd_row("5.03.01.2.01.0001", "50000000"),))
    assert check_apbd_against_renja(apbd, doc) == []
    assert Decimal(0) == 0
