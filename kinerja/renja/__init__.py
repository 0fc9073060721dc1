"""The annual Renja: its item tree, indikator with target n and n+1, and pagu on sub kegiatan."""
