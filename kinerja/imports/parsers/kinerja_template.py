"""Kinerja's own Renja template: Tabel 4.1 (T‑C.33) as an XLSX to fill, and its reader.

`build_template(year)` returns the workbook: sheet "Tabel 4.1" with the official columns
1–10 (Kode; Urusan/Bidang Urusan dan Program/Kegiatan; Indikator; Rencana Tahun n:
Lokasi, Target, Pagu, Sumber Dana; Catatan Penting; Prakiraan Maju n+1: Target, Pagu),
the targets split into Angka and Satuan (both numbered 5, or 9), a "Tingkat" column for
rows whose code is not known yet, the column-numbering row, real number formats, data
validation for pagu and Tingkat, and a "Petunjuk" sheet in Bahasa Indonesia.

`read(content, source)` reads a filled template with the agency-workbook reader
(`xlsx_renja.read_table`): same findings, same merging of repeated rows. Levels come from
the code's shape, or from "Tingkat" when the code is empty. A row with only an indikator
(no Kode, no Uraian) is one more indikator of the item above.
"""

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.evaluation.source import SourceRenja
from kinerja.evaluation.types import Finding
from kinerja.imports.parsers import sheet as sh
from kinerja.imports.parsers import xlsx_renja

MARKER = "Templat Tabel 4.1 Kinerja v1"
SHEET = "Tabel 4.1"
GUIDE = "Petunjuk"
HEADER_ROW, NUMBER_ROW, FIRST_DATA_ROW = 6, 9, 10
DATA_ROWS = 400
MONEY_FORMAT = "#,##0"
TINGKAT_CHOICES = ("program", "kegiatan", "sub kegiatan")
# (letter, width, column number) of every physical column, left to right.
COLUMNS = (
    ("A", 20, "1"),
    ("B", 48, "2"),
    ("C", 44, "3"),
    ("D", 22, "4"),
    ("E", 10, "5"),
    ("F", 14, "5"),
    ("G", 18, "6"),
    ("H", 16, "7"),
    ("I", 22, "8"),
    ("J", 10, "9"),
    ("K", 14, "9"),
    ("L", 18, "10"),
    ("M", 14, "–"),
)
GUIDE_LINES = (
    "Petunjuk pengisian Tabel 4.1 (T-C.33) Rumusan Rencana Program dan Kegiatan",
    "",
    "1. Isi nama Perangkat Daerah di sel B2 dan tahun Renja (n) di sel B3. Jangan mengubah "
    "baris judul kolom (baris 6–9).",
    "2. Tulis satu baris untuk setiap program, kegiatan dan sub kegiatan, berurutan: program, "
    "kegiatan di bawahnya, lalu sub kegiatan di bawah kegiatannya. Isian dimulai baris 10.",
    "3. Kolom 1 (Kode): kode nomenklatur lengkap sebagai teks, mis. 5.03.02 (program), "
    "5.03.02.2.01 (kegiatan), 5.03.02.2.01.0001 (sub kegiatan). Tingkat dibaca dari bentuk "
    "kode. Bila kode belum diketahui, kosongkan Kode dan pilih Tingkat di kolom terakhir; "
    "jangan mengarang kode.",
    "4. Kolom 3 (Indikator): satu indikator per baris. Indikator kedua dan seterusnya dari "
    "item yang sama ditulis di baris berikutnya dengan Kode dan Uraian dikosongkan.",
    "5. Kolom 5 dan 9 (Target): angka di kolom Angka, satuannya di kolom Satuan (mis. 14 | "
    "Dokumen; 80 | %). Untuk indikator kualitatif tulis labelnya (mis. BB) di kolom Angka.",
    "6. Kolom 6 dan 10 (Pagu): isi pada sub kegiatan saja, sebagai angka rupiah tanpa 'Rp' "
    "dan tanpa teks. Pagu program dan kegiatan dihitung Kinerja dari sub kegiatannya; bila "
    "diisi, Kinerja membandingkannya dengan jumlah tersebut.",
    "7. Kolom 4, 7 dan 8: lokasi, sumber dana (mis. DAU, DAK, PAD) dan catatan penting.",
    "8. Baris kosong dilewati. Jangan menggabungkan sel di area isian.",
    "9. Periksa berkas dengan 'kinerja check berkas.xlsx' atau unggah di halaman Impor; "
    "setiap temuan menyebut baris dan selnya.",
)
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT = PatternFill("solid", fgColor="FFF2CC")


def build_template(year: int) -> bytes:
    """The empty template for the Renja of `year` (n), prakiraan maju n+1, as XLSX bytes."""
    workbook = Workbook()
    table = workbook.active
    assert table is not None
    table.title = SHEET
    _titles(table, year)
    _header(table, year)
    _data_area(table)
    _guide(workbook.create_sheet(GUIDE))
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _titles(table: Worksheet, year: int) -> None:
    last = COLUMNS[-1][0]
    table["A1"] = (
        "RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH "
        f"TAHUN {year} DAN PRAKIRAAN MAJU TAHUN {year + 1}"
    )
    table["A1"].font = Font(bold=True, size=12)
    table.merge_cells(f"A1:{last}1")
    table["A2"], table["A3"] = "Perangkat Daerah", "Tahun"
    table["B3"] = year
    for cell in ("B2", "B3"):
        table[cell].fill = _INPUT
    table["A4"] = f"{MARKER} — isi mulai baris {FIRST_DATA_ROW}; lihat lembar {GUIDE}"
    table["A4"].font = Font(italic=True, color="808080", size=9)


def _header(table: Worksheet, year: int) -> None:
    top, middle, bottom = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
    cells: list[tuple[str, str]] = [
        (f"A{top}:A{bottom}", "Kode"),
        (f"B{top}:B{bottom}", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
        (f"C{top}:C{bottom}", "Indikator Kinerja Program/Kegiatan"),
        (f"D{top}:H{top}", f"Rencana Tahun {year}"),
        (f"D{middle}:D{bottom}", "Lokasi"),
        (f"E{middle}:F{middle}", "Target Capaian Kinerja"),
        (f"E{bottom}", "Angka"),
        (f"F{bottom}", "Satuan"),
        (f"G{middle}:G{bottom}", "Kebutuhan Dana/Pagu Indikatif (Rp)"),
        (f"H{middle}:H{bottom}", "Sumber Dana"),
        (f"I{top}:I{bottom}", "Catatan Penting"),
        (f"J{top}:L{top}", f"Prakiraan Maju Rencana Tahun {year + 1}"),
        (f"J{middle}:K{middle}", "Target Capaian Kinerja"),
        (f"J{bottom}", "Angka"),
        (f"K{bottom}", "Satuan"),
        (f"L{middle}:L{bottom}", "Kebutuhan Dana/Pagu Indikatif (Rp)"),
        (f"M{top}:M{bottom}", "Tingkat (diisi bila Kode kosong)"),
    ]
    for cell_range, text in cells:
        anchor = cell_range.split(":")[0]
        table[anchor] = text
        if ":" in cell_range:
            table.merge_cells(cell_range)
    for letter, width, number in COLUMNS:
        table.column_dimensions[letter].width = width
        table[f"{letter}{NUMBER_ROW}"] = int(number) if number.isdigit() else number
    table.merge_cells(f"E{NUMBER_ROW}:F{NUMBER_ROW}")
    table.merge_cells(f"J{NUMBER_ROW}:K{NUMBER_ROW}")
    for row_number, row in enumerate(
        table.iter_rows(min_row=top, max_row=NUMBER_ROW, max_col=len(COLUMNS)), start=top
    ):
        for cell in row:
            cell.font = Font(bold=row_number < NUMBER_ROW, italic=row_number == NUMBER_ROW)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = _BORDER
    table.freeze_panes = f"C{FIRST_DATA_ROW}"
    table.print_title_rows = f"{HEADER_ROW}:{NUMBER_ROW}"
    table.page_setup.orientation = "landscape"


def _data_area(table: Worksheet) -> None:
    last_row = FIRST_DATA_ROW + DATA_ROWS - 1
    formats = {"A": "@", "G": MONEY_FORMAT, "L": MONEY_FORMAT, "E": "General", "J": "General"}
    for row in range(FIRST_DATA_ROW, last_row + 1):
        for letter, _, _ in COLUMNS:
            cell = table[f"{letter}{row}"]
            cell.border = _BORDER
            cell.number_format = formats.get(letter, "@")
            cell.alignment = Alignment(vertical="top", wrap_text=letter in "BCDI")
    pagu = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Pagu tidak sah",
        error="Pagu diisi angka rupiah (tanpa Rp, tanpa teks), tidak negatif.",
    )
    pagu.add(f"G{FIRST_DATA_ROW}:G{last_row}")
    pagu.add(f"L{FIRST_DATA_ROW}:L{last_row}")
    tingkat = DataValidation(
        type="list",
        formula1='"' + ",".join(TINGKAT_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tingkat tidak dikenal",
        error="Pilih program, kegiatan atau sub kegiatan.",
    )
    tingkat.add(f"M{FIRST_DATA_ROW}:M{last_row}")
    table.add_data_validation(pagu)
    table.add_data_validation(tingkat)


def _guide(guide: Worksheet) -> None:
    guide["A1"] = MARKER
    guide["A1"].font = Font(italic=True, color="808080", size=9)
    for offset, line in enumerate(GUIDE_LINES, start=2):
        guide[f"A{offset}"] = line
        guide[f"A{offset}"].alignment = Alignment(wrap_text=True, vertical="top")
    guide["A2"].font = Font(bold=True)
    guide.column_dimensions["A"].width = 110


# --- reading ----------------------------------------------------------------------------


def read(content: bytes, source: str) -> SourceRenja:
    """Read a filled template (see the module docstring)."""
    workbook = sh.open_workbook(content, source)
    table = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    number_row = sh.find_number_row(table)
    if number_row is None:
        return xlsx_renja.read(content, source)
    header = sh.read_header(table, number_row)
    document = xlsx_renja.read_table(table, header, xlsx_renja.classify(header), source)
    labelled = _labelled(table, header.first_row - 1)
    year, findings = _year(labelled.get("tahun"), document, table)
    return SourceRenja(
        source=document.source,
        year=year,
        opd_name=sh.clean(sh.cell_text(labelled.get("perangkat daerah"))) or document.opd_name,
        items=document.items,
        total_pagu=document.total_pagu,
        total_pagu_n1=document.total_pagu_n1,
        titles=document.titles,
        numbers=document.numbers,
        findings=document.findings + tuple(findings),
        totals_computed=True,
    )


def _labelled(table: Worksheet, last_row: int) -> dict[str, Any]:
    """The values right of a label cell above the header: {"tahun": 2025, …}."""
    found: dict[str, Any] = {}
    for row in range(1, last_row + 1):
        label = sh.clean(sh.cell_text(table.cell(row=row, column=1).value)).lower()
        value = table.cell(row=row, column=2).value
        if label and not sh.is_blank(value):
            found[label.rstrip(":").strip()] = value
    return found


def _year(value: Any, document: SourceRenja, table: Worksheet) -> tuple[int | None, list[Finding]]:
    """The Renja year from B3; a caption naming another year n is a `title-year` finding."""
    years = sh.years_in(sh.cell_text(value)) if value is not None else ()
    caption = next((t.years[0] for t in document.titles if t.role == "table" and t.years), None)
    if not years:
        return document.year or caption, []
    year = years[0]
    if caption is None or caption == year:
        return year, []
    finding = Finding(
        rule=sh.TITLE_YEAR,
        severity="warning",
        table=table.title,
        line=3,
        column="B",
        expected=str(caption),
        actual=str(year),
        message=f"sel B3 menyebut tahun {year}, judul tabel tahun {caption}; dipakai {year}",
    )
    return year, [finding]
