"""Read-only look-ups for registration pages and commands."""

from __future__ import annotations

import hmac

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..program.models import ProgramItem, Seminar
from ..program.queries import program_items
from ..vocabulary import side_counts
from . import places
from .models import Attendance, Delegate
from .personal_link import token_hash
from .rules import offered_to_side


def delegate_by_token(token: str) -> Delegate | None:
    if not token or len(token) > 100:
        return None
    digest = token_hash(token)
    delegate = db.session.execute(
        select(Delegate)
        .where(Delegate.manage_token_hash == digest)
        .options(selectinload(Delegate.attendances).selectinload(Attendance.item))
    ).scalar_one_or_none()
    # The index finds the row by hash; the constant-time compare keeps the final
    # check free of timing differences however the database compares strings.
    if delegate is None or not hmac.compare_digest(delegate.manage_token_hash or "", digest):
        return None
    return delegate


def delegate_by_hash(digest: str) -> Delegate | None:
    if not digest:
        return None
    return db.session.execute(
        select(Delegate).where(Delegate.manage_token_hash == digest)
    ).scalar_one_or_none()


def item_choices(seminar: Seminar, side: str, localize) -> list[tuple[str, str]]:
    items = db.session.execute(
        select(ProgramItem)
        .where(ProgramItem.seminar_id == seminar.id)
        .order_by(ProgramItem.day_id, ProgramItem.position)
    ).scalars()
    return [(item.code, localize(item, "title")) for item in items if offered_to_side(item, side)]


def items_by_code(seminar: Seminar) -> dict[str, ProgramItem]:
    """Code -> item with its day, for the form to show each item's date and time."""
    items = db.session.execute(
        select(ProgramItem)
        .where(ProgramItem.seminar_id == seminar.id)
        .options(selectinload(ProgramItem.day))
    ).scalars()
    return {item.code: item for item in items}


def headcounts(seminar: Seminar) -> dict:
    """Who attends, by side: the seminar overall and each programme item (see places)."""
    result: dict = places.seminar_attendance_by_side(seminar)
    seats = places.seats_by_item_and_side(seminar)
    result["items"] = {
        item.code: side_counts(seats.get(item.id, {})) for item in program_items(seminar)
    }
    return result
