"""The embedded SQLite is tuned for several gunicorn workers: WAL and a busy timeout."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from seminar_reg.extensions import db


def test_sqlite_connections_use_wal_a_busy_timeout_and_foreign_keys(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings; this run is on PostgreSQL")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1

