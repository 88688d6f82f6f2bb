import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from seminar_reg import ConfigurationError, create_app
from seminar_reg.config import normalize_database_url
from seminar_reg.extensions import db


def test_models_and_migrations_agree(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_postgres_urls_use_the_installed_driver():
    assert normalize_database_url("postgresql://u@h/d").startswith("postgresql+psycopg://")
    assert normalize_database_url("postgres://u@h/d").startswith("postgresql+psycopg://")
    assert normalize_database_url("sqlite:////tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "mysql://u@h/d",
        "://nothing",
        "postgresql+asyncpg://u@h/d",
        "postgresql+pg8000://u@h/d",
        "sqlite+nodriver:///x.sqlite",
    ],
)
def test_bad_database_url_is_a_configuration_error(url):
    with pytest.raises(ConfigurationError) as excinfo:
        create_app({"SQLALCHEMY_DATABASE_URI": url})
    assert "DATABASE_URL" in str(excinfo.value.code)


@pytest.mark.parametrize("zone", ["Shenyang", "Asia/Nowhere", "../etc/passwd"])
def test_unknown_checkin_timezone_is_a_configuration_error(zone):
    with pytest.raises(ConfigurationError) as excinfo:
        create_app({"CHECKIN_TIMEZONE": zone})
    assert "CHECKIN_TIMEZONE" in str(excinfo.value.code)


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("PUBLIC_URL", "seminar.example.org"),
        ("PUBLIC_URL", "ftp://seminar.example.org"),
        ("PUBLIC_URL", "https://seminar.example.org/?next=evil"),
        ("MAIL_SMTP_SECURITY", "tls"),
    ],
)
def test_bad_mail_settings_are_a_configuration_error(setting, value):
    with pytest.raises(ConfigurationError) as excinfo:
        create_app({setting: value, "TESTING": True})
    assert setting in str(excinfo.value.code)


@pytest.mark.slow
def test_bad_database_url_stops_the_cli_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "seminar_reg", "routes"],
        env={"DATABASE_URL": "definitely not a url", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "DATABASE_URL" in lines[0]


def test_default_database_is_sqlite_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert app.instance_path in app.config["SQLALCHEMY_DATABASE_URI"]
