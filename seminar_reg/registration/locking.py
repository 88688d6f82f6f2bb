"""Serialise registrations per programme item, so capacity is never exceeded.

PostgreSQL: ``SELECT ... FOR UPDATE`` on the item rows, in id order (no deadlocks).
SQLite ignores FOR UPDATE; a no-op UPDATE takes the database write lock instead.
It must be the transaction's first statement: in WAL mode a transaction that has
read before writing can fail with SQLITE_BUSY_SNAPSHOT rather than wait.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update

from ..extensions import db
from ..program.models import ProgramItem


def lock_items(item_ids: Sequence[int]) -> None:
    ids = sorted(set(item_ids))
    if not ids:
        return
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            update(ProgramItem).where(ProgramItem.id.in_(ids)).values(id=ProgramItem.id)
        )
    else:
        db.session.execute(
            select(ProgramItem.id)
            .where(ProgramItem.id.in_(ids))
            .order_by(ProgramItem.id)
            .with_for_update()
        ).all()
