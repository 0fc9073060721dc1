"""The Renja document of an OPD and year, as the format-neutral `Document`.

The outline of Permendagri 86/2017 (reference §1) as the seed prints it: cover, Kata
Pengantar with the signature block, Daftar Isi, BAB I–V. The OPD's own prose comes from
its stored narasi; BAB II 2.1 and BAB IV 4.1 are generated from the figures when the
narasi leaves them empty; every table is the evaluation engine's.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kinerja.documents.model import (
    Block,
    Chart,
    Cover,
    Document,
    Paragraph,
    Section,
    Series,
    Signature,
    TableBlock,
)
from kinerja.documents.prose import evaluasi_renja, paragraphs, program_kegiatan
from kinerja.evaluation.tables import Table
from kinerja.evaluation.tables.cells import ROMAN

RENJA_TABLES = ("tc29", "tc30", "tujuan_sasaran", "tc33", "serapan")
MAX_CHART_INDIKATOR = 12


@dataclass(frozen=True, kw_only=True)
class RenjaSource:
    """What the Renja document is built from.

    `tables` by evaluation name (see RENJA_TABLES; serapan only when realisasi anggaran
    has been reported); `narasi` the stored prose by field name (empty when not written);
    `signed` the place and date as printed ("Kuala Tungkal, September 2023").
    """

    year: int
    pemda: str
    opd_name: str
    tables: Mapping[str, Table]
    narasi: Mapping[str, str]
    signature: Signature
    cover_foot: tuple[str, ...] = ()
    notice: str = ""


def renja_document(source: RenjaSource) -> Document:
    """The Renja document of `source`."""
    n, opd = source.year, source.opd_name
    return Document(
        kind="renja",
        title=f"Rencana Kerja {opd} Tahun {n}",
        cover=Cover(
            title=("RENCANA KERJA", "PERANGKAT DAERAH (RENJA)", f"TAHUN {n}"),
            organisation=(f"PEMERINTAH {source.pemda.upper()}", opd.upper()),
            foot=source.cover_foot,
        ),
        toc=True,
        notice=source.notice,
        sections=(
            Section(
                number="",
                title="KATA PENGANTAR",
                blocks=(
                    *_prose(source, "kata_pengantar", _kata_pengantar(source)),
                    source.signature,
                ),
            ),
            *_bab_i(source),
            *_bab_ii(source),
            *_bab_iii(source),
            *_bab_iv(source),
            Section(
                number="BAB V",
                title="PENUTUP",
                blocks=_prose(source, "penutup", _penutup(source)),
            ),
        ),
    )


def _prose(source: RenjaSource, field: str, default: str = "") -> tuple[Paragraph, ...]:
    return paragraphs(source.narasi.get(field, "").strip() or default)


def _kata_pengantar(source: RenjaSource) -> str:
    return (
        f"Rencana Kerja {source.opd_name} Tahun {source.year} telah selesai disusun sesuai "
        "dengan tugas pokok dan fungsinya, sebagai acuan penyusunan Rencana Kerja "
        f"Pemerintah Daerah dan APBD Tahun {source.year}."
    )


def _penutup(source: RenjaSource) -> str:
    return (
        f"Rencana Kerja {source.opd_name} Tahun {source.year} ini menjadi pedoman pelaksanaan "
        "program dan kegiatan serta dasar evaluasi kinerja perangkat daerah."
    )


def _sistematika() -> str:
    return "\n".join(
        (
            "BAB I Pendahuluan: latar belakang, landasan hukum, maksud dan tujuan, serta "
            "sistematika penulisan.",
            "BAB II Hasil Evaluasi Renja Perangkat Daerah Tahun Lalu: evaluasi pelaksanaan "
            "Renja, analisis kinerja pelayanan, isu-isu penting dan review terhadap "
            "rancangan awal RKPD.",
            "BAB III Tujuan dan Sasaran Perangkat Daerah.",
            "BAB IV Rencana Kerja dan Pendanaan Perangkat Daerah.",
            "BAB V Penutup.",
        )
    ).replace("BAB ", "- BAB ")


def _bab_i(source: RenjaSource) -> tuple[Section, ...]:
    return (
        Section(number="BAB I", title="PENDAHULUAN"),
        Section(
            number="1.1", title="Latar Belakang", level=2, blocks=_prose(source, "latar_belakang")
        ),
        Section(
            number="1.2", title="Landasan Hukum", level=2, blocks=_prose(source, "landasan_hukum")
        ),
        Section(
            number="1.3", title="Maksud dan Tujuan", level=2, blocks=_prose(source, "maksud_tujuan")
        ),
        Section(
            number="1.4",
            title="Sistematika Penulisan",
            level=2,
            blocks=_prose(source, "sistematika", _sistematika()),
        ),
    )


def _bab_ii(source: RenjaSource) -> tuple[Section, ...]:
    n, tables = source.year, source.tables
    tc29, serapan = tables["tc29"], tables.get("serapan")
    generated = evaluasi_renja(tc29, serapan, opd_name=source.opd_name, year=n)
    evaluasi: tuple[Block, ...] = (
        *_prose(source, "evaluasi_renja", generated),
        TableBlock(number="Tabel 2.1", table=tc29),
        *_capaian_chart(tc29, n),
        *_serapan_chart(serapan, n),
    )
    sections = [
        Section(number="BAB II", title="HASIL EVALUASI RENJA PERANGKAT DAERAH TAHUN LALU"),
        Section(
            number="2.1",
            title=f"Evaluasi Pelaksanaan Renja Perangkat Daerah Tahun {n - 2} dan Capaian Renstra",
            level=2,
            blocks=evaluasi,
        ),
        Section(
            number="2.2",
            title="Analisis Kinerja Pelayanan Perangkat Daerah",
            level=2,
            blocks=(
                *_prose(source, "analisis_kinerja"),
                TableBlock(number="Tabel 2.2", table=tables["tc30"]),
            ),
        ),
        Section(
            number="2.3",
            title="Isu-isu Penting Penyelenggaraan Tugas dan Fungsi Perangkat Daerah",
            level=2,
            blocks=_prose(source, "isu_penting"),
        ),
        Section(
            number="2.4",
            title="Review terhadap Rancangan Awal RKPD",
            level=2,
            blocks=_prose(source, "review_rkpd"),
        ),
    ]
    if source.narasi.get("usulan_masyarakat", "").strip():
        sections.append(
            Section(
                number="2.5",
                title="Penelaahan Usulan Program dan Kegiatan Masyarakat",
                level=2,
                blocks=_prose(source, "usulan_masyarakat"),
            )
        )
    return tuple(sections)


def _capaian_chart(tc29: Table, n: int) -> tuple[Chart, ...]:
    """Target and realisasi of year n−2 per indikator, as percent of target (col 8)."""
    capaian, name = tc29.column("8"), tc29.column("3")
    rows = [row for row in tc29.rows if isinstance(row.cells[capaian].value, Decimal)]
    if len(rows) > MAX_CHART_INDIKATOR:
        rows = [row for row in rows if row.depth == 0][:MAX_CHART_INDIKATOR]
    if not rows:
        return ()
    return (
        Chart(
            number="Gambar 2.1",
            title=f"Target dan Realisasi Indikator Kinerja Tahun {n - 2} (% terhadap target)",
            categories=tuple(str(row.cells[name].value) for row in rows),
            series=(
                Series(name="Target", values=tuple(Decimal(100) for _ in rows)),
                Series(
                    name="Realisasi",
                    values=tuple(_decimal(row.cells[capaian].value) for row in rows),
                ),
            ),
            unit="%",
        ),
    )


def _serapan_chart(serapan: Table | None, n: int) -> tuple[Chart, ...]:
    """Serapan anggaran of year n, cumulative per triwulan, from the serapan total row."""
    if serapan is None:
        return ()
    total = serapan.rows[-1].cells
    pagu = total[serapan.column("3")].value
    if not isinstance(pagu, Decimal) or not pagu:
        return ()
    running, values = Decimal(0), list[Decimal | None]()
    for quarter in range(1, 5):
        spent = total[serapan.column(str(3 + quarter))].value
        if isinstance(spent, Decimal):
            running += spent
            values.append(running / pagu * 100)
        else:
            values.append(None)
    return (
        Chart(
            number="Gambar 2.2",
            title=f"Serapan Anggaran Kumulatif per Triwulan Tahun {n}",
            categories=tuple(f"Triwulan {ROMAN[q]}" for q in range(1, 5)),
            series=(Series(name="Serapan kumulatif", values=tuple(values)),),
            unit="%",
        ),
    )


def _decimal(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _bab_iii(source: RenjaSource) -> tuple[Section, ...]:
    return (
        Section(number="BAB III", title="TUJUAN DAN SASARAN PERANGKAT DAERAH"),
        Section(
            number="3.1",
            title="Telaahan terhadap Kebijakan Nasional",
            level=2,
            blocks=_prose(source, "telaahan_kebijakan"),
        ),
        Section(
            number="3.2",
            title="Tujuan dan Sasaran Renja Perangkat Daerah",
            level=2,
            blocks=(
                *_prose(source, "tujuan_sasaran"),
                TableBlock(number="Tabel 3.1", table=source.tables["tujuan_sasaran"]),
            ),
        ),
    )


def _bab_iv(source: RenjaSource) -> tuple[Section, ...]:
    tc33 = source.tables["tc33"]
    listing = program_kegiatan(tc33, opd_name=source.opd_name, year=source.year)
    return (
        Section(
            number="BAB IV",
            title="RENCANA KERJA DAN PENDANAAN PERANGKAT DAERAH",
            blocks=_prose(source, "program_kegiatan"),
        ),
        Section(
            number="4.1",
            title="Program dan Kegiatan",
            level=2,
            blocks=(*paragraphs(listing), TableBlock(number="Tabel 4.1", table=tc33)),
        ),
    )
