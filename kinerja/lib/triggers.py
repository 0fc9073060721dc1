"""SQL triggers for invariants a CHECK constraint cannot state, on SQLite and PostgreSQL.

Used by migrations: `guard(name, table, condition, message)` refuses an INSERT or UPDATE
of `table` when `condition` (SQL over NEW) is false.
"""

from typing import Any

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
  IF NOT ({condition}) THEN RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER {name} BEFORE INSERT OR UPDATE ON {table}
  FOR EACH ROW EXECUTE FUNCTION {name}();
"""

_SQLITE_TRIGGER = """
CREATE TRIGGER {name}_{event} BEFORE {event} ON {table}
  WHEN NOT ({condition}) BEGIN SELECT RAISE(ABORT, '{message}'); END;
"""


def create_sql(vendor: str, name: str, table: str, condition: str, message: str) -> list[str]:
    """The statements creating the guard on this database vendor."""
    if vendor == "postgresql":
        return [_PG_FUNCTION.format(name=name, table=table, condition=condition, message=message)]
    if vendor == "sqlite":
        return [
            _SQLITE_TRIGGER.format(
                name=name, event=event, table=table, condition=condition, message=message
            )
            for event in ("INSERT", "UPDATE")
        ]
    raise NotImplementedError(f"No trigger support for database vendor {vendor}")


def drop_sql(vendor: str, name: str, table: str) -> list[str]:
    """The statements removing the guard."""
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    return [f"DROP TRIGGER IF EXISTS {name}_{event}" for event in ("INSERT", "UPDATE")]


def guard_operations(guards: list[tuple[str, str, str, str]]) -> tuple[Any, Any]:
    """RunPython forward/backward functions installing `(name, table, condition, message)`."""

    def forward(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for guard in guards:
            for statement in create_sql(vendor, *guard):
                schema_editor.execute(statement)

    def backward(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        for name, table, _condition, _message in guards:
            for statement in drop_sql(vendor, name, table):
                schema_editor.execute(statement)

    return forward, backward


def tree_condition(table: str, plan_column: str) -> str:
    """SQL over NEW: a program at the top, or one level below a parent of the same plan."""
    # Identifiers come from migrations, never from users.
    return f"""(NEW.parent_id IS NULL AND NEW.level = 'program') OR EXISTS (
      SELECT 1 FROM {table} p WHERE p.id = NEW.parent_id AND p.{plan_column} = NEW.{plan_column}
      AND ((p.level = 'program' AND NEW.level = 'kegiatan')
        OR (p.level = 'kegiatan' AND NEW.level = 'sub_kegiatan')))"""  # noqa: S608
