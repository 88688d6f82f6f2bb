"""Changes the secretariat makes to the programme: times, venues, capacities, deadline."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ..audit.trail import Kind, record
from ..clock import venue_to_utc
from ..extensions import db
from ..registration.locking import lock_items
from ..registration.models import Attendance, Delegate, DelegateStatus
from ..registration.notifications import MailKind, notify
from ..registration.operations import promote_waitlist
from .models import ProgramItem, Seminar

VENUE_FIELDS = ("venue_ja", "venue_zh", "venue_en")


def update_item(
    item: ProgramItem,
    *,
    start_time: dt.time | None,
    end_time: dt.time | None,
    capacity: int | None,
    venues: dict[str, str],
) -> list[Delegate]:
    """Set an item's times, venue and capacity. More room (or no limit) seats the
    waiting list in arrival order at once; returns who was given a seat. A capacity
    below the seats already confirmed takes no one's seat: it only stops new ones."""
    lock_items([item.id])
    before = _when_and_where(item)
    item.start_time, item.end_time, item.capacity = start_time, end_time, capacity
    for name in VENUE_FIELDS:
        setattr(item, name, venues.get(name, ""))
    db.session.flush()
    promoted = promote_waitlist(item)
    if _when_and_where(item) != before:
        _tell_holders(item, promoted)
    db.session.commit()
    record(
        Kind.PROGRAMME,
        subject=item.code,
        people=len(promoted) or None,
        detail=f"{start_time or '?'}-{end_time or '?'}, capacity {capacity or '-'}, "
        f"venue {item.venue_en or item.venue_ja or item.venue_zh or '-'}",
    )
    return promoted


def _when_and_where(item: ProgramItem) -> tuple:
    return (item.start_time, item.end_time, *(getattr(item, name) for name in VENUE_FIELDS))


def _tell_holders(item: ProgramItem, promoted: list[Delegate]) -> None:
    """Mail everyone holding a place at the item its new time or place (those just moved
    up hear it in their move-up mail)."""
    holders = db.session.execute(
        select(Delegate)
        .join(Attendance, Attendance.delegate_id == Delegate.id)
        .where(Attendance.item_id == item.id, Delegate.status != DelegateStatus.CANCELLED)
    ).scalars()
    moved_up = {delegate.id for delegate in promoted}
    for delegate in holders:
        if delegate.id not in moved_up:
            notify(delegate, MailKind.PROGRAMME_CHANGED)


def set_registration_deadline(seminar: Seminar, venue_local: dt.datetime | None) -> None:
    """Close the form at `venue_local` on the venue's clock; None keeps it open."""
    seminar.registration_deadline = venue_to_utc(venue_local) if venue_local else None
    db.session.commit()
    record(Kind.PROGRAMME, subject="registration deadline", detail=str(venue_local or "-"))
