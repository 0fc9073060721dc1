"""The demo is the seed's BKPSDM plan, every figure as printed; these tests fail if one changes."""

import datetime
import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Sum

from kinerja.demo import PLAN_FILE, load_demo
from kinerja.imports import plan_yaml
from kinerja.imports.export import compact, export_plan
from kinerja.renja.models import NARASI_FIELDS, Indikator, RenjaItem, RenjaNarasi
from kinerja.renstra.models import Indikator as RenstraIndikator

pytestmark = pytest.mark.django_db

SEED = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "seed"
    / "renja-bkpsdm-tanjabbar-2024.txt"
)
needs_seed = pytest.mark.skipif(
    not SEED.exists(), reason=f"the worked example is not at {SEED} (../shared is absent here)"
)


@pytest.fixture
def demo():
    result, users = load_demo()
    return result, users


def sub_kegiatan():
    return RenjaItem.objects.filter(level="sub_kegiatan", renja__year=2024)


def test_the_demo_has_2_programs_12_kegiatan_and_39_sub_kegiatan(demo):
    items = RenjaItem.objects.filter(renja__year=2024)
    assert items.filter(level="program").count() == 2
    assert items.filter(level="kegiatan").count() == 12
    assert items.filter(level="sub_kegiatan").count() == 39


def test_the_2024_pagu_adds_up_as_printed(demo):
    by_program = {
        program.name: sub_kegiatan()
        .filter(parent__parent=program)
        .aggregate(total=Sum("pagu"))["total"]
        for program in RenjaItem.objects.filter(level="program")
    }
    assert sorted(by_program.values()) == [Decimal("4940690160"), Decimal("10179230831")]
    assert sub_kegiatan().aggregate(total=Sum("pagu"))["total"] == Decimal("15119920991")


def test_levels_and_shares_are_never_summed_across_periods(demo):
    for model in (Indikator, RenstraIndikator):
        for indikator in model.objects.exclude(jenis="jumlah"):
            assert indikator.sifat == "non_kumulatif", indikator.name


@pytest.mark.parametrize(
    ("name", "sifat"),
    [
        # outputs produced during the year add up across triwulan
        ("Jumlah Dokumen Perencanaan Perangkat Daerah", "kumulatif"),
        ("Jumlah ASN yang mendapatkan Pendidikan Lanjutan", "kumulatif"),
        # the same 50 people are paid every month: the level at quarter end counts
        ("Jumlah Orang yang menerima Gaji dan Tunjangan ASN", "non_kumulatif"),
        ("Jumlah Peralatan dan Mesin Lainnya yang Dipelihara", "non_kumulatif"),
    ],
)
def test_counts_declare_whether_they_add_up(demo, name, sifat):
    assert Indikator.objects.get(name=name).sifat == sifat


@pytest.mark.parametrize(
    "name", ["Nilai SAKIP OPD", "Indeks Kepuasan Masyarakat", "Indeks Profesionalitas ASN"]
)
def test_the_index_indikator_are_non_kumulatif_indices(demo, name):
    found = [*RenstraIndikator.objects.filter(name=name), *Indikator.objects.filter(name=name)]
    assert found
    for indikator in found:
        assert (indikator.jenis, indikator.sifat) == ("indeks", "non_kumulatif")


def test_the_ocr_typos_are_kept_as_notes_never_guessed(demo):
    for name in ("Nilai SAKIP OPD", "Indeks Kepuasan Masyarakat"):
        realisasi = RenstraIndikator.objects.get(name=name, item__isnull=False).realisasi.get(
            year=2021
        )
        assert realisasi.value is None
        assert re.search(r"[68]I", realisasi.note)


def test_the_quarterly_realisations_are_marked_as_example_data(demo):
    result, _ = demo
    renja = result.perangkat_daerah.renja.get(year=2024)
    assert sorted(laporan.triwulan for laporan in renja.laporan.filter(is_example=True)) == [
        1,
        2,
        3,
        4,
    ]
    assert "contoh" in plan_yaml.load(PLAN_FILE.read_text(encoding="utf-8"))["note"].lower()


def test_the_demo_file_round_trips_exactly(demo):
    result, _ = demo
    original = plan_yaml.load(PLAN_FILE.read_text(encoding="utf-8"))
    exported = export_plan(result.perangkat_daerah)
    original_without_note = {k: v for k, v in compact(original).items() if k != "note"}
    assert exported == original_without_note


def demo_narasi():
    return RenjaNarasi.objects.get(renja__year=2024)


def test_the_demo_renja_carries_the_seeds_prose(demo):
    narasi = demo_narasi()
    assert narasi.latar_belakang.startswith(
        "Berdasarkan Undang-undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan"
    )
    assert len(narasi.kata_pengantar.split("\n\n")) == 3
    laws = [line for line in narasi.landasan_hukum.splitlines() if re.match(r"\d+\. ", line)]
    assert [line.split(".")[0] for line in laws] == [str(n) for n in range(1, 17)]
    assert laws[11].endswith("Barat Tahun 2013 – 2033 (Lembaran Daerah Kabupaten Tanjung "
                              "Jabung Barat Tahun 2013 Nomor 12);")  # fmt: skip
    isu = [line[:3] for line in narasi.isu_penting.splitlines() if re.match(r"[a-z]\. ", line)]
    assert isu == ["a. ", "b. ", "c. ", "d. ", "e. ", "f. "]
    assert narasi.penutup.endswith("kinerja pemerintah yang baik dan akuntabel.")


def test_the_demo_leaves_generated_and_missing_sections_empty(demo):
    narasi = demo_narasi()
    assert narasi.evaluasi_renja == ""  # generated from the figures
    assert narasi.usulan_masyarakat == ""  # the seed has no 2.5
    assert all(getattr(narasi, name) for name in NARASI_FIELDS if name not in {
        "evaluasi_renja", "usulan_masyarakat"})  # fmt: skip


def test_the_demo_is_signed_in_kuala_tungkal_in_september_2023(demo):
    narasi = demo_narasi()
    assert (narasi.tempat, narasi.tanggal, narasi.cetak_hari) == (
        "Kuala Tungkal",
        datetime.date(2023, 9, 1),
        False,  # the seed prints only "September 2023"
    )


def flat(text: str) -> str:
    """Text without line breaks, page breaks or the OCR's "- " before list items."""
    return " ".join(re.sub(r"(?m)^\s*- ", "", text).split())


@needs_seed
def test_every_line_of_the_demo_prose_is_the_seeds_own_text(demo):
    seed = flat(SEED.read_text(encoding="utf-8"))
    narasi = demo_narasi()
    checked = 0
    for name in NARASI_FIELDS:
        for line in getattr(narasi, name).splitlines():
            if line and not line.startswith("- BAB "):  # 1.4's list, one line per BAB
                assert flat(line) in seed, (name, line[:60])
                checked += 1
    assert checked == 59  # every line of prose but 1.4's five BAB lines


def test_demo_users_exist_for_each_role(demo):
    _, users = demo
    assert [user.username for user in users] == ["admin", "verifikator", "operator", "pimpinan"]
    assert all(user.password for user in users)


# --- the seed's Tabel 4.1, read from the document itself --------------------------------

MONEY = re.compile(r"^\d{1,3}(\.\d{3})+$")


def seed_tabel_41() -> dict[str, dict]:
    """Rows of the seed's Tabel 4.1 that name a lokasi, by name: target, pagu, n+1."""
    text = SEED.read_text(encoding="utf-8")
    table = text[text.index("TABEL 4.1") : text.index("BAB V\n\nPENUTUP")]
    rows = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.split("\t")]
        if "BKPSDM" not in cells or "APBD" not in cells:
            continue
        lokasi = cells.index("BKPSDM")
        name = next(cell for cell in cells if cell)
        after = [cell for cell in cells[cells.index("APBD") + 1 :] if cell]
        rows[name.lower()] = {
            "target": cells[lokasi + 1],
            "pagu": cells[lokasi + 2],
            "target_n1": next((cell for cell in after if not MONEY.match(cell)), ""),
            "pagu_n1": next((cell for cell in after if MONEY.match(cell)), ""),
        }
    return rows


def rupiah(printed: str) -> Decimal | None:
    return Decimal(printed.replace(".", "")) if printed else None


def target(printed: str) -> tuple[Decimal | None, str]:
    match = re.match(r"^(-?[\d.,]+)\s*(.*)$", printed)
    if not match:
        return None, ""
    return Decimal(match[1].replace(",", ".")), match[2]


@needs_seed
def test_every_sub_kegiatan_figure_equals_the_seed(demo):
    seed = seed_tabel_41()
    checked = 0
    for item in sub_kegiatan().prefetch_related("indikator"):
        row = seed[item.name.lower()]
        assert item.pagu == rupiah(row["pagu"]), item.name
        assert item.pagu_n1 == rupiah(row["pagu_n1"]), item.name
        indikator = item.indikator.all()[0]
        value, satuan = target(row["target"])
        assert (indikator.target, indikator.satuan) == (value, satuan or indikator.satuan), (
            item.name
        )
        assert indikator.target_n1 == target(row["target_n1"])[0], item.name
        checked += 1
    assert checked == 39


@needs_seed
def test_kegiatan_totals_agree_with_the_seed_for_2024_and_show_its_2025_mistakes(demo):
    seed = seed_tabel_41()
    disagree_2025 = []
    for kegiatan in RenjaItem.objects.filter(level="kegiatan"):
        totals = kegiatan.children.aggregate(n=Sum("pagu"), n1=Sum("pagu_n1"))
        row = seed[kegiatan.name.lower()]
        assert totals["n"] == rupiah(row["pagu"]), kegiatan.name
        if totals["n1"] != rupiah(row["pagu_n1"]):
            disagree_2025.append(kegiatan.name)
    # The seed's 2025 amounts sit in the wrong rows: most kegiatan no longer add up.
    assert "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah" in disagree_2025
    assert len(disagree_2025) >= 5


def test_no_demo_figure_changes_unnoticed(demo):
    """A fingerprint of every figure and name: update it only for a deliberate demo change."""
    data = plan_yaml.load(PLAN_FILE.read_text(encoding="utf-8"))
    digest = hashlib.sha256(json.dumps(data, default=str, sort_keys=True).encode()).hexdigest()
    assert digest == DEMO_DIGEST


DEMO_DIGEST = "1289794b18d3f6e297c1bfe9c0871d9b9cf40fb623459e821db87d09fe121eea"
