"""Read-only queries for the programme pages and for other modules."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from .models import Edition, ProgramDay, ProgramItem, Seminar


def current_seminar() -> Seminar | None:
    """The edition being run: the newest one in the database."""
    return db.session.execute(
        select(Seminar)
        .options(selectinload(Seminar.subthemes), selectinload(Seminar.organizations))
        .order_by(Seminar.edition.desc())
        .limit(1)
    ).scalar_one_or_none()


def program_days(seminar: Seminar) -> list[ProgramDay]:
    return list(
        db.session.execute(
            select(ProgramDay)
            .where(ProgramDay.seminar_id == seminar.id)
            .options(selectinload(ProgramDay.items))
            .order_by(ProgramDay.date)
        ).scalars()
    )


def program_items(seminar: Seminar) -> list[ProgramItem]:
    return list(
        db.session.execute(
            select(ProgramItem)
            .join(ProgramDay)
            .where(ProgramItem.seminar_id == seminar.id)
            .order_by(ProgramDay.date, ProgramItem.position)
        ).scalars()
    )


def item_by_code(seminar: Seminar, code: str) -> ProgramItem | None:
    return db.session.execute(
        select(ProgramItem).where(ProgramItem.seminar_id == seminar.id, ProgramItem.code == code)
    ).scalar_one_or_none()


def editions() -> list[Edition]:
    return list(db.session.execute(select(Edition).order_by(Edition.number)).scalars())
