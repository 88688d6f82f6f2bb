"""Changes the secretariat makes to the programme: times, venues, capacities, deadline."""

from __future__ import annotations

import datetime as dt

from ..audit.trail import Kind, record
from ..clock import venue_to_utc
from ..database import lock_rows
from ..extensions import db
from .models import ProgramItem, Seminar
from .signals import capacity_changed, time_or_place_changed

VENUE_FIELDS = ("venue_ja", "venue_zh", "venue_en")


def update_item(
    item: ProgramItem,
    *,
    start_time: dt.time | None,
    end_time: dt.time | None,
    capacity: int | None,
    venues: dict[str, str],
) -> list:
    """Set an item's times, venue and capacity. More room (or no limit) seats the
    waiting list in arrival order at once (registration's receiver of
    `capacity_changed`); returns the delegates given a seat. A capacity below the seats
    already confirmed takes no one's seat: it only stops new ones. A new time or place
    is sent as `time_or_place_changed` (registration mails everyone holding the item)."""
    lock_rows(ProgramItem, [item.id])
    before = _when_and_where(item)
    item.start_time, item.end_time, item.capacity = start_time, end_time, capacity
    for name in VENUE_FIELDS:
        setattr(item, name, venues.get(name, ""))
    db.session.flush()
    promoted = [
        delegate for _receiver, seated in capacity_changed.send(item) for delegate in seated or ()
    ]
    if _when_and_where(item) != before:
        time_or_place_changed.send(item, promoted=promoted)
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


def set_registration_deadline(seminar: Seminar, venue_local: dt.datetime | None) -> None:
    """Close the form at `venue_local` on the venue's clock; None keeps it open."""
    seminar.registration_deadline = venue_to_utc(venue_local) if venue_local else None
    db.session.commit()
    record(Kind.PROGRAMME, subject="registration deadline", detail=str(venue_local or "-"))
