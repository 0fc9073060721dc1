"""Importing a plan file: exact decimals, round trip, dry run, replace, nothing written on error."""

import datetime
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings

from kinerja.audit.models import AuditEvent
from kinerja.imports import plan_yaml
from kinerja.imports.actions import import_plan
from kinerja.imports.export import export_plan
from kinerja.imports.plan_rows import NARASI_KEYS
from kinerja.imports.replacing import Consent
from kinerja.renja.models import Indikator, RenjaItem, RenjaNarasi
from kinerja.renstra.models import Indikator as RenstraIndikator

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows in every table of the project's apps (and users), to prove nothing was written."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "audit", "nomenclature", "renstra", "renja", "monitoring"}
    }


def do_import(text: str, **options):
    return import_plan(text.encode(), source="rencana.yaml", acting_user=None, **options)


def do_replace(text: str, **options):
    """Replace with the confirmation a user gives: the token of the previewed list."""
    preview = do_import(text, replace=True, dry_run=True, **options)
    return do_import(text, replace=True, consent=Consent(replace=preview.replace_token), **options)


def canonical(data):
    """The file's data with empty values dropped and nomenclature in code order."""
    from kinerja.imports.export import compact

    data = compact(data)
    for _level, entries in (data.get("nomenclature") or {}).items():
        if isinstance(entries, list):
            entries.sort(key=lambda entry: entry["code"])
    return data


def test_it_imports_and_exports_the_same_data(small_plan):
    result = do_import(small_plan)

    assert result.errors == []
    assert result.written
    exported = export_plan(result.perangkat_daerah)
    assert canonical(exported) == canonical(plan_yaml.load(small_plan))
    # and the exported text reads back to the same data again
    assert plan_yaml.load(plan_yaml.dump(exported)) == exported


def test_the_narasi_is_stored_as_written(small_plan):
    do_import(small_plan)

    narasi = RenjaNarasi.objects.get(renja__year=2024)
    assert narasi.kata_pengantar.split("\n\n") == [
        "Puji syukur, Rencana Kerja Dinas Contoh Tahun 2024 telah selesai disusun.",
        "Kritik dan saran sangat kami harapkan.",
    ]
    assert narasi.landasan_hukum.splitlines()[2].startswith("1. Undang-Undang Nomor 25")
    assert (narasi.tempat, narasi.tanggal, narasi.cetak_hari) == (
        "Kota Contoh",
        datetime.date(2023, 9, 1),
        False,
    )
    assert narasi.evaluasi_renja == ""
    assert narasi.version == 1


def test_the_exported_narasi_leaves_out_empty_sections_and_the_default_date_style(small_plan):
    plan = small_plan.replace("      cetak_hari: false\n", "")
    result = do_import(plan)

    exported = export_plan(result.perangkat_daerah)["renja"][0]["narasi"]
    assert list(exported) == [
        "kata_pengantar",
        "landasan_hukum",
        "sistematika",
        "isu_penting",
        "penutup",
        "tempat",
        "tanggal",
    ]
    assert exported["tanggal"] == "2023-09-01"
    # prose is written as a readable block, and reads back as the same text
    text = plan_yaml.dump(export_plan(result.perangkat_daerah))
    assert "    kata_pengantar: |-\n      Puji syukur" in text
    assert plan_yaml.load(text)["renja"][0]["narasi"] == exported


def test_a_renja_without_narasi_exports_none(small_plan):
    start, end = small_plan.index("    narasi:"), small_plan.index("    laporan_triwulan:")
    result = do_import(small_plan[:start] + small_plan[end:])

    assert not RenjaNarasi.objects.exists()
    assert "narasi" not in export_plan(result.perangkat_daerah)["renja"][0]


def test_replacing_a_plan_replaces_its_narasi(small_plan):
    do_import(small_plan)

    do_replace(small_plan.replace("tempat: Kota Contoh", "tempat: Kota Baru"))

    assert list(RenjaNarasi.objects.values_list("tempat", flat=True)) == ["Kota Baru"]


def test_the_schema_knows_exactly_the_narasi_fields():
    schema = json.loads((settings.BASE_DIR / "docs" / "kinerja-plan.schema.json").read_text())
    assert tuple(schema["$defs"]["narasi"]["properties"]) == NARASI_KEYS


def test_numbers_are_exact_decimals(small_plan):
    do_import(small_plan)

    sub = RenjaItem.objects.get(code="5.03.02.2.02.0001")
    assert sub.pagu == Decimal("299984275")
    assert sub.pagu_n1 == Decimal("344981916.50")
    ip_asn = Indikator.objects.get(name="Indeks Profesionalitas ASN")
    assert [r.value for r in ip_asn.realisasi.all()] == [Decimal("70.1"), Decimal("71.25")]


def test_kualitatif_values_are_stored_as_scale_positions(small_plan):
    do_import(small_plan)

    sakip = RenstraIndikator.objects.get(key="sakip")
    assert sakip.kondisi_akhir == 6  # A
    assert {t.year: t.value for t in sakip.targets.all()} == {2021: 4, 2022: 5}  # B, BB


def test_a_realisasi_printed_as_non_number_keeps_its_note(small_plan):
    do_import(small_plan)

    realisasi = RenstraIndikator.objects.get(key="ip-asn").realisasi.get(year=2022)
    assert realisasi.value is None
    assert realisasi.note == "tercetak 6I"


def test_the_renja_indikator_links_to_the_renstra_indikator(small_plan):
    do_import(small_plan)

    linked = Indikator.objects.get(name="Indeks Profesionalitas ASN").renstra_indikator
    assert linked is not None
    assert linked.key == "ip-asn"


def test_codes_link_items_to_the_nomenclature(small_plan):
    do_import(small_plan)

    sub = RenjaItem.objects.get(code="5.03.02.2.02.0001")
    assert sub.nomenclature_sub_kegiatan.kegiatan.program.code == "5.03.02"
    uncoded = RenjaItem.objects.get(name="Pengelolaan Promosi ASN")
    assert uncoded.code == ""
    assert uncoded.nomenclature_sub_kegiatan is None


def test_an_import_writes_one_audit_event(small_plan):
    result = do_import(small_plan)

    event = AuditEvent.objects.get(event_type=AuditEvent.Type.PLAN_IMPORTED)
    assert event.object_id == str(result.perangkat_daerah.pk)
    assert event.extra_data["counts"]["sub kegiatan Renja"] == 2


def test_a_dry_run_counts_but_writes_nothing(small_plan):
    before = row_counts()

    result = do_import(small_plan, dry_run=True)

    assert result.errors == []
    assert not result.written
    assert result.counts["sub kegiatan Renja"] == 2
    assert row_counts() == before


def test_an_existing_plan_is_replaced_only_when_asked(small_plan):
    do_import(small_plan)
    before = row_counts()

    refused = do_import(small_plan)
    assert not refused.written
    assert refused.errors[0].path == "renstra"
    assert "--replace" in refused.errors[0].message
    assert row_counts() == before

    replaced = do_replace(small_plan.replace("pagu: 135418345", "pagu: 135000000"))
    assert replaced.written
    assert RenjaItem.objects.get(name="Pengelolaan Promosi ASN").pagu == 135000000
    assert RenjaItem.objects.filter(level="sub_kegiatan").count() == 2


def test_a_file_failing_on_its_very_last_row_writes_nothing(small_plan):
    # The last row repeats triwulan 2: only the database's unique constraint catches it,
    # after everything else has been written inside the transaction.
    failing = small_plan + "      - {triwulan: 2, faktor_penghambat: duplikat}\n"
    before = row_counts()

    result = do_import(failing)

    assert not result.written
    assert "basis data menolak" in result.errors[0].message
    assert row_counts() == before


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "sifat: kumulatif, target: 20}",
            "sifat: sum, target: 20}",
            "renja[0].items[0].children[0].children[1].indikator[0].sifat",
            "tidak dikenal",
        ),
        (
            "pagu: 135418345",
            "pagu: -5",
            "renja[0].items[0].children[0].children[1].pagu",
            "terlalu kecil",
        ),
        (
            "        name: PROGRAM KEPEGAWAIAN DAERAH\n        indikator",
            "        name: PROGRAM KEPEGAWAIAN DAERAH\n        pagu: 1\n        indikator",
            "renja[0].items[0]",
            "hanya boleh diisi pada sub kegiatan",
        ),
        (
            "renstra_indikator: ip-asn",
            "renstra_indikator: tidak-ada",
            "renja[0].items[0].indikator[0].renstra_indikator",
            "tidak ada indikator Renstra",
        ),
        ("  - year: 2024", "  - year: 2030", "renja[0].year", "di luar periode Renstra"),
        (
            "targets: {2021: B, 2022: BB}",
            "targets: {2021: B, 2022: AAA}",
            "renstra.tujuan[0].indikator[0].targets.2022",
            "tidak ada di skala",
        ),
        (
            "targets: {2021: 65, 2024: 73.5}",
            "targets: {2021: 65, 2034: 73.5}",
            "renstra.tujuan[0].sasaran[0].indikator[0].targets.2034",
            "di luar periode",
        ),
        (
            'nip: "196310171990031005"',
            'nip: "1963 1017"',
            "perangkat_daerah.kepala.nip",
            "tidak sesuai",
        ),
        (
            'kegiatan: [{code: "5.03.02.2.02"',
            'kegiatan: [{code: "5.03.09.2.02"',
            "nomenclature.kegiatan[0].code",
            "induk",
        ),
        (
            "          - level: kegiatan\n            code",
            "          - level: sub_kegiatan\n            code",
            "renja[0].items[0].children[0].level",
            "tidak boleh berada di bawah program",
        ),
        (
            "realisasi: {1: 1, 2: 2}",
            "realisasi: {1: 1, 5: 2}",
            "renja[0].items[0].children[0].children[0].indikator[0].realisasi",
            "bukan tahun",
        ),
        (
            "      tempat: Kota Contoh",
            "      foo: x",
            "renja[0].narasi",
            "kunci tidak dikenal: foo",
        ),
        ("tanggal: 2023-09-01", "tanggal: 2023-02-30", "renja[0].narasi.tanggal", "tidak ada"),
        ("tanggal: 2023-09-01", "tanggal: 1 September 2023", "renja[0].narasi.tanggal", "pola"),
        ("cetak_hari: false", "cetak_hari: tidak", "renja[0].narasi.cetak_hari", "ya/tidak"),
        (
            "penutup: Renja ini menjadi pedoman kerja Dinas Contoh tahun 2024.",
            "penutup: [1]",
            "renja[0].narasi.penutup",
            "teks",
        ),
    ],
)
def test_a_rejected_file_names_the_path_and_writes_nothing(small_plan, old, new, path, message):
    assert old in small_plan
    before = row_counts()

    result = do_import(small_plan.replace(old, new, 1))

    assert not result.written
    assert any(e.path == path and message in e.message for e in result.errors), result.errors
    assert row_counts() == before


def test_yaml_syntax_errors_name_the_line():
    result = do_import("format: kinerja-plan\nversion: [1\n")

    assert not result.written
    assert result.errors[0].path.startswith("baris ")


def renja_only(small_plan: str, year: int = 2025) -> str:
    """The small plan's OPD with only a Renja for `year` (no renstra, no nomenclature)."""
    data = plan_yaml.load(small_plan)
    renja = data["renja"][0]
    renja["year"] = year
    return plan_yaml.dump(
        {key: data[key] for key in ("format", "version", "pemda", "perangkat_daerah")}
        | {"renja": [renja]}
    )


def test_a_renja_only_file_attaches_to_the_opds_renstra(small_plan):
    do_import(small_plan)

    result = do_import(renja_only(small_plan))

    assert result.errors == [], result.errors
    renja = result.perangkat_daerah.renja.get(year=2025)
    assert renja.renstra.first_year == 2021
    linked = Indikator.objects.get(item__renja=renja, name="Indeks Profesionalitas ASN")
    assert linked.renstra_indikator.key == "ip-asn"


def test_a_renja_only_file_needs_a_renstra_covering_its_year(small_plan):
    do_import(small_plan)
    before = row_counts()

    result = do_import(renja_only(small_plan, year=2030))

    assert not result.written
    assert result.errors[0].path == "renja[0].year"
    assert "belum memiliki Renstra" in result.errors[0].message
    assert row_counts() == before
