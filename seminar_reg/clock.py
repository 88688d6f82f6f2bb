"""The venue's wall clock: check-in times, "is this item today?" and the registration
deadline are the venue's, not the server's (a server in Tokyo or in UTC would be an
hour or eight off). Timestamps are stored as naive UTC."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app

# The 2017 seminar is in Shenyang; every Chinese city keeps Beijing time.
DEFAULT_TIMEZONE = "Asia/Shanghai"


def utcnow() -> dt.datetime:
    """Now as naive UTC, the way every timestamp is stored."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def venue_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("CHECKIN_TIMEZONE") or DEFAULT_TIMEZONE)


def venue_datetime(moment: dt.datetime) -> dt.datetime:
    """The venue's wall-clock reading (naive) of a naive UTC timestamp as stored."""
    return moment.replace(tzinfo=dt.UTC).astimezone(venue_zone()).replace(tzinfo=None)


def venue_time(moment: dt.datetime) -> str:
    """HH:MM on the venue's clock for a naive UTC timestamp as stored."""
    return venue_datetime(moment).strftime("%H:%M")


def venue_today() -> dt.date:
    """Today's date at the venue."""
    return dt.datetime.now(venue_zone()).date()


def venue_to_utc(moment: dt.datetime) -> dt.datetime:
    """A naive reading of the venue's clock, as naive UTC for storing."""
    return moment.replace(tzinfo=venue_zone()).astimezone(dt.UTC).replace(tzinfo=None)


def _offset(local: dt.datetime) -> str:
    minutes = int(local.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"


def venue_stamp(moment: dt.datetime) -> str:
    """``2017-07-20 14:03 (UTC+8)``: a stored naive UTC timestamp on the venue's clock,
    with its offset, so a reader elsewhere knows which clock it is."""
    local = moment.replace(tzinfo=dt.UTC).astimezone(venue_zone())
    return f"{local:%Y-%m-%d %H:%M} ({_offset(local)})"


def zone_label() -> str:
    """The venue's zone as the desk names it: ``Asia/Shanghai, UTC+8`` (offset of now)."""
    zone = venue_zone()
    return f"{zone.key}, {_offset(dt.datetime.now(zone))}"
