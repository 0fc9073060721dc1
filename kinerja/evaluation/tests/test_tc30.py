"""T‑C.30 (Tabel 2.2) and the tujuan/sasaran table of Bab III."""

from decimal import Decimal

from kinerja.evaluation.tables import Cell, Table, build_tc30, build_tujuan_sasaran
from kinerja.evaluation.tests.plans import PLAN
from kinerja.evaluation.tests.text_tables import parse


def shown(cell: Cell) -> str:
    if cell.is_dash:
        return "-"
    return "(kosong)" if cell.value in (None, "") else str(cell.value)


def as_text(table: Table) -> list[str]:
    """Each row as text, leaving out the indikator name (column 2)."""
    return [
        " | ".join(shown(cell) for i, cell in enumerate(row.cells) if i != 1) for row in table.rows
    ]


def rows_of(text: str) -> list[str]:
    """Expected rows as lists of cell texts (a text table without its header line)."""
    return [" | ".join("-" if v is None else v for v in row.values()) for row in parse(text)]


def test_tc30_default_years_are_the_renstra_years_up_to_n() -> None:
    table = build_tc30(PLAN)
    assert table.code == "T-C.30"
    # 1 No, 2 indikator, 3 target akhir, 4–7 target 2021–2024, 8–10 realisasi 2021–2023,
    # 11–12 proyeksi 2024–2025, 13 catatan
    assert table.column_numbers == tuple(str(n) for n in range(1, 14))
    assert [row.cells[1].value for row in table.rows] == [
        "Indeks Profesionalitas ASN",
        "Persentase ASN yang mengikuti pendidikan dan pelatihan formal",
        "Persentase ASN yang mengikuti pendidikan dan pelatihan non formal",
        "Persentase penetapan jabatan sesuai kompetensi",
    ]
    assert as_text(table) == rows_of(
        """
        no | akhir | 21  | 22  | 23  | 24   | r21 | r22  | r23 | p24  | p25  | catatan
        1. | 77    | 65  | 68  | 71  | 73   | -   | -    | -   | 73   | 75   | (kosong)
        2. | 12    | 7.3 | 8.2 | 9.2 | 10.3 | 7.3 | 10.3 | -   | 10.3 | 11.6 | (kosong)
        3. | 12.2  | 5.9 | 7.1 | 8.4 | 9.7  | 5.9 | 16.9 | -   | 9.7  | 11.2 | (kosong)
        4. | 93    | 92  | 92  | 92  | 92   | 92  | -    | -   | 92   | 93   | 2022: tidak tercetak
        """
    )
    assert [row.depth for row in table.rows] == [0, 1, 1, 1]
    headers = [cell.text for row in table.header_rows for cell in row]
    assert "Realisasi Capaian" in headers
    assert "Proyeksi" in headers
    assert any("Proyeksi tahun 2024 dan 2025" in f for f in table.footnotes)
    assert (
        "“–” (realisasi-kosong): realisasi tidak diisi atau tidak berupa angka." in table.footnotes
    )


def test_tc30_years_are_configurable() -> None:
    table = build_tc30(PLAN, years=[2022, 2023, 2024, 2025])
    headers = [cell.text for cell in table.header_rows[1]]
    assert headers == [
        "Tahun 2022",
        "Tahun 2023",
        "Tahun 2024",
        "Tahun 2025",  # targets
        "Tahun 2022",
        "Tahun 2023",  # realisasi: the years before n
        "Tahun 2024",
        "Tahun 2025",  # proyeksi
    ]
    assert table.width == 3 + 4 + 2 + 2 + 1


def test_tc30_projection_beyond_the_renstra_is_out_of_period() -> None:
    from dataclasses import replace

    table = build_tc30(replace(PLAN, year=2026))
    last = table.rows[0].cells[-2]  # proyeksi n+1 = 2027
    assert last.reason == "tahun-di-luar-renstra"


def test_tujuan_sasaran_has_a_target_for_every_renstra_year() -> None:
    table = build_tujuan_sasaran(PLAN)
    assert table.column_numbers == tuple(str(n) for n in range(1, 11))
    assert [cell.text for cell in table.header_rows[1]] == [str(y) for y in range(2021, 2027)]
    assert [(row.kind, row.depth) for row in table.rows] == [
        ("tujuan", 0),
        ("sasaran", 1),
        ("indikator", 1),
        ("sasaran", 1),
    ]
    first = table.rows[0].cells
    assert [c.value for c in first[:4]] == [
        "1.",
        "Terwujudnya ASN yang profesional, kompeten dan kompetitif",
        "",
        "Indeks Profesionalitas ASN",
    ]
    assert [c.value for c in first[4:]] == [
        Decimal(v) for v in ("65", "68", "71", "73", "75", "77")
    ]
    # sasaran ordered by `order`, not by position
    assert table.rows[1].cells[2].value == "Meningkatnya kualitas dan profesionalisme aparatur"
    assert table.rows[2].cells[2].value == ""
    assert table.rows[3].cells[2].value == "Meningkatnya penataan dan kinerja ASN"
