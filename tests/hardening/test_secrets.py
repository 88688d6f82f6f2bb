"""Finding 1: no published signing key. Without SECRET_KEY a test or debug run signs with
a random key of its own, and any other start is refused in one line. The key comes from
the environment, the instance folder's config.py or its ``secret_key`` file, so every way
of starting the app signs with the same one."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from seminar_reg import ConfigurationError, create_app
from seminar_reg.extensions import db
from tests.conftest import STAFF_PASSWORD, IsolatedClient, _empty_all_tables
from tests.ports import listening_socket

from .support import ROOT as ROOT_DIR
from .support import http_request

# Which key signs a cookie, and which start is refused: nothing a database could change
# (the served login and the forged cookie only read an account back).
pytestmark = pytest.mark.same_on_every_database

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


@pytest.fixture
def instance(tmp_path, monkeypatch) -> Path:
    """An empty instance folder of the test's own (never the checkout's instance/)."""
    folder = tmp_path / "instance"
    folder.mkdir()
    monkeypatch.setenv("SEMINAR_REG_INSTANCE", str(folder))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    return folder


def _write_key(instance: Path, key: str, mode: int = 0o600) -> Path:
    path = instance / "secret_key"
    path.write_text(key + "\n")
    path.chmod(mode)
    return path


@pytest.mark.parametrize("key", [None, "", PUBLISHED_KEY, "x" * 31])
def test_production_start_refuses_a_missing_or_short_key(key, instance):
    with pytest.raises(ConfigurationError) as refused:
        create_app({"SECRET_KEY": key} if key is not None else {})
    assert "SECRET_KEY" in str(refused.value.code)


def test_production_start_accepts_a_long_key(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    assert create_app().secret_key == "k" * 32


def test_the_instance_key_file_is_read_and_the_environment_wins(instance, monkeypatch):
    _write_key(instance, "f" * 64)
    assert create_app().secret_key == "f" * 64
    (instance / "config.py").write_text('SECRET_KEY = "' + "c" * 40 + '"\n')
    assert create_app().secret_key == "c" * 40
    monkeypatch.setenv("SECRET_KEY", "e" * 40)
    assert create_app().secret_key == "e" * 40


@pytest.mark.parametrize("key", ["", "short"])
def test_a_short_or_empty_key_file_is_refused(key, instance):
    _write_key(instance, key)
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app()


def test_a_key_file_other_users_may_read_is_refused(instance):
    path = _write_key(instance, "f" * 64, mode=0o644)
    with pytest.raises(ConfigurationError) as refused:
        create_app({"TESTING": True})  # even a test run: the key is already out
    assert str(path) in str(refused.value.code) and "chmod 600" in str(refused.value.code)


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


def _child_environment(instance: Path, database_url: str) -> dict[str, str]:
    """What a deployment has: no SECRET_KEY exported, the key in the instance folder."""
    unset = {"SECRET_KEY", "FLASK_DEBUG", "FLASK_APP", "PYTHONPATH", "SEMINAR_REG_INSTANCE"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    return env | {
        "PYTHONPATH": str(ROOT_DIR),
        "SEMINAR_REG_INSTANCE": str(instance),
        "DATABASE_URL": database_url,
        "RATELIMIT_ENABLED": "0",
    }


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, cwd=ROOT_DIR, timeout=120
    )


def _session_cookie_from_served_login(port: int, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "seminar-reg serve stopped"
        try:
            reply = http_request(port, "GET", "/login")
        except OSError:
            time.sleep(0.2)
            continue
        assert reply.status == 200
        return reply.headers["set-cookie"].split(";", 1)[0].split("=", 1)[1]
    raise AssertionError("seminar-reg serve did not answer")


@pytest.mark.slow
def test_flask_wsgi_and_gunicorn_all_sign_with_the_instance_key_file(fresh_database, tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    key = secrets.token_hex(32)
    key_file = _write_key(instance, key)
    env = _child_environment(instance, fresh_database)
    flask = [str(Path(sys.executable).parent / "flask"), "--app", "seminar_reg", "routes"]

    assert _run(flask, env).returncode == 0, _run(flask, env).stderr
    wsgi = _run([sys.executable, "-c", "import wsgi; print(wsgi.app.secret_key)"], env)
    assert wsgi.stdout.strip() == key, wsgi.stderr

    with listening_socket() as listener:  # passed on to gunicorn, which keeps a copy
        port = listener.getsockname()[1]
        serve = [sys.executable, "-m", "seminar_reg", "serve", "--bind", f"fd://{listener.fileno()}"]
        server = subprocess.Popen(
            [*serve, "--workers", "1"], env=env, cwd=ROOT_DIR, pass_fds=[listener.fileno()]
        )
    try:
        cookie = _session_cookie_from_served_login(port, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "csrf_token" in _serializer(key).loads(cookie)  # signed with the file's key

    key_file.unlink()
    refused = _run(flask, env)
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert len(lines) == 1 and "SECRET_KEY" in lines[0], refused.stderr
