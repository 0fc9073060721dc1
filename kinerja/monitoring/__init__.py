"""Quarterly realisation of a Renja: kinerja per indikator, anggaran per sub kegiatan, narrative."""
