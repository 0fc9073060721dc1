"""Values a plan file may carry (ADR 0012): negative values only with `allows_negative:
true`, never on kualitatif, no more places than `decimals`; the flag round-trips; agency
files propose it for a rate of change and say so in an info finding."""

from decimal import Decimal

import pytest

from kinerja.imports.export import export_plan
from kinerja.imports.mapping_renja import to_plan
from kinerja.imports.plan_rules import rule_errors
from kinerja.imports.tests.conftest import SMALL_PLAN
from kinerja.imports.tests.test_import_plan import do_import
from kinerja.imports.tests.test_mapping_renja import OPTIONS, renja_items, small_doc
from kinerja.imports.tests.test_mapping_renja import mapped as seed_mapped  # noqa: F401
from kinerja.imports.tests.test_mapping_renstra import plan_of, row
from kinerja.renstra.models import Indikator as RenstraIndikator

pytestmark = pytest.mark.django_db

FLAG = "allows_negative: true, "
PELANGGARAN = "renstra.items[0].indikator[0].realisasi.2022"


def test_a_negative_realisasi_without_the_flag_rejects_the_file_naming_the_path():
    plan = SMALL_PLAN.replace(FLAG, "")
    assert plan != SMALL_PLAN

    result = do_import(plan)

    assert not result.written
    [error] = result.errors
    assert error.path == PELANGGARAN
    assert error.message.startswith(
        "Realisasi tidak boleh negatif untuk indikator «Tingkat pelanggaran» (persentase): -12,5"
    )
    assert "tulis `allows_negative: true` pada indikatornya" in error.message
    assert not RenstraIndikator.objects.exists()


def test_with_the_flag_the_value_is_stored_and_the_flag_round_trips():
    result = do_import(SMALL_PLAN)
    assert result.written, result.errors

    indikator = RenstraIndikator.objects.get(name="Tingkat pelanggaran")
    assert indikator.allows_negative is True
    assert indikator.realisasi.get(year=2022).value == Decimal("-12.5")
    assert not RenstraIndikator.objects.filter(allows_negative=True).exclude(pk=indikator.pk)
    exported = export_plan(result.perangkat_daerah)
    [item] = exported["renstra"]["items"]
    assert item["indikator"][0]["allows_negative"] is True
    others = [i for t in exported["renstra"]["tujuan"] for i in t.get("indikator", [])]
    assert all("allows_negative" not in i for i in others)  # false is absent


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "target: 73,",
            "target: -73,",
            "renja[0].items[0].indikator[0].target",
            "Target tidak boleh negatif untuk indikator «Indeks Profesionalitas ASN» (indeks)",
        ),
        (
            "kondisi_akhir: 77",
            "kondisi_akhir: -77",
            "renstra.tujuan[0].sasaran[0].indikator[0].kondisi_akhir",
            "Kondisi akhir tidak boleh negatif",
        ),
        (
            "realisasi: {1: 70.1, 2: 71.25}",
            "realisasi: {1: 70.1, 2: 71.255}",
            "renja[0].items[0].indikator[0].realisasi.2",
            "71.255 mempunyai 3 angka di belakang koma, padahal indikator «Indeks "
            "Profesionalitas ASN» dicetak dengan decimals 2; tulis `decimals: 3`",
        ),
        (
            "realisasi: {1: 70.1, 2: 71.25}",
            "realisasi: {1: 70.1, 2: 71.2500001}",
            "renja[0].items[0].indikator[0].realisasi.2",
            "71.2500001: nilai indikator paling banyak 6 angka di belakang koma",
        ),
        (
            "scale: [D, C, CC, B, BB, A]",
            "scale: [D, C, CC, B, BB, A]\n          allows_negative: true",
            "renstra.tujuan[0].indikator[0].allows_negative",
            "indikator kualitatif tidak dapat bernilai negatif",
        ),
    ],
)
def test_values_the_indikator_does_not_allow_reject_the_file(old, new, path, message):
    assert old in SMALL_PLAN
    result = do_import(SMALL_PLAN.replace(old, new, 1))

    assert not result.written
    assert [error.path for error in result.errors] == [path]
    assert message in result.errors[0].message


def test_the_mapped_seed_proposes_allows_negative_for_the_tingkat_penurunan(seed_mapped):  # noqa: F811
    data, findings = seed_mapped
    indikator = {
        ind["name"]: ind for item in renja_items(data) for ind in item.get("indikator", [])
    }
    penurunan = indikator["Tingkat Penurunan Pelanggaran Disiplin ASN"]
    assert penurunan["allows_negative"] is True
    assert sum(bool(ind.get("allows_negative")) for ind in indikator.values()) == 1
    [info] = [f for f in findings if "Tingkat Penurunan Pelanggaran Disiplin ASN" in f.message]
    assert info.severity == "info"
    assert "boleh negatif (nama menyebut 'penurunan'" in info.message


def test_a_mapped_renstra_proposes_allows_negative_with_an_info_finding():
    data, findings = plan_of(
        row("Laju pertumbuhan ekonomi", {"2025": "100"}, line=2, satuan="%"),
        row("Jumlah dokumen", {"2025": "100"}, line=3),
    )
    [sub] = data["renstra"]["items"][0]["children"][0]["children"]
    assert [i.get("allows_negative") for i in sub["indikator"]] == [True, None]
    [info] = [f for f in findings if "dianggap boleh negatif" in f.message]
    assert (info.severity, info.line, info.row) == ("info", 2, "Laju pertumbuhan ekonomi")


def test_an_agency_renja_with_a_negative_count_is_refused_with_the_indikator_named():
    data, _ = to_plan(small_doc(target="-5"), **OPTIONS)

    [error] = rule_errors(data)
    assert error.path.endswith("indikator[0].target")
    assert "Target tidak boleh negatif untuk indikator «Jumlah Dokumen» (jumlah): -5" in (
        error.message
    )


def test_a_pagu_with_sen_round_trips_and_a_third_place_is_refused():
    plan = SMALL_PLAN.replace("pagu: 299984275", "pagu: 299984275.50", 1)
    assert plan != SMALL_PLAN
    result = do_import(plan)
    assert result.written, result.errors
    exported = export_plan(result.perangkat_daerah)
    subs = [
        child
        for item in exported["renja"][0]["items"]
        for kegiatan in item.get("children", [])
        for child in kegiatan.get("children", [])
    ]
    assert Decimal("299984275.5") in [sub.get("pagu") for sub in subs]

    result = do_import(SMALL_PLAN.replace("pagu: 299984275", "pagu: 299984275.505", 1))
    assert not result.written
    [error] = result.errors
    assert error.path.endswith(".pagu")
    assert "rupiah paling banyak 2 angka di belakang koma (sen)" in error.message
