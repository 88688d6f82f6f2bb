"""Storing many new delegates (an import, the demo data) in a few statements.

The ORM inserts a new row with a database-assigned id one statement at a time (it needs
each id back for the row's places), so 5,000 delegates with their places were some
25,000 statements. Here the delegates go in one executemany, their ids come back by
email (unique per seminar) and the places go in one more.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, inspect, select

from ..extensions import db
from ..program.models import Seminar
from .models import Attendance, Delegate

# Rows per SELECT ... IN (...): below SQLite's limit on bound parameters.
SLICE = 900
DELEGATE_COLUMNS = frozenset(column.key for column in Delegate.__table__.columns) - {"id"}


def insert_delegates(
    seminar: Seminar, delegates: Sequence[Delegate], places: Sequence[tuple[int, int, str]]
) -> list[Delegate]:
    """Insert the new (transient) ``delegates`` and their ``places`` (index into
    ``delegates``, item id, status); return the stored delegates in the same order.
    Nothing is committed."""
    if not delegates:
        return []
    # Only what was set: a column left out gets its default, as with the ORM.
    db.session.execute(
        insert(Delegate),
        [
            {key: value for key, value in inspect(d).dict.items() if key in DELEGATE_COLUMNS}
            for d in delegates
        ],
    )
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
    if places:
        db.session.execute(
            insert(Attendance),
            [
                {"delegate_id": ordered[index].id, "item_id": item_id, "status": status}
                for index, item_id, status in places
            ],
        )
    return ordered
