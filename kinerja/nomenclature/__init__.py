"""Editions of the official code list: urusan to sub kegiatan, one edition per decree."""
