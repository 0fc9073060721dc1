"""The five-year Renstra: tujuan, sasaran, items, indikator, targets, pagu."""
