"""The prose a Renja document derives from its figures, in Bahasa Indonesia.

`evaluasi_renja` writes BAB II 2.1 from Tabel 2.1 (T‑C.29) and the serapan table: how
many indikator reached which predikat, which fell short of their target and by how much,
the Renstra outlook and the serapan anggaran. `program_kegiatan` writes the list of BAB
IV 4.1 from Tabel 4.1. The planner may edit the text before printing; the document prints
the stored text when there is one. Plain text: paragraphs apart by a blank line, "- "
items (see `paragraphs`).
"""

from collections import Counter
from decimal import Decimal

from kinerja.documents.model import Paragraph
from kinerja.evaluation.bands import PERMENDAGRI86_2017, BandSet
from kinerja.evaluation.tables import Cell, Row, Table
from kinerja.lib.numbers import format_money, format_number, terbilang
from kinerja.monitoring.display import cell_text

INDIKATOR_ROWS = ("program", "kegiatan", "sub_kegiatan", "indikator")


def counted(number: int, noun: str = "") -> str:
    """ "2 (dua) program" as documents write counts."""
    return f"{number} ({terbilang(number)}) {noun}".strip()


def evaluasi_renja(
    tc29: Table,
    serapan: Table | None,
    *,
    opd_name: str,
    year: int,
    band_set: BandSet = PERMENDAGRI86_2017,
) -> str:
    """BAB II 2.1 from the figures of Tabel 2.1 (capaian of year n−2, outlook to n−1)
    and, when realisasi anggaran has been reported, the serapan of year n."""
    rows = [row for row in tc29.rows if row.kind in INDIKATOR_ROWS and _name(tc29, row)]
    capaian = tc29.column("8")
    lalu = year - 2
    parts = [
        f"Evaluasi pelaksanaan Renja {opd_name} tahun {lalu} mengukur "
        f"{counted(len(rows), 'indikator')} kinerja program dan kegiatan terhadap targetnya; "
        "hasilnya tersaji pada Tabel 2.1."
    ]
    parts.append(_predikat_sentence(rows, capaian, band_set))
    short = [row for row in rows if _below_target(row.cells[capaian])]
    if short:
        parts.append(
            f"Indikator yang belum mencapai target tahun {lalu}:\n"
            + "\n".join(_shortfall(tc29, row) for row in short)
        )
    elif any(row.cells[capaian].value is not None for row in rows):
        parts.append(
            f"Seluruh indikator yang berangka mencapai atau melampaui target tahun {lalu}."
        )
    outlook = _outlook(tc29, rows, year)
    if outlook:
        parts.append(outlook)
    if serapan is not None:
        parts.append(_serapan_sentence(serapan, year))
    return "\n\n".join(part for part in parts if part)


def _name(table: Table, row: Row) -> str:
    value = row.cells[table.column("3")].value
    return value if isinstance(value, str) else ""


def _predikat_sentence(rows: list[Row], capaian: int, band_set: BandSet) -> str:
    counts = Counter(row.cells[capaian].predikat for row in rows if row.cells[capaian].predikat)
    measured = sum(counts.values())
    missing = len(rows) - measured
    if not measured:
        return (
            "Belum ada indikator yang dapat dinilai karena target atau realisasinya belum tersedia."
        )
    labels = [label for _, label in band_set.bands] + [band_set.below]
    listed = [f"{counted(counts[label], 'indikator')} {label}" for label in labels if counts[label]]
    sentence = (
        f"Dari {counted(measured, 'indikator')} yang dapat dinilai, tingkat realisasinya "
        f"berpredikat {_series(listed)}."
    )
    if missing:
        sentence += (
            f" {counted(missing, 'indikator')} belum dapat dinilai karena target atau "
            "realisasinya belum tersedia (tanda – pada tabel)."
        )
    return sentence


def _below_target(cell: Cell) -> bool:
    return isinstance(cell.value, Decimal) and cell.value < 100


def _shortfall(table: Table, row: Row) -> str:
    target = row.cells[table.column("6")]
    realisasi = row.cells[table.column("7")]
    capaian = row.cells[table.column("8")]
    gap = Decimal(100) - capaian.value if isinstance(capaian.value, Decimal) else Decimal(0)
    return (
        f"- {_name(table, row)}: realisasi {cell_text(realisasi)} dari target "
        f"{cell_text(target)}, tingkat realisasi {cell_text(capaian)}% "
        f"({format_number(gap, 2)} poin di bawah 100%, predikat {capaian.predikat})."
    )


def _outlook(table: Table, rows: list[Row], year: int) -> str:
    column = table.column("11")
    values = [row.cells[column].value for row in rows]
    numbers = [value for value in values if isinstance(value, Decimal)]
    if not numbers:
        return ""
    reached = sum(1 for value in numbers if value >= 100)
    return (
        f"Terhadap target akhir Renstra, perkiraan realisasi s/d tahun {year - 1} telah "
        f"mencapai 100% atau lebih pada {counted(reached, 'dari')} {counted(len(numbers))} "
        "indikator yang berangka (kolom 11 Tabel 2.1)."
    )


def _serapan_sentence(serapan: Table, year: int) -> str:
    total = serapan.rows[-1]
    pagu = total.cells[serapan.column("3")].value
    spent = total.cells[serapan.column("8")].value
    rate = total.cells[serapan.column("9")]
    if not isinstance(spent, Decimal) or not isinstance(pagu, Decimal):
        return ""
    return (
        f"Realisasi anggaran tahun {year} s/d triwulan yang telah dilaporkan sebesar "
        f"Rp {format_money(spent)} dari pagu Rp {format_money(pagu)} (serapan "
        f"{cell_text(rate)}%)."
    )


def _series(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " dan " + parts[-1]


def program_kegiatan(tc33: Table, *, opd_name: str, year: int) -> str:
    """BAB IV 4.1: the programs and the kegiatan with their sub kegiatan, from Tabel 4.1."""
    name = tc33.column("2")
    programs = [row for row in tc33.rows if row.kind == "program"]
    kegiatan = [row for row in tc33.rows if row.kind == "kegiatan"]
    subs = [row for row in tc33.rows if row.kind == "sub_kegiatan"]
    lines = [
        f"{opd_name} dalam perencanaan dan pelaksanaan pembangunan tahun {year} mempunyai "
        f"{counted(len(programs), 'program')}, yaitu:",
        "\n".join(f"{i}. {row.cells[name].value}" for i, row in enumerate(programs, 1)),
        f"Untuk menunjang program tersebut disusun {counted(len(kegiatan), 'kegiatan')} dan "
        f"{counted(len(subs), 'sub kegiatan')}, yaitu:",
    ]
    for i, row in enumerate(kegiatan, 1):
        children = [tc33.rows[c].cells[name].value for c in tc33.child_rows(tc33.rows.index(row))]
        lines.append("\n".join([f"{i}. {row.cells[name].value}", *[f"- {c}" for c in children]]))
    return "\n\n".join(lines)


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Plain text to paragraphs: blocks apart by a blank line; within a block, lines that
    start with "- " are bullets and lines that start with "1. " or "a. " numbered items;
    other lines join the paragraph they are in."""
    result: list[Paragraph] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        prose: list[str] = []
        for line in (line.strip() for line in block.split("\n")):
            if not line:
                continue
            style = _item_style(line)
            if style == "body":
                prose.append(line)
                continue
            if prose:
                result.append(Paragraph(text=" ".join(prose)))
                prose = []
            result.append(
                Paragraph(text=line[2:].strip() if style == "bullet" else line, style=style)
            )
        if prose:
            result.append(Paragraph(text=" ".join(prose)))
    return tuple(result)


def _item_style(line: str) -> str:
    if line.startswith(("- ", "• ")):
        return "bullet"
    head, _, rest = line.partition(" ")
    if (
        rest
        and head.endswith(".")
        and (head[:-1].isdigit() or (len(head) == 2 and head[0].isalpha()))
    ):
        return "numbered"
    return "body"
