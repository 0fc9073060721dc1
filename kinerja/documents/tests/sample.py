"""A small hand-made document for the renderers' tests: every block kind, a table with
two header rows, a program → kegiatan → sub kegiatan tree with totals and each kind of
derivation, a chart and a signature."""

from decimal import Decimal as D

from kinerja.documents.model import (
    Chart,
    Cover,
    Document,
    Paragraph,
    Section,
    Series,
    Signature,
    TableBlock,
)
from kinerja.evaluation.tables import Cell, Derivation, HeaderCell, Row, Table

# Columns: 0 Kode, 1 Uraian, 2 Target, 3 Realisasi, 4 Capaian (3 vs 2), 5 Pagu,
# 6 Realisasi Rp, 7 Serapan (6/5), 8 Terakhir (latest of 2, 3), 9 Jumlah (5 + 6)
SUM_CHILDREN = Derivation(op="sum", children=True)
CAPAIAN = Derivation(op="capaian", columns=(3, 2))
CAPAIAN_NEGATIF = Derivation(op="capaian", columns=(3, 2), polaritas="negatif")
SERAPAN = Derivation(op="ratio", columns=(6, 5))
LATEST = Derivation(op="latest", columns=(2, 3))
SUM_ROW = Derivation(op="sum", columns=(5, 6))


def money(value: str | None, derived: Derivation | None = None) -> Cell:
    if value is None:
        return Cell(kind="money", decimals=2, reason="pagu-kosong")
    return Cell(value=D(value), kind="money", decimals=2, derived=derived)


def number(value: str, unit: str = "%") -> Cell:
    return Cell(value=D(value), kind="number", decimals=1, unit=unit)


def percent(value: str, derived: Derivation) -> Cell:
    return Cell(value=D(value), kind="percent", decimals=2, derived=derived)


def text(value: str = "") -> Cell:
    return Cell(value=value)


def item_row(kind: str, depth: int, code: str, name: str, pagu: str, spent: str) -> Row:
    derived = SUM_CHILDREN if kind != "sub_kegiatan" else None
    serapan = D(spent) / D(pagu) * 100
    return Row(
        kind=kind,
        depth=depth,
        cells=(
            text(code),
            text(name),
            Cell(kind="number"),
            Cell(kind="number"),
            Cell(kind="percent"),
            money(pagu, derived),
            money(spent, derived),
            percent(str(serapan), SERAPAN),
            Cell(kind="number"),
            money(str(D(pagu) + D(spent)), SUM_ROW),
        ),
    )


def indikator_row(target: str, realisasi: str, capaian: str, polaritas: str = "positif") -> Row:
    derivation = CAPAIAN if polaritas == "positif" else CAPAIAN_NEGATIF
    return Row(
        kind="indikator",
        depth=3,
        cells=(
            text(),
            text("Persentase dokumen tepat waktu"),
            number(target),
            number(realisasi),
            percent(capaian, derivation),
            Cell(kind="money"),
            Cell(kind="money"),
            Cell(kind="percent"),
            Cell(value=D(realisasi), kind="number", decimals=1, unit="%", derived=LATEST),
            Cell(kind="money"),
        ),
    )


def sample_table() -> Table:
    rows = (
        item_row("program", 0, "5.01.01", "PROGRAM PENUNJANG", "3000000.50", "1500000"),
        item_row("kegiatan", 1, "5.01.01.2.01", "Perencanaan", "3000000.50", "1500000"),
        item_row(
            "sub_kegiatan", 2, "5.01.01.2.01.0001", "Penyusunan Renja", "1000000.50", "500000"
        ),
        indikator_row("80", "90", "112.5"),
        item_row("sub_kegiatan", 2, "5.01.01.2.01.0002", "Evaluasi Kinerja", "2000000", "1000000"),
        indikator_row("20", "10", "150", polaritas="negatif"),
        item_row("program", 0, "5.01.02", "PROGRAM KEPEGAWAIAN", "1590078504", "1000000000"),
        item_row("sub_kegiatan", 1, "5.01.02.2.01.0001", "Pengadaan", "1590078504", "1000000000"),
        Row(
            kind="total",
            cells=(
                text(),
                text("Jumlah"),
                *[Cell(kind="number")] * 3,
                money("1593078504.50", SUM_CHILDREN),
                money("1001500000", SUM_CHILDREN),
                Cell(kind="percent"),
                Cell(kind="number"),
                Cell(kind="money"),
            ),
        ),
        Row(kind="footer", cells=(Cell(value="Faktor pendorong: dukungan pimpinan", colspan=10),)),
    )
    return Table(
        code="T-X",
        title="Tabel Contoh Evaluasi Tahun 2024",
        subtitle="BKPSDM Kabupaten Contoh",
        header_rows=(
            (
                HeaderCell(text="Kode", rowspan=2),
                HeaderCell(text="Uraian", rowspan=2),
                HeaderCell(text="Kinerja", colspan=3),
                HeaderCell(text="Anggaran (Rp)", colspan=3),
                HeaderCell(text="Terakhir", rowspan=2),
                HeaderCell(text="Jumlah (Rp)", rowspan=2),
            ),
            (
                HeaderCell(text="Target"),
                HeaderCell(text="Realisasi"),
                HeaderCell(text="Capaian (%)"),
                HeaderCell(text="Pagu"),
                HeaderCell(text="Realisasi"),
                HeaderCell(text="Serapan (%)"),
            ),
        ),
        column_numbers=("1", "2", "3", "4", "5=4/3", "6", "7", "8=7/6", "9", "10=6+7"),
        rows=rows,
        footnotes=("Capaian indikator negatif: (2T − R) / T × 100.", "– : data belum ada."),
    )


def sample_document(*, rows_repeat: int = 1) -> Document:
    """The sample document; `rows_repeat` > 1 makes the table long enough to span pages."""
    table = sample_table()
    if rows_repeat > 1:
        body = table.rows[:-2] * rows_repeat + table.rows[-2:]
        table = Table(
            code=table.code,
            title=table.title,
            subtitle=table.subtitle,
            header_rows=table.header_rows,
            column_numbers=table.column_numbers,
            rows=body,
            footnotes=table.footnotes,
        )
    signature = Signature(
        place_date="Kuala Tungkal, September 2023",
        title=("KEPALA BADAN KEPEGAWAIAN DAN", "PENGEMBANGAN SUMBER DAYA MANUSIA DAERAH,"),
        name="H.R. GATOT SUWARSO, SH., MM",
        pangkat="Pembina Utama Muda",
        nip="19631017 199003 1 005",
    )
    chart = Chart(
        number="Gambar 2.1",
        title="Target dan Realisasi Indikator",
        categories=("Dokumen tepat waktu", "Pelanggaran disiplin"),
        series=(
            Series(name="Target", values=(D("80"), D("20"))),
            Series(name="Realisasi", values=(D("90"), None)),
        ),
        unit="%",
    )
    return Document(
        kind="renja",
        title="Renja BKPSDM Tahun 2024",
        cover=Cover(
            title=("RENCANA KERJA (RENJA)", "TAHUN 2024"),
            organisation=("PEMERINTAH KABUPATEN CONTOH", "BADAN KEPEGAWAIAN DAERAH"),
            foot=("KUALA TUNGKAL", "2023"),
        ),
        toc=True,
        notice="Data realisasi adalah data contoh.",
        sections=(
            Section(
                number="",
                title="KATA PENGANTAR",
                blocks=(Paragraph(text="Puji syukur kehadirat Tuhan Yang Maha Esa."), signature),
            ),
            Section(number="BAB I", title="PENDAHULUAN"),
            Section(
                number="1.1",
                title="Latar Belakang",
                level=2,
                blocks=(
                    Paragraph(text="Renja disusun setiap tahun."),
                    Paragraph(text="Undang-Undang Nomor 23 Tahun 2014", style="bullet"),
                    Paragraph(
                        text="1. Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017",
                        style="numbered",
                    ),
                ),
            ),
            Section(number="BAB II", title="HASIL EVALUASI"),
            Section(
                number="2.1",
                title="Evaluasi",
                level=2,
                blocks=(
                    Paragraph(text="Capaian rata-rata 112,5%."),
                    TableBlock(number="Tabel 2.1", table=table),
                    chart,
                    Paragraph(text="Sumber: data contoh.", style="note"),
                ),
            ),
            Section(number="BAB V", title="PENUTUP", blocks=(Paragraph(text="Demikian."),)),
        ),
    )
