"""What a test of two transactions racing for a row lock waits on (tests/registration/
test_capacity_race.py, tests/logistics/test_replan_race.py): conditions, polled, with a
deadline reached only when something is broken."""

from __future__ import annotations

import time

from sqlalchemy import text

from seminar_reg.extensions import db

WAIT = 30  # seconds


def waiting_for_a_lock(app) -> bool:
    """Whether a session of this test's PostgreSQL database is waiting for a lock."""
    with app.app_context(), db.engine.connect() as connection:
        return bool(
            connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
        )


def until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)
