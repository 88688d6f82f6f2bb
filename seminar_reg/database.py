"""Engine settings that the ORM does not give by default."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable

from flask import Flask, current_app
from sqlalchemy import Executable, bindparam, event, exc, select, update
from sqlalchemy.engine import Engine

# A pooled PostgreSQL connection that has been idle this long is checked before use.
PING_AFTER_IDLE_SECONDS = 1.0


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers run beside one writer, and the busy timeout makes several
    # gunicorn workers wait for the write lock instead of failing with
    # "database is locked". Foreign keys are off in SQLite unless asked for.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def init_app(app: Flask) -> None:
    from .extensions import db

    with app.app_context():
        engine: Engine = db.engine
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    else:
        check_after_idle(engine)
    # On the dialect's execute hooks, not the engine's before_cursor_execute: an engine
    # listener puts every statement of every page through SQLAlchemy's event path
    # (SELECT 1 on an unmarked connection: +7 µs on SQLite, +22 on PostgreSQL; here +2, +9).
    for hook in ("do_execute", "do_executemany", "do_execute_no_params"):
        if not event.contains(engine, hook, _refuse_writes_when_reading):
            event.listen(engine, hook, _refuse_writes_when_reading)
    # Known here once: asking the session for its engine costs a reading page ~10 µs.
    reading: dict = {READING_KEY: True}
    if engine.dialect.name == "postgresql":
        reading["isolation_level"] = "AUTOCOMMIT"
    app.extensions[READING_KEY] = reading


# An execution option of the session's connection while a page only reads.
READING_KEY = "reads_without_transaction"
_SELECT = re.compile(r"\s*SELECT\b", re.IGNORECASE)
# A locking read taken in autocommit lets go at once: a page that locks means to write.
# As SQLAlchemy writes the clause: a literal start keeps the search to a few µs on the
# programme's statement (~60 µs case-insensitive with word boundaries).
_LOCKING = re.compile(r" FOR (?:UPDATE|NO KEY UPDATE|SHARE|KEY SHARE)\b")


def read_without_transaction() -> None:
    """For a page that only reads (the public programme and the registration form): on
    PostgreSQL its statements run without BEGIN and ROLLBACK (autocommit).

    Why: a page of one statement otherwise makes three round trips to the server (BEGIN,
    the SELECT, the ROLLBACK when the session closes), and on a loaded machine each one
    waits for both processes to be scheduled: a third of a public page's time under
    gunicorn (issue 18). Under PostgreSQL's READ COMMITTED every statement sees its own
    snapshot anyway, so reads see what they saw inside a transaction. A session already
    in a transaction keeps it; SQLite sends no BEGIN for reads. Writes are refused on
    both (an error, not a silent autocommit of each statement): whatever sends them, an
    ORM flush or SQL on the session or its connection, each statement goes through the
    connection, which carries the mark until the session's transaction ends.
    """
    from .extensions import db

    session = db.session()
    if not session.in_transaction():
        session.connection(execution_options=current_app.extensions[READING_KEY])


def _refuse_writes_when_reading(_cursor, statement: str, *args) -> None:
    # Before the statement is sent, so nothing reaches the database. Every other
    # connection pays one dict look-up per statement. (The execution context comes last.)
    if args[-1].execution_options.get(READING_KEY) and not _only_reads(statement):
        raise RuntimeError(
            f"a page marked read_without_transaction tried to write: {statement[:80]}"
        )


def _only_reads(statement: str) -> bool:
    return bool(_SELECT.match(statement)) and not _LOCKING.search(statement)


def check_after_idle(engine: Engine) -> None:
    """Ping a pooled connection before use when it has been idle for
    PING_AFTER_IDLE_SECONDS, and replace it when the ping fails.

    Why not SQLAlchemy's pool_pre_ping: it pings at every checkout, one more round trip
    to the server for every request, a fifth of those a public page makes. A connection
    goes stale when the server restarts or drops it, and that happens while it lies idle
    in the pool: a restart takes longer than a second, so a connection handed back
    before it and taken after it has been idle at least that long and is pinged. A
    request that reached the server while it was down failed (a 503) and SQLAlchemy,
    seeing the disconnect, threw away every connection of the pool (tests/hardening/
    test_database_outage.py restarts a real server both ways).
    """

    @event.listens_for(engine, "checkin")
    def _note_checkin(_dbapi_connection, record) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
        checked_in = record.info.get("checked_in_at")  # None: a new connection
        if checked_in is None or time.monotonic() - checked_in < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and checks out another (a new one).
            raise exc.DisconnectionError("stale pooled connection") from error


def lock_rows(model, ids: Iterable[int], *columns) -> dict[int, tuple]:
    """Hold rows of `model` until the transaction ends, so two requests that would both
    take the last seat on an item, a bus or a table run one after the other. Returns each
    locked row's `columns` as read under the lock (id -> values): what another
    transaction committed while this one waited (a new capacity) is only seen there,
    in the same statement; a value read before the lock may be stale.

    PostgreSQL: ``SELECT ... FOR NO KEY UPDATE`` in id order (no deadlocks). NO KEY: the
    foreign-key checks of rows that refer to a locked one (an attendance, a headcount
    counter the database triggers write) take KEY SHARE and do not wait for it, so a
    transaction that changes a delegate without locking items (a /my save keeping its
    places) cannot deadlock with one that holds the items and waits for that delegate.
    Two lockers still run one after the other. SQLite ignores FOR
    UPDATE; a no-op UPDATE takes the database write lock instead. It must be the
    transaction's first statement: in WAL mode a transaction that has read before writing
    can fail with SQLITE_BUSY_SNAPSHOT rather than wait.
    """
    from .extensions import db

    ids = sorted(set(ids))
    if not ids:
        return {}
    # Locks before the caller's pending changes: flushed first, an edited delegate's row
    # would be held while waiting for the items, which a cancellation of that delegate
    # holds while waiting for its row (a deadlock on PostgreSQL).
    # On the session's connection, as SQL only: through the ORM the no-op UPDATE also
    # looked for the rows' objects in the session to update them (a third of its time).
    with db.session.no_autoflush:
        connection = db.session.connection()
        statement = _lock_statement(model, columns, connection.dialect.name)
        return {row[0]: tuple(row[1:]) for row in connection.execute(statement, {"ids": ids})}


# (model, columns' keys, dialect) -> its lock statement, the ids bound when it runs: a
# statement built once keeps its cache key, where building it for every lock (a quarter
# of a registration's lock) also meant computing the key again to find it compiled.
_LOCKS: dict[tuple, Executable] = {}


def _lock_statement(model, columns: tuple, dialect: str) -> Executable:
    key = (model, tuple(column.key for column in columns), dialect)
    statement = _LOCKS.get(key)
    if statement is None:
        ids = bindparam("ids", expanding=True)
        if dialect == "sqlite":
            statement = (
                update(model)
                .where(model.id.in_(ids))
                .values(id=model.id)
                .returning(model.id, *columns)
            )
        else:
            statement = (
                select(model.id, *columns)
                .where(model.id.in_(ids))
                .order_by(model.id)
                .with_for_update(key_share=True)
            )
        statement = _LOCKS.setdefault(key, statement)
    return statement


def commit_keeping_loaded() -> None:
    """Commit without expiring the session's objects: for a request that answers from
    rows it has just read or written (a desk scan), which would otherwise read each of
    them again after the commit. Only for objects no one else changes in between."""
    from .extensions import db

    session = db.session()
    expiring, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expiring


# An import of this many rows or more refreshes PostgreSQL's statistics at once.
BULK_ROWS = 500


def analyze_after_bulk_load(rows: int) -> None:
    """Refresh PostgreSQL's table statistics after storing `rows` delegates at once.

    PostgreSQL plans by statistics that autovacuum refreshes some time after a bulk
    load (a minute or more); until then it plans for the tables as they were: a console
    search just after importing 10,000 delegates hashed all of them (~100 ms; ~10 ms
    once analysed). SQLite keeps none unless asked, and the searches are written not to
    need them (registration/queries.name_matches)."""
    from sqlalchemy import text

    from .extensions import db

    if rows < BULK_ROWS or db.session.get_bind().dialect.name != "postgresql":
        return
    db.session.execute(text("ANALYZE delegate, delegate_search_token, attendance"))
    db.session.commit()
