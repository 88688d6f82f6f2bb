"""Changes the secretariat makes to the programme: times, venues, capacities, deadline;
each in the audit trail with its values before and after (`content.record_change`)."""

from __future__ import annotations

import datetime as dt

from ..clock import venue_datetime, venue_to_utc
from ..database import lock_rows
from ..extensions import db
from .content import apply_values, record_change
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
    settings = {"start_time": start_time, "end_time": end_time, "capacity": capacity}
    settings |= {name: venues.get(name, "") for name in VENUE_FIELDS}
    old, new = apply_values(item, settings)
    db.session.flush()
    promoted = [
        delegate for _receiver, seated in capacity_changed.send(item) for delegate in seated or ()
    ]
    if _when_and_where(item) != before:
        time_or_place_changed.send(item, promoted=promoted)
    db.session.commit()
    seminar = db.session.get(Seminar, item.seminar_id)
    record_change(seminar, f"item {item.code}", old, new, people=len(promoted) or None)
    return promoted


def _when_and_where(item: ProgramItem) -> tuple:
    return (item.start_time, item.end_time, *(getattr(item, name) for name in VENUE_FIELDS))


def set_registration_deadline(seminar: Seminar, venue_local: dt.datetime | None) -> None:
    """Close the form at `venue_local` on the venue's clock; None keeps it open."""
    stored = seminar.registration_deadline
    seminar.registration_deadline = venue_to_utc(venue_local) if venue_local else None
    db.session.commit()
    if seminar.registration_deadline != stored:  # on the venue's clock, as it was typed
        before = venue_datetime(stored).isoformat() if stored else None
        after = venue_local.isoformat() if venue_local else None
        record_change(
            seminar,
            "registration deadline",
            {"registration_deadline": before},
            {"registration_deadline": after},
        )
