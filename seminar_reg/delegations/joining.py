"""A contact adds a member whose address is registered already.

The answer must not tell the contact who is registered (README, Security: "Who is
attending"), so the contact is answered as for a new address, and nothing of the
typed details is stored but the name for the contact's list ("waiting for the person
to confirm"). The person at the address is mailed a link: joining makes their own
registration, unchanged but for the organisation, a member of the delegation; refusing
drops the request. Nothing is joined without them, so no data of theirs reaches the
contact without their consent, and a delegate is never stored twice.

The same rule as the public form's (``registration.routes.register``): an address
registered already is answered as a new one and its owner is mailed.
"""

from __future__ import annotations

import dataclasses
import secrets

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..links import public_url
from ..mail import QueuedMail, defer
from ..mail.message import text_message
from ..names.display import display_name
from ..program.models import Seminar
from ..registration import operations as registration
from ..registration.data import DelegateData, RegistrationError
from ..registration.history import record_changes, snapshot
from ..registration.models import Delegate, DelegateChange, DelegateStatus
from ..registration.notifications import seminar_title
from ..registration.personal_link import (
    presented_token_hash,
    row_by_token_hash,
    token_hash,
)
from ..registration.rules import places_refused, refusal_reasons
from ..vocabulary import InvitationStatus
from .expiry import has_expired
from .history import record_change, set_status
from .models import Invitation, MembershipRequest
from .operations import CONTACT, DelegationError, check_may_change, update_member

# The person at the address acts (as on their own page).
MEMBER = "self"


class JoinRefused(Exception):
    """Joining would break a rule; str() is a sentence in the reader's language."""


def typed_name(data: DelegateData) -> str:
    """The name as the contact typed it, written as the delegate's full name would be."""
    return display_name(data.side, data.family_name, data.given_name)


def owner_of(invitation: Invitation, email: str) -> Delegate | None:
    return db.session.execute(
        select(Delegate).where(
            Delegate.seminar_id == invitation.seminar_id, Delegate.email_key == email.casefold()
        )
    ).scalar_one_or_none()


def request_membership(
    invitation: Invitation, data: DelegateData, *, replaces: Delegate | None = None
) -> bool:
    """Ask the owner of ``data.email`` to join (in place of ``replaces``, a member whose
    address the contact changed to theirs); False when the address is this delegation's
    own member (the contact sees those already, so the form may say so). A second
    request for the same person sends nothing new while the first one's link opens."""
    check_may_change(invitation)
    delegate = owner_of(invitation, data.email)
    if delegate is None or delegate.invitation_id == invitation.id:
        return False
    exists = db.session.execute(
        select(MembershipRequest).where(
            MembershipRequest.invitation_id == invitation.id,
            MembershipRequest.delegate_id == delegate.id,
        )
    ).scalar_one_or_none()
    if exists is not None and has_expired(exists.created_at):
        db.session.delete(exists)  # its link no longer opens: ask again with a new one
        db.session.flush()
        exists = None
    if exists is None:
        token = secrets.token_urlsafe(32)
        request = MembershipRequest(
            invitation_id=invitation.id, delegate_id=delegate.id,
            requested_name=typed_name(data)[:200], token_hash=token_hash(token),
            replaces_delegate_id=replaces.id if replaces else None,
        )
        db.session.add(request)
        record_change(invitation, CONTACT, "member_requested", "", request.requested_name)
        defer(("join", invitation.id, delegate.id), lambda: _compose(invitation, delegate, token))
    try:
        db.session.commit()
    except IntegrityError:  # the same request, sent twice at once: the first one stands
        db.session.rollback()
    return True


def pending_requests(invitation: Invitation) -> list[MembershipRequest]:
    return list(db.session.execute(
        select(MembershipRequest)
        .where(MembershipRequest.invitation_id == invitation.id)
        .order_by(MembershipRequest.id)
    ).scalars())


def request_by_token(token: str) -> MembershipRequest | None:
    return request_by_hash(presented_token_hash(token))


def request_by_hash(digest: str) -> MembershipRequest | None:
    """The open request whose token hashes to ``digest`` (kept in the session)."""
    request = row_by_token_hash(MembershipRequest.token_hash, digest)
    if request is None or has_expired(request.created_at):
        return None
    return request


def delegate_of(request: MembershipRequest) -> Delegate:
    return db.session.get(Delegate, request.delegate_id)


def refusal(request: MembershipRequest) -> str:
    """Why the person cannot join now, or "" (read before the buttons are shown)."""
    invitation, delegate = request.invitation, delegate_of(request)
    organization = invitation.organization
    try:
        check_may_change(invitation)
    except DelegationError:
        return _("This delegation can no longer be changed. Please contact the secretariat.")
    if delegate.status == DelegateStatus.CANCELLED:
        return _("Your registration is cancelled. Undo the cancellation on your page first.")
    if delegate.side != organization.side:
        return _("This delegation is on the other side of the seminar.")
    refused = places_refused(delegate, organization.side, organization.organization_type)
    if refused:
        return _(
            "Please leave these items on your page first: %(reasons)s",
            reasons=refusal_reasons(refused),
        )
    return ""


def join(request: MembershipRequest) -> Delegate:
    """The person joins: their registration becomes the delegation's member, with its
    organisation; places and everything else stay theirs."""
    if reason := refusal(request):
        raise JoinRefused(reason)
    invitation, delegate = request.invitation, delegate_of(request)
    organization = invitation.organization
    if delegate.invitation_id is not None:
        earlier = db.session.get(Invitation, delegate.invitation_id)
        record_change(earlier, MEMBER, "member_removed", delegate.full_name, "")
    before = snapshot(delegate)
    delegate.invitation_id = invitation.id
    delegate.organization = organization.name
    delegate.cross_organization = organization.cross_name
    delegate.organization_type = organization.organization_type
    record_changes(delegate, before, MEMBER)
    delegate.changes.append(
        DelegateChange(actor=MEMBER, field="delegation", before="", after=organization.name)
    )
    record_change(invitation, MEMBER, "member_added", "", delegate.full_name)
    set_status(invitation, InvitationStatus.REGISTERED, MEMBER)
    replaced = db.session.get(Delegate, request.replaces_delegate_id or 0)
    db.session.delete(request)
    still_member = replaced and replaced.invitation_id == invitation.id
    if still_member and replaced.status != DelegateStatus.CANCELLED:
        record_change(invitation, MEMBER, "member_removed", replaced.full_name, "")
        registration.cancel_registration(replaced, actor=MEMBER)  # commits it all
    db.session.commit()
    return delegate


def update_member_or_ask(invitation: Invitation, member: Delegate, data: DelegateData) -> list[str]:
    """The contact's change of a member. An address registered to someone outside the
    delegation is neither stored nor named: the other changes are saved, the contact is
    answered as for any new address, and the person at it is asked to join in the
    member's place (the same rule as adding, so editing cannot probe addresses)."""
    try:
        return update_member(invitation, member, data)
    except RegistrationError as error:
        owner = owner_of(invitation, data.email) if error.only_email_taken() else None
        if owner is None:
            raise
        if owner.invitation_id == invitation.id:
            raise  # their own member: the contact sees that address already
        db.session.rollback()
    changed = update_member(invitation, member, dataclasses.replace(data, email=member.email))
    request_membership(invitation, data, replaces=member)
    return [*changed, "email"]


def refuse(request: MembershipRequest) -> None:
    record_change(request.invitation, MEMBER, "member_request_refused", request.requested_name, "")
    db.session.delete(request)
    db.session.commit()


def _compose(invitation: Invitation, delegate: Delegate, token: str) -> QueuedMail:
    seminar = db.session.get(Seminar, invitation.seminar_id)
    language = delegate.language or "ja"
    with force_locale(language):
        title = seminar_title(seminar, language)
        organization = invitation.organization.name_in(language)
        subject = _("Join the delegation of %(organization)s?", organization=organization)
        body = render_template(
            "delegations/join_email.txt", organization=organization, title=title,
            contact_email=invitation.contact_email,
            link=public_url("delegations.join_entry", token=token),
        )
    message = text_message(delegate.email, subject, body, language)
    return QueuedMail(kind="membership_request", recipient=delegate.email, message=message)
