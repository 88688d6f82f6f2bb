"""Shared fixtures: a real database (SQLite file, or PostgreSQL when asked), migrated once.

Set SEMINAR_TEST_DATABASE=postgresql to run the database tests against the server at
TEST_POSTGRES_URL (default: postgres@127.0.0.1:5432/test). Each run migrates one
template database and gives every pytest-xdist worker a copy of its own (see
``tests/databases.py``), dropped at the end, so runs and workers never see each other's
rows. One app per worker serves all tests; each test's rows are deleted after it.
"""

from __future__ import annotations

import contextvars
import gc
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings
from sqlalchemy import Table

from seminar_reg import create_app
from seminar_reg.extensions import db, limiter
from seminar_reg.resources import catalog_problems, data_directory
from seminar_reg.vocabulary import LANGUAGES
from tests.databases import TestDatabases
from tests.prebuilt import Prebuilt

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CI = os.environ.get("CI", "") == "true"

# Property tests: a few examples while developing, the full, derandomized (so
# reproducible) set on CI. HYPOTHESIS_PROFILE=ci runs the full set locally.
settings.register_profile("ci", max_examples=40, derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=8, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if CI else "dev"))


def require(available: object, what: str) -> None:
    """Skip a test whose service or tool is missing; under CI=true, fail it instead.

    Every test that needs something outside Python (Redis, PostgreSQL binaries,
    chromium) asks here, so CI can never pass by skipping what it should test.
    """
    if available:
        return
    if CI:
        pytest.fail(f"{what} is missing, and CI=true requires every test dependency")
    pytest.skip(f"{what} is missing")


def pytest_configure(config):
    # One name for the whole run, shared by the xdist workers (see pytest_configure_node).
    workerinput = getattr(config, "workerinput", None)
    config.seminar_run = workerinput["seminar_run"] if workerinput else uuid.uuid4().hex[:10]
    if workerinput is None:
        compile_stale_catalogs(data_directory("translations"))


def compile_stale_catalogs(directory: Path) -> None:
    """`pybabel compile` when a .po is newer than its .mo (after a pull or a rebase), so
    the tests run on the catalogs in the tree; the app itself refuses to start then."""
    if catalog_problems(directory, LANGUAGES):
        CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(directory)])


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    node.workerinput["seminar_run"] = node.config.seminar_run


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput"):  # the process that started the run
        _databases(session.config).drop_template()


def pytest_collection_modifyitems(config, items):
    # Every test that touches the database is marked ``db``, so the PostgreSQL pass
    # runs it again (``-m db``), unless what it checks cannot differ between databases:
    # a file marked ``same_on_every_database`` (pages, permissions, headers, form
    # markup: audited, see DEVELOPING.md), and the browser tests, whose database
    # operations the request tests check on both.
    database_fixtures = {"app", "client", "database_url", "fresh_database"}
    for item in items:
        if not database_fixtures & set(getattr(item, "fixturenames", ())):
            continue
        if item.get_closest_marker("same_on_every_database") or item.get_closest_marker(
            "browser"
        ):
            continue
        item.add_marker(pytest.mark.db)


def _databases(config) -> TestDatabases:
    backend = os.environ.get("SEMINAR_TEST_DATABASE", "sqlite")
    return TestDatabases(config.seminar_run, backend, POSTGRES_URL)


@pytest.fixture(scope="session")
def test_databases(request) -> TestDatabases:
    return _databases(request.config)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def database_url(test_databases) -> Iterator[str]:
    """A migrated, empty database for this worker's whole session."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"seminar_reg_test_{test_databases.run}_{worker}"
    url = test_databases.new(name)
    yield url
    test_databases.drop(url)


class IsolatedClient(FlaskClient):
    """Runs each request outside the test's own app context.

    Tests hold an app context to query the database; Flask would reuse it for the
    request, sharing ``g`` (the cached locale, the logged-in user) between requests.
    """

    def open(self, *args, **kwargs):
        # Buffered, the response is closed as a real server closes it, which runs
        # what waits for the response to be gone (mail queued by the request).
        kwargs.setdefault("buffered", True)
        return contextvars.Context().run(super().open, *args, **kwargs)


def make_test_app(database_url: str, tmp_path: Path, **overrides) -> Flask:
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        # 32+ bytes: outside TESTING (the browser tests' live server) a shorter key stops start-up.
        "SECRET_KEY": "test-secret-" + "0" * 32,
        "RATELIMIT_ENABLED": False,
        # Scrypt would make each staff login ~0.2 s of CPU; production keeps it
        # (tests/console/test_login.py checks that).
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
        "OUTBOX_DIRECTORY": str(tmp_path / "outbox"),
        "UPLOAD_DIRECTORY": str(tmp_path / "uploads"),
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = IsolatedClient
    return app


def _empty_all_tables() -> None:
    tables = reversed(db.metadata.sorted_tables)
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # One round trip: the deletes as one text (no parameters, so psycopg sends
            # it as a simple query), ~6 ms of CPU less per test than one by one.
            preparer = connection.dialect.identifier_preparer
            connection.exec_driver_sql(
                "".join(f"DELETE FROM {preparer.format_table(table)};" for table in tables)
            )
            return
        for table in tables:
            connection.execute(table.delete())


@pytest.fixture(scope="session")
def session_app(database_url: str, tmp_path_factory) -> Iterator[Flask]:
    """One app per worker: building an app costs more than most tests."""
    app = make_test_app(database_url, tmp_path_factory.mktemp("app"))
    gc.freeze()  # modules and the app live all session: the collector need not scan them
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(session_app: Flask, tmp_path: Path) -> Iterator[Flask]:
    """The app with its context pushed, a mail outbox of the test's own, and a
    fresh configuration; the tables are emptied afterwards."""
    app, saved = session_app, dict(session_app.config)
    app.config["OUTBOX_DIRECTORY"] = str(tmp_path / "outbox")
    app.config["UPLOAD_DIRECTORY"] = str(tmp_path / "uploads")
    # The one Limiter object takes on/off from the last app built (see config.py).
    limiter.enabled = app.config["RATELIMIT_ENABLED"]
    try:
        with app.app_context():
            yield app
            db.session.remove()
            _empty_all_tables()
    finally:
        app.config.clear()
        app.config.update(saved)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    """Runs the app's commands as `flask --app seminar_reg NAME` would."""
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def seeded_rows(session_app: Flask) -> list[tuple[Table, list[dict]]]:
    """The rows `seed_program` writes, read back once per worker: inserting them again
    costs a few milliseconds, running the seeding's upserts for each test ~5 times more."""
    from seminar_reg.program.seeding import seed_program

    with session_app.app_context():
        seed_program()
        with db.engine.connect() as connection:
            snapshot = [
                (table, [dict(row) for row in connection.execute(table.select()).mappings()])
                for table in db.metadata.sorted_tables
            ]
        db.session.remove()
        _empty_all_tables()
    return [(table, rows) for table, rows in snapshot if rows]


@pytest.fixture
def seminar(app: Flask, seeded_rows):
    """The seeded 2017 programme (as `seed_program` leaves it), its Seminar returned."""
    from seminar_reg.program.queries import current_seminar

    with db.engine.begin() as connection:
        for table, rows in seeded_rows:
            connection.execute(table.insert(), rows)
    return current_seminar()


@pytest.fixture(scope="session")
def _prebuilt() -> Prebuilt:
    return Prebuilt()


@pytest.fixture
def built_once(app: Flask, _prebuilt: Prebuilt) -> Prebuilt:
    """``built_once(build, seminar)``: ``build(seminar)`` for the worker's first test
    that asks, a copy of the rows it wrote for the others (``tests/prebuilt.py``).
    For data that takes long to build, such as the 165-delegate event."""
    return _prebuilt


STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff_user(app):
    """Create a staff account: ``staff_user("secretariat")`` returns its email."""
    from seminar_reg.auth.operations import create_user

    def make(role: str, email: str | None = None) -> str:
        email = email or f"{role}@seminar.example"
        create_user(email, STAFF_PASSWORD, role)
        return email

    return make


@pytest.fixture
def login_as(app, staff_user):
    """A fresh client logged in with a new account of the given role."""

    def login(role: str):
        from tests.forms import open_form

        client = app.test_client()
        form = open_form(client, "/login", field="password")  # the real login page
        form["email"] = staff_user(role)
        form["password"] = STAFF_PASSWORD
        response = form.submit(client)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return login
