"""State changes for delegates: register, update, cancel, promote from the waiting list.

Every function here either commits a complete change or raises and leaves nothing
stored; callers (form routes, the import command, the console) stay thin.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Sequence
from types import SimpleNamespace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..clock import utcnow
from ..extensions import db
from ..program.models import ProgramItem, Seminar
from .bulk import insert_delegates
from .data import (
    MANUAL_FIELDS,
    NAME_SOURCES,
    STORED_FIELDS,
    DelegateData,
    RegistrationError,
    derive_fields,
)
from .locking import lock_items
from .models import (
    Attendance,
    AttendanceStatus,
    Delegate,
    DelegateChange,
    DelegateStatus,
)
from .notifications import MailKind, notify, status_change_mail
from .personal_link import issue_token
from .rules import may_attend

TRACKED_FIELDS = STORED_FIELDS + MANUAL_FIELDS


def new_token() -> str:
    """256 bits from the OS, URL-safe: the shape of a personal-link token."""
    return secrets.token_urlsafe(32)


def _seminar_items(seminar: Seminar) -> list[ProgramItem]:
    return list(
        db.session.execute(
            select(ProgramItem).where(ProgramItem.seminar_id == seminar.id)
        ).scalars()
    )


def _items_for(
    seminar: Seminar, codes: Sequence[str], by_code: dict[str, ProgramItem] | None = None
) -> list[ProgramItem]:
    if by_code is None:
        by_code = {item.code: item for item in _seminar_items(seminar)}
    unknown = [code for code in codes if code not in by_code]
    if unknown:
        raise RegistrationError({"item_codes": ("unknown_item", ", ".join(unknown))})
    return [by_code[code] for code in dict.fromkeys(codes)]


def _check_audience(items: Iterable[ProgramItem], data: DelegateData) -> None:
    refused = [
        item.code for item in items if not may_attend(item, data.side, data.organization_type)
    ]
    if refused:
        raise RegistrationError({"item_codes": ("not_for_side", ", ".join(refused))})


def _confirmed_count(item: ProgramItem) -> int:
    return db.session.execute(
        select(func.count(Attendance.id))
        .join(Delegate)
        .where(
            Attendance.item_id == item.id,
            Attendance.status == AttendanceStatus.CONFIRMED,
            Delegate.status != DelegateStatus.CANCELLED,
        )
    ).scalar_one()


def _place_status(item: ProgramItem, seats_taken: int) -> str:
    if item.capacity is None or seats_taken < item.capacity:
        return AttendanceStatus.CONFIRMED
    return AttendanceStatus.WAITLISTED


def _delegate_status(attendances: Iterable[Attendance], default: str) -> str:
    """Waitlisted only while the delegate holds no confirmed place at all: someone with
    a seat at the plenary and a waiting-list place on the site visit is confirmed, and
    is on the plenary's roll, headcount and badge run."""
    statuses = [a.status for a in attendances]
    if statuses and all(status == AttendanceStatus.WAITLISTED for status in statuses):
        return DelegateStatus.WAITLISTED
    return default


def _apply(delegate: Delegate, data: DelegateData, previous: DelegateData | None = None) -> None:
    """Store the input and what derives from it.

    On an update, derived fields are recomputed only when their source changed, so a
    correction the secretariat made to a cross-script name survives later edits.
    """
    for name in STORED_FIELDS:
        setattr(delegate, name, getattr(data, name))
    delegate.email_key = data.email.casefold()
    name_changed = previous is None or any(
        getattr(previous, f) != getattr(data, f) for f in NAME_SOURCES
    )
    organization_changed = previous is None or previous.organization != data.organization
    for name, value in derive_fields(data).items():
        source_changed = organization_changed if name == "cross_organization" else name_changed
        if source_changed or name in ("sort_key", "search_text"):
            setattr(delegate, name, value)
    for name, value in data.manual.items():
        if name in MANUAL_FIELDS:
            setattr(delegate, name, value)


def check(
    seminar: Seminar, data: DelegateData, *, except_id: int | None = None
) -> list[ProgramItem]:
    """The rules beyond a single field: known items, audience, unique email."""
    items = _items_for(seminar, data.item_codes)
    _check_audience(items, data)
    if _email_taken(seminar, data.email, except_id=except_id):
        raise RegistrationError({"email": ("email_taken", data.email)})
    return items


def check_many(seminar: Seminar, rows: Sequence[DelegateData]) -> list[RegistrationError | None]:
    """``check`` for many rows in a constant number of queries (an import's preview),
    plus what storing them would refuse: a derived reading or Latin too long to store.
    One result per row, None where the row may be stored."""
    by_code = {item.code: item for item in _seminar_items(seminar)}
    taken = {email.casefold() for email in _taken_emails(seminar, [d.email for d in rows])}
    results: list[RegistrationError | None] = []
    for data in rows:
        try:
            _check_audience(_items_for(seminar, data.item_codes, by_code), data)
            if data.email.casefold() in taken:
                raise RegistrationError({"email": ("email_taken", data.email)})
            derive_fields(data)
        except RegistrationError as error:
            results.append(error)
        else:
            results.append(None)
    return results


def register(
    seminar: Seminar,
    data: DelegateData,
    *,
    source: str = "form",
    status: str = DelegateStatus.CONFIRMED,
    commit: bool = True,
) -> tuple[Delegate, str]:
    """Store a new delegate with places on the chosen items; return it and its token.

    Places are given in arrival order under a lock on the items, so concurrent
    registrations never overbook; a full item puts the delegate on its waiting list.
    """
    items = check(seminar, data)
    delegate, token = _new_delegate(seminar, data, source)
    lock_items([item.id for item in items])
    for item in items:
        delegate.attendances.append(
            Attendance(item_id=item.id, status=_place_status(item, _confirmed_count(item)))
        )
    delegate.status = _delegate_status(delegate.attendances, status)
    db.session.add(delegate)
    notify(delegate, MailKind.CONFIRMATION)
    _finish(commit, data.email)
    return delegate, token


def register_many(
    seminar: Seminar,
    rows: Sequence[DelegateData],
    *,
    source: str,
    progress: Callable[[], None] = lambda: None,
) -> list[Delegate]:
    """Register many confirmed delegates in one transaction (imports, demo data).

    The items are locked once and their confirmed counts read once, then counted on in
    memory: the lock holds until the commit, so no other registration takes a seat in
    between, and a file of 165 rows costs a handful of queries instead of a thousand.
    """
    by_code = {item.code: item for item in _seminar_items(seminar)}
    for data in rows:
        _check_audience(_items_for(seminar, data.item_codes, by_code), data)
    taken_emails = _taken_emails(seminar, [data.email for data in rows])
    if taken_emails:
        raise RegistrationError({"email": ("email_taken", taken_emails[0])})
    lock_items(list({by_code[code].id for data in rows for code in data.item_codes}))
    seats_taken = _confirmed_counts(seminar)
    delegates, places = [], []
    for index, data in enumerate(rows):
        delegate, _token = _new_delegate(seminar, data, source)
        statuses = []
        for item in _items_for(seminar, data.item_codes, by_code):
            status = _place_status(item, seats_taken.get(item.id, 0))
            if status == AttendanceStatus.CONFIRMED:
                seats_taken[item.id] = seats_taken.get(item.id, 0) + 1
            places.append((index, item.id, status))
            statuses.append(SimpleNamespace(status=status))  # what _delegate_status reads
        delegate.status = _delegate_status(statuses, DelegateStatus.CONFIRMED)
        delegates.append(delegate)
        progress()
    try:
        stored = insert_delegates(seminar, delegates, places)
    except IntegrityError:
        db.session.rollback()
        raise RegistrationError({"email": ("email_taken", rows[0].email)}) from None
    _finish(True, rows[-1].email if rows else "")
    return stored


def _new_delegate(seminar: Seminar, data: DelegateData, source: str) -> tuple[Delegate, str]:
    delegate = Delegate(seminar_id=seminar.id, consent_at=utcnow(), source=source)
    _apply(delegate, data)
    token = issue_token(delegate)
    delegate.checkin_code = secrets.token_urlsafe(12)
    return delegate, token


def _taken_emails(seminar: Seminar, emails: Sequence[str]) -> list[str]:
    keys = list(dict.fromkeys(email.casefold() for email in emails))
    taken: list[str] = []
    # In slices: SQLite's limit on bound parameters is 32,766 (999 before 3.32).
    for start in range(0, len(keys), 900):
        taken += db.session.execute(
            select(Delegate.email).where(
                Delegate.seminar_id == seminar.id, Delegate.email_key.in_(keys[start : start + 900])
            )
        ).scalars()
    return taken


def _confirmed_counts(seminar: Seminar) -> dict[int, int]:
    rows = db.session.execute(
        select(Attendance.item_id, func.count(Attendance.id))
        .join(Delegate)
        .where(
            Delegate.seminar_id == seminar.id,
            Attendance.status == AttendanceStatus.CONFIRMED,
            Delegate.status != DelegateStatus.CANCELLED,
        )
        .group_by(Attendance.item_id)
    ).all()
    return dict(rows)


def _email_taken(seminar: Seminar, email: str, *, except_id: int | None = None) -> bool:
    query = select(Delegate.id).where(
        Delegate.seminar_id == seminar.id, Delegate.email_key == email.casefold()
    )
    if except_id is not None:
        query = query.where(Delegate.id != except_id)
    return db.session.execute(query.limit(1)).first() is not None


def _finish(commit: bool, email: str) -> None:
    try:
        if commit:
            db.session.commit()
        else:
            db.session.flush()
    except IntegrityError:
        # Two registrations with one address raced past the check above.
        db.session.rollback()
        raise RegistrationError({"email": ("email_taken", email)}) from None


def record_changes(delegate: Delegate, before: dict[str, object], actor: str) -> list[str]:
    """Write one history row per field whose value differs from ``before``."""
    after = snapshot(delegate)
    changed = []
    for field, old in before.items():
        new = after[field]
        if old != new:
            changed.append(field)
            delegate.changes.append(
                DelegateChange(actor=actor, field=field, before=_text(old), after=_text(new))
            )
    return changed


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)


def snapshot(delegate: Delegate) -> dict[str, object]:
    values: dict[str, object] = {field: getattr(delegate, field) for field in TRACKED_FIELDS}
    values["item_codes"] = sorted(delegate.item_codes)
    values["status"] = delegate.status
    return values


def update(delegate: Delegate, data: DelegateData, *, actor: str) -> list[str]:
    """Change a delegate's details and items; keep a history of what changed."""
    seminar = db.session.get(Seminar, delegate.seminar_id)
    items = check(seminar, data, except_id=delegate.id)
    before = snapshot(delegate)
    _apply(delegate, data, previous=data_from_delegate(delegate))
    _change_items(delegate, items)
    changed = record_changes(delegate, before, actor)
    if changed and actor != "self":  # the delegate saw their own change on the page
        notify(delegate, MailKind.CHANGED)
    _finish(True, data.email)
    return changed


def data_from_delegate(delegate: Delegate) -> DelegateData:
    """The input that would reproduce the delegate as stored (for edit forms and diffs)."""
    stored = {name: getattr(delegate, name) for name in STORED_FIELDS}
    return DelegateData(
        **stored,
        family_reading_input=delegate.family_reading,
        given_reading_input=delegate.given_reading,
        family_latin_input=delegate.family_latin,
        given_latin_input=delegate.given_latin,
        item_codes=tuple(delegate.item_codes),
    )


def _change_items(delegate: Delegate, items: list[ProgramItem]) -> None:
    """Drop places no longer wanted (freeing seats for the waiting list), add new ones."""
    wanted = {item.id for item in items}
    lock_items(list(wanted | {a.item_id for a in delegate.attendances}))
    dropped = [a for a in delegate.attendances if a.item_id not in wanted]
    freed_items = [attendance.item for attendance in dropped]
    for attendance in dropped:
        delegate.attendances.remove(attendance)
    held = {a.item_id for a in delegate.attendances}
    for item in items:
        if item.id not in held:
            # Setting the relationship (not only item_id) lets item_codes read it before flush.
            delegate.attendances.append(
                Attendance(item=item, status=_place_status(item, _confirmed_count(item)))
            )
    db.session.flush()
    for item in freed_items:
        promote_waitlist(item)
    if delegate.status != DelegateStatus.CANCELLED:
        delegate.status = _delegate_status(delegate.attendances, DelegateStatus.CONFIRMED)


def set_status(delegate: Delegate, status: str, *, actor: str) -> list[ProgramItem]:
    """Confirm, cancel or move a delegate to the waiting list, never overbooking.

    Confirming (approving, re-opening a cancelled registration, taking someone off the
    waiting list) gives each place a seat only where one is free; cancelling or moving to
    the waiting list frees seats for those waiting, and a delegate moved to the waiting
    list joins the back of each queue. Returns the items whose place is (still)
    waitlisted, so the secretariat can be told.
    """
    before = {"status": delegate.status}
    items = [a.item for a in delegate.attendances]
    lock_items([item.id for item in items])
    delegate_status = status
    if status == DelegateStatus.CONFIRMED:
        _seat_where_free(delegate)
        delegate_status = _delegate_status(delegate.attendances, DelegateStatus.CONFIRMED)
    elif status == DelegateStatus.WAITLISTED:
        for attendance in delegate.attendances:
            attendance.status = AttendanceStatus.WAITLISTED
            attendance.registered_at = utcnow()
    delegate.status = delegate_status
    db.session.flush()
    if status in (DelegateStatus.CANCELLED, DelegateStatus.WAITLISTED):
        for item in items:
            promote_waitlist(item, passing_over=delegate)
    if record_changes(delegate, before, actor):
        notify(delegate, status_change_mail(before["status"], delegate.status))
    db.session.commit()
    return [a.item for a in delegate.attendances if a.status == AttendanceStatus.WAITLISTED]


def _seat_where_free(delegate: Delegate) -> None:
    """Confirm each of the delegate's places that a free seat allows."""
    was_cancelled = delegate.status == DelegateStatus.CANCELLED
    for attendance in delegate.attendances:
        # A confirmed place of a live delegate already holds its seat; any other place
        # (waitlisted, or a cancelled delegate's) competes for the seats left.
        if attendance.status == AttendanceStatus.CONFIRMED and not was_cancelled:
            continue
        attendance.status = _place_status(attendance.item, _confirmed_count(attendance.item))
        db.session.flush()


def promote_waitlist(item: ProgramItem, passing_over: Delegate | None = None) -> list[Delegate]:
    """Fill free seats from the item's waiting list, first come first served, passing
    over `passing_over` (someone just moved to the waiting list must not bounce back)."""
    if item.capacity is None:
        free = None
    else:
        free = item.capacity - _confirmed_count(item)
        if free <= 0:
            return []
    queue = (
        select(Attendance)
        .join(Delegate)
        .where(
            Attendance.item_id == item.id,
            Attendance.status == AttendanceStatus.WAITLISTED,
            Delegate.status != DelegateStatus.CANCELLED,
        )
        .order_by(Attendance.registered_at, Attendance.id)
        .limit(free)
    )
    if passing_over is not None:
        queue = queue.where(Delegate.id != passing_over.id)
    waiting = db.session.execute(queue).scalars().all()
    promoted = []
    for attendance in waiting:
        attendance.status = AttendanceStatus.CONFIRMED
        delegate = attendance.delegate
        notify(delegate, MailKind.PROMOTED)
        if delegate.status == DelegateStatus.WAITLISTED:
            before = {"status": delegate.status}
            delegate.status = _delegate_status(delegate.attendances, DelegateStatus.CONFIRMED)
            record_changes(delegate, before, "system")
        promoted.append(delegate)
    db.session.flush()
    return promoted


def revoke_token(delegate: Delegate, *, actor: str) -> str:
    """Give the delegate a new self-service link; the old one stops working."""
    token = issue_token(delegate)
    delegate.changes.append(
        DelegateChange(actor=actor, field="manage_link", before="", after="renewed")
    )
    notify(delegate, MailKind.LINK_RENEWED)
    db.session.commit()
    return token


def cancel_registration(delegate: Delegate, *, actor: str) -> None:
    """The delegate (or the secretariat) cancels: every seat goes to the waiting list."""
    set_status(delegate, DelegateStatus.CANCELLED, actor=actor)


def undo_cancellation(delegate: Delegate, *, actor: str) -> list[ProgramItem]:
    """Re-register a cancelled delegate with the same link and items: each place gets a
    seat where one is still free, else joins that item's waiting list. Returns the items
    now waitlisted (the seat was taken in the meantime)."""
    return set_status(delegate, DelegateStatus.CONFIRMED, actor=actor)
