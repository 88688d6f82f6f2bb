"""Checking a person in at a programme item: one function, every outcome answered.

A scan is idempotent twice over: the database allows one check-in per person and
item, and a browser that replays an offline scan sends the same ``client_scan_id``,
which is answered with the original result instead of being counted again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from ..audit.trail import Kind, record
from ..clock import utcnow, venue_stamp
from ..database import commit_keeping_loaded
from ..extensions import db
from ..program.models import ProgramItem
from ..registration.models import AttendanceStatus, Delegate, DelegateStatus
from . import queries
from .models import CheckIn


class Outcome(enum.StrEnum):
    CHECKED_IN = "checked_in"
    ALREADY = "already"
    NOT_REGISTERED = "not_registered"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


class Method(enum.StrEnum):
    SCAN = "scan"  # badge QR, by camera or USB scanner
    LOOKUP = "lookup"  # found by name: the person forgot their badge
    WALK_IN = "walk-in"  # registered at the desk on the day


class NoteRequiredError(ValueError):
    """Admitting someone without a place on the item needs the desk's reason."""


@dataclass(frozen=True)
class Scan:
    """What the desk sent: who (badge code or, after a look-up, delegate id) and how."""

    code: str | None = None
    delegate_id: int | None = None
    client_scan_id: str | None = None
    method: Method = Method.SCAN
    # Set when staff admit someone who has no confirmed place; the reason is stored.
    admit: bool = False
    note: str = ""
    # When the desk took the scan (naive UTC), for scans sent later; None: now.
    taken_at: dt.datetime | None = None


@dataclass(frozen=True)
class ScanResult:
    outcome: Outcome
    delegate: Delegate | None = None
    checkin: CheckIn | None = None
    # The answer repeats an earlier one for the same client_scan_id (offline replay).
    replayed: bool = False
    # Not registered, but on the item's waiting list.
    waitlisted: bool = False
    # The item's check-ins after this scan (the desk shows it).
    checked_in: int = 0


def check_in(item: ProgramItem, scan: Scan, *, staff_id: int | None) -> ScanResult:
    """Answer one scan at ``item``'s desk; store a check-in when the person may enter.

    Everything it decides on is read in one statement (queries.scan_subject); a stored
    check-in is one INSERT and the commit."""
    subject = queries.scan_subject(
        item, code=scan.code if scan.delegate_id is None else None,
        delegate_id=scan.delegate_id, client_scan_id=scan.client_scan_id,
    )
    delegate, claimed, count = subject.delegate, subject.claimed, subject.checked_in
    if claimed is not None and _is_same_scan(claimed, item, delegate):
        return ScanResult(Outcome.CHECKED_IN, delegate, claimed, replayed=True, checked_in=count)
    if claimed is not None:
        # The id names another scan: this one is answered on its own and stored without
        # it (the column is unique), never answered as that other scan.
        scan = dataclasses.replace(scan, client_scan_id=None)
    if delegate is None:
        return ScanResult(Outcome.UNKNOWN, checked_in=count)
    if delegate.status == DelegateStatus.CANCELLED:
        return ScanResult(Outcome.CANCELLED, delegate, checked_in=count)
    if subject.checkin is not None:
        existing = _keep_first_time(subject.checkin, scan)
        return ScanResult(Outcome.ALREADY, delegate, existing, checked_in=count)
    place = subject.place
    if place != AttendanceStatus.CONFIRMED and not scan.admit:
        waitlisted = place == AttendanceStatus.WAITLISTED
        return ScanResult(Outcome.NOT_REGISTERED, delegate, waitlisted=waitlisted, checked_in=count)
    if place != AttendanceStatus.CONFIRMED and not scan.note.strip():
        raise NoteRequiredError
    note = scan.note.strip() if place != AttendanceStatus.CONFIRMED else ""
    return _store(item, delegate, scan, note, staff_id, count)


def _keep_first_time(existing: CheckIn, scan: Scan) -> CheckIn:
    """Two desks that scanned one badge offline: whichever sends first is stored, and
    the check-in keeps the earlier of the two times, when the person came in."""
    if scan.taken_at is not None and scan.taken_at < existing.checked_in_at:
        existing.checked_in_at = scan.taken_at
        db.session.commit()
    return existing


def _is_same_scan(earlier: CheckIn, item: ProgramItem, delegate: Delegate | None) -> bool:
    """A client id names one scan: of one badge at one item. Sent again with another
    badge or at another item it is not a replay of that scan."""
    return delegate is not None and (earlier.item_id, earlier.delegate_id) == (
        item.id,
        delegate.id,
    )


def _store(
    item: ProgramItem, delegate: Delegate, scan: Scan, note: str, staff_id: int | None,
    count_before: int,
) -> ScanResult:
    checkin = CheckIn(
        delegate_id=delegate.id,
        item_id=item.id,
        staff_id=staff_id,
        note=note,
        method=scan.method,
        client_scan_id=scan.client_scan_id or None,
        checked_in_at=scan.taken_at or utcnow(),
    )
    db.session.add(checkin)
    try:
        # The answer is made from these rows: read again after the commit they would cost
        # the scan three more statements.
        commit_keeping_loaded()
    except IntegrityError:
        # Another desk (or a retry of this very request) won the race: answer what it stored.
        db.session.rollback()
        return _after_conflict(item, delegate, scan)
    # The count as read before, and this check-in: another desk's arrival in between shows
    # in the next answer (the desk's figure, not the dashboard's).
    return ScanResult(Outcome.CHECKED_IN, delegate, checkin, checked_in=count_before + 1)


def _after_conflict(item: ProgramItem, delegate: Delegate, scan: Scan) -> ScanResult:
    count = queries.checked_in_count(item.id)
    same_scan = queries.checkin_by_client_id(scan.client_scan_id) if scan.client_scan_id else None
    if same_scan is not None and _is_same_scan(same_scan, item, delegate):
        return ScanResult(
            Outcome.CHECKED_IN, same_scan.delegate, same_scan, replayed=True, checked_in=count
        )
    existing = queries.checkin_for(delegate.id, item.id)
    if existing is None:  # the conflict was something else: let it surface
        raise RuntimeError("check-in conflict without a stored check-in")
    existing = _keep_first_time(existing, scan)
    return ScanResult(Outcome.ALREADY, existing.delegate, existing, checked_in=count)


class NotCheckedInError(LookupError):
    """There is no check-in of this person at this item to undo."""


def undo_check_in(item: ProgramItem, delegate: Delegate, *, reason: str) -> dt.datetime:
    """Remove the person's check-in at ``item`` (scanned by mistake, the wrong person
    let in); the reason goes to the audit trail. Returns when they had been checked in."""
    existing = queries.checkin_for(delegate.id, item.id)
    if existing is None:
        raise NotCheckedInError
    checked_in_at = existing.checked_in_at
    db.session.delete(existing)
    db.session.commit()
    record(
        Kind.CHECKIN_UNDONE,
        subject=f"{item.code}: delegate {delegate.id}",  # ids only: the trail outlives purges
        people=1,
        detail=f"{reason} (checked in {venue_stamp(checked_in_at)})",
    )
    return checked_in_at
