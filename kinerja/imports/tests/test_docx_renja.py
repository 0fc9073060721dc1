"""Reading a Renja from a Word document: a few rows of the seed, written with python-docx."""

from io import BytesIO

import docx
import pytest

from kinerja.imports import mapping_renja
from kinerja.imports.parsers import docx_renja, text_table

COVER = [
    "RENCANA KERJA (RENJA) TA. 2024",
    "PEMERINTAH KABUPATEN TANJUNG JABUNG BARAT",
    "BADAN KEPEGAWAIAN DAN PENGEMBANGAN",
    "SUMBER DAYA MANUSIA DAERAH",
    "",
    "KATA PENGANTAR",
    "BAB II",
    "2.1 Evaluasi Renja sampai dengan Tahun 2022",
    "TABEL 2.1",
    "REKAPITULASI EVALUASI HASIL PELAKSANAAN RENCANA KERJA S/D TRIWULAN IV TAHUN 2022",
]
TC29 = [
    [
        "Kode",
        "Urusan/ Bidang Urusan Pemerintah Daerah dan Program/ Kegiatan",
        "Indikator Kinerja Program/ Kegiatan",
        "Target Kinerja Capaian Program (RENSTRA Perangkat Daerah) Tahun 2026",
        "Realisasi Target Kinerja s/d dengan Tahun 2021",
        "Target Renja BKPSDM tahun 2022",
        "Realisasi Renja BKPSDM s/d Triwulan III Tahun 2022",
        "Tingkat Realisasi (%)",
        "Target Program dan Kegiatan Renja BKPSDM tahun 2023",
        "Realisasi Capaian Program dan Kegiatan s/d tahun 2022",
        "Tingkat Capaian Realisasi Target RENSTRA (%)",
    ],
    ["", "2", "3", "4", "5", "6", "7", "8", "9", "10=(5+7+9)", "11=(10/4)"],
    [
        "",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/ KOTA",
        "Nilai SAKIP OPD",
        "66",
        "6I",
        "62",
        "62,2",
        "100,3",
        "15",
        "138,2",
        "209,39",
    ],
]
BAB_IV = [
    "BAB IV",
    "1. Mutasi dan Promosi ASN",
    "- Pengelolaan Mutasi ASN",
    "- Pengelolaan Promosi ASN",
    "TABEL 4.1",
    "RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2024",
    "DAN PERKIRAAN MAJU TAHUN 2025",
]
SUB_HEADER = [
    "",
    "",
    "",
    "Lokasi",
    "Target Capaian Kinerja",
    "Kebutuhan Dana/ Pagu Indikatif",
    "Sumber Dana",
    "",
    "Target Capaian Kinerja",
    "Kebutuhan Dana/ Pagu Indikatif",
]
TC33_ROWS = [
    [str(n) for n in range(1, 11)],
    [
        "",
        "PROGRAM KEPEGAWAIAN DAERAH",
        "Indeks Profesionalitas ASN",
        "BKPSDM",
        "73",
        "435.402.620",
        "APBD",
        "",
        "75",
        "500.713.013",
    ],
    [
        "",
        "",
        "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal",
        "",
        "10,3%",
        "",
        "",
        "",
        "11,6%",
        "",
    ],
    [
        "",
        "Mutasi dan Promosi ASN",
        "Jumlah Pengelolaan Dokumen Mutasi dan Promosi",
        "BKPSDM",
        "25 Dokumen",
        "435.402.620",
        "APBD",
        "",
        "25 Dokumen",
        "500.713.013",
    ],
    [
        "",
        "Pengelolaan Mutasi ASN",
        "Jumlah Dokumen Hasil Pelaksanaan Mutasi",
        "BKPSDM",
        "5 Dokumen",
        "299.984.275",
        "APBD",
        "",
        "5 Dokumen",
        "344.981.916",
    ],
    [
        "",
        "Pengelolaan Promosi ASN",
        "Jumlah Dokumen Hasil Pengelolaan Promosi ASN",
        "BKPSDM",
        "20 Dokumen",
        "135.418.345",
        "APBD",
        "",
        "20 Dokumen",
        "155.731.097",
    ],
    ["", "", "", "", "", "435.402.620", "", "", "", "500.713.013"],
]


def add_table(document, rows: list[list[str]]):
    table = document.add_table(rows=0, cols=len(rows[0]))
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    return table


def renja_docx() -> bytes:
    document = docx.Document()
    for text in COVER:
        document.add_paragraph(text)
    add_table(document, TC29)
    for text in BAB_IV:
        document.add_paragraph(text)
    table = add_table(document, [[""] * 10, SUB_HEADER, *TC33_ROWS])
    first = table.rows[0].cells
    for index, text in enumerate(
        ["No", "Urusan/Bidang Urusan dan Program/Kegiatan", "Indikator Kinerja Program/ Kegiatan"]
    ):
        first[index].text = text
    first[3].merge(first[6]).text = "Rencana Tahun 2024"
    first[7].text = "Catatan Penting"
    first[8].merge(first[9]).text = "2025"
    document.add_paragraph("Kuala Tungkal, September 2023")
    add_table(document, [["KEPALA BADAN", ""], ["NIP. 19631017 199003 1 005", "Tahun 2023"]])
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def doc():
    return docx_renja.read(renja_docx(), "renja.docx")


def test_it_reads_the_tree_of_tabel_4_1(doc):
    [program] = doc.items
    [kegiatan] = program.children
    assert (program.level, kegiatan.level) == ("program", "kegiatan")
    assert [
        (sub.level, sub.name, sub.pagu.text, sub.pagu_n1.text) for sub in kegiatan.children
    ] == [
        ("sub_kegiatan", "Pengelolaan Mutasi ASN", "299.984.275", "344.981.916"),
        ("sub_kegiatan", "Pengelolaan Promosi ASN", "135.418.345", "155.731.097"),
    ]
    assert (kegiatan.pagu.text, kegiatan.pagu.column) == ("435.402.620", "6")
    assert [indikator.name for indikator in program.indikator] == [
        "Indeks Profesionalitas ASN",
        "Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal",
    ]
    assert (doc.total_pagu.text, doc.total_pagu_n1.text) == ("435.402.620", "500.713.013")
    assert doc.findings == ()


def test_cells_are_located_by_table_and_row(doc):
    sub = doc.items[0].children[0].children[0]
    assert sub.location.cell == "T2R7"  # second table, row 7 (after 3 header rows)
    assert sub.pagu.location.cell == "T2R7"
    assert sub.location.line == len(COVER) + len(BAB_IV)  # the paragraph before the table
    indikator = sub.indikator[0]
    assert (indikator.target.text, indikator.satuan, indikator.target.column) == (
        "5",
        "Dokumen",
        "5",
    )


def test_titles_come_from_paragraphs_captions_and_merged_headers(doc):
    found = [(t.role, t.text, t.location.line, t.location.cell) for t in doc.titles]
    assert ("document", "RENCANA KERJA (RENJA) TA. 2024", 1, "") in found
    assert ("section", "2.1 Evaluasi Renja sampai dengan Tahun 2022", 8, "") in found
    assert ("table", "RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2024", 16, "") in found
    caption = next(t for t in doc.titles if t.text.startswith("REKAPITULASI"))
    assert (caption.role, caption.years, caption.triwulan) == ("table", (2022,), 4)
    columns = [t.text for t in doc.titles if t.role == "column"]
    assert columns.count("Rencana Tahun 2024") == 1  # a merged cell is read once
    assert "Realisasi Renja BKPSDM s/d Triwulan III Tahun 2022" in columns
    # the signature table is not a Renja table: no titles from it
    assert not [t for t in doc.titles if "NIP" in t.text or t.text == "Tahun 2023"]
    assert (doc.year, doc.opd_name) == (
        2024,
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA DAERAH",
    )


def test_it_reads_tabel_2_1(doc):
    [row] = doc.tc29
    assert (row.level, row.indikator) == ("program", "Nilai SAKIP OPD")
    assert (row.column("5").text, row.column("10").text) == ("6I", "138,2")
    assert row.location.cell == "T1R3"
    assert "6I" in [printed.text for printed in doc.numbers]


def test_the_same_rows_as_text_map_to_the_same_plan(doc):
    lines = [*COVER, *BAB_IV, "\t".join([""] * 10), "\t".join(SUB_HEADER)]
    lines[-2] = "No\tUrusan/Bidang\tIndikator Kinerja\tRencana Tahun 2024\t\t\t\tCatatan\t2025\t"
    lines += ["\t".join(row) for row in TC33_ROWS]
    text = text_table.read("\n".join(lines).encode(), "renja.txt")

    options = {"pemda": "Kabupaten Tanjung Jabung Barat", "opd_code": "BKPSDM"}
    from_docx, _ = mapping_renja.to_plan(doc, **options)
    from_text, _ = mapping_renja.to_plan(text, **options)
    from_docx["note"] = from_text["note"] = ""
    assert from_docx == from_text


def test_without_a_cover_the_year_comes_from_the_caption_of_tabel_4_1():
    document = docx.Document()
    for text in ["TABEL 4.1", "RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2025"]:
        document.add_paragraph(text)
    header = ["No", "Program", "Indikator Kinerja", "Rencana Tahun 2025"] + [""] * 6
    add_table(document, [header, SUB_HEADER, *TC33_ROWS])
    buffer = BytesIO()
    document.save(buffer)

    doc = docx_renja.read(buffer.getvalue(), "tabel.docx")

    assert doc.year == 2025
    assert [(t.role, t.location.line) for t in doc.titles] == [("table", 2), ("column", 2)]
    assert len(doc.items[0].children[0].children) == 2
