"""Seed inputs of each target: the project's own fixtures, the shared corpus and seed (read
at run time, never copied here), and the inputs kept in `corpus/<target>/`.

Seeds are kept small so that each input is fast: corpus texts are also cut to their first
lines, as a whole file and as a head.
"""

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
KEPT = Path(__file__).resolve().parent / "corpus"
HEAD_LINES = 40


def shared(*names: str) -> list[bytes]:
    """The named files of ../shared/corpus or ../shared/seed that exist, whole and as a head."""
    found = []
    for name in names:
        for folder in ("corpus", "seed"):
            path = SHARED / folder / name
            if path.exists():
                content = path.read_bytes()
                found.append(content)
                if not name.endswith((".xlsx", ".xls")):
                    found.append(b"\n".join(content.split(b"\n")[:HEAD_LINES]))
    return found


def kept(target: str) -> list[bytes]:
    """The interesting inputs kept in the repository for `target` (crash reproducers)."""
    folder = KEPT / target
    return [path.read_bytes() for path in sorted(folder.glob("*"))] if folder.is_dir() else []


def plan_seeds() -> list[bytes]:
    from kinerja.imports import plan_yaml
    from kinerja.imports.tests.conftest import SMALL_PLAN

    data = plan_yaml.load(SMALL_PLAN)
    as_json = json.dumps(data, default=_json_number, ensure_ascii=False).encode()
    head = "\n".join(SMALL_PLAN.splitlines()[:20]).encode()
    return [SMALL_PLAN.encode(), as_json, head, b"format: kinerja-plan\nversion: 1\n"]


def _json_number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else str(value)


def csv_renstra_seeds() -> list[bytes]:
    header = (
        "kodepemda,namapemda,idperiode,kodebidang,uraibidang,kodeprogram,uraiprogram,"
        "kodekegiatan,uraikegiatan,kodesubkegiatan,uraisubkegiatan,kodeskpd,uraiskpd,"
        "kodesubkegiatan_indikator,uraisubkegiatan_indikator,satuan,kinerja,volume_awal,"
        "volume_1,pagu_awal,pagu1\n"
        "3471,Kota Contoh,20252029,3.30,Bidang,3.30.01,Program,3.30.01.2.01,Kegiatan,"
        "3.30.01.2.01.0001,Sub,1.01.0.00.0.00.01.0000,Dinas,1,Indikator,Dokumen,Ada,1,2,"
        "1000000.0,177582000.0\n"
    )
    return [header.encode(), *shared("kotayogyakarta-setda-2025-2029-renstra.csv",
                                     "bantul-dinkopukmperindag-2025-2029-renstra.csv")]  # fmt: skip


NOMENCLATURE_CSV = (
    "kode;nomenklatur;kinerja;indikator;satuan\n"
    "5;UNSUR PENUNJANG URUSAN PEMERINTAHAN;;;\n"
    "5.03;KEPEGAWAIAN;;;\n"
    "5.03.02;PROGRAM KEPEGAWAIAN DAERAH;;;\n"
    "5.03.02.2.02;Mutasi dan Promosi ASN;;;\n"
    "5.03.02.2.02.0001;Pengelolaan Mutasi ASN;Terkelolanya Mutasi ASN;Jumlah Dokumen;Dokumen\n"
    "5.03.02.2;Kode yang tidak lengkap;;;\n"
)


def nomenclature_csv_seeds() -> list[bytes]:
    return [NOMENCLATURE_CSV.encode()]


def nomenclature_xlsx_seeds() -> list[bytes]:
    from kinerja.imports.tests.test_nomenclature_table import xlsx_table

    return [xlsx_table()]


def text_renja_seeds() -> list[bytes]:
    from kinerja.imports.tests.test_text_table import tsv

    table = tsv(
        "Tabel 4.1 Rumusan Rencana Program dan Kegiatan Tahun 2024\n"
        "No | Program/Kegiatan | Indikator Kinerja | Target | Pagu | Lokasi | Sumber Dana\n"
        "1 | 2 | 3 | 4 | 5 | 6 | 7\n"
        "5.03.02 | PROGRAM KEPEGAWAIAN DAERAH | Indeks | 73 | 1.000.000 | BKPSDM | DAU\n"
        "5.03.02.2.02 | Mutasi | Jumlah | 5 Dokumen | 500.000 | BKPSDM | DAU\n"
        "JUMLAH | | | | 1.000.000 | |\n"
    )
    return [table, *shared("renja-bkpsdm-tanjabbar-2024.txt")]


DPA_TEXT = (
    "DPA RINCIAN BELANJA SKPD\n"
    "Sub Kegiatan : 2.21.02.1.01.0006 Penyediaan Layanan Keamanan Informasi\n"
    "Alokasi Tahun 2026 : Rp918.886.900,00\n"
    "Kode Rekening    Uraian    Koefisien    Satuan    Harga    PPN    Jumlah\n"
    "5                BELANJA DAERAH                                   Rp918.886.900,00\n"
    "5.1.02.01.01.0024  Belanja Alat Tulis Kantor                      Rp1.699.000,00\n"
    "   Kertas  10 Rim  Rim  Rp169.900,00  0%  Rp1.699.000,00\n"
    "Jumlah Anggaran Sub Kegiatan : Rp918.886.900,00\n"
)


def text_dpa_seeds() -> list[bytes]:
    return [DPA_TEXT.encode(), *shared("bali-diskominfos-2026-dpa-subkeg-2.21.02.1.01.0006.txt")]


def agency_workbook() -> bytes:
    """A small agency Renja table: title, header, the numbering row, three rows."""
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["RENCANA KERJA PERANGKAT DAERAH TAHUN 2024"])
    sheet.append([])
    sheet.append(
        [
            "No",
            "Kode",
            "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
            "Indikator Kinerja",
            "Target",
            "Pagu Indikatif (Rp)",
            "Lokasi",
            "Sumber Dana",
        ]
    )
    sheet.append([1, 2, 3, 4, 5, 6, 7, 8])
    sheet.append([1, "5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", "Indeks", "73", "1.000.000,00"])
    sheet.append([2, "5.03.02.2.02", "Mutasi", "Jumlah", 5, 1000000.0, "BKPSDM", "DAU"])
    sheet.append([3, "5.03.02.2.02.0001", "Sub", "Dokumen", 5, "1.000.000", "BKPSDM", "DAU"])
    sheet.merge_cells("A1:H1")
    output = BytesIO()
    book.save(output)
    return output.getvalue()  # fmt: skip


def xlsx_renja_seeds() -> list[bytes]:
    return [agency_workbook(), *shared("penajampaserutara-bapelitbang-2024-renja.xlsx")]


def kinerja_template_seeds() -> list[bytes]:
    from kinerja.imports.tests.test_kinerja_template import filled

    return [filled()]


def sipd_apbd_seeds() -> list[bytes]:
    from kinerja.imports.tests.test_sipd_apbd import UPPER, apbd_rows, workbook

    return [workbook(UPPER, apbd_rows()), *shared("toba-bapenda-2022-anggaran-kas-realisasi.xlsx")]


def docx_renja_seeds() -> list[bytes]:
    from kinerja.imports.tests.test_docx_renja import renja_docx

    return [renja_docx()]


NUMBERS = [
    "1.590.078.504", "1.590.078.504,00", "Rp 1.590.078.504", "Rp. 15.119.920.991",
    "Rp1.699.000,00", "10,3", "10,3%", "11,6 %", "-12,5", "(1.000.000)", "1590078504",
    "177582000.0", "6I", "8I", "1O0", "1.500", "1,590,078,504.00", "1.59.00", "abc", "",
    "0", "0,0", "1 500 000", "2 500 000", "1e3", "3.000.000,00", "100 %", "- ",
]  # fmt: skip
CODES = [
    "5", "5.03", "5.03.02", "5.03.02.2.02", "5.03.02.2.02.0001", "X.XX", "X.XX.01",
    "1.01.01.2.01.01", "3.3", "3.30.01", "2.21.02.1.01.0006", "5.03.0.00.0.00.01.0000",
    "1.05.02.2.03.0002 Pembentukan", "", "..", "5..03", " 5.03 ",
]  # fmt: skip


def number_seeds() -> list[bytes]:
    return [text.encode() for text in NUMBERS]


def code_seeds() -> list[bytes]:
    return [text.encode() for text in CODES]


SEEDS: dict[str, Callable[[], list[bytes]]] = {
    "plan": plan_seeds,
    "csv-renstra": csv_renstra_seeds,
    "nomenclature-csv": nomenclature_csv_seeds,
    "nomenclature-xlsx": nomenclature_xlsx_seeds,
    "text-renja": text_renja_seeds,
    "text-dpa": text_dpa_seeds,
    "xlsx-renja": xlsx_renja_seeds,
    "kinerja-template": kinerja_template_seeds,
    "sipd-apbd": sipd_apbd_seeds,
    "docx-renja": docx_renja_seeds,
    "number": number_seeds,
    "codes": code_seeds,
}


def seeds(target: str) -> list[bytes]:
    """Every seed of `target`: its fixtures and shared files, then the kept inputs."""
    return [seed for seed in SEEDS[target]() if seed] + kept(target)
