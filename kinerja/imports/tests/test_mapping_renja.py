"""A Renja as read → plan-file data: the seed against the hand-made demo file, semantics
inferred and reported, unclean numbers left out, codes never invented."""

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.demo import PLAN_FILE
from kinerja.evaluation.source import (
    Location,
    Printed,
    SourceIndikator,
    SourceItem,
    SourceRenja,
)
from kinerja.imports import plan_yaml
from kinerja.imports.mapping_renja import infer_semantics, name_case, to_plan
from kinerja.imports.parsers import text_table
from kinerja.imports.plan_rules import rule_errors
from kinerja.imports.plan_schema import schema_errors

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed"
SEED_FILE = SEED / "renja-bkpsdm-tanjabbar-2024.txt"
OPTIONS = {"pemda": "Kabupaten Tanjung Jabung Barat", "opd_code": "BKPSDM"}


@pytest.fixture(scope="module")
def mapped():
    if not SEED_FILE.exists():
        pytest.skip(f"the seed document is not there ({SEED_FILE}): ../shared is absent")
    return to_plan(text_table.read(SEED_FILE.read_bytes(), SEED_FILE.name), **OPTIONS)


def items_of(items):
    for item in items:
        yield item
        yield from items_of(item.get("children", []))


def renja_items(data):
    return list(items_of(data["renja"][0]["items"]))


def subs(data):
    return [item for item in renja_items(data) if item["level"] == "sub_kegiatan"]


def test_the_mapped_seed_is_a_valid_plan_file_without_renstra(mapped):
    data, _ = mapped
    assert schema_errors(data) == []
    assert rule_errors(data) == []
    assert "renstra" not in data
    assert data["perangkat_daerah"] == {
        "code": "BKPSDM",
        "name": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah",
    }
    assert {key: data["renja"][0][key] for key in ("year", "stage", "version")} == {
        "year": 2024,
        "stage": "final",
        "version": 1,
    }


def test_the_39_sub_kegiatan_carry_the_demo_files_pagu(mapped):
    data, _ = mapped
    demo = plan_yaml.load(PLAN_FILE.read_text())
    expected = {item["name"]: (item["pagu"], item["pagu_n1"]) for item in subs(demo)}
    got = {item["name"]: (item["pagu"], item["pagu_n1"]) for item in subs(data)}

    assert len(subs(data)) == 39
    assert got == expected
    assert sum(pagu for pagu, _ in got.values()) == Decimal("15119920991")
    assert sum(pagu_n1 for _, pagu_n1 in got.values()) == sum(n1 for _, n1 in expected.values())


def test_levels_and_names_follow_the_demo_file(mapped):
    data, _ = mapped
    demo = plan_yaml.load(PLAN_FILE.read_text())
    shape = [(item["level"], item["name"]) for item in renja_items(data)]
    assert shape == [(item["level"], item["name"]) for item in renja_items(demo)]


def test_printed_totals_are_not_stored_and_codes_are_not_invented(mapped):
    data, _ = mapped
    for item in renja_items(data):
        assert "code" not in item  # the seed prints no codes
        if item["level"] != "sub_kegiatan":
            assert "pagu" not in item
            assert "pagu_n1" not in item


def test_every_indikator_gets_its_semantics_and_an_info_finding(mapped):
    data, findings = mapped
    indikator = [ind for item in renja_items(data) for ind in item.get("indikator", [])]
    inferred = [f for f in findings if f.rule == "semantics-inferred"]
    assert len(indikator) == len(inferred) == 59
    assert {f.severity for f in findings} == {"info"}
    by_name = {ind["name"]: ind for ind in indikator}
    assert by_name["Rasio Pejabat Fungsional Tertentu"]["jenis"] == "rasio"
    disiplin = by_name["Tingkat Penurunan Pelanggaran Disiplin ASN"]
    assert (disiplin["jenis"], disiplin["polaritas"], disiplin["target"]) == (
        "persentase",
        "positif",
        25,
    )
    sakip = by_name["Nilai SAKIP OPD"]
    assert (sakip["jenis"], sakip["sifat"], sakip["decimals"], sakip["target"]) == (
        "indeks",
        "non_kumulatif",
        2,
        64,
    )
    dokumen = by_name["Jumlah Dokumen Perencanaan Perangkat Daerah"]
    assert (dokumen["satuan"], dokumen["jenis"], dokumen["sifat"], dokumen["target"]) == (
        "Dok",
        "jumlah",
        "kumulatif",
        18,
    )
    formal = by_name["Persentase ASN yang mengikuti Pendidikan dan Pelatihan Formal"]
    assert (formal["target"], formal["target_n1"], formal["decimals"]) == (
        Decimal("10.3"),
        Decimal("11.6"),
        1,
    )
    [sakip_finding] = [f for f in inferred if "'Nilai SAKIP OPD'" in f.message]
    assert sakip_finding.line == 400
    assert "jenis indeks" in sakip_finding.message


@pytest.mark.django_db
def test_the_mapped_seed_attaches_to_the_demo_renstra(mapped):
    from kinerja.imports.actions import import_data, import_plan

    import_plan(PLAN_FILE.read_bytes(), source=PLAN_FILE.name, acting_user=None)
    data, _ = mapped

    result = import_data(data, source="seed.txt", acting_user=None, replace=True, dry_run=True)

    assert result.errors == []
    assert result.counts


# --- small documents -----------------------------------------------------------------

AT = Location(source="x.txt", line=7)


def printed(text: str, column: str = "") -> Printed:
    return Printed(text=text, location=AT, column=column)


def small_doc(*, target: str = "5", pagu: str = "1.000.000", code: str = "") -> SourceRenja:
    indikator = SourceIndikator(name="Jumlah Dokumen", target=printed(target, "5"), satuan="Dok")
    sub = SourceItem(
        level="sub_kegiatan",
        name="Pengelolaan Mutasi ASN",
        code=code,
        pagu=printed(pagu, "6"),
        indikator=(indikator,),
        location=AT,
    )
    kegiatan = SourceItem(level="kegiatan", name="Mutasi dan Promosi ASN", children=(sub,))
    program = SourceItem(level="program", name="PROGRAM KEPEGAWAIAN DAERAH", children=(kegiatan,))
    return SourceRenja(source="x.txt", year=2024, items=(program,))


def test_a_number_with_a_letter_is_left_out_and_explained():
    data, findings = to_plan(small_doc(target="6I", pagu="1.O00.000"), **OPTIONS)

    sub = subs(data)[0]
    assert "pagu" not in sub
    assert "target" not in sub["indikator"][0]
    typos = [f for f in findings if f.rule == "number-typo"]
    assert [(f.actual, f.expected, f.column, f.severity) for f in typos] == [
        ("1.O00.000", Decimal("1000000"), "6", "error"),
        ("6I", Decimal("61"), "5", "error"),
    ]
    assert all(f.line == 7 for f in typos)
    assert "nilai tidak diisi" in typos[1].message
    assert schema_errors(data) == []


def test_a_printed_code_is_kept_and_a_row_number_is_not_a_code():
    data, _ = to_plan(small_doc(code="5.03.02.2.02.0001"), **OPTIONS)
    assert subs(data)[0]["code"] == "5.03.02.2.02.0001"

    data, findings = to_plan(small_doc(code="3"), **OPTIONS)
    assert "code" not in subs(data)[0]
    [finding] = [f for f in findings if f.rule == "code-format"]
    assert (finding.actual, finding.severity) == ("3", "info")


def test_without_a_year_there_is_no_renja_and_a_finding_says_why():
    doc = SourceRenja(source="x.txt", opd_name="DINAS CONTOH")

    data, findings = to_plan(doc, pemda="Kabupaten Contoh", opd_code="DC", stage="rancangan")

    assert "renja" not in data
    assert data["perangkat_daerah"]["name"] == "Dinas Contoh"
    assert [(f.rule, f.severity) for f in findings] == [("missing-value", "error")]
    assert schema_errors(data) == []


@pytest.mark.parametrize(
    ("name", "satuan", "jenis", "polaritas", "sifat"),
    [
        ("Jumlah Dokumen Perencanaan", "Dokumen", "jumlah", "positif", "kumulatif"),
        ("Persentase ASN terlatih", "%", "persentase", "positif", "non_kumulatif"),
        ("Tingkat kehadiran ASN", "%", "persentase", "positif", "non_kumulatif"),
        ("Indeks Kepuasan Masyarakat", "", "indeks", "positif", "non_kumulatif"),
        ("Nilai SAKIP OPD", "", "indeks", "positif", "non_kumulatif"),
        ("Capaian IKM", "Indeks", "indeks", "positif", "non_kumulatif"),
        ("Rasio Pejabat Fungsional Tertentu", "%", "rasio", "positif", "non_kumulatif"),
        ("Jumlah pelanggaran disiplin ASN", "Kasus", "jumlah", "negatif", "kumulatif"),
        ("Angka kematian ibu", "per 100.000", "jumlah", "negatif", "kumulatif"),
        ("Persentase temuan BPK", "%", "persentase", "negatif", "non_kumulatif"),
        (
            "Tingkat Penurunan Pelanggaran Disiplin ASN",
            "%",
            "persentase",
            "positif",
            "non_kumulatif",
        ),
        ("Jumlah kasus pelanggaran yang terselesaikan", "Kasus", "jumlah", "positif", "kumulatif"),
    ],
)
def test_infer_semantics(name, satuan, jenis, polaritas, sifat):
    found = infer_semantics(SourceIndikator(name=name, satuan=satuan), satuan)
    assert found[:3] == (jenis, polaritas, sifat)


def test_decimals_follow_the_printed_targets():
    indikator = SourceIndikator(name="Persentase", target=printed("10,25"), satuan="%")
    assert infer_semantics(indikator, "%")[3] == 2


def test_name_case():
    assert name_case("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM DAERAH") == (
        "Badan Kepegawaian dan Pengembangan SDM Daerah"
    )
    assert name_case("Dinas Pendidikan") == "Dinas Pendidikan"
