"""A gunicorn worker killed (SIGKILL) during a registration load loses no acknowledged
registration: every email answered with 302 is stored exactly once, and the server
keeps serving. Also: gunicorn's access log never shows a self-service token."""

from __future__ import annotations

import http.client
import os
import signal
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, select

from seminar_reg.registration.models import Delegate
from seminar_reg.registration.operations import new_token
from tests.registration.helpers import CHINESE, payload

from .support import Gunicorn, http_request, register_over_http

pytestmark = pytest.mark.slow

REGISTRATIONS = 48
CLIENTS = 9
KILLS = 3


def _stored_emails(url: str) -> Counter:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return Counter(connection.execute(select(Delegate.email_key)).scalars())
    finally:
        engine.dispose()


def _kill_workers(server: Gunicorn, answered: list, stop: threading.Event) -> list[int]:
    """Kill a busy worker each time another third of the load has been answered."""
    killed = []
    for round_number in range(1, KILLS + 1):
        while len(answered) < round_number * REGISTRATIONS // (KILLS + 1):
            if stop.wait(0.01):
                return killed
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
    return killed


WORKERS = 3


def test_killed_worker_loses_no_acknowledged_registration(gunicorn_server):
    server = gunicorn_server
    answered: list[tuple[str, int]] = []
    stop = threading.Event()

    def register(number: int) -> None:
        email = f"kill{number}@example.cn"
        fields = payload(CHINESE, email=email, item_codes=["site-visit"])
        try:
            status = register_over_http(server.port, "china", fields).status
        except (OSError, http.client.HTTPException):
            # The worker died under this request: no answer (a reset connection) or
            # half of one (IncompleteRead, BadStatusLine), and so no promise.
            status = 0
        answered.append((email, status))

    killer = ThreadPoolExecutor(max_workers=1).submit(_kill_workers, server, answered, stop)
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(register, range(REGISTRATIONS)))
    stop.set()
    killed = killer.result(timeout=60)
    server.wait_for_workers(WORKERS)  # the master replaced every victim
    assert http_request(server.port, "GET", "/program").status == 200

    assert len(killed) == KILLS
    statuses = Counter(status for _email, status in answered)
    print(f"answers: {dict(statuses)}")  # how many requests the kills cut off
    assert set(statuses) <= {302, 0}, statuses  # never a 5xx
    stored = _stored_emails(server.database_url)
    acknowledged = [email for email, status in answered if status == 302]
    assert all(stored[email] == 1 for email in acknowledged)
    assert all(count == 1 for count in stored.values())
    assert len(acknowledged) >= REGISTRATIONS - KILLS * 2  # only in-flight requests fail


def test_gunicorn_access_log_shows_no_token(gunicorn_server):
    server = gunicorn_server
    token = new_token()
    assert http_request(server.port, "GET", f"/my/{token}").status == 404
    assert http_request(server.port, "GET", f"/my/{token}?lang=zh").status == 404
    # the worker kill test's requests are in the log too; these two are the only /my ones
    log = server.access_log_once(lambda text: text.count("GET /my/") >= 2)
    assert "/my/[redacted]" in log
    assert token not in log
