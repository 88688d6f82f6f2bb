"""Fixtures for the hardening tests: apps with their own settings, fresh databases."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from flask import Flask

from seminar_reg import create_app
from seminar_reg.extensions import db
from seminar_reg.program.seeding import seed_program
from tests.conftest import _empty_all_tables, make_test_app
from tests.databases import migrate, unique_name

from .support import Gunicorn


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
    """Migrate a database on a server of its own (no template there) and seed it."""
    migrate(url)
    seed(url)


def seed(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        seed_program()
        db.engine.dispose()


@pytest.fixture
def fresh_database(test_databases, tmp_path: Path) -> Iterator[str]:
    """A new, migrated and seeded database of the session's kind, for a server process
    that must not share rows with the other tests."""
    url = test_databases.new(unique_name("seminar_reg_hardening"))
    try:
        seed(url)
        yield url
    finally:
        test_databases.drop(url)


@pytest.fixture(scope="session")
def gunicorn_server(test_databases, database_url, tmp_path_factory) -> Iterator[Gunicorn]:
    """One real gunicorn (3 workers) for the run, over a seeded database of its own;
    ``.database_url`` says which. Starting one costs a few seconds of CPU."""
    workdir = tmp_path_factory.mktemp("gunicorn")
    url = test_databases.new(unique_name("seminar_reg_gunicorn"))
    try:
        seed(url)
        server = Gunicorn(url, workdir, workers=3)
        server.database_url = url
        yield server
        server.stop()
    finally:
        test_databases.drop(url)


@pytest.fixture(autouse=True)
def collect_garbage_after_each_test():
    """Run finalizers now, between tests, not at a random moment inside a later one.

    A hostile spreadsheet abandoned half-read or half-written leaves a ZipFile whose
    finalizer raises; on CPython 3.11.7 a finalizer that runs while pytest parses
    source (to report a failure or rewrite asserts) corrupts its recursion count
    ("AST constructor recursion depth mismatch") and every later test errors out.
    What survives a collection is long-lived (modules, the app, caches): freezing it
    keeps the next collection to this test's objects (~2 s to ~0.05 s per test).
    """
    yield
    gc.collect()
    gc.freeze()
