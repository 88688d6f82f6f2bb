"""Finding 1: no published signing key. Without SECRET_KEY a test or debug run signs with
a random key of its own, and any other start is refused in one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from seminar_reg import ConfigurationError, create_app
from seminar_reg.extensions import db
from tests.conftest import STAFF_PASSWORD, IsolatedClient, _empty_all_tables

from .support import ROOT as ROOT_DIR

PUBLISHED_KEY = "dev-only-change-me"  # the old default, in the repository for years


def _serializer(key: str):
    signer = Flask("forger")
    signer.secret_key = key
    return SecureCookieSessionInterface().get_signing_serializer(signer)


@pytest.fixture
def keyless_app(database_url, tmp_path, monkeypatch):
    """The app as it starts when nobody set SECRET_KEY (testing, so it may start)."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "OUTBOX_DIRECTORY": str(tmp_path / "outbox"),
            "UPLOAD_DIRECTORY": str(tmp_path / "uploads"),
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        _empty_all_tables()
        db.engine.dispose()


def test_a_cookie_signed_with_the_published_key_opens_nothing(keyless_app):
    from seminar_reg.auth.operations import create_user

    create_user("admin@seminar.example", STAFF_PASSWORD, "admin")
    admin = keyless_app.test_client()
    admin.post("/login", data={"email": "admin@seminar.example", "password": STAFF_PASSWORD})
    real_cookie = admin.get_cookie("session").value
    assert admin.get("/console/accounts").status_code == 200  # the real session works

    # What the attacker signs: the admin's own session contents (user id and all).
    contents = _serializer(keyless_app.secret_key).loads(real_cookie)
    assert contents["_user_id"]
    forger = keyless_app.test_client()
    forger.set_cookie("session", _serializer(PUBLISHED_KEY).dumps(contents))
    response = forger.get("/console/accounts")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert keyless_app.secret_key != PUBLISHED_KEY
    assert len(keyless_app.secret_key.encode()) >= 32


@pytest.mark.parametrize("key", [None, "", PUBLISHED_KEY, "x" * 31])
def test_production_start_refuses_a_missing_or_short_key(key, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(ConfigurationError) as refused:
        create_app({"SECRET_KEY": key} if key is not None else {})
    assert "SECRET_KEY" in str(refused.value.code)


def test_production_start_accepts_a_long_key(monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    assert create_app().secret_key == "k" * 32


@pytest.mark.slow
def test_start_without_a_key_stops_with_one_line(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "FLASK_DEBUG", "PYTHONPATH"}
    }
    env["PYTHONPATH"] = str(ROOT_DIR)
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT_DIR,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "SECRET_KEY" in lines[0], result.stderr
