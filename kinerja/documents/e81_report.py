"""The quarterly evaluation report (Formulir E.81) of an OPD, and Bappeda's summary of
every OPD of a pemda for one triwulan, as format-neutral `Document`s."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from kinerja.documents.model import (
    Block,
    Chart,
    Document,
    Paragraph,
    Section,
    Series,
    Signature,
    TableBlock,
)
from kinerja.evaluation.tables import Cell, Derivation, HeaderCell, Row, Table
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.monitoring.display import cell_text

SUM_OF_OPD = Derivation(op="sum", children=True)


@dataclass(frozen=True, kw_only=True)
class E81Source:
    """One OPD's E.81 of one triwulan, the serapan table beside it, and who signs."""

    year: int
    triwulan: int
    pemda: str
    opd_name: str
    e81: Table
    serapan: Table
    rata_rata: Cell
    signature: Signature
    notice: str = ""


def e81_report(source: E81Source) -> Document:
    """The E.81 report: the form on landscape pages, a summary and the signature under it,
    then the serapan chart."""
    roman = ROMAN[source.triwulan]
    average = source.rata_rata
    summary = (
        f"Evaluasi hasil pelaksanaan Renja {source.opd_name} Tahun {source.year} sampai dengan "
        f"triwulan {roman}. Rata-rata tingkat capaian kinerja Renja: "
        f"{cell_text(average) or '–'}%"
        + (f", predikat {average.predikat}." if average.predikat else ".")
    )
    # The form first, so the heading sits on its landscape page; the summary and the
    # signature stay under it, the chart follows.
    blocks: tuple[Block, ...] = (
        TableBlock(number="Formulir E.81", table=source.e81),
        Paragraph(text=summary, style="note"),
        source.signature,
        *_serapan_chart(source.serapan, source.year),
    )
    return Document(
        kind="e81",
        title=f"Evaluasi Renja {source.opd_name} Triwulan {roman} Tahun {source.year}",
        notice=source.notice,
        sections=(
            Section(
                number="",
                title=(
                    "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH "
                    f"TRIWULAN {roman} TAHUN {source.year}"
                ),
                blocks=blocks,
                in_toc=False,
            ),
        ),
    )


def _serapan_chart(serapan: Table, year: int) -> tuple[Chart, ...]:
    total = serapan.rows[-1].cells
    values = tuple(
        value if isinstance(value := total[serapan.column(str(3 + q))].value, Decimal) else None
        for q in range(1, 5)
    )
    if not any(values):
        return ()
    return (
        Chart(
            number="Gambar 1",
            title=f"Realisasi Anggaran per Triwulan Tahun {year}",
            categories=tuple(f"Triwulan {ROMAN[q]}" for q in range(1, 5)),
            series=(Series(name="Realisasi (Rp)", values=values),),
            unit="Rp",
        ),
    )


@dataclass(frozen=True, kw_only=True)
class OpdLine:
    """One OPD's figures for the pemda summary (see `monitoring.queries.OpdSummary`)."""

    name: str
    capaian: Cell
    pagu: Cell
    realisasi: Cell
    serapan: Cell
    with_realisasi: int
    without_realisasi: int


def pemda_summary_table(lines: Sequence[OpdLine], *, pemda: str, year: int, triwulan: int) -> Table:
    """Every OPD's rata-rata capaian, predikat and serapan at one triwulan, with totals."""
    roman = ROMAN[triwulan]
    rows = [_opd_row(number, line) for number, line in enumerate(lines, 1)]
    rows.append(_total_row(lines))
    return Table(
        code="E.81-pemda",
        title=f"Rekapitulasi Evaluasi Renja Perangkat Daerah Triwulan {roman} Tahun {year}",
        subtitle=pemda,
        header_rows=(
            (
                HeaderCell(text="No"),
                HeaderCell(text="Perangkat Daerah"),
                HeaderCell(text="Rata-rata Capaian Kinerja (%)"),
                HeaderCell(text="Predikat"),
                HeaderCell(text=f"Pagu Tahun {year} (Rp)"),
                HeaderCell(text=f"Realisasi Anggaran s/d Triwulan {roman} (Rp)"),
                HeaderCell(text="Serapan Anggaran (%)"),
                HeaderCell(text="Indikator dengan Realisasi"),
                HeaderCell(text="Indikator tanpa Realisasi"),
            ),
        ),
        column_numbers=("1", "2", "3", "4", "5", "6", "7=6/5", "8", "9"),
        rows=tuple(rows),
        footnotes=(
            "Rata-rata capaian kinerja: rata-rata tingkat capaian Renja (kolom 12/7 formulir "
            "E.81) indikator yang berangka; predikat menurut Permendagri 86/2017.",
            "– : belum ada angka (target atau realisasi belum tersedia).",
        ),
    )


def _opd_row(number: int, line: OpdLine) -> Row:
    return Row(
        kind="opd",
        cells=(
            Cell(value=str(number)),
            Cell(value=line.name),
            line.capaian,
            Cell(value=line.capaian.predikat or ""),
            line.pagu,
            line.realisasi,
            replace(line.serapan, derived=Derivation(op="ratio", columns=(5, 4))),
            Cell(value=Decimal(line.with_realisasi), kind="number"),
            Cell(value=Decimal(line.without_realisasi), kind="number"),
        ),
    )


def _total_row(lines: Sequence[OpdLine]) -> Row:
    def summed(attr: str) -> Decimal | None:
        values = [getattr(line, attr).value for line in lines]
        numbers = [value for value in values if isinstance(value, Decimal)]
        return sum(numbers, Decimal(0)) if numbers else None

    pagu, spent = summed("pagu"), summed("realisasi")
    rate = spent / pagu * 100 if pagu and spent is not None else None
    return Row(
        kind="total",
        cells=(
            Cell(),
            Cell(value="Jumlah"),
            Cell(kind="percent"),
            Cell(),
            Cell(value=pagu, kind="money", decimals=2, derived=SUM_OF_OPD),
            Cell(value=spent, kind="money", decimals=2, derived=SUM_OF_OPD),
            Cell(
                value=rate,
                kind="percent",
                decimals=2,
                derived=Derivation(op="ratio", columns=(5, 4)),
            ),
            Cell(
                value=Decimal(sum(line.with_realisasi for line in lines)),
                kind="number",
                derived=SUM_OF_OPD,
            ),
            Cell(
                value=Decimal(sum(line.without_realisasi for line in lines)),
                kind="number",
                derived=SUM_OF_OPD,
            ),
        ),
    )


def pemda_report(
    table: Table, *, pemda: str, year: int, triwulan: int, notice: str = ""
) -> Document:
    """Bappeda's pemda-wide E.81 summary as a document of one landscape table."""
    return Document(
        kind="e81-pemda",
        title=f"Rekapitulasi Evaluasi Renja {pemda} Triwulan {ROMAN[triwulan]} Tahun {year}",
        notice=notice,
        sections=(
            Section(
                number="",
                title=table.title.upper(),
                blocks=(
                    Paragraph(text=pemda.upper(), style="center"),
                    TableBlock(number="Tabel 1", table=table),
                ),
                in_toc=False,
            ),
        ),
    )
