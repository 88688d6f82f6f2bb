"""Mails to a delegation's contact: the invitation (sent again on request) and the
reminder, in the contact's language, with the delegation's link. Stored when the
change commits and sent after it, as every mail (``mail.outbox``). Also the two
requests mailed to a person a contact names: to fill in a member from an earlier
record (``returning``), and to join (``joining``); the latter is composed when sent,
as a delegate's mails are, so the contact's answer costs the same as for a new
address (its link is derived, ``JOIN_PURPOSE``)."""

from __future__ import annotations

import enum
import hmac
from email.message import EmailMessage

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ..clock import venue_stamp
from ..extensions import db
from ..links import public_url
from ..mail import ClaimedMail, QueuedMail, composes, defer
from ..mail.message import text_message
from ..program.models import Seminar
from ..registration.models import Delegate
from ..registration.notifications import seminar_title
from ..registration.personal_link import derive_token, token_hash
from .expiry import has_expired
from .links import invitation_link
from .models import Invitation, MembershipRequest, ReturningMember

JOIN_PURPOSE = b"seminar_reg membership request\x00"


class InvitationMail(enum.StrEnum):
    INVITATION = "invitation"
    REMINDER = "invitation_reminder"
    # To a member's earlier address: may their contact fill them in from that record?
    RETURNING_MEMBER = "returning_member"
    # To an address registered already: join the delegation? (``joining``)
    MEMBERSHIP_REQUEST = "membership_request"


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


def notify_returning_member(request: ReturningMember) -> None:
    """Mail the holder of the earlier record when the current transaction commits."""
    defer(("returning_member", id(request)), lambda: compose_returning_member(request))


def compose_returning_member(request: ReturningMember) -> QueuedMail:
    """In the language the person registered in before: who asks (the delegation and
    its contact's address), what the contact would see, and the link that agrees."""
    from .returning import current_token  # returning builds on this module

    invitation, record = request.invitation, request.delegate
    seminar = db.session.get(Seminar, invitation.seminar_id)
    earlier = db.session.get(Seminar, record.seminar_id)
    language = record.language or "ja"
    with force_locale(language):
        title = seminar_title(seminar, language)
        subject = _("Your delegation to the %(title)s", title=title)
        body = render_template(
            "delegations/returning_member_email.txt",
            name=record.full_name,
            organization=invitation.organization.name_in(language),
            contact_email=invitation.contact_email,
            title=title,
            earlier_title=seminar_title(earlier, language),
            link=public_url("delegations.returning_agreed", token=current_token(request)),
        )
    message = text_message(record.email, subject, body, language)
    return QueuedMail(
        kind=InvitationMail.RETURNING_MEMBER, recipient=record.email, message=message
    )


def notify_membership_request(request: MembershipRequest, delegate: Delegate) -> None:
    """Queue the request's mail with the change: what to send, written when sent."""
    defer(("join", request.invitation_id, delegate.id), lambda: QueuedMail(
        kind=InvitationMail.MEMBERSHIP_REQUEST, recipient=delegate.email,
        about_id=request.id, language=delegate.language or "ja",
    ))


@composes(InvitationMail.MEMBERSHIP_REQUEST)
def compose_membership_request(mail: ClaimedMail) -> EmailMessage | None:
    """None when the request's link would open nothing any more (answered, withdrawn,
    expired, or made again with a new link)."""
    request = db.session.get(MembershipRequest, mail.about_id or 0)
    if request is None or not request.link_nonce or has_expired(request.created_at):
        return None
    token = derive_token(request.link_nonce, JOIN_PURPOSE)
    if not hmac.compare_digest(token_hash(token), request.token_hash):
        return None
    invitation, language = request.invitation, mail.language or "ja"
    with force_locale(language):
        title = seminar_title(db.session.get(Seminar, invitation.seminar_id), language)
        organization = invitation.organization.name_in(language)
        subject = _("Join the delegation of %(organization)s?", organization=organization)
        body = render_template(
            "delegations/join_email.txt", organization=organization, title=title,
            contact_email=invitation.contact_email,
            link=public_url("delegations.join_entry", token=token),
        )
    return text_message(mail.recipient, subject, body, language)
