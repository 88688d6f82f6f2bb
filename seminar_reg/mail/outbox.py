"""Mail that never loses a link: queued in the transaction of the change that causes
it, sent after the commit, retried with back-off when the server is away.

A feature calls ``defer(key, queue)`` while it changes data. ``queue`` runs just before
the commit and says what to send; its row is committed with the change or not at all:
a registration is never stored without its mail, nor a mail sent for a registration
that was rolled back. Sending happens after the response (see ``__init__``), by
``flask mail send``, or on a timer; a failed send only leaves the mail pending, it
never fails the change.

A mail is composed when it is queued (``QueuedMail.message``: the row keeps the whole
message) or, for the kinds a feature registered a composer for (``composes``), when it
is sent: the row keeps only the intent (kind, recipient, what it is about, language)
and the composer writes the message from the data as they stand then. A delegate's
mails are composed when sent: composing one (MIME with a calendar file) was a third of
a registration's time, and their link is derived from the database and SECRET_KEY, so
waiting loses nothing (README, "Mail").
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app, g, has_app_context
from sqlalchemy import and_, event, func, insert, or_, select, true, update
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..extensions import db
from .message import POLICY
from .models import MailStatus, OutgoingMail
from .transport import open_transport

PENDING_KEY = "seminar_reg.mail.compose"
NEW_IDS_KEY = "seminar_reg.mail.new_ids"
QUEUED_IN_REQUEST = "queued_mail_ids"
# A claimed mail is someone's to send for this long; a sender that died frees it then.
LEASE = dt.timedelta(minutes=5)
MAX_BACKOFF = dt.timedelta(hours=1)
# Built once: a statement object keeps its cache key, so each use only binds values.
INSERT_MAIL = insert(OutgoingMail.__table__).returning(OutgoingMail.__table__.c.id)


@dataclass(frozen=True)
class QueuedMail:
    """What to send: a message composed now, or (no ``message``) what the kind's
    composer needs to write it when it is sent."""

    kind: str
    recipient: str
    message: EmailMessage | None = None
    about_id: int | None = None
    language: str | None = None


@dataclass(frozen=True)
class ClaimedMail:
    """A stored mail as its claim returned it: what a sender and a composer read."""

    id: int
    kind: str
    recipient: str
    message: bytes | None
    about_id: int | None
    language: str | None
    attempts: int


# Writes a stored mail of its kinds when it is sent; None: nothing to send any more.
Composer = Callable[[ClaimedMail], EmailMessage | None]
_COMPOSERS: dict[str, Composer] = {}


class NotComposed(Exception):
    """A mail that could not be written: ``permanent`` when there is nothing to send any
    more (given up at once), else a composer's failure (tried again with the back-off)."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.permanent = permanent


@dataclass
class Delivery:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    # The server could not be reached (or refused the login): the batch stopped there.
    interrupted: bool = False


def defer(key: Hashable, compose: Callable[[], QueuedMail | None]) -> None:
    """Queue a mail for the current transaction; one per key (a delegate moved up on two
    items in one change gets one mail)."""
    db.session.info.setdefault(PENDING_KEY, {})[key] = compose


def composes(*kinds: str) -> Callable[[Composer], Composer]:
    """Register ``composer`` to write these kinds' mails when they are sent."""

    def register(composer: Composer) -> Composer:
        for kind in kinds:
            _COMPOSERS[str(kind)] = composer
        return composer

    return register


# --- storing with the transaction ------------------------------------------------------


def _store_deferred(session: Session) -> None:
    composers = session.info.pop(PENDING_KEY, None)
    if not composers:
        return
    session.flush()  # new rows get their ids, which the mails refer to
    now = utcnow()
    rows = [_row(mail, now) for mail in (compose() for compose in composers.values()) if mail]
    if rows:
        # One INSERT statement, not a second flush of the unit of work: a registration's
        # transaction pays for its mail only this (README, "Mail").
        # On the connection: SQL only, without the ORM's bulk-insert bookkeeping.
        ids = session.connection().execute(INSERT_MAIL, rows).scalars().all()
        session.info.setdefault(NEW_IDS_KEY, []).extend(ids)


def _row(mail: QueuedMail, now: dt.datetime) -> dict:
    message = None if mail.message is None else mail.message.as_bytes(policy=POLICY)
    return {
        "kind": mail.kind,
        "recipient": mail.recipient,
        "message": message,
        "about_id": mail.about_id,
        "language": mail.language,
        "status": MailStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": "",
        "created_at": now,
    }


def _remember_committed(session: Session) -> None:
    ids = session.info.pop(NEW_IDS_KEY, None)
    if ids and has_app_context():
        g.setdefault(QUEUED_IN_REQUEST, []).extend(ids)


def _forget_on_end(session: Session, transaction) -> None:
    # A rolled-back (or closed) transaction takes its mails with it.
    if transaction.parent is None:
        session.info.pop(PENDING_KEY, None)
        session.info.pop(NEW_IDS_KEY, None)


def install_session_events(session_target) -> None:
    if not event.contains(session_target, "before_commit", _store_deferred):
        event.listen(session_target, "before_commit", _store_deferred)
        event.listen(session_target, "after_commit", _remember_committed)
        event.listen(session_target, "after_transaction_end", _forget_on_end)


# --- sending ---------------------------------------------------------------------------


def _claimable(now: dt.datetime, due_only: bool):
    pending = OutgoingMail.status == MailStatus.PENDING
    return or_(
        and_(pending, OutgoingMail.next_attempt_at <= now if due_only else true()),
        and_(OutgoingMail.status == MailStatus.SENDING, OutgoingMail.next_attempt_at < now),
    )


_MAIL = OutgoingMail.__table__
_CLAIMED_COLUMNS = [_MAIL.c[field] for field in ClaimedMail.__dataclass_fields__]


def _claim(mail_id: int, due_only: bool) -> ClaimedMail | None:
    """Take the mail for this sender, or None when it is not to be sent (sent, given up,
    waiting for its back-off, or taken): a concurrent sender (another worker, the timer)
    finds it taken, so no mail goes out twice. One statement, whose RETURNING gives what
    sending needs, and its commit (the claim must be seen before the mail goes out)."""
    now = utcnow()
    row = db.session.execute(
        update(_MAIL)
        .where(_MAIL.c.id == mail_id, _claimable(now, due_only))
        .values(
            status=MailStatus.SENDING, attempts=_MAIL.c.attempts + 1, next_attempt_at=now + LEASE
        )
        .returning(*_CLAIMED_COLUMNS)
    ).first()
    db.session.commit()
    return None if row is None else ClaimedMail(*row)


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 ... minutes after the first, second, third failure; at most an hour."""
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _is_permanent(error: Exception) -> bool:
    """The server refused this recipient for good (5xx), or there is nothing to send any
    more: trying again cannot help."""
    if isinstance(error, NotComposed):
        return error.permanent
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def _record(mail: ClaimedMail, error: Exception | None, delivery: Delivery) -> None:
    """Store how sending went: one UPDATE (and what composing changed) and its commit."""
    now = utcnow()
    if error is None:
        values = {"status": MailStatus.SENT, "sent_at": now, "message": None, "last_error": ""}
        delivery.sent += 1
    else:
        values = {"last_error": f"{type(error).__name__}: {error}"[:300]}
        if _is_permanent(error) or mail.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
            values["status"] = MailStatus.FAILED
            delivery.failed += 1
            if isinstance(error, NotComposed) and error.permanent:
                values["about_id"] = None  # nothing to revive (``retry_failed``)
        else:
            values["status"] = MailStatus.PENDING
            values["next_attempt_at"] = now + backoff(mail.attempts)
            delivery.retrying += 1
        # Only the error's class: its text may quote the recipient's address.
        current_app.logger.warning("mail %s not sent: %s", mail.id, type(error).__name__)
    db.session.execute(update(_MAIL).where(_MAIL.c.id == mail.id).values(values))
    db.session.commit()


def deliver(
    *, ids: Iterable[int] | None = None, due_only: bool = True, limit: int | None = None
) -> Delivery:
    """Send pending mail (only those whose back-off has passed when ``due_only``)."""
    delivery = Delivery()
    transport = open_transport()
    try:
        for mail_id in _candidates(ids, due_only, limit):
            mail = _claim(mail_id, due_only)
            if mail is None:
                continue
            error = _send_one(transport, mail)
            _record(mail, error, delivery)
            if error is not None and _server_away(error):
                delivery.interrupted = True
                break
    finally:
        transport.close()
    return delivery


def _candidates(ids: Iterable[int] | None, due_only: bool, limit: int | None) -> list[int]:
    """The mails to try: a request's own by id, claimed straight away (the claim checks
    each: no look first, which cost a statement and a commit after every registration's
    answer), or those the back-off lets go now."""
    if ids is not None:
        return sorted(set(ids))[:limit]
    query = select(OutgoingMail.id).where(_claimable(utcnow(), due_only))
    candidates = list(db.session.execute(query.order_by(OutgoingMail.id).limit(limit)).scalars())
    db.session.commit()
    return candidates


def _server_away(error: Exception) -> bool:
    """The server could not take this mail, nor, most likely, the next ones."""
    return not isinstance(error, NotComposed) and not _is_permanent(error)


def _send_one(transport, mail: ClaimedMail) -> Exception | None:
    try:
        message = _message_bytes(mail)
    except NotComposed as error:
        return error
    try:
        transport.send(current_app.config["MAIL_SENDER"], mail.recipient, message)
    except (smtplib.SMTPException, OSError) as error:
        return error
    return None


def _message_bytes(mail: ClaimedMail) -> bytes:
    """The stored message, or the one its kind's composer writes now."""
    if mail.message is not None:
        return mail.message
    composer = _COMPOSERS.get(mail.kind)
    if composer is None or mail.about_id is None:
        raise NotComposed(f"no composer for {mail.kind!r}", permanent=True)
    try:
        message = composer(mail)
    except Exception:  # a composer's fault must not stop the other mails
        current_app.logger.exception("mail %s could not be composed", mail.id)
        db.session.rollback()
        raise NotComposed("composing failed", permanent=False) from None
    if message is None:
        raise NotComposed("nothing to send any more", permanent=True)
    return message.as_bytes(policy=POLICY)


def retry_failed() -> int:
    """Give every given-up mail a fresh set of attempts (after a long outage)."""
    result = db.session.execute(
        update(OutgoingMail)
        .where(
            OutgoingMail.status == MailStatus.FAILED,
            or_(OutgoingMail.message.is_not(None), OutgoingMail.about_id.is_not(None)),
        )
        .values(status=MailStatus.PENDING, attempts=0, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount


def status_counts() -> dict[str, int]:
    rows = dict(
        db.session.execute(
            select(OutgoingMail.status, func.count(OutgoingMail.id)).group_by(OutgoingMail.status)
        ).all()
    )
    return {
        "pending": rows.get(MailStatus.PENDING, 0) + rows.get(MailStatus.SENDING, 0),
        "sent": rows.get(MailStatus.SENT, 0),
        "failed": rows.get(MailStatus.FAILED, 0),
    }
