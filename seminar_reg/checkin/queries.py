"""Reads for the check-in desk: items, the person behind a badge code, name look-up."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import Select, and_, bindparam, false, func, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..ids import is_id
from ..names import find_control_character
from ..program.models import ProgramDay, ProgramItem, Seminar
from ..registration import places
from ..registration.models import Attendance, Delegate
from ..registration.queries import name_matches
from .models import CheckIn

# A badge code is 16 characters; anything much longer is not a badge.
MAX_CODE_LENGTH = 100
LOOKUP_LIMIT = 20


@dataclass(frozen=True)
class DeskItem:
    """One programme item on the desk list, with its arrivals so far."""

    item: ProgramItem
    confirmed: int
    checked_in: int


@dataclass(frozen=True)
class LookupRow:
    """A name look-up hit: the person, their place on the item, and any check-in."""

    delegate: Delegate
    place: str | None  # AttendanceStatus, or None when not registered for the item
    checkin: CheckIn | None


def desk_items(seminar: Seminar) -> list[DeskItem]:
    """Every item of the seminar in programme order, with confirmed and checked-in counts."""
    confirmed = (
        select(Attendance.item_id, func.count(Attendance.id).label("n"))
        .join(Delegate, Delegate.id == Attendance.delegate_id)
        .where(places.attends())
        .group_by(Attendance.item_id)
        .subquery()
    )
    arrived = (
        select(CheckIn.item_id, func.count(CheckIn.id).label("n"))
        .group_by(CheckIn.item_id)
        .subquery()
    )
    rows = db.session.execute(
        select(ProgramItem, confirmed.c.n, arrived.c.n)
        .join(ProgramDay)
        .outerjoin(confirmed, confirmed.c.item_id == ProgramItem.id)
        .outerjoin(arrived, arrived.c.item_id == ProgramItem.id)
        .where(ProgramItem.seminar_id == seminar.id)
        .order_by(ProgramDay.date, ProgramItem.position)
    ).all()
    return [DeskItem(item, booked or 0, present or 0) for item, booked, present in rows]


def delegate_by_id(seminar_id: int, delegate_id: int) -> Delegate | None:
    if not is_id(delegate_id):  # no row has it, and PostgreSQL refuses it past 2^31 - 1
        return None
    return db.session.execute(
        select(Delegate).where(Delegate.seminar_id == seminar_id, Delegate.id == delegate_id)
    ).scalar_one_or_none()


@dataclass(frozen=True)
class ScanSubject:
    """What a scan at an item decides on, read in one statement."""

    delegate: Delegate | None  # the badge's (or the looked-up id's) delegate
    place: str | None  # their place on the item (AttendanceStatus), None without one
    checkin: CheckIn | None  # their check-in at the item
    claimed: CheckIn | None  # the check-in stored under the scan's client id, if any
    checked_in: int  # the item's check-ins so far


def scan_subject(
    item: ProgramItem,
    *,
    code: str | None = None,
    delegate_id: int | None = None,
    client_scan_id: str | None = None,
) -> ScanSubject:
    """The delegate behind a badge code (or id) within the item's seminar, their place
    and check-in at the item, the check-in a replayed client id names, and the item's
    count: one statement (a scan's reads were five), driven by the item's row so that an
    unknown code still answers with the count."""
    by, value = _delegate_key(code, delegate_id)
    statement = _scan_statement(by, client_scan_id is not None)
    parameters = {"item_id": item.id, "key": value, "client_scan_id": client_scan_id}
    count, delegate, place, checkin, claimed = db.session.execute(statement, parameters).one()
    return ScanSubject(delegate, place, checkin, claimed, count)


def _delegate_key(code: str | None, delegate_id: int | None) -> tuple[str | None, object]:
    """How the scan names its delegate ("id" or "code") and the value; None: no one."""
    if delegate_id is not None:
        # No row has an id past 2^31 - 1, and PostgreSQL refuses one in a query.
        return ("id", delegate_id) if is_id(delegate_id) else (None, None)
    # Badge codes are plain letters and digits: anything with a control character is not
    # one, and PostgreSQL would refuse a NUL in the query outright.
    code = (code or "").strip()
    if not code or len(code) > MAX_CODE_LENGTH or find_control_character(code) is not None:
        return None, None
    return "code", code


@functools.cache
def _scan_statement(by: str | None, claims: bool) -> Select:
    """Built once per shape, its values bound per scan: building the statement (aliases
    and all) cost a scan more than running it."""
    existing, claimed = aliased(CheckIn, name="existing"), aliased(CheckIn, name="claimed")
    key = bindparam("key")
    who = {"id": Delegate.id == key, "code": Delegate.checkin_code == key}.get(by, false())
    claim = claimed.client_scan_id == bindparam("client_scan_id") if claims else false()
    arrivals = (
        select(func.count(CheckIn.id))
        .where(CheckIn.item_id == ProgramItem.id)
        .correlate(ProgramItem)
        .scalar_subquery()
    )
    return (
        select(arrivals, Delegate, Attendance.status, existing, claimed)
        .select_from(ProgramItem)
        .outerjoin(Delegate, and_(Delegate.seminar_id == ProgramItem.seminar_id, who))
        .outerjoin(Attendance, and_(
            Attendance.delegate_id == Delegate.id, Attendance.item_id == ProgramItem.id
        ))
        .outerjoin(existing, and_(
            existing.delegate_id == Delegate.id, existing.item_id == ProgramItem.id
        ))
        .outerjoin(claimed, claim)
        .where(ProgramItem.id == bindparam("item_id"))
    )


def checkin_for(delegate_id: int, item_id: int) -> CheckIn | None:
    return db.session.execute(
        select(CheckIn).where(CheckIn.delegate_id == delegate_id, CheckIn.item_id == item_id)
    ).scalar_one_or_none()


def checkin_by_client_id(client_scan_id: str) -> CheckIn | None:
    return db.session.execute(
        select(CheckIn).where(CheckIn.client_scan_id == client_scan_id)
    ).scalar_one_or_none()


def place_on_item(delegate_id: int, item_id: int) -> str | None:
    """The delegate's place on the item (confirmed / waitlisted), None without one."""
    return db.session.execute(
        select(Attendance.status).where(
            Attendance.delegate_id == delegate_id, Attendance.item_id == item_id
        )
    ).scalar_one_or_none()


def checked_in_count(item_id: int) -> int:
    return db.session.execute(
        select(func.count(CheckIn.id)).where(CheckIn.item_id == item_id)
    ).scalar_one()


def find_delegates(item: ProgramItem, query: str, limit: int = LOOKUP_LIMIT) -> list[LookupRow]:
    """People whose name matches ``query`` in any script, the item's registrants first.

    Cancelled delegates are left out: the desk must not admit them from a list either.
    """
    search = name_matches(query)  # names/search.py's rule: a name part starts with the query
    if search is None:
        return []
    matches, rank = search
    rows = db.session.execute(
        select(Delegate, Attendance.status, CheckIn)
        .select_from(matches)
        .join(Delegate, Delegate.id == matches.c.delegate_id)
        .outerjoin(
            Attendance, and_(Attendance.delegate_id == Delegate.id, Attendance.item_id == item.id)
        )
        .outerjoin(CheckIn, and_(CheckIn.delegate_id == Delegate.id, CheckIn.item_id == item.id))
        .where(Delegate.seminar_id == item.seminar_id, places.registered())
        .order_by(
            Attendance.status.is_(None), rank, Delegate.side, Delegate.sort_key, Delegate.id
        )
        .limit(limit)
    ).all()
    return [LookupRow(delegate, place, checkin) for delegate, place, checkin in rows]
