"""A small hand-made plan (figures after the seed's BKPSDM Renja 2024) for the table tests.

Renja year n = 2024, Renstra 2021–2026: n−3 = 2021, n−2 = 2022, n−1 = 2023.
"""

from decimal import Decimal

from kinerja.evaluation.achievement import rounded
from kinerja.evaluation.tables import Cell, Table
from kinerja.evaluation.types import (
    IndikatorInput,
    ItemInput,
    LaporanInput,
    PlanInput,
    RenstraFigures,
    RenstraIndikatorInput,
    RenstraItemInput,
    SasaranInput,
    Semantics,
    TujuanInput,
)


def d(value: str | int) -> Decimal:
    return Decimal(str(value))


def figures(text: str) -> dict[int, Decimal | None]:
    """`"2021: 24, 2022: 15"` → `{2021: Decimal(24), 2022: Decimal(15)}`; `x` is None."""
    pairs = (part.split(":") for part in text.split(",") if part.strip())
    return {int(k): None if v.strip() == "x" else d(v.strip()) for k, v in pairs}


def amounts(text: str) -> dict[int, Decimal]:
    """Like `figures`, every value present."""
    return {key: value for key, value in figures(text).items() if value is not None}


def sem(
    sifat: str, polaritas: str = "positif", jenis: str = "jumlah", decimals: int = 0
) -> Semantics:
    return Semantics(jenis=jenis, polaritas=polaritas, sifat=sifat, decimals=decimals)


KUMULATIF = sem("kumulatif")
INDEKS = sem("non_kumulatif", jenis="indeks", decimals=2)
PERSEN = sem("non_kumulatif", jenis="persentase", decimals=1)


def renstra_indikator(
    id: int,
    name: str,
    semantics: Semantics,
    akhir: str,
    targets: str,
    realisasi: str,
    notes: dict[int, str] | None = None,
) -> RenstraIndikatorInput:
    return RenstraIndikatorInput(
        id=id,
        name=name,
        semantics=semantics,
        figures=RenstraFigures(
            kondisi_akhir=d(akhir) if akhir else None,
            targets=amounts(targets),
            realisasi=figures(realisasi),
            notes=notes or {},
        ),
    )


SAKIP = renstra_indikator(
    101, "Nilai SAKIP OPD", INDEKS, "66", "2022: 62, 2023: 15", "2021: 61, 2022: 62.2"
)
IKM = renstra_indikator(
    102,
    "Indeks Kepuasan Masyarakat",
    INDEKS,
    "83",
    "2022: 82, 2023: 15",
    "2021: x, 2022: 86.6",
    notes={2021: 'Tercetak "8I" di Tabel 2.1 (huruf di dalam angka)'},
)
LAPORAN = renstra_indikator(
    103,
    "Jumlah Laporan LKj, LKPJ, LPPK, LPPD dan Evaluasi Kinerja",
    KUMULATIF,
    "90",
    "2022: 15, 2023: 15",
    "2021: 24, 2022: 15",
)
DOKUMEN = renstra_indikator(
    104,
    "Jumlah Dokumen RENSTRA, RENJA, RKA dan DPA",
    KUMULATIF,
    "90",
    "2022: 15, 2023: 15",
    "2022: 15",
)
DISIPLIN = renstra_indikator(
    105,
    "Tingkat Penurunan Pelanggaran Disiplin",
    PERSEN,
    "50",
    "2022: 25, 2023: 25",
    "2021: 37.5, 2022: -12.5",
)
SURVEI = renstra_indikator(
    106,
    "Rata-rata nilai survei layanan",
    sem("rata_rata", jenis="indeks", decimals=2),
    "85",
    "2022: 80, 2023: 82",
    "2021: 78, 2022: 81",
)
PELANGGARAN = renstra_indikator(
    107,
    "Jumlah pelanggaran disiplin",
    sem("non_kumulatif", polaritas="negatif"),
    "5",
    "2022: 10, 2023: 8",
    "2021: 12, 2022: 9",
)

RENSTRA_ITEMS = (
    RenstraItemInput(
        id=1, level="program", code="5.03.01", name="PROGRAM PENUNJANG", indikator=(SAKIP, IKM)
    ),
    RenstraItemInput(id=2, level="kegiatan", parent_id=1, code="5.03.01.2.01", name="Perencanaan"),
    RenstraItemInput(
        id=3, level="sub_kegiatan", parent_id=2, name="Koordinasi Laporan", indikator=(LAPORAN,)
    ),
    RenstraItemInput(
        id=4, level="sub_kegiatan", parent_id=2, name="Penyusunan Dokumen", indikator=(DOKUMEN,)
    ),
    RenstraItemInput(
        id=5,
        level="program",
        code="5.03.02",
        name="PROGRAM KEPEGAWAIAN DAERAH",
        indikator=(DISIPLIN, SURVEI, PELANGGARAN),
    ),
)

IP_ASN = renstra_indikator(
    201,
    "Indeks Profesionalitas ASN",
    INDEKS,
    "77",
    "2021: 65, 2022: 68, 2023: 71, 2024: 73, 2025: 75, 2026: 77",
    "",
)
DIKLAT = renstra_indikator(
    202,
    "Persentase ASN yang mengikuti pendidikan dan pelatihan formal",
    PERSEN,
    "12",
    "2021: 7.3, 2022: 8.2, 2023: 9.2, 2024: 10.3, 2025: 11.6, 2026: 12",
    "2021: 7.3, 2022: 10.3",
)
NONFORMAL = renstra_indikator(
    203,
    "Persentase ASN yang mengikuti pendidikan dan pelatihan non formal",
    PERSEN,
    "12.2",
    "2021: 5.9, 2022: 7.1, 2023: 8.4, 2024: 9.7, 2025: 11.2, 2026: 12.2",
    "2021: 5.9, 2022: 16.9",
)
JABATAN = renstra_indikator(
    204,
    "Persentase penetapan jabatan sesuai kompetensi",
    PERSEN,
    "93",
    "2021: 92, 2022: 92, 2023: 92, 2024: 92, 2025: 93, 2026: 93",
    "2021: 92, 2022: x",
    notes={2022: "tidak tercetak"},
)

TUJUAN = (
    TujuanInput(
        id=1,
        name="Terwujudnya ASN yang profesional, kompeten dan kompetitif",
        indikator=(IP_ASN,),
        sasaran=(
            SasaranInput(
                id=12, order=2, name="Meningkatnya penataan dan kinerja ASN", indikator=(JABATAN,)
            ),
            SasaranInput(
                id=11,
                order=1,
                name="Meningkatnya kualitas dan profesionalisme aparatur",
                indikator=(DIKLAT, NONFORMAL),
            ),
        ),
    ),
)


def renja_indikator(
    id: int,
    name: str,
    semantics: Semantics,
    target: str,
    target_n1: str,
    realisasi: str = "",
    renstra: RenstraFigures | None = None,
    satuan: str = "",
) -> IndikatorInput:
    return IndikatorInput(
        id=id,
        name=name,
        semantics=semantics,
        satuan=satuan,
        target=d(target) if target else None,
        target_n1=d(target_n1) if target_n1 else None,
        realisasi=amounts(realisasi),
        renstra=renstra,
    )


DOK = renja_indikator(
    301,
    "Jumlah Dokumen Perencanaan",
    KUMULATIF,
    "18",
    "18",
    "1: 4, 2: 4, 3: 4, 4: 6",
    renstra=RenstraFigures(kondisi_akhir=d(90), realisasi=figures("2021: 18, 2022: 18, 2023: 18")),
    satuan="Dok",
)
LAP = renja_indikator(302, "Jumlah Laporan Keuangan", KUMULATIF, "18", "", "1: 3, 2: 4")
IPASN = renja_indikator(
    303,
    "Indeks Profesionalitas ASN",
    INDEKS,
    "73",
    "75",
    "1: 70, 2: 71.5, 4: 74",
    renstra=RenstraFigures(kondisi_akhir=d(77), realisasi=figures("2021: 48.9, 2022: 50.9")),
)
SAKIP_RENJA = renja_indikator(304, "Nilai SAKIP OPD", INDEKS, "64", "65")
KEGIATAN_PERSEN = renja_indikator(305, "Persentase Kelengkapan Dokumen", PERSEN, "100", "100")
MUTASI = renja_indikator(
    306, "Jumlah Dokumen Mutasi", KUMULATIF, "5", "5", "1: 1, 2: 2, 3: 1, 4: 1"
)

ITEMS = (
    ItemInput(
        id=10,
        level="program",
        code="5.03.01",
        name="PROGRAM PENUNJANG",
        lokasi="BKPSDM",
        sumber_dana="APBD",
        indikator=(SAKIP_RENJA, IPASN),
    ),
    ItemInput(
        id=11,
        level="kegiatan",
        parent_id=10,
        code="5.03.01.2.01",
        name="Perencanaan",
        indikator=(KEGIATAN_PERSEN,),
    ),
    ItemInput(
        id=12,
        level="sub_kegiatan",
        parent_id=11,
        code="5.03.01.2.01.0001",
        name="Penyusunan Dokumen",
        lokasi="BKPSDM",
        sumber_dana="APBD",
        pagu=d(50000000),
        pagu_n1=d(57500000),
        realisasi_anggaran=amounts("1: 8164000, 2: 10699000, 3: 9987000, 4: 11048000"),
        indikator=(DOK,),
        renstra_pagu=amounts("2021: 45000000, 2022: 48000000"),
        realisasi_anggaran_tahunan=amounts("2021: 44000000, 2022: 47000000, 2023: 49000000"),
    ),
    ItemInput(
        id=13,
        level="sub_kegiatan",
        parent_id=11,
        order=1,
        name="Laporan Keuangan",
        pagu=d(40010225),
        realisasi_anggaran=amounts("1: 7044000, 2: 7698000"),
        indikator=(LAP,),
    ),
    ItemInput(
        id=14,
        level="kegiatan",
        parent_id=10,
        order=1,
        code="5.03.01.2.02",
        name="Kegiatan Tanpa Sub",
    ),
    ItemInput(id=20, level="program", order=1, code="5.03.02", name="PROGRAM KEPEGAWAIAN DAERAH"),
    ItemInput(
        id=21, level="kegiatan", parent_id=20, code="5.03.02.2.02", name="Mutasi dan Promosi ASN"
    ),
    ItemInput(
        id=22,
        level="sub_kegiatan",
        parent_id=21,
        code="5.03.02.2.02.0001",
        name="Pengelolaan Mutasi ASN",
        pagu=d(1590078504),
        pagu_n1=d(1828590280),
        realisasi_anggaran=amounts("1: 300000000, 3: 500000000"),
        indikator=(MUTASI,),
    ),
)

LAPORAN_TRIWULAN = (
    LaporanInput(
        triwulan=2,
        faktor_pendorong="Koordinasi antarbidang lancar.",
        faktor_penghambat="Pengadaan lebih lama.",
        tindak_lanjut="Mempercepat pengadaan.",
        tindak_lanjut_renja="Jadwal pengadaan sejak awal tahun.",
        is_example=True,
    ),
    LaporanInput(
        triwulan=4, faktor_pendorong="Pemantauan bulanan.", faktor_penghambat="Efisiensi."
    ),
)

PLAN = PlanInput(
    pemda="Kabupaten Tanjung Jabung Barat",
    opd_name="BKPSDM",
    year=2024,
    renstra_first_year=2021,
    renstra_last_year=2026,
    items=ITEMS,
    renstra_items=RENSTRA_ITEMS,
    tujuan=TUJUAN,
    laporan=LAPORAN_TRIWULAN,
)


def shown(cell: Cell, places: int = 2) -> Decimal | None:
    """A number cell's value as displayed (rounded half-up), None when empty."""
    if isinstance(cell.value, str):
        raise TypeError(f"bukan angka: {cell.value!r}")
    return None if cell.value is None else rounded(cell.value, places)


def cell(table: Table, row_key: int, column: str, *, by: str = "indikator_id") -> Cell:
    """The cell of `table` in the row whose `by` attribute is `row_key`, at `column` (a number)."""
    row = next(row for row in table.rows if getattr(row, by) == row_key)
    return row.cells[table.column(column)]
