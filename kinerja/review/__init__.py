"""Bappeda's review: who submitted what, returning with notes, approving and locking, jadwal."""
