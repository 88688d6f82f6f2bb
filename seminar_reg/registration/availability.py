"""How full each programme item is, and where a delegate stands on its waiting list
(reads only), with the words the programme, the form and /my show for them.

Seats are counted as places.py gives them: confirmed places of delegates who have not
cancelled. The waiting list is served in arrival order (registered_at, then id).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import groupby

from flask import abort
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlalchemy.orm import aliased, contains_eager, load_only

from ..clock import utcnow
from ..extensions import db
from ..i18n import localized
from ..program.models import ProgramDay, ProgramItem, Seminar
from ..program.queries import current_seminar_id
from . import places
from .models import Attendance, AttendanceStatus, Delegate

OPEN, PLACES_LEFT, FULL, CLOSED = "open", "places_left", "full", "closed"


@dataclass(frozen=True)
class Availability:
    state: str  # OPEN (no limit), PLACES_LEFT, FULL (waiting list) or CLOSED
    left: int | None = None

    @property
    def text(self) -> str:
        if self.state == CLOSED:
            return _("Registration closed")
        if self.state == FULL:
            return _("Full: waiting list")
        if self.state == PLACES_LEFT:
            return ngettext("%(num)s place left", "%(num)s places left", self.left)
        return _("Places available")


@dataclass(frozen=True)
class Place:
    """One of a delegate's places, as /my shows it."""

    code: str
    title: str
    waitlisted: bool
    position: int | None  # 1 = next to be seated


def registration_closed(seminar: Seminar) -> bool:
    return seminar.registration_deadline is not None and utcnow() > seminar.registration_deadline


def _seat_held():
    return and_(Attendance.delegate_id == Delegate.id, places.attends())


def _seats_taken():
    """The item's seats taken, counted only where it has a capacity: an item without a
    limit is open whatever its count (every page asking would otherwise walk the places
    of every delegate, item by item)."""
    seats = (
        select(func.count(Attendance.id))
        .where(Attendance.item_id == ProgramItem.id, _seat_held())
        .correlate(ProgramItem)
        .scalar_subquery()
    )
    return case((ProgramItem.capacity.is_(None), None), else_=seats)


def item_availability(seminar: Seminar) -> dict[str, Availability]:
    """Item code -> its availability, in one query."""
    rows = db.session.execute(
        select(ProgramItem.code, ProgramItem.capacity, _seats_taken()).where(
            ProgramItem.seminar_id == seminar.id
        )
    ).all()
    closed = registration_closed(seminar)
    return {code: _availability(capacity, taken, closed) for code, capacity, taken in rows}


@cache
def _items_with_seats():
    # Built once per process: putting the statement together was a third of its cost.
    return (
        select(ProgramItem, _seats_taken())
        .join(ProgramItem.day)
        .options(contains_eager(ProgramItem.day))
        .where(ProgramItem.seminar_id == bindparam("seminar_id"))
        .order_by(ProgramDay.date, ProgramItem.position)
    )


def items_with_availability(seminar: Seminar) -> list[tuple[ProgramItem, Availability]]:
    """The seminar's items in programme order (day, then position), each with its day
    loaded and its availability: one statement for what the programme page and the
    registration form show of every item."""
    rows = db.session.execute(_items_with_seats(), {"seminar_id": seminar.id}).all()
    closed = registration_closed(seminar)
    return [(item, _availability(item.capacity, taken, closed)) for item, taken in rows]


# What a registration POST reads of the edition and its items: the deadline, the form's
# choices (code, title), the audience rule and the capacity (read again under the lock).
# Building the objects was ~40% of the read's CPU and grows with each column (the
# edition's texts, the items' descriptions and venues); what is not loaded here fills
# in when an answer that comes back reads the page's (current_programme_or_404).
_ANSWER_COLUMNS = (
    load_only(Seminar.id, Seminar.registration_deadline),
    load_only(
        ProgramItem.id,
        ProgramItem.code,
        ProgramItem.title_ja,
        ProgramItem.title_zh,
        ProgramItem.title_en,
        ProgramItem.audience,
        ProgramItem.capacity,
    ),
)


@cache
def _current_programme_statement(shown: bool = True):
    # The edition, then its items (outer-joined: an edition without items is still one
    # row) in programme order; for a page that shows them, with their days and seats
    # taken. Built once per process, like the other.
    statement = (
        select(Seminar, ProgramItem)
        .outerjoin(ProgramItem, ProgramItem.seminar_id == Seminar.id)
        .outerjoin(ProgramItem.day)
        .where(Seminar.id == current_seminar_id())
        .order_by(ProgramDay.date, ProgramItem.position)
    )
    if shown:
        statement = statement.add_columns(_seats_taken()).options(contains_eager(ProgramItem.day))
    else:
        statement = statement.options(*_ANSWER_COLUMNS)
    return statement


def current_items_or_404() -> tuple[Seminar, list[ProgramItem]]:
    """The current edition and its items in programme order, in one statement, without
    what only a page shows (the seats taken, whose count walks each limited item's
    places, and the days): what a registration POST needs to check and store an answer.
    An answer that comes back reads current_programme_or_404 for its page. 404 without
    a current edition."""
    rows = db.session.execute(_current_programme_statement(shown=False)).all()
    if not rows:
        abort(404)
    return rows[0][0], [item for _seminar, item in rows if item is not None]


def current_programme_or_404() -> tuple[Seminar, list[tuple[ProgramItem, Availability]]]:
    """The current edition and items_with_availability's rows in ONE statement: the
    programme page and the registration form asked for the seminar, then for its items,
    and on PostgreSQL each statement is a round trip to the server. 404 without one."""
    rows = db.session.execute(_current_programme_statement()).all()
    if not rows:
        abort(404)
    seminar = rows[0][0]
    closed = registration_closed(seminar)
    return seminar, [
        (item, _availability(item.capacity, taken, closed))
        for _seminar, item, taken in rows
        if item is not None
    ]


def programme_by_day(rows) -> list[tuple[ProgramDay, list]]:
    """(day, [(item, availability), ...]) for each day with items, in programme order."""
    return [(day, list(day_rows)) for day, day_rows in groupby(rows, lambda row: row[0].day)]


def current_programme_by_day_or_404() -> tuple[Seminar, list[tuple[ProgramDay, list]]]:
    """The programme page's (seminar, days): see current_programme_or_404."""
    seminar, rows = current_programme_or_404()
    return seminar, programme_by_day(rows)


def _availability(capacity: int | None, taken: int | None, closed: bool) -> Availability:
    if closed:
        return Availability(CLOSED)
    if capacity is None:
        return Availability(OPEN)
    if taken >= capacity:
        return Availability(FULL, 0)
    return Availability(PLACES_LEFT, capacity - taken)


def delegate_places(delegate: Delegate) -> list[Place]:
    """The delegate's places in their order, each waitlisted one with its position."""
    positions = waitlist_positions(delegate)
    return [
        Place(
            code=attendance.item.code,
            title=localized(attendance.item, "title"),
            waitlisted=attendance.status == AttendanceStatus.WAITLISTED,
            position=positions.get(attendance.item_id),
        )
        for attendance in delegate.attendances
    ]


def waitlist_positions(delegate: Delegate) -> dict[int, int]:
    """Item id -> the delegate's place in that item's queue (1 = next), one query."""
    mine = aliased(Attendance)
    ahead = or_(
        Attendance.registered_at < mine.registered_at,
        and_(Attendance.registered_at == mine.registered_at, Attendance.id <= mine.id),
    )
    rows = db.session.execute(
        select(mine.item_id, func.count(Attendance.id))
        .join(Attendance, Attendance.item_id == mine.item_id)
        .join(Delegate, Delegate.id == Attendance.delegate_id)
        .where(
            mine.delegate_id == delegate.id,
            mine.status == AttendanceStatus.WAITLISTED,
            Attendance.status == AttendanceStatus.WAITLISTED,
            places.registered(),
            ahead,
        )
        .group_by(mine.item_id)
    ).all()
    return dict(rows)
