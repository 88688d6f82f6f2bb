"""Fixtures for the hardening tests: apps with their own settings, fresh databases."""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from seminar_reg import create_app
from seminar_reg.extensions import db
from seminar_reg.program.seeding import seed_program
from tests.conftest import _empty_all_tables, make_test_app


@pytest.fixture
def custom_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """``custom_app(RATELIMIT_ENABLED=True, ...)``: a seeded app with those settings,
    its app context pushed; the tables are emptied afterwards."""
    with ExitStack() as stack:

        def make(**overrides) -> Flask:
            app = make_test_app(database_url, tmp_path, **overrides)
            stack.enter_context(app.app_context())
            stack.callback(_clean, app)
            seed_program()
            return app

        yield make


def _clean(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        _empty_all_tables()
        db.engine.dispose()


def migrate_and_seed(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        seed_program()
        db.engine.dispose()


@pytest.fixture
def fresh_database(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A new, migrated and seeded database of the session's kind, for a server process
    that must not share rows with the other tests."""
    parsed = make_url(database_url)
    if parsed.get_backend_name() == "sqlite":
        url = "sqlite:///" + str(tmp_path / "server.sqlite")
        migrate_and_seed(url)
        yield url
        return
    name = f"seminar_reg_hardening_{uuid.uuid4().hex[:10]}"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    url = parsed.set(database=name).render_as_string(hide_password=False)
    try:
        migrate_and_seed(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(autouse=True)
def collect_garbage_after_each_test():
    """Run finalizers now, between tests, not at a random moment inside a later one.

    A hostile spreadsheet abandoned half-read or half-written leaves a ZipFile whose
    finalizer raises; on CPython 3.11.7 a finalizer that runs while pytest parses
    source (to report a failure or rewrite asserts) corrupts its recursion count
    ("AST constructor recursion depth mismatch") and every later test errors out.
    """
    yield
    gc.collect()
