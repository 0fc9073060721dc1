"""The audit trail: append-only AuditEvent rows written by every action in its transaction."""
