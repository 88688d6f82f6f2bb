"""Read-only look-ups for registration pages and commands."""

from __future__ import annotations

import hmac

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..program.models import ProgramItem, Seminar
from ..program.queries import program_items
from ..vocabulary import side_counts
from .models import Attendance, AttendanceStatus, Delegate, DelegateStatus
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


def confirmed_places_by_item(seminar: Seminar) -> dict[int, dict[str, int]]:
    """Confirmed places of confirmed delegates: item id -> side -> count."""
    rows = db.session.execute(
        select(Attendance.item_id, Delegate.side, func.count(Attendance.id))
        .join(Delegate, Delegate.id == Attendance.delegate_id)
        .where(
            Delegate.seminar_id == seminar.id,
            Delegate.status == DelegateStatus.CONFIRMED,
            Attendance.status == AttendanceStatus.CONFIRMED,
        )
        .group_by(Attendance.item_id, Delegate.side)
    )
    counts: dict[int, dict[str, int]] = {}
    for item_id, side, count in rows:
        counts.setdefault(item_id, {})[side] = count
    return counts


def headcounts(seminar: Seminar) -> dict:
    """Confirmed delegates by side, overall and per programme item."""
    by_side = dict(
        db.session.execute(
            select(Delegate.side, func.count(Delegate.id))
            .where(Delegate.seminar_id == seminar.id, Delegate.status == DelegateStatus.CONFIRMED)
            .group_by(Delegate.side)
        ).all()
    )
    result: dict = side_counts(by_side)
    places = confirmed_places_by_item(seminar)
    result["items"] = {
        item.code: side_counts(places.get(item.id, {})) for item in program_items(seminar)
    }
    return result
