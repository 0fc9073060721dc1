"""The five-year Renstra: tujuan, sasaran, programs and kegiatan with indikator, targets and pagu."""
