"""Test databases: one migrated template per test run, a copy for each user of it.

Migrating costs seconds; copying the template costs milliseconds (SQLite's backup API
for a file, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL). The first pytest-xdist
worker that needs the template builds it under a file lock, the others wait and copy
it. Each worker gets a database of its own, so parallel workers never see each other's
rows; the hardening tests' servers get fresh copies the same way.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from seminar_reg import create_app
from seminar_reg.extensions import db


def _scratch() -> Path:
    """Memory-backed storage where the system has it (Linux's /dev/shm): a SQLite
    commit's fsync then costs nothing, which was a good part of a test's wall time on a
    disk shared with other work. Elsewhere the temporary folder."""
    shared_memory = Path("/dev/shm")
    if shared_memory.is_dir() and os.access(shared_memory, os.W_OK):
        return shared_memory
    return Path(tempfile.gettempdir())


def migrate(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        db.engine.dispose()


class TestDatabases:
    """Databases of one backend for one test run (``run`` is shared by all workers)."""

    __test__ = False  # not a test class, despite the name

    def __init__(self, run: str, backend: str, postgres_url: str) -> None:
        self.run, self.backend, self.postgres_url = run, backend, postgres_url
        self.directory = _scratch() / f"seminar_reg-tests-{run}"
        self.template_name = f"seminar_reg_template_{run}"

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.directory.mkdir(exist_ok=True)
        with open(self.directory / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def new(self, name: str, directory: Path | None = None, backend: str | None = None) -> str:
        """A migrated, empty database called ``name`` (on SQLite a file in ``directory``,
        by default in the run's folder); returns its URL. ``backend`` overrides the run's."""
        with self._locked():
            if (backend or self.backend) == "postgresql":
                return self._new_postgres(name)
            return self._new_sqlite((directory or self.directory) / f"{name}.sqlite")

    def drop(self, url: str) -> None:
        parsed = make_url(url)
        if parsed.get_backend_name() == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        elif parsed.database:
            for suffix in ("", "-wal", "-shm"):
                Path(parsed.database + suffix).unlink(missing_ok=True)

    def drop_template(self) -> None:
        """Called once, by the process that started the run, at its end."""
        if self.backend == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.template_name}" WITH (FORCE)')
        shutil.rmtree(self.directory, ignore_errors=True)

    def _new_sqlite(self, path: Path) -> str:
        template = self.directory / "template.sqlite"
        if not template.exists():
            building = self.directory / "building.sqlite"
            migrate(f"sqlite:///{building}")
            building.rename(template)
        source, target = sqlite3.connect(template), sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return f"sqlite:///{path}"

    def _new_postgres(self, name: str) -> str:
        if not (self.directory / "template.built").exists():
            self._admin(f'DROP DATABASE IF EXISTS "{self.template_name}"')
            self._admin(
                f"CREATE DATABASE \"{self.template_name}\" ENCODING 'UTF8' TEMPLATE template0"
            )
            migrate(self._url(self.template_name))
            (self.directory / "template.built").touch()
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template_name}"')
        return self._url(name)

    def _url(self, database: str) -> str:
        return (
            make_url(self.postgres_url).set(database=database).render_as_string(hide_password=False)
        )

    def _admin(self, statement: str) -> None:
        admin = create_engine(self.postgres_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(statement))
        finally:
            admin.dispose()


def unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def trigger_names() -> set[str]:
    """The triggers in the app's database (the headcount counters are kept by them)."""
    if db.engine.dialect.name == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    with db.engine.connect() as connection:
        return set(connection.exec_driver_sql(query).scalars())
