"""Kinerja: planning and performance evaluation of a Perangkat Daerah (Permendagri 86/2017)."""
