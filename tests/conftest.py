"""Shared fixtures: a real database (SQLite file, or PostgreSQL when asked), migrated once.

Set SEMINAR_TEST_DATABASE=postgresql to run the database tests against the server at
TEST_POSTGRES_URL (default: postgres@127.0.0.1:5432/test); each run works in a
database of its own, created and dropped here, so runs never see each other's rows.
"""

from __future__ import annotations

import contextvars
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from seminar_reg import create_app
from seminar_reg.extensions import db

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    # Every test that touches the database is marked, so the PostgreSQL pass can
    # select exactly those with ``-m db``.
    for item in items:
        if {"app", "client", "database_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _create_postgres_database() -> tuple[str, str]:
    name = f"seminar_reg_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    admin.dispose()
    return name, make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(name: str) -> None:
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """A migrated, empty database for the whole session."""
    backend = os.environ.get("SEMINAR_TEST_DATABASE", "sqlite")
    if backend == "postgresql":
        name, url = _create_postgres_database()
    else:
        name, url = "", "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    yield url
    if name:
        _drop_postgres_database(name)


class IsolatedClient(FlaskClient):
    """Runs each request outside the test's own app context.

    Tests hold an app context to query the database; Flask would reuse it for the
    request, sharing ``g`` (the cached locale, the logged-in user) between requests.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


def make_test_app(database_url: str, tmp_path: Path, **overrides) -> Flask:
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
        "RATELIMIT_ENABLED": False,
        "OUTBOX_DIRECTORY": str(tmp_path / "outbox"),
        "UPLOAD_DIRECTORY": str(tmp_path / "uploads"),
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = IsolatedClient
    return app


def _empty_all_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = make_test_app(database_url, tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        _empty_all_tables()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def seminar(app: Flask):
    from seminar_reg.program.queries import current_seminar
    from seminar_reg.program.seeding import seed_program

    seed_program()
    return current_seminar()


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
        client = app.test_client()
        email = staff_user(role)
        response = client.post("/login", data={"email": email, "password": STAFF_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return login
