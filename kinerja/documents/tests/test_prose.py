"""The prose a document derives from figures, and how stored text becomes paragraphs."""

from kinerja.documents.model import Paragraph
from kinerja.documents.prose import counted, evaluasi_renja, paragraphs, program_kegiatan
from kinerja.evaluation.tables import build_serapan, build_tc29, build_tc33
from kinerja.evaluation.tests.plans import PLAN


def test_counts_are_written_with_words():
    assert counted(2, "program") == "2 (dua) program"
    assert counted(39, "sub kegiatan") == "39 (tiga puluh sembilan) sub kegiatan"


def test_paragraphs_split_blocks_bullets_and_numbered_items():
    text = (
        "Renja disusun\nsetiap tahun.\n\n"
        "Landasan hukum:\n1. Undang-Undang Nomor 23 Tahun 2014\n2. PP Nomor 8 Tahun 2008\n\n"
        "- satu\n- dua\n\na. Optimalisasi manajemen"
    )
    assert paragraphs(text) == (
        Paragraph(text="Renja disusun setiap tahun."),
        Paragraph(text="Landasan hukum:"),
        Paragraph(text="1. Undang-Undang Nomor 23 Tahun 2014", style="numbered"),
        Paragraph(text="2. PP Nomor 8 Tahun 2008", style="numbered"),
        Paragraph(text="satu", style="bullet"),
        Paragraph(text="dua", style="bullet"),
        Paragraph(text="a. Optimalisasi manajemen", style="numbered"),
    )
    assert paragraphs("") == ()


def test_evaluasi_renja_counts_predikat_and_names_shortfalls():
    tc29 = build_tc29(PLAN)
    text = evaluasi_renja(tc29, None, opd_name="BKPSDM", year=PLAN.year)
    capaian = tc29.column("8")
    predikat = [row.cells[capaian].predikat for row in tc29.rows if row.cells[capaian].predikat]
    assert predikat, "the plan has capaian to describe"
    assert f"Dari {counted(len(predikat), 'indikator')} yang dapat dinilai" in text
    for label in set(predikat):
        assert f"{counted(predikat.count(label), 'indikator')} {label}" in text
    short = [row for row in tc29.rows if (v := row.cells[capaian].value) is not None and v < 100]
    for row in short:
        assert f"- {row.cells[tc29.column('3')].value}: realisasi" in text
    assert f"tahun {PLAN.year - 2}" in text


def test_evaluasi_renja_reports_serapan_when_reported():
    serapan = build_serapan(PLAN, 2)
    text = evaluasi_renja(build_tc29(PLAN), serapan, opd_name="BKPSDM", year=PLAN.year)
    assert "Realisasi anggaran tahun" in text
    assert "(serapan " in text


def test_program_kegiatan_lists_every_program_and_kegiatan():
    tc33 = build_tc33(PLAN)
    text = program_kegiatan(tc33, opd_name="BKPSDM", year=PLAN.year)
    programs = [row for row in tc33.rows if row.kind == "program"]
    assert f"mempunyai {counted(len(programs), 'program')}" in text
    for row in tc33.rows:
        if row.kind in {"program", "kegiatan", "sub_kegiatan"}:
            assert str(row.cells[1].value) in text
