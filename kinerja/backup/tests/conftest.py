"""Fixtures of the backup tests: a source database built once per session in a process of
its own (SQLite, `dataset.py`), its snapshot and its archive; `Side` runs the commands
on one installation; `postgres` makes empty PostgreSQL databases."""

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest


@dataclass(frozen=True)
class Side:
    """One installation: a database URL and a var dir (MEDIA_ROOT is its media/)."""

    url: str
    var_dir: Path

    def env(self) -> dict[str, str]:
        env = {**os.environ, "DATABASE_URL": self.url, "KINERJA_VAR_DIR": str(self.var_dir)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`python ARGS…` on this side."""
        # This interpreter with arguments the tests choose: no untrusted input.
        return subprocess.run(  # noqa: S603
            [sys.executable, *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    def kinerja(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "kinerja", *args)

    def build(self) -> None:
        done = self.run("-m", "kinerja.backup.tests.dataset")
        assert done.returncode == 0, done.stderr

    def snapshot(self) -> dict[str, Any]:
        out = self.var_dir / "snapshot.json"
        done = self.run("-m", "kinerja.backup.tests.snapshot", str(out))
        assert done.returncode == 0, done.stderr
        return json.loads(out.read_text(encoding="utf-8"))


def sqlite_side(folder: Path) -> Side:
    folder.mkdir(parents=True, exist_ok=True)
    return Side(f"sqlite:///{folder / 'kinerja.sqlite3'}", folder)


@dataclass(frozen=True)
class Source:
    side: Side
    snapshot: dict[str, Any]
    archive: Path


@pytest.fixture(scope="session")
def sqlite_source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    """The dataset on SQLite, its snapshot and `kinerja backup` of it."""
    side = sqlite_side(tmp_path_factory.mktemp("sumber-sqlite"))
    side.build()
    archive = side.var_dir.parent / "cadangan-sqlite.zip"
    done = side.kinerja("backup", "-o", str(archive))
    assert done.returncode == 0, done.stderr
    return Source(side, side.snapshot(), archive)


def postgres_server() -> str:
    """The PostgreSQL server of DATABASE_URL when the suite runs on it, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return "postgres://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def postgres() -> Iterator[Callable[[], str]]:
    """A factory of new, empty PostgreSQL databases (URLs), dropped after the test; the
    test is skipped only when no PostgreSQL server answers."""
    import psycopg

    server = urlsplit(postgres_server())
    admin_url = urlunsplit(server._replace(path="/postgres"))
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as problem:
        pytest.skip(f"PostgreSQL tidak terjangkau di {server.hostname}:{server.port}: {problem}")
    created: list[str] = []

    def create() -> str:
        name = f"kinerja_backup_rt_{secrets.token_hex(4)}"
        admin.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return urlunsplit(server._replace(path=f"/{name}"))

    try:
        yield create
    finally:
        for name in created:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
