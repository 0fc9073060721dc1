"""Backup and restore: one archive with every row of the database and every file under
MEDIA_ROOT, restored into an empty database of either kind (ADR 0014)."""
