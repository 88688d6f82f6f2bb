"""The embedded SQLite is tuned for several gunicorn workers: WAL and a busy timeout.
The public pages that only read send PostgreSQL no BEGIN and no ROLLBACK."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import delete, event, func, insert, select, text, update

from seminar_reg.audit.models import AuditEvent
from seminar_reg.database import lock_rows, read_without_transaction
from seminar_reg.extensions import db
from seminar_reg.program.models import Seminar
from seminar_reg.program.queries import current_seminar


def test_sqlite_connections_use_wal_a_busy_timeout_and_foreign_keys(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings; this run is on PostgreSQL")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1



@contextmanager
def counted_round_trips() -> Iterator[Counter]:
    """What a request sends PostgreSQL: its statements, and the BEGIN before the first of
    a transaction and the ROLLBACK that ends one (each a round trip of its own in psycopg)."""
    sent: Counter = Counter()
    idle = psycopg.pq.TransactionStatus.IDLE

    def statement(connection, *_args):
        dbapi = connection.connection.dbapi_connection
        if not dbapi.autocommit and dbapi.info.transaction_status == idle:
            sent["BEGIN"] += 1
        sent["statement"] += 1

    def rollback(connection):
        if connection.connection.dbapi_connection.info.transaction_status != idle:
            sent["ROLLBACK"] += 1

    def reset(dbapi_connection, *_args):
        if dbapi_connection.info.transaction_status != idle:
            sent["ROLLBACK"] += 1

    listeners = [(db.engine, "before_cursor_execute", statement), (db.engine, "rollback", rollback)]
    listeners.append((db.engine.pool, "reset", reset))
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    try:
        yield sent
    finally:
        for target, name, listener in listeners:
            event.remove(target, name, listener)


@pytest.mark.parametrize("path", ["/", "/program", "/register/japan"])
def test_public_pages_send_their_statements_without_begin_or_rollback(client, seminar, path):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL round trips; SQLite sends no BEGIN for reads")
    db.session.remove()  # the request's session is its own, as under gunicorn
    with counted_round_trips() as sent:
        response = client.get(path)
        db.session.remove()  # the request's teardown (the test's app context outlives it)
    assert response.status_code == 200
    assert sent["statement"] >= 1
    assert sent["BEGIN"] == 0 and sent["ROLLBACK"] == 0, sent


def _orm_change(seminar_id: int) -> None:
    db.session.get(Seminar, seminar_id).title_en = "changed"
    db.session.flush()


# Every way a page could write: through the ORM, and as SQL on the session or on its
# connection, which the ORM's flush events never see.
WRITES = {
    "orm flush": _orm_change,
    "core update": lambda seminar_id: db.session.execute(
        update(Seminar).where(Seminar.id == seminar_id).values(title_en="changed")
    ),
    "core insert": lambda seminar_id: db.session.execute(
        insert(AuditEvent).values(actor="x", kind="x")
    ),
    "core insert of many rows": lambda seminar_id: db.session.execute(
        insert(AuditEvent), [{"actor": "x", "kind": "x"}, {"actor": "y", "kind": "y"}]
    ),
    "core delete on the connection": lambda seminar_id: db.session.connection().execute(
        delete(Seminar).where(Seminar.id == seminar_id)
    ),
    "text update": lambda seminar_id: db.session.execute(
        text("UPDATE seminar SET title_en = 'changed' WHERE id = :id"), {"id": seminar_id}
    ),
    "driver sql": lambda seminar_id: db.session.connection().exec_driver_sql(
        f"UPDATE seminar SET title_en = 'changed' WHERE id = {seminar_id}"
    ),
    # A lock taken in autocommit is let go at once: a page that locks means to write.
    "locking read": lambda seminar_id: lock_rows(Seminar, [seminar_id]),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_page_that_reads_cannot_write(app, seminar, write):
    seminar_id, title = seminar.id, seminar.title_en
    db.session.remove()
    with app.test_request_context("/program"):
        read_without_transaction()
        current_seminar()  # reads go through
        with pytest.raises(RuntimeError, match="read_without_transaction"):
            write(seminar_id)
    db.session.remove()
    # Nothing reached the database (on PostgreSQL each statement would commit itself).
    assert db.session.get(Seminar, seminar_id).title_en == title
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 0


@pytest.mark.parametrize("path", ["/", "/program"])
def test_an_anonymous_visit_of_a_public_page_sets_no_cookie(client, seminar, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_the_mark_ends_with_the_session_transaction(app, seminar):
    db.session.remove()
    with app.test_request_context("/program"):
        read_without_transaction()
        current_seminar()
    db.session.rollback()  # the transaction that read ends; the next one may write
    current_seminar().title_en = "changed"
    db.session.execute(update(Seminar).values(short_title_en="changed too"))
    db.session.commit()
    assert (current_seminar().title_en, current_seminar().short_title_en) == (
        "changed",
        "changed too",
    )
