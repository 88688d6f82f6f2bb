"""What a test of two transactions racing for a row lock waits on (tests/registration/
test_capacity_race.py, tests/logistics/test_replan_race.py and test_move_race.py):
conditions, polled, with a deadline reached only when something is broken; and the
thread that submits a form (``submitter``)."""

from __future__ import annotations

import threading
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


def submitter(answers: dict, failures: list, holding: threading.Event):
    """A thread's target that submits a form: its answer kept in ``answers`` under the
    name given; an exception reported in ``failures`` (not lost in the thread), with
    ``holding`` set so that the test does not wait for a lock nobody will take."""

    def submit(name, form, client):
        try:
            answers[name] = form.submit(client)
        except Exception as error:
            failures.append(f"{name}: {error!r}")
            holding.set()

    return submit
