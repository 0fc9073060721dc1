"""The demo's Renja document as a model: the outline of the seed, its tables, the
signature, the generated prose (the renderers' tests read the files back)."""

from kinerja.documents.e81_report import e81_report
from kinerja.documents.model import Chart, Paragraph, Signature
from kinerja.documents.prose import counted
from kinerja.documents.queries import e81_source, renja_source
from kinerja.documents.renja_document import renja_document

OUTLINE = [
    "KATA PENGANTAR",
    "BAB I PENDAHULUAN",
    "1.1 Latar Belakang",
    "1.2 Landasan Hukum",
    "1.3 Maksud dan Tujuan",
    "1.4 Sistematika Penulisan",
    "BAB II HASIL EVALUASI RENJA PERANGKAT DAERAH TAHUN LALU",
    "2.1 Evaluasi Pelaksanaan Renja Perangkat Daerah Tahun 2022 dan Capaian Renstra",
    "2.2 Analisis Kinerja Pelayanan Perangkat Daerah",
    "2.3 Isu-isu Penting Penyelenggaraan Tugas dan Fungsi Perangkat Daerah",
    "2.4 Review terhadap Rancangan Awal RKPD",
    "BAB III TUJUAN DAN SASARAN PERANGKAT DAERAH",
    "3.1 Telaahan terhadap Kebijakan Nasional",
    "3.2 Tujuan dan Sasaran Renja Perangkat Daerah",
    "BAB IV RENCANA KERJA DAN PENDANAAN PERANGKAT DAERAH",
    "4.1 Program dan Kegiatan",
    "BAB V PENUTUP",
]


def texts(section) -> str:
    return "\n".join(block.text for block in section.blocks if isinstance(block, Paragraph))


def test_the_demo_document_follows_the_outline_with_its_tables(demo_renja):
    document = renja_document(renja_source(demo_renja))
    assert [section.heading for section in document.sections] == OUTLINE
    assert [block.number for block in document.tables()] == [
        "Tabel 2.1",
        "Tabel 2.2",
        "Tabel 3.1",
        "Tabel 4.1",
    ]
    assert [block.table.code for block in document.tables()] == [
        "T-C.29",
        "T-C.30",
        "tujuan-sasaran",
        "T-C.33",
    ]
    assert all(block.landscape for block in document.tables())
    assert document.cover is not None
    assert "TAHUN 2024" in document.cover.title
    assert document.cover.foot == ("KUALA TUNGKAL", "2023")
    assert document.toc


def test_the_kata_pengantar_is_signed_by_the_kepala(demo_renja):
    document = renja_document(renja_source(demo_renja))
    signature = next(b for b in document.sections[0].blocks if isinstance(b, Signature))
    assert signature.place_date == "Kuala Tungkal, September 2023"
    assert signature.name == "H.R. GATOT SUWARSO, SH., MM"
    assert signature.pangkat == "Pembina Utama Muda"
    assert signature.nip == "19631017 199003 1 005"
    assert texts(document.sections[0]).startswith("Dengan mengucapkan puji syukur")


def test_bab_ii_is_generated_from_the_figures_and_bab_iv_lists_the_seeds_counts(demo_renja):
    document = renja_document(renja_source(demo_renja))
    by_heading = {section.heading: section for section in document.sections}
    evaluasi = texts(by_heading[OUTLINE[7]])
    assert "Evaluasi pelaksanaan Renja" in evaluasi
    assert "yang dapat dinilai" in evaluasi
    program = texts(by_heading["4.1 Program dan Kegiatan"])
    # The seed: "mempunyai 2 (Dua) program ... 12 kegiatan dan 39 sub kegiatan".
    assert f"mempunyai {counted(2, 'program')}" in program
    assert f"{counted(12, 'kegiatan')} dan {counted(39, 'sub kegiatan')}" in program
    charts = document.charts()
    assert [chart.number for chart in charts] == ["Gambar 2.1", "Gambar 2.2"]
    assert all(isinstance(chart, Chart) for chart in charts)


def test_stored_evaluation_prose_replaces_the_generated_one(demo_renja):
    from kinerja.renja.actions import save_narasi

    save_narasi(
        demo_renja,
        acting_user=None,
        expected_version=None,
        evaluasi_renja="Teks evaluasi yang disunting.",
    )
    document = renja_document(renja_source(demo_renja))
    assert texts(document.sections[7]).startswith("Teks evaluasi yang disunting.")


def test_the_demo_carries_the_example_data_notice(demo_renja):
    document = renja_document(renja_source(demo_renja))
    assert "DATA CONTOH" in document.notice


def test_the_e81_report_of_a_triwulan(demo_renja):
    report = e81_report(e81_source(demo_renja, 2))
    assert report.title.endswith("Triwulan II Tahun 2024")
    blocks = report.sections[0].blocks
    assert [type(block).__name__ for block in blocks] == [
        "TableBlock",  # first: the heading sits on the form's landscape page
        "Paragraph",
        "Signature",
        "Chart",
    ]
    assert "Rata-rata tingkat capaian kinerja Renja" in blocks[1].text
    assert [b.table.code for b in report.tables()] == ["E.81"]
