"""Mails to delegates about every change that matters to them, in the language they
registered in, each with their personal link and their items as a calendar file.

Operations call ``notify`` inside their transaction; what to send (kind, address,
language) is stored when that transaction commits, and the mail is composed when it is
sent (``mail.outbox``), right after the response or, after an outage, later: it then
shows the registration as it stands when sent, with the link the delegate holds (derived,
``personal_link``), so nothing is lost by composing late.
"""

from __future__ import annotations

import enum
from email.message import EmailMessage

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from ..clock import venue_zone
from ..extensions import db
from ..mail import ClaimedMail, QueuedMail, composes, defer
from ..mail.message import text_message
from ..program.models import ProgramItem, Seminar
from .availability import waitlist_positions
from .models import Attendance, AttendanceStatus, Delegate, DelegateStatus
from .personal_link import personal_link


class MailKind(enum.StrEnum):
    CONFIRMATION = "confirmation"
    PROMOTED = "promoted"
    CHANGED = "changed"
    # A delegation's contact changed a member's registration (delegations/).
    CHANGED_BY_CONTACT = "changed_by_contact"
    CANCELLED = "cancelled"
    LINK_RENEWED = "link_renewed"
    # The time or place of an item the delegate holds (programme settings).
    PROGRAMME_CHANGED = "programme_changed"
    # A link to an earlier edition's record, asked for on the registration form.
    RETURNING = "returning"


def _subject(kind: str, title: str) -> str:
    return {
        MailKind.CONFIRMATION: lambda: _("Your registration: %(title)s", title=title),
        MailKind.PROMOTED: lambda: _("A place has become free for you: %(title)s", title=title),
        MailKind.CHANGED: lambda: _("Your registration has been changed: %(title)s", title=title),
        MailKind.CHANGED_BY_CONTACT: lambda: _(
            "Your registration has been changed: %(title)s", title=title
        ),
        MailKind.CANCELLED: lambda: _(
            "Your registration has been cancelled: %(title)s", title=title
        ),
        MailKind.LINK_RENEWED: lambda: _("Your new personal link: %(title)s", title=title),
        MailKind.PROGRAMME_CHANGED: lambda: _("Programme change: %(title)s", title=title),
        MailKind.RETURNING: lambda: _("Your details from the %(title)s", title=title),
    }[kind]()


def _intro(kind: str, title: str) -> str:
    return {
        MailKind.CONFIRMATION: lambda: _(
            "Thank you for registering for the %(title)s.", title=title
        ),
        MailKind.PROMOTED: lambda: _(
            "Good news: a place has become free, and you have moved up from the waiting list."
        ),
        MailKind.CHANGED: lambda: _(
            "The seminar secretariat has changed your registration. It now reads as follows."
        ),
        MailKind.CHANGED_BY_CONTACT: lambda: _(
            "Your delegation's contact has changed your registration. It now reads as follows."
        ),
        MailKind.CANCELLED: lambda: _(
            "Your registration has been cancelled. If you did not intend this, please open "
            "your personal link or contact the secretariat."
        ),
        MailKind.LINK_RENEWED: lambda: _(
            "A new personal link has been issued for your registration; the previous link no "
            "longer works. If you did not ask for it, your registration is unchanged and you "
            "need do nothing."
        ),
        MailKind.PROGRAMME_CHANGED: lambda: _(
            "The secretariat has changed the time or place of a programme item you hold. "
            "Your programme now reads as follows; the attached calendar file updates it."
        ),
        MailKind.RETURNING: lambda: _(
            "You asked to register with the details of your earlier registration. Open "
            "your personal link below: the registration form of the new seminar opens with "
            "your name and organisation filled in. If you did not ask for this, you need "
            "do nothing."
        ),
    }[kind]()


def status_change_mail(before: str, after: str) -> MailKind:
    if after == DelegateStatus.CANCELLED:
        return MailKind.CANCELLED
    if before == DelegateStatus.CANCELLED:
        return MailKind.CONFIRMATION
    if before == DelegateStatus.WAITLISTED and after == DelegateStatus.CONFIRMED:
        return MailKind.PROMOTED
    return MailKind.CHANGED


def notify(delegate: Delegate, kind: MailKind) -> None:
    """Mail the delegate about ``kind`` when the current transaction commits."""
    defer(("delegate", id(delegate), kind), lambda: _queued(delegate, kind))


def _queued(delegate: Delegate, kind: str) -> QueuedMail | None:
    if not delegate.email:
        return None  # a delegation member without an address: their contact acts for them
    language = delegate.language or "ja"
    return QueuedMail(kind, delegate.email, about_id=delegate.id, language=language)


@composes(*MailKind)
def compose_queued(mail: ClaimedMail) -> EmailMessage | None:
    """A queued mail, written as it is sent; None when there is no one to write to any
    more: the delegate was deleted or anonymised, or their link ended (retention), and
    a late mail must not bring it back."""
    found = db.session.execute(_WITH_ALL_A_MAIL_SHOWS, {"delegate_id": mail.about_id})
    delegate, seminar = found.unique().one_or_none() or (None, None)
    if delegate is None or delegate.anonymised_at or delegate.manage_token_hash is None:
        return None
    return compose(delegate, mail.kind, mail.recipient, mail.language or "ja", seminar)


# The delegate, their places with each item and its day, and the seminar: one statement,
# not a load for each (5 round trips after every registration's answer). Built once.
_WITH_ALL_A_MAIL_SHOWS = (
    select(Delegate, Seminar)
    .join(Seminar, Seminar.id == Delegate.seminar_id)
    .where(Delegate.id == bindparam("delegate_id"))
    .options(joinedload(Delegate.attendances).joinedload(Attendance.item).joinedload(ProgramItem.day))
)


def seminar_title(seminar: Seminar, language: str) -> str:
    return getattr(seminar, f"title_{language}", None) or seminar.title_ja


def _positions(delegate: Delegate) -> dict[int, int]:
    waiting = any(a.status == AttendanceStatus.WAITLISTED for a in delegate.attendances)
    return waitlist_positions(delegate) if waiting else {}


def compose(
    delegate: Delegate, kind: str, recipient: str, language: str, seminar: Seminar
) -> EmailMessage:
    # Imported here: icalendar is a twentieth of the app's start-up, and only the mail
    # sender (after the response, or `send-mail`) needs it.
    from .calendar import calendar_for

    with force_locale(language):
        title = seminar_title(seminar, language)
        subject = _subject(kind, title)
        body = render_template(
            "registration/delegate_email.txt",
            delegate=delegate,
            intro=_intro(kind, title),
            kind=kind,
            language=language,
            link=personal_link(delegate),
            positions=_positions(delegate),
            zone=venue_zone().key,
        )
    message = text_message(recipient, subject, body, language)
    calendar = calendar_for(delegate, seminar, language) if kind != MailKind.RETURNING else None
    if calendar is not None:
        message.add_attachment(
            calendar, maintype="text", subtype="calendar", filename="seminar.ics"
        )
    return message
