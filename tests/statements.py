"""What a piece of work sends to the database: the tests that hold a page's, a scan's or
an import's cost count its statements with this one listener."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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
