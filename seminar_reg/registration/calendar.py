"""The delegate's programme items as an iCalendar file (RFC 5545), in venue time."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from icalendar import Calendar, Event, Timezone

from ..clock import venue_zone
from ..links import public_host
from ..program.models import ProgramItem, Seminar
from .models import AttendanceStatus, Delegate, DelegateStatus

# Calendar programs replace an entry whose SEQUENCE grew; minutes since this moment
# grow with every mail without a counter to store.
SEQUENCE_EPOCH = dt.datetime(2017, 1, 1, tzinfo=dt.UTC)


def _text(obj, field: str, language: str) -> str:
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_ja", "")


def _when(event: Event, item: ProgramItem) -> None:
    day = item.day.date
    if item.start_time is None:  # "to be announced": the whole day
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        return
    zone = venue_zone()
    event.add("dtstart", dt.datetime.combine(day, item.start_time, tzinfo=zone))
    if item.end_time is not None and item.end_time > item.start_time:
        event.add("dtend", dt.datetime.combine(day, item.end_time, tzinfo=zone))


def _status(delegate: Delegate, place_status: str) -> str:
    if delegate.status == DelegateStatus.CANCELLED:
        return "CANCELLED"
    return "TENTATIVE" if place_status == AttendanceStatus.WAITLISTED else "CONFIRMED"


def calendar_for(delegate: Delegate, seminar: Seminar, language: str) -> bytes | None:
    """One event per place the delegate holds (cancelled ones marked so, which removes
    them from the calendar that imported an earlier mail); None when there are none."""
    now = dt.datetime.now(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//seminar_reg//Japan-China Regional Exchange Seminar//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for attendance in delegate.attendances:
        item = attendance.item
        event = Event()
        # Stable per delegate and item, so a later mail updates the same entry. The
        # delegate's id, not a name or address: calendars get shared.
        event.add("uid", f"seminar{seminar.edition}-{item.code}-{delegate.id}@{public_host()}")
        event.add("dtstamp", now)
        event.add("sequence", int((now - SEQUENCE_EPOCH).total_seconds() // 60))
        event.add("summary", _text(item, "title", language))
        _when(event, item)
        venue = _text(item, "venue", language)
        if venue:
            event.add("location", venue)
        event.add("status", _status(delegate, attendance.status))
        calendar.add_component(event)
    if not calendar.subcomponents:
        return None
    if any(item.start_time is not None for item in (a.item for a in delegate.attendances)):
        calendar.subcomponents.insert(0, _vtimezone(venue_zone().key))
    return calendar.to_ical()


@lru_cache(maxsize=4)
def _vtimezone(zone: str) -> Timezone:
    """The zone's VTIMEZONE, built once per process (it walks decades of transitions)."""
    return Timezone.from_tzid(zone)
