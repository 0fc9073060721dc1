"""A Renstra extract as plan data: valid against the schema, pagu taken once, findings."""

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.evaluation.source import Location, Printed, SourceRenstra, SourceRenstraRow
from kinerja.imports import mapping_renstra
from kinerja.imports.parsers import csv_renstra
from kinerja.imports.plan_rules import rule_errors
from kinerja.imports.plan_schema import schema_errors

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
YOGYAKARTA = "kotayogyakarta-setda-2025-2029-renstra.csv"
BANTUL = "bantul-dinkopukmperindag-2025-2029-renstra.csv"


def mapped(name: str, opd_code: str) -> tuple[dict, list]:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"korpus berkas nyata tidak ada di {CORPUS} (../shared belum dipasang)")
    doc = csv_renstra.read(path.read_bytes(), name)
    return mapping_renstra.to_plan(doc, pemda=doc.pemda, opd_code=opd_code)


def leaves(items: list[dict]) -> list[dict]:
    found = []
    for item in items:
        found += leaves(item["children"]) if "children" in item else [item]
    return found


@pytest.mark.parametrize(
    ("name", "opd_code"), [(YOGYAKARTA, "SETDA"), (BANTUL, "DINKOPUKMPERINDAG")]
)
def test_plan_data_is_valid(name, opd_code):
    data, _ = mapped(name, opd_code)

    assert schema_errors(data) == []
    assert rule_errors(data) == []


def test_yogyakarta_tree_and_pagu_taken_once():
    data, findings = mapped(YOGYAKARTA, "SETDA")
    renstra = data["renstra"]
    subs = {item["code"]: item for item in leaves(renstra["items"])}

    assert (renstra["first_year"], renstra["last_year"]) == (2025, 2029)
    assert [p["code"] for p in renstra["items"]] == ["4.01.02", "4.01.03", "4.01.04"]
    assert len(subs) == 23
    kewilayahan = subs["4.01.02.2.01.0002"]
    assert len(kewilayahan["indikator"]) == 4
    assert kewilayahan["pagu"][2025] == 1242162750
    # every sub kegiatan counted once: the whole-file sum of pagu1, since the other rows are 0
    assert sum(sub["pagu"][2025] for sub in subs.values()) == 9517203142
    one_row = [f for f in findings if f.rule == "layout" and "satu baris" in f.message]
    assert len(one_row) == 13
    assert all(f.severity == "info" for f in one_row)


def test_indikator_targets_baseline_and_inferred_semantics():
    data, findings = mapped(YOGYAKARTA, "SETDA")
    subs = {item["code"]: item for item in leaves(data["renstra"]["items"])}
    [indikator] = subs["4.01.02.2.03.0001"]["indikator"]

    assert indikator["kondisi_awal"] == 295
    assert indikator["targets"] == {2025: 300, 2026: 300, 2027: 300, 2028: 300, 2029: 300}
    assert (indikator["jenis"], indikator["sifat"]) == ("jumlah", "kumulatif")
    assert indikator["key"] == "4-01-02-2-03-0001-694410"
    inferred = [f for f in findings if f.rule == "semantics-inferred"]
    assert inferred
    assert all(f.severity == "info" for f in inferred)
    assert any("volume_0 (tahun 2024" in f.message for f in findings)


def test_bantul_bidang_comes_from_the_program_code():
    data, _ = mapped(BANTUL, "DINKOPUKMPERINDAG")
    nomenclature = data["nomenclature"]
    bidang = {entry["code"]: entry["name"] for entry in nomenclature["bidang_urusan"]}

    assert data["perangkat_daerah"]["bidang_urusan"] == ["2.17", "2.22", "3.30", "3.31"]
    assert bidang["3.30"] == "URUSAN PEMERINTAHAN BIDANG PERDAGANGAN"
    assert "3.3" not in bidang
    assert [entry["code"] for entry in nomenclature["urusan"]] == ["2", "3"]
    assert len(nomenclature["sub_kegiatan"]) == 48
    assert nomenclature["edition"]["sub_kegiatan_digits"] == 4


def test_bantul_erratic_pagu_is_carried_as_printed():
    data, _ = mapped(BANTUL, "DINKOPUKMPERINDAG")
    subs = {item["code"]: item for item in leaves(data["renstra"]["items"])}

    assert subs["3.31.02.2.01.0001"]["pagu"] == {
        2025: 850000, 2026: 200000000, 2027: 10000000, 2028: 5000000, 2029: 0
    }  # fmt: skip


def row(indikator: str, pagu: dict[str, str], *, line: int, satuan: str = "Dokumen"):
    at = Location(source="r.csv", line=line)
    return SourceRenstraRow(
        kode_bidang="5.3",
        kode_program="5.03.02",
        kode_kegiatan="5.03.02.2.02",
        kode_sub_kegiatan="5.03.02.2.02.0001",
        nama_program="PROGRAM KEPEGAWAIAN DAERAH",
        nama_kegiatan="Mutasi dan Promosi ASN",
        nama_sub_kegiatan="Pengelolaan Mutasi ASN",
        kode_indikator=str(line),
        indikator=indikator,
        satuan=satuan,
        volume=(
            ("awal", Printed(text="60.5", location=at)),
            ("2025", Printed(text="70", location=at)),
        ),
        pagu=tuple((year, Printed(text=text, location=at)) for year, text in pagu.items()),
        location=at,
    )


def plan_of(*rows: SourceRenstraRow) -> tuple[dict, list]:
    doc = SourceRenstra(source="r.csv", first_year=2025, last_year=2026, rows=rows)
    return mapping_renstra.to_plan(doc, pemda="Kab. Contoh", opd_code="BKPSDM", opd_name="BKPSDM")


def test_repeated_split_and_blank_pagu():
    data, findings = plan_of(
        row("Jumlah dokumen", {"2025": "100.0", "2026": "40.0"}, line=2),
        row(
            "Persentase dokumen tepat waktu", {"2025": "100.0", "2026": "60.0"}, line=3, satuan="%"
        ),
    )
    [sub] = leaves(data["renstra"]["items"])
    [pattern] = [f for f in findings if f.code == "5.03.02.2.02.0001" and f.rule == "layout"]

    assert sub["pagu"] == {2025: 100, 2026: 100}
    assert pattern.severity == "warning"
    assert "diulang" in pattern.message
    assert "terbagi" in pattern.message
    assert [i["jenis"] for i in sub["indikator"]] == ["jumlah", "persentase"]
    assert sub["indikator"][1]["decimals"] == 1  # kondisi awal 60.5
    assert schema_errors(data) == []
    assert rule_errors(data) == []

    data, findings = plan_of(row("Jumlah dokumen", {"2025": "100.0"}, line=2))
    [missing] = [f for f in findings if f.rule == "missing-value"]
    assert "2026" in missing.message
    assert missing.line == 2
    assert leaves(data["renstra"]["items"])[0]["pagu"] == {2025: 100}


@pytest.mark.parametrize(
    ("satuan", "name", "expected"),
    [
        ("%", "Persentase layanan", ("persentase", "positif", "non_kumulatif")),
        ("Indeks", "Indeks Kepuasan Masyarakat", ("indeks", "positif", "non_kumulatif")),
        ("Nilai", "Nilai SAKIP", ("indeks", "positif", "non_kumulatif")),
        ("Rasio", "Rasio guru murid", ("rasio", "positif", "non_kumulatif")),
        ("%", "Tingkat pengangguran terbuka", ("persentase", "negatif", "non_kumulatif")),
        ("Dokumen", "Jumlah dokumen", ("jumlah", "positif", "kumulatif")),
    ],
)
def test_infer_semantics(satuan, name, expected):
    assert mapping_renstra.infer_semantics(satuan, name) == expected


def test_edition_code_on_request_and_money_exact():
    data, findings = plan_of(row("Jumlah dokumen", {"2025": "1000.25", "2026": "0.0"}, line=2))

    assert leaves(data["renstra"]["items"])[0]["pagu"] == {2025: Decimal("1000.25"), 2026: 0}
    assert any("edisi 'renstra-2025-2026'" in f.message for f in findings)
    doc = SourceRenstra(source="r.csv", first_year=2025, last_year=2026, rows=())
    data, findings = mapping_renstra.to_plan(
        doc, pemda="Kab. Contoh", opd_code="X", edition_code="900.1.15.5-1317/2023"
    )
    assert data["nomenclature"]["edition"] == {"code": "900.1.15.5-1317/2023"}
    assert not any("edisi" in f.message for f in findings)
