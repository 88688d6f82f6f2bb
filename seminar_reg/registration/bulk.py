"""Storing new delegates and their places as SQL statements, without the ORM's unit of
work: one registration (the public form, a delegation's member, a walk-in) or many (an
import, the demo data).

The ORM inserts a new row with a database-assigned id one statement at a time (it needs
each id back for the row's places), so 5,000 delegates with their places were some
25,000 statements: here they go in one executemany, their ids come back by email
(unique per seminar) and the places go in one more. One delegate is one INSERT ...
RETURNING id and one INSERT of its places: its flush (building the unit of work,
sorting it, reading back each row's defaults) was half of a registration's storing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, inspect, select
from sqlalchemy.orm import make_transient_to_detached

from ..extensions import db
from ..program.models import Seminar
from .models import Attendance, Delegate

# Rows per SELECT ... IN (...): below SQLite's limit on bound parameters.
SLICE = 900
DELEGATE_COLUMNS = frozenset(column.key for column in Delegate.__table__.columns) - {"id"}
# Built once: a statement object keeps its cache key, so each use only binds values.
INSERT_DELEGATE = insert(Delegate.__table__).returning(Delegate.__table__.c.id)
INSERT_PLACES = insert(Attendance.__table__)


def _columns(delegate: Delegate) -> dict:
    # Only what was set: a column left out gets its default, as with the ORM.
    return {key: value for key, value in inspect(delegate).dict.items() if key in DELEGATE_COLUMNS}


def _insert_places(places: Sequence[tuple[int, int, str]]) -> None:
    """(delegate id, item id, status) rows, in one statement."""
    if places:
        db.session.connection().execute(
            INSERT_PLACES,
            [
                {"delegate_id": delegate_id, "item_id": item_id, "status": status}
                for delegate_id, item_id, status in places
            ],
        )


def insert_delegate(delegate: Delegate, places: Sequence[tuple[int, str]]) -> None:
    """Insert the new (transient) ``delegate`` and its ``places`` (item id, status); the
    delegate becomes a persistent object of the session, with its id, whose other
    columns (defaults, the places) load when read. Nothing is committed; a taken
    address raises IntegrityError here, not at the commit."""
    # On the session's connection: the session's transaction, as SQL only.
    delegate.id = db.session.connection().execute(INSERT_DELEGATE, _columns(delegate)).scalar_one()
    _insert_places([(delegate.id, item_id, status) for item_id, status in places])
    # As if loaded: what a caller changes next (a member's delegation) is flushed as
    # an UPDATE, and what it reads comes from the rows just written.
    make_transient_to_detached(delegate)
    db.session.add(delegate)


def insert_delegates(
    seminar: Seminar, delegates: Sequence[Delegate], places: Sequence[tuple[int, int, str]]
) -> list[Delegate]:
    """Insert the new (transient) ``delegates`` and their ``places`` (index into
    ``delegates``, item id, status); return the stored delegates in the same order.
    Nothing is committed."""
    if not delegates:
        return []
    # Through the ORM's bulk INSERT: it groups rows whose manual corrections differ.
    db.session.execute(insert(Delegate), [_columns(d) for d in delegates])
    keys = [d.email_key for d in delegates]
    stored = {}
    for start in range(0, len(keys), SLICE):
        stored.update(
            (delegate.email_key, delegate)
            for delegate in db.session.execute(
                select(Delegate).where(
                    Delegate.seminar_id == seminar.id,
                    Delegate.email_key.in_(keys[start : start + SLICE]),
                )
            ).scalars()
        )
    ordered = [stored[key] for key in keys]
    _insert_places([(ordered[index].id, item_id, status) for index, item_id, status in places])
    return ordered
