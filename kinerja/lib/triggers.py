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


def sqlite_triggers_suspended() -> tuple[Any, Any]:
    """A RunPython pair (`suspend`, `restore`) around schema changes that make SQLite
    rebuild a table (adding a NOT NULL column does): SQLite cannot rename the rebuilt
    table while triggers of other tables name it, so `suspend` drops every trigger and
    `restore` creates them again as they were. No-ops on other databases.

    Use as `RunPython(suspend, restore)` first and `RunPython(restore, suspend)` last.
    """
    saved: list[str] = []

    def suspend(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            rows = cursor.fetchall()
        saved[:] = [sql for _name, sql in rows]
        for name, _sql in rows:
            schema_editor.execute(f'DROP TRIGGER "{name}"', params=None)

    def restore(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        for sql in saved:
            schema_editor.execute(sql, params=None)
        saved.clear()

    return suspend, restore
