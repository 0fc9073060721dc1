"""Editions of the official code list: urusan → bidang urusan → program → kegiatan → sub kegiatan."""
