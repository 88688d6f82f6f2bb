"""Read-only queries for the programme pages and for other modules."""

from __future__ import annotations

import click
from flask import abort
from flask_babel import gettext as _
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


def current_seminar_or_404() -> Seminar:
    """For pages that make no sense before the programme is seeded."""
    seminar = current_seminar()
    if seminar is None:
        abort(404)
    return seminar


def current_seminar_or_exit() -> Seminar:
    """For commands: stop with one line saying how to set the seminar up."""
    seminar = current_seminar()
    if seminar is None:
        message = _("No seminar has been set up yet.")
        raise click.ClickException(f"{message} (flask --app seminar_reg seed-program)")
    return seminar


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
