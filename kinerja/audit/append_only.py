"""The triggers that keep the audit trail append-only: the database refuses DELETE and
TRUNCATE of `audit_auditevent` (UPDATE is refused by `audit_append_only`, migration 0002).

Migration `audit/0009` installs them with `create_sql`; the test suite's teardown (which
must empty every table) lifts and reinstalls exactly these statements (`kinerja/testing.py`).
"""

TABLE = "audit_auditevent"
DELETE_REFUSED = "jejak audit tidak dapat dihapus"

# One trigger per refused operation, by name; each raises an integrity error, so both
# vendors report a django.db.IntegrityError (ADR 0005).
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_no_delete() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{DELETE_REFUSED}' USING ERRCODE = 'integrity_constraint_violation';
END $$ LANGUAGE plpgsql;
"""
PG_TRIGGERS = {
    "audit_no_delete": f"""CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION audit_no_delete()""",
    # TRUNCATE skips row triggers; a statement trigger catches it (also TRUNCATE … CASCADE
    # of a table that audit rows refer to, such as the users).
    "audit_no_truncate": f"""CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_delete()""",
}
# SQLite has no TRUNCATE: `DELETE FROM t` without WHERE is its truncate, and a table with
# a DELETE trigger is never truncated behind the trigger's back.
SQLITE_TRIGGERS = {
    "audit_no_delete": f"""CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{DELETE_REFUSED}'); END""",
}


def triggers(vendor: str) -> dict[str, str]:
    """The CREATE TRIGGER statement of each delete guard on this vendor, by trigger name."""
    if vendor == "postgresql":
        return PG_TRIGGERS
    if vendor == "sqlite":
        return SQLITE_TRIGGERS
    raise NotImplementedError(f"No trigger support for database vendor {vendor}")


def create_sql(vendor: str) -> list[str]:
    """The statements installing the delete guards."""
    function = [_PG_FUNCTION] if vendor == "postgresql" else []
    return function + list(triggers(vendor).values())


def drop_sql(vendor: str) -> list[str]:
    """The statements removing the delete guards (migration backwards only)."""
    on = f" ON {TABLE}" if vendor == "postgresql" else ""
    drops = [f"DROP TRIGGER IF EXISTS {name}{on}" for name in triggers(vendor)]
    return drops + (["DROP FUNCTION IF EXISTS audit_no_delete()"] if on else [])
