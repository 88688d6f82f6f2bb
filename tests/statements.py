"""What a piece of work sends to the database: the tests that hold a page's, a scan's or
an import's cost count its statements with this one listener."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from seminar_reg.extensions import db


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """The SQL of every statement sent on the app's engine inside the block."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@dataclass
class Work:
    """What a block sent: each statement's SQL (whitespace folded) and the commits."""

    sql: list[str] = field(default_factory=list)
    commits: int = 0


@contextmanager
def counted_work() -> Iterator[Work]:
    """The statements and commits sent on the app's engine inside the block: the tests of
    a registration's and its mail's cost (one commit, so many statements)."""
    work = Work()

    def commit(_conn):
        work.commits += 1

    def statement(_conn, _cursor, sql, *_args):
        work.sql.append(" ".join(sql.split()))

    event.listen(db.engine, "commit", commit)
    event.listen(db.engine, "before_cursor_execute", statement)
    try:
        yield work
    finally:
        event.remove(db.engine, "commit", commit)
        event.remove(db.engine, "before_cursor_execute", statement)
