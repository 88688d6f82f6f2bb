"""Returning members (#13 item 5): a delegation's contact fills in a member from that
person's record of an earlier edition, once the person has agreed.

The contact types the member's address on the delegation page and is answered the same
whatever it is. After the response, the holder of the newest earlier record of the
delegation's side (`registration.returning.earlier_record`, the registration form's
rule) is mailed a link saying who asks and what the contact would see. Opening it is
their consent (`agree`): from then on the contact's page offers to fill in the member
form from that record (`registration.returning.fill_form`: name fields, readings, Latin
names, title, email; the organisation is the delegation's). Before that, the contact
sees nothing of the record, not even whether there is one. The member then gets their
own link by mail once the contact has added them, as every member with an address.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ..clock import utcnow
from ..extensions import db
from ..registration.models import Delegate, DelegateStatus
from ..registration.personal_link import (
    RENEWAL_COOLDOWN,
    derive_token,
    issue_derived_token,
    presented_token_hash,
    row_by_token_hash,
)
from ..registration.returning import earlier_record, fill_form
from .expiry import has_expired
from .mails import notify_returning_member
from .models import Invitation, MembershipRequest, ReturningMember

PURPOSE = b"seminar_reg returning member\x00"


def current_token(request: ReturningMember) -> str:
    return derive_token(request.link_nonce or "", PURPOSE)


def issue_token(request: ReturningMember) -> str:
    """A new link for the request (an earlier one stops working)."""
    return issue_derived_token(request, PURPOSE)


def ask(invitation_id: int, email: str) -> bool:
    """Mail the holder of the address's earlier record of this side a link asking
    whether the contact may fill in the member form from it. False (and nothing mailed)
    when there is no such record, when its holder agreed already (the contact's page
    offers the record; a new mail would ask again for what they gave, and a new link
    would end the one they have), or one was mailed a moment ago (nobody fills a
    mailbox through this form). Run after the response: the contact's answer is the
    same either way."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None:
        return False
    record = earlier_record(invitation.seminar_id, email, invitation.organization.side)
    if record is None:
        return False
    request = _request(invitation, record)
    if request is None:
        request = ReturningMember(invitation=invitation, delegate=record)
        db.session.add(request)
    elif request.confirmed_at is not None or request.requested_at > utcnow() - RENEWAL_COOLDOWN:
        return False
    request.requested_at = utcnow()
    issue_token(request)
    notify_returning_member(request)
    db.session.commit()
    return True


def _request(invitation: Invitation, record: Delegate) -> ReturningMember | None:
    return db.session.execute(
        select(ReturningMember).where(
            ReturningMember.invitation_id == invitation.id,
            ReturningMember.delegate_id == record.id,
        )
    ).scalar_one_or_none()


def agree(token: str) -> ReturningMember | None:
    """The mailed link was opened: the person agrees (the first time counts). A link
    opens for ``expiry.REQUEST_LIFETIME`` after it was mailed."""
    request = row_by_token_hash(ReturningMember.token_hash, presented_token_hash(token))
    if request is None or has_expired(request.requested_at):
        return None
    if request.confirmed_at is None:
        request.confirmed_at = utcnow()
        db.session.commit()
    return request


def agreed(request_id) -> ReturningMember | None:
    """The request this browser agreed to (kept in its session), for the thanks page."""
    return db.session.get(ReturningMember, request_id) if isinstance(request_id, int) else None


def offers(invitation: Invitation) -> list[ReturningMember]:
    """The earlier records whose holders agreed and who are not on the delegation's page
    yet, in the order they agreed: what the contact's page offers to fill in."""
    # The delegation's members (by their address, or the one shown on them: ``joining``)
    # have nothing to fill. A holder registered elsewhere stays offered, or the offer
    # going would tell the contact who is registered; adding them asks them to join.
    taken = aliased(Delegate)
    members = select(taken.email_key).where(
        taken.invitation_id == invitation.id,
        taken.email_key.is_not(None),
        taken.status != DelegateStatus.CANCELLED,
    )
    asked = select(func.lower(MembershipRequest.requested_email)).where(
        MembershipRequest.invitation_id == invitation.id,
        MembershipRequest.replaces_delegate_id.is_not(None),
    )
    return list(
        db.session.execute(
            select(ReturningMember)
            .join(Delegate, Delegate.id == ReturningMember.delegate_id)
            .where(
                ReturningMember.invitation_id == invitation.id,
                ReturningMember.confirmed_at.is_not(None),
                Delegate.anonymised_at.is_(None),
                Delegate.email_key.not_in(members),
                Delegate.email_key.not_in(asked),
            )
            .order_by(ReturningMember.confirmed_at)
        ).scalars()
    )


def fill_member_form(invitation: Invitation, form, offer_id: str | None) -> Delegate | None:
    """Fill the contact's unsent member form from the agreed record `offer_id`, if it
    is one this delegation may use; the record filled from, else None."""
    if not offer_id or not offer_id.isdigit():
        return None
    for offer in offers(invitation):
        if offer.id == int(offer_id):
            fill_form(form, offer.delegate)
            return offer.delegate
    return None
