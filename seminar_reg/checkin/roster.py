"""The list a desk keeps on its device, so it can answer scans and look-ups offline.

What it holds, and nothing more (README, "Check-in desk"): for each registered delegate
of the seminar, a keyed hash of the badge code (never the code), the name in both
scripts, the reading, the Latin form, the organisation, the side, the place on this
item and the server-computed search text (``names.search``: the browser only looks for
a normalised query inside it). Cancelled delegates appear as their code's hash only, so
a desk can say "cancelled" without keeping who they were. No email, phone, dietary
note, travel or title.

Sync is incremental: the desk sends back the ``stamp`` values of its last answer.
Check-ins come as the rows added since (``after``) when the earlier rows are unchanged,
else all of them (an undo, or an offline scan that moved a time earlier); the people
come again only when anyone's details or place changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import and_, select

from ..clock import venue_zone
from ..extensions import db
from ..program.models import ProgramItem
from ..registration.models import Attendance, Delegate, DelegateStatus
from ..vocabulary import AttendanceStatus
from ..vocabulary.labels import SIDE_LABELS
from .answers import delegate_card
from .models import CheckIn

# How much of the SHA-256 hex digest identifies a badge: 128 bits.
HASH_LENGTH = 32
# A person on the list with no place on the item (the look-up lists them last).
NO_PLACE = "none"
# The codes a person's `place` on the list can have, under the names the desk's scripts
# use: the page hands them over (desk.html, "desk-places"), so the scripts spell none.
PLACE_CODES: dict[str, str] = {
    "CONFIRMED": AttendanceStatus.CONFIRMED.value,
    "WAITLISTED": AttendanceStatus.WAITLISTED.value,
    "CANCELLED": DelegateStatus.CANCELLED.value,
    "NONE": NO_PLACE,
}


@dataclass(frozen=True)
class SyncRequest:
    """What the desk already holds: check-ins up to ``after`` with ``checkins_stamp``,
    people with ``people_stamp``. Empty stamps ask for everything."""

    after: int = 0
    checkins_stamp: str = ""
    people_stamp: str = ""


def code_salt(seminar_id: int) -> str:
    """The key of the badge-code hash: from the secret key, one per seminar."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"checkin-roster/{seminar_id}".encode(), "sha256").hexdigest()[:32]


def code_hash(salt: str, code: str) -> str:
    """What the desk's script computes from a scanned code (SHA-256 of salt + code)."""
    return hashlib.sha256(f"{salt}{code}".encode()).hexdigest()[:HASH_LENGTH]


def _stamp(parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()[:24]


def _epoch_ms(moment: dt.datetime) -> int:
    return int(moment.replace(tzinfo=dt.UTC).timestamp() * 1000)


def _place_join(item: ProgramItem):
    return and_(Attendance.delegate_id == Delegate.id, Attendance.item_id == item.id)


def _people_rows(item: ProgramItem) -> list[tuple[Delegate, str | None]]:
    return list(
        db.session.execute(
            select(Delegate, Attendance.status)
            .outerjoin(Attendance, _place_join(item))
            .where(Delegate.seminar_id == item.seminar_id)
            # the look-up's order (checkin.queries.find_delegates), kept by the browser
            .order_by(Delegate.side, Delegate.sort_key, Delegate.id)
        ).all()
    )


def _people_stamp(item: ProgramItem) -> str:
    """Changes when anyone's details, status or place on the item change, or someone
    registers: read from a few columns, so a desk's poll loads no one when nothing did."""
    return _stamp(
        tuple(row)
        for row in db.session.execute(
            select(
                Delegate.id,
                Delegate.updated_at,
                Delegate.status,
                Attendance.status,
                Delegate.checkin_code,
            )
            .outerjoin(Attendance, _place_join(item))
            .where(Delegate.seminar_id == item.seminar_id)
            .order_by(Delegate.id)
        )
    )


def _person(delegate: Delegate, place: str | None, salt: str) -> dict:
    badge = code_hash(salt, delegate.checkin_code)
    if delegate.status == DelegateStatus.CANCELLED:
        return {"id": delegate.id, "h": badge, "place": DelegateStatus.CANCELLED.value}
    card = delegate_card(delegate)
    del card["side_label"]  # once per roster, in ``side_labels``
    return {
        **card,
        "h": badge,
        "reading": f"{delegate.family_reading} {delegate.given_reading}".strip(),
        "place": place or NO_PLACE,
        "search": delegate.search_text,
    }


def _checkin_rows(item: ProgramItem) -> list[tuple[int, int, dt.datetime]]:
    return [
        tuple(row)
        for row in db.session.execute(
            select(CheckIn.id, CheckIn.delegate_id, CheckIn.checked_in_at)
            .where(CheckIn.item_id == item.id)
            .order_by(CheckIn.id)
        ).all()
    ]


def day_end_ms(item: ProgramItem) -> int:
    """The end of the item's day on the venue's clock: the roster expires then."""
    end = dt.datetime.combine(item.day.date + dt.timedelta(days=1), dt.time(), venue_zone())
    return int(end.timestamp() * 1000)


def roster(item: ProgramItem, since: SyncRequest) -> dict:
    """The desk's list for ``item``, or what changed since ``since``."""
    salt = code_salt(item.seminar_id)
    people_stamp = _people_stamp(item)
    checkins = _checkin_rows(item)
    earlier = [row for row in checkins if row[0] <= since.after]
    complete = not since.checkins_stamp or _stamp(earlier) != since.checkins_stamp
    sent = checkins if complete else [row for row in checkins if row[0] > since.after]
    answer = {
        "item": item.code,
        "salt": salt,
        "zone": venue_zone().key,
        "expires_at": day_end_ms(item),
        "checkins_complete": complete,
        # delegate id -> when they were first checked in (ms since the epoch, UTC)
        "checkins": {str(delegate_id): _epoch_ms(at) for _id, delegate_id, at in sent},
        "checked_in_count": len(checkins),
        "after": checkins[-1][0] if checkins else 0,
        "checkins_stamp": _stamp(checkins),
        "people_stamp": people_stamp,
    }
    if since.people_stamp != people_stamp:
        answer["people"] = [_person(d, place, salt) for d, place in _people_rows(item)]
        answer["side_labels"] = {side: str(label) for side, label in SIDE_LABELS.items()}
    return answer
