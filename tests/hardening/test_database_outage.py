"""A database that goes away gives a clean 503 page in the visitor's language, logs no
personal data, and the running app recovers by itself when the database returns.

The test stops and starts a PostgreSQL cluster of its own (initdb in a temporary
directory, a free port): never the machine's main cluster, which others use.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from seminar_reg import database
from seminar_reg.extensions import db
from tests.conftest import make_test_app, require
from tests.registration.helpers import CHINESE, payload

from .conftest import migrate_and_seed
from .support import PrivatePostgres, postgres_bin_dir, stored_counts

pytestmark = pytest.mark.slow

UNAVAILABLE_ZH = "暂时无法使用"
UNAVAILABLE_JA = "一時的に"  # the start of the Japanese title


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivatePostgres]:
    require(postgres_bin_dir(), "PostgreSQL's server programs (initdb, pg_ctl)")
    server = PrivatePostgres()
    try:
        migrate_and_seed(server.url)
        yield server
    finally:
        server.destroy()


@pytest.fixture
def outage_app(private_postgres, tmp_path: Path):
    app = make_test_app(private_postgres.url, tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def pings(outage_app, monkeypatch) -> list[int]:
    """One entry per ping the pool sends before handing out a connection."""
    sent: list[int] = []
    dialect = db.engine.dialect
    ping = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda connection: sent.append(1) or ping(connection))
    return sent


def test_a_connection_in_use_is_not_pinged_an_idle_one_is(outage_app, pings, monkeypatch):
    # Each ping is a round trip to the server: a busy worker's requests send none.
    client = outage_app.test_client()
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 3600)
    for _ in range(3):
        assert client.get("/program").status_code == 200
    assert pings == []
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0)
    assert client.get("/program").status_code == 200
    assert pings == [1]


def test_a_restart_between_two_requests_is_not_noticed(outage_app, private_postgres, pings):
    """No request reaches the server while it is down: the next one finds the pool's
    connection stale, pings it (idle across the restart), and is served on a new one."""
    client = outage_app.test_client()
    assert client.get("/program").status_code == 200
    handed_back = time.monotonic()
    private_postgres.stop()
    private_postgres.start()
    while time.monotonic() - handed_back < database.PING_AFTER_IDLE_SECONDS:
        time.sleep(0.05)  # a restart normally takes longer than this by itself
    assert client.get("/program").status_code == 200
    assert pings == [1]
    fields = payload(CHINESE, email="after-restart@example.cn")
    assert client.post("/register/china", data=fields).status_code == 302


def test_outage_gives_503_in_the_visitors_language_then_recovers(
    outage_app, private_postgres, caplog, monkeypatch
):
    client = outage_app.test_client()
    assert client.get("/program").status_code == 200  # the pool now holds a connection
    private_postgres.stop()
    try:
        page = client.get("/program", headers={"Accept-Language": "zh-CN"})
        assert page.status_code == 503
        assert UNAVAILABLE_ZH in page.get_data(as_text=True)
        assert int(page.headers["Retry-After"]) > 0
        assert client.get("/program?lang=ja").status_code == 503

        # A registration sent during the outage: 503, and its data nowhere in logs.
        monkeypatch.setattr(outage_app.logger, "disabled", False)  # see test_log_redaction
        fields = payload(CHINESE, email="outage-secret@example.cn", title="机密职务")
        with caplog.at_level(logging.DEBUG):
            refused = client.post("/register/china?lang=ja", data=fields)
        assert refused.status_code == 503
        assert UNAVAILABLE_JA in refused.get_data(as_text=True)
        logged = "\n".join(r.getMessage() + str(r.exc_info or "") for r in caplog.records)
        assert "database unavailable" in logged
        for secret in ("outage-secret", "机密职务", "沈阳市"):
            assert secret not in logged and secret not in refused.get_data(as_text=True)
    finally:
        private_postgres.start()

    # The same app, not restarted: the pool notices and reconnects by itself.
    assert client.get("/program").status_code == 200
    before = stored_counts()
    fields = payload(CHINESE, email="after-outage@example.cn")
    assert client.post("/register/china", data=fields).status_code == 302
    assert stored_counts()[0] == before[0] + 1
