"""Engine settings that the ORM does not give by default."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask
from sqlalchemy import event, select, update
from sqlalchemy.engine import Engine


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


def lock_rows(model, ids: Iterable[int]) -> None:
    """Hold rows of `model` until the transaction ends, so two requests that would both
    take the last seat on an item, a bus or a table run one after the other.

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
        return
    # Locks before the caller's pending changes: flushed first, an edited delegate's row
    # would be held while waiting for the items, which a cancellation of that delegate
    # holds while waiting for its row (a deadlock on PostgreSQL).
    # On the session's connection, as SQL only: through the ORM the no-op UPDATE also
    # looked for the rows' objects in the session to update them (a third of its time).
    with db.session.no_autoflush:
        connection = db.session.connection()
        if connection.dialect.name == "sqlite":
            connection.execute(update(model).where(model.id.in_(ids)).values(id=model.id))
        else:
            connection.execute(
                select(model.id)
                .where(model.id.in_(ids))
                .order_by(model.id)
                .with_for_update(key_share=True)
            ).all()


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
