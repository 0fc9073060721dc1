"""Agency Renja workbooks: the real Penajam Paser Utara Renja 2024 and small built tables."""

from collections import Counter
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook

from kinerja.evaluation.source import SourceItem, SourceRenja
from kinerja.imports.parsers import xlsx_renja
from kinerja.imports.parsers.xlsx_renja import split_targets, walk

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
PENAJAM = "penajampaserutara-bapelitbang-2024-renja.xlsx"


def corpus_file(name: str) -> bytes:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"korpus berkas nyata tidak ada di {CORPUS} (../shared belum dipasang)")
    return path.read_bytes()


@pytest.fixture(scope="module")
def penajam() -> SourceRenja:
    return xlsx_renja.read(corpus_file(PENAJAM), PENAJAM)


def by_code(doc: SourceRenja) -> dict[str, SourceItem]:
    return {item.code: item for item in walk(doc.items)}


def findings(doc: SourceRenja, rule: str, severity: str | None = None) -> list:
    return [f for f in doc.findings if f.rule == rule and severity in (None, f.severity)]


def test_penajam_tree_has_each_item_once(penajam):
    levels = Counter(item.level for item in walk(penajam.items))
    codes = [item.code for item in walk(penajam.items)]

    assert levels == {"program": 4, "kegiatan": 15, "sub_kegiatan": 45}
    assert len(codes) == len(set(codes))
    assert [item.code for item in penajam.items] == ["5.01.01", "5.01.02", "5.01.03", "5.05.02"]
    assert len(by_code(penajam)["5.01.01"].children) == 6


def test_penajam_repeated_program_is_merged_and_reported(penajam):
    [merged] = [f for f in findings(penajam, "code-format", "info") if f.code == "5.01.01"]
    assert "5 kali" in merged.message
    assert "13, 21, 26, 43, 48" in merged.message
    # copies 21, 43 and 48 carry "[deleted]" in an indikator name: they differ from row 13
    differing = {f.line for f in findings(penajam, "code-format", "warning")}
    assert differing == {21, 43, 48}
    assert "[deleted]" not in by_code(penajam)["5.01.01"].indikator[0].name


def test_penajam_kegiatan_totals_and_their_parts_are_both_available(penajam):
    items = by_code(penajam)
    for code, printed, parts in (
        ("5.01.01.2.06", "1658377025", "2420111255"),
        ("5.01.03.2.01", "1016111026", "1369567295"),
    ):
        kegiatan = items[code]
        assert kegiatan.pagu is not None
        assert kegiatan.pagu.value == Decimal(printed)
        assert sum(child.pagu.value for child in kegiatan.children) == Decimal(parts)


def test_penajam_pagu_column_defaults_to_the_last_stage_and_says_so(penajam):
    [choice] = [f for f in findings(penajam, "layout", "info") if "pagu tahun n" in f.message]
    assert choice.column == "P"
    assert "RKPD Perubahan 2024" in choice.message
    assert "kolom 9 (M: Sesudah)" in choice.message
    assert penajam.total_pagu is not None
    assert penajam.total_pagu.value == Decimal("20730291362")
    assert penajam.total_pagu_n1 is not None
    assert penajam.total_pagu_n1.value == Decimal("18470140900")


def test_penajam_apbd_column_on_request():
    doc = xlsx_renja.read(corpus_file(PENAJAM), PENAJAM, pagu_column="apbd")
    kegiatan = by_code(doc)["5.01.01.2.06"]

    assert kegiatan.pagu is not None
    assert kegiatan.pagu.location.cell == "O27"
    # in the APBD column the kegiatan agrees with its sub kegiatan
    assert sum(c.pagu.value for c in kegiatan.children) == kegiatan.pagu.value
    # targets follow the stage: Sebelum (column 8) lists 80 then 100
    program = by_code(doc)["5.01.01"]
    assert [i.target.text for i in program.indikator if i.target] == ["80", "100"]


def test_penajam_amounts_as_text_are_listed_and_reported_per_column(penajam):
    reported = findings(penajam, "number-as-text", "warning")

    assert [f.column for f in reported] == ["N", "O", "P", "W"]
    assert all("82 angka tersimpan sebagai teks" in f.message for f in reported)
    assert len(penajam.numbers) == 4 * 82
    assert penajam.numbers[0].text == "18.130.291.362,00"
    assert penajam.numbers[0].value == Decimal("18130291362.00")
    assert penajam.numbers[0].location.cell == "N10"


def test_penajam_empty_rows_are_skipped(penajam):
    [empty] = [f for f in findings(penajam, "layout") if "baris kosong" in f.message]
    assert "39, 69, 82, 95" in empty.message
    assert {item.location.line for item in walk(penajam.items)}.isdisjoint({39, 69, 82, 95})


def test_penajam_sub_kegiatan_rows_without_values_are_kept_with_a_finding(penajam):
    missing = {f.line: f for f in findings(penajam, "missing-value", "warning")}

    assert set(missing) == {23, 45}
    assert missing[23].code == "5.01.01.2.02.0003"
    assert missing[45].code == "5.01.01.2.09.0010"
    sub = by_code(penajam)["5.01.01.2.02.0003"]
    assert sub.pagu is not None
    assert sub.pagu.value == Decimal("243246000")
    assert sub.location.line == 18


def test_penajam_placeholder_labels_are_reported(penajam):
    labels = {f.actual: f for f in findings(penajam, "nomenclature", "warning")}

    assert set(labels) == {"URUSAN PEMERINTAHAN BIDANG XX", "NON URUSAN"}
    assert labels["NON URUSAN"].code == "5"
    assert "19, 41" in labels["NON URUSAN"].message


def test_penajam_targets_with_newlines_split_per_indikator(penajam):
    program = by_code(penajam)["5.01.01"]
    program_66 = by_code(penajam)["5.01.03"]

    assert [(i.target.text, i.satuan) for i in program.indikator if i.target] == [
        ("100", "%"),
        ("80", "%"),
    ]
    assert program.indikator[1].name == "Indeks Kepuasan Masyarakat (IKM)"
    assert [(i.target.text, i.satuan) for i in program_66.indikator if i.target] == [("100", "%")]
    [swapped] = findings(penajam, "target-split")
    assert swapped.line == 13
    assert (swapped.expected, swapped.actual) == ("80, 100", "100, 80")


def test_penajam_locations_name_sheet_cell_and_row(penajam):
    sub = by_code(penajam)["5.01.01.2.06.0001"]

    assert (sub.location.sheet, sub.location.cell, sub.location.line) == ("Sheet 1", "G28", 28)
    assert sub.pagu is not None
    assert sub.pagu.location.cell == "P28"
    assert sub.pagu.column == "12"
    assert sub.indikator[0].target is not None
    assert sub.indikator[0].target.location.cell == "M28"
    assert (sub.lokasi, sub.sumber_dana) == (
        "Kab. Penajam Paser Utara, Semua Kecamatan, Semua Kel/Desa",
        "Dana Transfer Umum-Dana Alokasi Umum",
    )


def test_penajam_year_titles_and_opd(penajam):
    assert penajam.year == 2024
    assert penajam.opd_name == "BADAN PERENCANAAN, PENELITIAN DAN PENGEMBANGAN"
    column_years = {year for t in penajam.titles if t.role == "column" for year in t.years}
    assert column_years == {2022, 2023, 2024, 2025}


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("14 Dokumen", [("14", "Dokumen")]),
        ("1 Berita Acara", [("1", "Berita Acara")]),
        ("80\n100 %\n%", [("80", "%"), ("100", "%")]),
        ("\n100 \n%", [("100", "%")]),
        (" \n4 Laporan", [("4", "Laporan")]),
        ("80 %\n100 %", [("80", "%"), ("100", "%")]),
        ("75%", [("75", "%")]),
        ("10,5 Indeks", [("10,5", "Indeks")]),
        ("6I Dokumen", [("6I", "Dokumen")]),
        ("BB", [("BB", "")]),
        ("-", []),
    ],
)
def test_split_targets(text, pairs):
    assert split_targets(text) == pairs


def small_table(rows: list[list[object]]) -> bytes:
    """A Renja table the way agencies type it: merged header, numbering row, then rows."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Renja"
    sheet["A1"] = "RENJA DINAS CONTOH TAHUN 2025"
    sheet.append([])
    sheet.append(["Kode", None, None, "Uraian", "Indikator", "Target", "Pagu (Rp)", "Lokasi"])
    sheet.merge_cells("A3:C3")
    sheet.append([1, 2, 3, 4, 5, 6, 7, 8])
    for row in rows:
        sheet.append(row)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_codes_stored_as_numbers_and_target_count_mismatch_are_reported():
    content = small_table(
        [
            ["5.03.02", None, None, "PROGRAM KEPEGAWAIAN", "Indeks A\nIndeks B", "70", None, None],
            ["5.03.02", "2.02", None, "Mutasi", "Dokumen mutasi", "5 Dokumen", 1000000, None],
            ["5.03.02", "2.02", 1, "Pengelolaan Mutasi", "Dokumen", "5 Dokumen", 1000000.5, "X"],
        ]
    )
    doc = xlsx_renja.read(content, "dinas.xlsx")
    items = by_code(doc)

    assert doc.year == 2025
    assert set(items) == {"5.03.02", "5.03.02.2.02", "5.03.02.2.02.1"}
    assert items["5.03.02.2.02.1"].pagu is not None
    assert items["5.03.02.2.02.1"].pagu.value == Decimal("1000000.5")
    [split] = findings(doc, "target-split")
    assert split.line == 5
    assert (split.expected, split.actual) == ("2", "1")
    [numeric] = [f for f in findings(doc, "code-format") if "sebagai angka" in f.message]
    assert "C7" in numeric.message
    assert doc.numbers == ()  # real numbers are not text amounts
    assert not findings(doc, "number-as-text")


def test_a_sheet_without_a_table_is_an_error_finding():
    workbook = Workbook()
    output = BytesIO()
    workbook.save(output)

    doc = xlsx_renja.read(output.getvalue(), "kosong.xlsx")

    assert doc.items == ()
    assert [f.severity for f in doc.findings] == ["error"]


def test_repeated_header_rows_are_skipped_and_odd_codes_reported():
    content = small_table(
        [
            ["5.03.02", None, None, "PROGRAM KEPEGAWAIAN", "Indeks", "70", None, None],
            ["Kode", None, None, "Uraian", "Indikator", "Target", "Pagu (Rp)", "Lokasi"],
            [1, 2, 3, 4, 5, 6, 7, 8],
            ["5.03.02", "2.02", "A1", "Salah kode", "Dokumen", "5 Dokumen", 100, None],
        ]
    )
    doc = xlsx_renja.read(content, "dinas.xlsx")

    assert [item.code for item in walk(doc.items)] == ["5.03.02"]
    repeats = [f.line for f in findings(doc, "layout") if "judul kolom diulang" in f.message]
    assert repeats == [6, 7]
    [odd] = [f for f in findings(doc, "code-format") if f.line == 8]
    assert odd.code == "5.03.02.2.02.A1"
