"""Read-only queries for the programme pages and for other modules.

This module is the one owner of "which edition": `current_seminar*` is the edition the
public pages, registration and the desk work on (the one marked current, never "the
newest"); `console_seminar*` is the edition a staff member chose to look at in the
console (the current one unless they switched); `seminar_for_command` is a command's
`--edition` (the current one without it). It also owns "which edition may change": only
the current one (`accepts_changes`); every other edition is read, printed and exported as
it is, never changed (`read_only_message` is the refusal, `changeable_seminar_for_command`
a command's).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import click
from flask import abort, session
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from .models import Edition, ProgramDay, ProgramItem, Seminar

CONSOLE_EDITION_KEY = "console_edition"


def _seminar_where(*conditions) -> Seminar | None:
    # One statement: every request asks for the seminar, and only the home page and the
    # content settings read its sub-themes and organisations (loaded when read there).
    return db.session.execute(
        select(Seminar)
        .where(*conditions)
        .order_by(Seminar.edition.desc())
        .limit(1)
    ).scalar_one_or_none()


@cache
def _current_seminar_statement():
    # Built once per process: every request asks, and putting it together cost as much
    # as running it.
    return select(Seminar).where(Seminar.is_current.is_(True)).order_by(
        Seminar.edition.desc()
    ).limit(1)


def current_seminar_id():
    """The current edition's id as a subquery, for a statement that reads the edition
    and what it holds at once (the public pages: one statement, not two)."""
    return _current_seminar_statement().with_only_columns(Seminar.id).scalar_subquery()


def current_seminar() -> Seminar | None:
    """The edition being run: the one marked current (`editions.make_current`)."""
    return db.session.execute(_current_seminar_statement()).scalar_one_or_none()


def seminar_by_edition(number: int) -> Seminar | None:
    return _seminar_where(Seminar.edition == number)


def seminars() -> list[Seminar]:
    """Every edition that has a programme, newest first."""
    return list(db.session.execute(select(Seminar).order_by(Seminar.edition.desc())).scalars())


def console_seminar() -> Seminar | None:
    """The edition the console shows this staff member: the one they switched to
    (kept in their session), else the current one."""
    chosen = session.get(CONSOLE_EDITION_KEY)
    if isinstance(chosen, int):
        seminar = seminar_by_edition(chosen)
        if seminar is not None:
            return seminar
    return current_seminar()


def console_seminar_or_404() -> Seminar:
    seminar = console_seminar()
    if seminar is None:
        abort(404)
    return seminar


EDITION_OPTION = click.option(
    "--edition",
    type=click.IntRange(min=1),
    help="Edition number (e.g. 16); the current edition without it.",
)


def seminar_for_command(number: int | None) -> Seminar:
    """A command's `--edition NUMBER`, or the current edition without it."""
    if number is None:
        return current_seminar_or_exit()
    seminar = seminar_by_edition(number)
    if seminar is None:
        message = _("There is no edition %(number)s.", number=number)
        raise click.ClickException(f"{message} (flask --app seminar_reg editions)")
    return seminar


def accepts_changes(seminar: Seminar) -> bool:
    """Whether an edition's records (delegates, plans, print logs, invitations) may
    change: the current edition's only. A past edition is kept as it was; an edition to
    come has no delegates yet (its programme is prepared in the programme settings)."""
    return bool(seminar.is_current)


def read_only_message(number: int) -> str:
    return _(
        "Edition %(number)s is not the current edition: its records can be read "
        "but not changed.",
        number=number,
    )


def changeable_seminar_for_command(number: int | None) -> Seminar:
    """`seminar_for_command` for a command that changes records: another edition than
    the current one is refused with one line."""
    seminar = seminar_for_command(number)
    if not accepts_changes(seminar):
        raise click.ClickException(read_only_message(seminar.edition))
    return seminar


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


def current_item(code: str) -> ProgramItem | None:
    """The current edition's item `code` in one statement (a desk asks on every scan)."""
    return db.session.execute(
        select(ProgramItem)
        .join(Seminar, Seminar.id == ProgramItem.seminar_id)
        .where(Seminar.is_current.is_(True), ProgramItem.code == code)
        .order_by(Seminar.edition.desc())  # as current_seminar picks
        .limit(1)
    ).scalar_one_or_none()


def current_item_or_404(code: str) -> ProgramItem:
    """For the desk's pages: an item of another edition, or none, is no page."""
    item = current_item(code)
    if item is None:
        abort(404)
    return item


def editions() -> list[Edition]:
    return list(db.session.execute(select(Edition).order_by(Edition.number)).scalars())


@dataclass(frozen=True)
class HistoryRow:
    number: int
    fiscal_year: int
    texts: Edition | Seminar  # city_*, province_*, theme_* in three languages
    reported: dict | None  # {japan, china, all} where the organisers published them


def history() -> list[HistoryRow]:
    """The series: the report's editions table, and every edition with a programme
    (those created since included), told from its Seminar where it has one."""
    rows = {
        edition.number: HistoryRow(edition.number, edition.fiscal_year, edition, None)
        for edition in editions()
    }
    for seminar in seminars():
        rows[seminar.edition] = HistoryRow(
            seminar.edition, seminar.fiscal_year, seminar, seminar.reported_figures
        )
    return [rows[number] for number in sorted(rows)]
