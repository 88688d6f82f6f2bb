"""State changes for delegates: register (one or many), update their details.

Places, seats and the waiting list are `places.py`'s; the change history `history.py`'s;
self-service links `personal_link.py`'s.

Every function here either commits a complete change or raises and leaves nothing
stored; callers (form routes, the import command, the console) stay thin.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..clock import utcnow
from ..extensions import db
from ..program.models import ProgramItem, Seminar
from . import places
from .bulk import insert_delegate, insert_delegates
from .data import (
    MANUAL_FIELDS,
    NAME_INPUTS,
    NAME_SOURCES,
    STORED_FIELDS,
    DelegateData,
    RegistrationError,
    derive_fields,
)
from .history import record_changes, snapshot
from .models import Delegate, DelegateChange, DelegateStatus
from .notifications import MailKind, notify
from .personal_link import issue_token
from .rules import may_attend, refusal_reasons


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
    refused = [item for item in items if not may_attend(item, data.side, data.organization_type)]
    if refused:
        # The reason, worded now (the request's language), not the items' codes.
        raise RegistrationError({"item_codes": ("not_for_side", refusal_reasons(refused))})


def _apply(delegate: Delegate, data: DelegateData, previous: DelegateData | None = None) -> None:
    """Store the input and what derives from it.

    On an update, derived fields are recomputed only when their source changed, so a
    correction the secretariat made to a cross-script name survives later edits.
    """
    for name in STORED_FIELDS:
        setattr(delegate, name, getattr(data, name))
    delegate.email_key = data.email.casefold() or None
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
    seminar: Seminar,
    data: DelegateData,
    *,
    except_id: int | None = None,
    items: Sequence[ProgramItem] | None = None,
    email: bool = True,
) -> list[ProgramItem]:
    """The rules beyond a single field: known items, audience, unique email (unless
    ``email`` is False: the caller leaves it to the database's constraint). ``items``:
    the seminar's items when the caller has read them already (a form's choices)."""
    by_code = None if items is None else {item.code: item for item in items}
    items = _items_for(seminar, data.item_codes, by_code)
    _check_audience(items, data)
    if email and data.email and _email_taken(seminar, data.email, except_id=except_id):
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
            if data.email and data.email.casefold() in taken:
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
    items: Sequence[ProgramItem] | None = None,
) -> tuple[Delegate, str]:
    """Store a new delegate with places on the chosen items; return it and its token.

    Places are given in arrival order under a lock on the items, so concurrent
    registrations never overbook; a full item puts the delegate on its waiting list.

    The delegate, its places and (at the commit) its mail are written as SQL statements
    (``bulk.insert_delegate``), not by the ORM's flush; the returned delegate is a
    persistent object all the same (a delegation sets its member's invitation on it).

    A taken address: the INSERT's unique constraint refuses it and ``_email_unique``
    turns that into the same RegistrationError (nothing stored), which a registration
    would need anyway for two racing with one address; asking first cost every
    registration a statement. A caller that commits later (a delegation's member) is
    asked first, so that its other changes are not rolled back with this one.
    """
    items = check(seminar, data, items=items, email=not commit)
    delegate, token = _new_delegate(seminar, data, source)
    statuses, delegate.status = places.new_places(items, status)
    with _email_unique(data.email):
        insert_delegate(delegate, [(item.id, s) for item, s in zip(items, statuses, strict=True)])
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
    places.lock_items(by_code[code].id for data in rows for code in data.item_codes)
    seats_taken = places.seats_taken_by_item(seminar)
    delegates, new_places = [], []
    for index, data in enumerate(rows):
        delegate, _token = _new_delegate(seminar, data, source)
        items = _items_for(seminar, data.item_codes, by_code)
        statuses = places.count_places(items, seats_taken)
        pairs = zip(items, statuses, strict=True)
        new_places += [(index, item.id, status) for item, status in pairs]
        delegate.status = places.status_from(statuses, DelegateStatus.CONFIRMED)
        delegates.append(delegate)
        progress()
    try:
        stored = insert_delegates(seminar, delegates, new_places)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        taken = _collided_email(seminar, [data.email for data in rows])
        raise RegistrationError({"email": ("email_taken", taken)}) from None
    return stored


def _collided_email(seminar: Seminar, emails: Sequence[str]) -> str:
    """The address of `emails` the unique constraint refused, as the caller wrote it:
    registered by someone else since `_taken_emails` looked (a race; one query, after
    the rollback), else one written twice (the import's preview names that row first)."""
    taken = {email.casefold() for email in _taken_emails(seminar, emails)}
    seen: set[str] = set()
    for email in emails:
        key = email.casefold()
        if key in taken or key in seen:
            return email
        seen.add(key)
    return ""


def _new_delegate(seminar: Seminar, data: DelegateData, source: str) -> tuple[Delegate, str]:
    delegate = Delegate(seminar_id=seminar.id, consent_at=utcnow(), source=source)
    _apply(delegate, data)
    token = issue_token(delegate)
    delegate.checkin_code = secrets.token_urlsafe(12)
    return delegate, token


def _taken_emails(seminar: Seminar, emails: Sequence[str]) -> list[str]:
    keys = list(dict.fromkeys(email.casefold() for email in emails if email))
    taken: list[str] = []
    # In slices: SQLite's limit on bound parameters is 32,766 (999 before 3.32).
    for start in range(0, len(keys), 900):
        taken += db.session.execute(
            select(Delegate.email).where(
                Delegate.seminar_id == seminar.id, Delegate.email_key.in_(keys[start : start + 900])
            )
        ).scalars()
    return taken


def _email_taken(seminar: Seminar, email: str, *, except_id: int | None = None) -> bool:
    query = select(Delegate.id).where(
        Delegate.seminar_id == seminar.id, Delegate.email_key == email.casefold()
    )
    if except_id is not None:
        query = query.where(Delegate.id != except_id)
    return db.session.execute(query.limit(1)).first() is not None


@contextmanager
def _email_unique(email: str) -> Iterator[None]:
    """The database's unique constraint refused the address (registered already, or
    two registrations with it raced past any check): nothing stored, the form's error."""
    try:
        yield
    except IntegrityError:
        db.session.rollback()
        raise RegistrationError({"email": ("email_taken", email)}) from None


def _finish(commit: bool, email: str) -> None:
    with _email_unique(email):
        if commit:
            db.session.commit()
        else:
            db.session.flush()


def update(
    delegate: Delegate,
    data: DelegateData,
    *,
    actor: str,
    commit: bool = True,
    items: Sequence[ProgramItem] | None = None,
) -> list[str]:
    """Change a delegate's details and items; keep a history of what changed. With
    ``commit=False`` the caller commits (several delegates changed as one)."""
    seminar = db.session.get(Seminar, delegate.seminar_id)
    items = check(seminar, data, except_id=delegate.id, items=items)
    before = snapshot(delegate)
    _apply(delegate, data, previous=data_from_delegate(delegate))
    places.change_places(delegate, items)
    changed = record_changes(delegate, before, actor)
    if changed and actor != "self":  # the delegate saw their own change on the page
        by_contact = actor == "contact"  # a delegation's contact (delegations/)
        notify(delegate, MailKind.CHANGED_BY_CONTACT if by_contact else MailKind.CHANGED)
    _finish(commit, data.email)
    return changed


def data_from_delegate(delegate: Delegate) -> DelegateData:
    """The input that would reproduce the delegate as stored (for edit forms and diffs)."""
    stored = {name: getattr(delegate, name) for name in STORED_FIELDS}
    return DelegateData(
        **stored,
        **{name: getattr(delegate, name) for name in NAME_INPUTS},
        item_codes=tuple(delegate.item_codes),
    )


def cancel_registration(delegate: Delegate, *, actor: str) -> None:
    """The delegate (or the secretariat) cancels: every seat goes to the waiting list."""
    places.set_status(delegate, DelegateStatus.CANCELLED, actor=actor)


def undo_cancellation(delegate: Delegate, *, actor: str) -> list[ProgramItem]:
    """Re-register a cancelled delegate with the same link and items: each place gets a
    seat where one is still free, else joins that item's waiting list. Returns the items
    now waitlisted (the seat was taken in the meantime)."""
    return places.set_status(delegate, DelegateStatus.CONFIRMED, actor=actor)


def revoke_token(delegate: Delegate, *, actor: str) -> str:
    """Give the delegate a new self-service link; the old one stops working."""
    token = issue_token(delegate)
    delegate.changes.append(
        DelegateChange(actor=actor, field="manage_link", before="", after="renewed")
    )
    notify(delegate, MailKind.LINK_RENEWED)
    db.session.commit()
    return token
