"""Mails to a delegation's contact: the invitation (sent again on request) and the
reminder, in the contact's language, with the delegation's link. Stored when the
change commits and sent after it, as every mail (``mail.outbox``)."""

from __future__ import annotations

import enum

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ..clock import venue_stamp
from ..extensions import db
from ..mail import QueuedMail, defer
from ..mail.message import text_message
from ..program.models import Seminar
from ..registration.notifications import seminar_title
from .links import invitation_link
from .models import Invitation


class InvitationMail(enum.StrEnum):
    INVITATION = "invitation"
    REMINDER = "invitation_reminder"


def notify_contact(invitation: Invitation, kind: InvitationMail) -> None:
    """Mail the contact when the current transaction commits."""
    defer(("invitation", id(invitation), kind), lambda: compose(invitation, kind))


def compose(invitation: Invitation, kind: str) -> QueuedMail:
    seminar = db.session.get(Seminar, invitation.seminar_id)
    language = invitation.language or "ja"
    with force_locale(language):
        title = seminar_title(seminar, language)
        if kind == InvitationMail.REMINDER:
            subject = _("Reminder: your delegation to the %(title)s", title=title)
        else:
            subject = _("Invitation: %(title)s", title=title)
        body = render_template(
            "delegations/invitation_email.txt",
            invitation=invitation,
            organization=invitation.organization.name_in(language),
            title=title,
            reminder=kind == InvitationMail.REMINDER,
            deadline=venue_stamp(invitation.deadline) if invitation.deadline else None,
            link=invitation_link(invitation),
        )
    message = text_message(invitation.contact_email, subject, body, language)
    return QueuedMail(kind=kind, recipient=invitation.contact_email, message=message)
