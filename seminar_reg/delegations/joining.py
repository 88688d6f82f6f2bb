"""A contact adds a member whose address is registered already.

The contact must not learn who is registered (README, Security: "Who is attending"),
so they get what a new address gives, on every page after it too: the member as typed
is registered (places, waiting list, Change and Remove, counts, letters), and their
page shows the typed address on them, which only the request keeps (the member's row
has none: it is the person's own record's). The person at the address is mailed a
link: joining makes their own registration, unchanged but for the organisation, the
delegation's member in place of the typed one (whose places go to the waiting list);
refusing cancels the typed one, as a new member leaving on /my would. Nothing of theirs
reaches the contact without their consent, and the secretariat sees the request
(``console``). A contact's own address is theirs to hear about (``request_membership``).

The same rule as the public form's (``registration.routes.register``): an address
registered already is answered as a new one and its owner is mailed.
"""

from __future__ import annotations

import dataclasses

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..audit.trail import Kind, record
from ..clock import utcnow
from ..extensions import db
from ..names.display import display_name
from ..registration import operations as registration
from ..registration.data import DelegateData, RegistrationError
from ..registration.history import TRACKED_FIELDS, record_changes, snapshot
from ..registration.models import Delegate, DelegateChange, DelegateStatus
from ..registration.personal_link import (
    issue_derived_token,
    presented_token_hash,
    row_by_token_hash,
)
from ..registration.rules import places_refused, refusal_reasons
from ..vocabulary import InvitationStatus
from .expiry import has_expired
from .history import record_change, set_status
from .mails import JOIN_PURPOSE, notify_membership_request
from .models import Invitation, MembershipRequest
from .operations import (
    CONTACT,
    DelegationError,
    add_member,
    check_may_change,
    update_member,
)

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


def add_member_or_ask(invitation: Invitation, data: DelegateData) -> Delegate:
    """The contact adds a member. At an address registered to someone outside the
    delegation, the contact gets what a new address gives: the member as typed is
    registered (places, waiting list and all) without the address, which only the
    request keeps and the contact's page shows on them; the person at it is mailed a
    link to join in that member's place. The member is returned either way. The owner
    is looked up first, so neither answer tries and undoes a registration."""
    owner = _owner_outside(invitation, data.email)
    if owner is None:
        try:
            return add_member(invitation, data)
        except RegistrationError as error:  # registered a moment ago, or to be seen
            db.session.rollback()
            if not error.only_email_taken() or (
                owner := _owner_outside(invitation, data.email)
            ) is None:
                raise
    member = add_member(invitation, dataclasses.replace(data, email=""), commit=False)
    _ask(invitation, owner, data, replaces=member)
    _commit_request(data.email)
    return member


def request_membership(invitation: Invitation, data: DelegateData) -> bool:
    """The contact's own address is registered already (they may hear it: it is theirs):
    ask them by mail to bring that registration in. False when it is this delegation's
    member; a second request sends nothing new while the first one's link opens."""
    check_may_change(invitation)
    delegate = owner_of(invitation, data.email)
    if delegate is None or delegate.invitation_id == invitation.id:
        return False
    exists = _request_for(invitation, delegate)
    if exists is None or has_expired(exists.created_at):
        _ask(invitation, delegate, data)
    try:
        db.session.commit()
    except IntegrityError:  # the same request, sent twice at once: the first one stands
        db.session.rollback()
    return True


def _owner_outside(invitation: Invitation, email: str) -> Delegate | None:
    """The owner of ``email`` when the contact must not hear that it is registered;
    None when it is free, or the contact may hear it: the address is their own member's,
    or shown on one of their members already (asked before). A member who left (removed,
    cancelled on /my) is asked as anyone else: a typed member removed or declined frees
    the address shown on them, so "registered already" here would tell which was which."""
    owner = owner_of(invitation, email) if email else None
    if owner is None or (
        owner.invitation_id == invitation.id and owner.status != DelegateStatus.CANCELLED
    ):
        return None
    asked = _request_for(invitation, owner)
    return None if asked is not None and _shown(asked) else owner


def _shown(request: MembershipRequest) -> bool:
    """Whether the contact's page shows the request's address (on a registered member)."""
    replaced = db.session.get(Delegate, request.replaces_delegate_id or 0)
    return replaced is not None and replaced.status != DelegateStatus.CANCELLED


def _request_for(invitation: Invitation, delegate: Delegate) -> MembershipRequest | None:
    return db.session.execute(
        select(MembershipRequest).where(
            MembershipRequest.invitation_id == invitation.id,
            MembershipRequest.delegate_id == delegate.id,
        )
    ).scalar_one_or_none()


def _ask(invitation: Invitation, delegate: Delegate, data: DelegateData, *,
         replaces: Delegate | None = None) -> None:
    """Add the request (an earlier one for the person goes: its link stops) and queue
    its mail; the caller commits."""
    if (earlier := _request_for(invitation, delegate)) is not None:
        db.session.delete(earlier)
        db.session.flush()
    request = MembershipRequest(
        invitation_id=invitation.id, delegate_id=delegate.id,
        requested_name=typed_name(data)[:200], requested_email=data.email,
        replaces_delegate_id=replaces.id if replaces else None,
    )
    issue_derived_token(request, JOIN_PURPOSE)
    db.session.add(request)
    record_change(invitation, CONTACT, "member_requested", "", request.requested_name)
    notify_membership_request(request, delegate)


def _commit_request(email: str) -> None:
    """Two equal requests at once: the second is answered as a new address added twice."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise RegistrationError({"email": ("email_taken", email)}) from None


def _replacing(member: Delegate) -> MembershipRequest | None:
    return db.session.execute(
        select(MembershipRequest).where(MembershipRequest.replaces_delegate_id == member.id)
    ).scalar_one_or_none()


def ask_again(request: MembershipRequest, *, actor: str) -> None:
    """The secretariat sends the request again: a new link (the one mailed before stops
    opening), open for the full time from now. Staff only: the contact sees nothing."""
    owner = delegate_of(request)
    issue_derived_token(request, JOIN_PURPOSE)
    request.created_at = utcnow()
    record_change(request.invitation, actor, "member_requested", "", request.requested_name)
    notify_membership_request(request, owner)
    db.session.commit()
    record(Kind.JOIN_REQUEST_SENT, subject=f"delegation {request.invitation_id}: "
           f"delegate {owner.id}", people=1)


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
    if delegate.invitation_id not in (None, invitation.id):  # a member who left rejoins
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
    replaced = db.session.get(Delegate, request.replaces_delegate_id or 0)
    still_member = replaced and replaced.invitation_id == invitation.id
    # One line the secretariat reads (the contact's page shows the member, not how
    # they came: a new member's confirming writes nothing there either).
    record_change(invitation, MEMBER, "member_joined",
                  replaced.full_name if still_member else "", delegate.full_name)
    set_status(invitation, InvitationStatus.REGISTERED, MEMBER)
    db.session.delete(request)
    if still_member and replaced.status != DelegateStatus.CANCELLED:
        registration.cancel_registration(replaced, actor=MEMBER)  # commits it all
    db.session.commit()
    return delegate


def update_member_or_ask(invitation: Invitation, member: Delegate, data: DelegateData) -> list[str]:
    """The contact's change of a member. An address registered to someone outside the
    delegation is neither stored nor named: the other changes are saved, the contact is
    answered as for any new address, and the person at it is asked to join in the
    member's place (the same rule as adding, so editing cannot probe addresses). The
    address shown on the member (asked before) is kept as it is; another one withdraws
    that request."""
    asked = _replacing(member)
    if asked is not None and data.email.casefold() == asked.requested_email.casefold():
        return update_member(invitation, member, dataclasses.replace(data, email=member.email))
    try:
        changed = update_member(invitation, member, data)
    except RegistrationError as error:
        db.session.rollback()
        if not error.only_email_taken() or (owner := _owner_outside(invitation, data.email)
                                            ) is None:
            raise
    else:
        if asked is None:
            return changed
        _withdraw(asked)
        db.session.commit()
        return _in_history_order([*changed, "email"])
    changed = update_member(invitation, member, dataclasses.replace(data, email=member.email))
    if asked is not None:
        _withdraw(asked)
    _ask(invitation, owner, data, replaces=member)
    _commit_request(data.email)
    return _in_history_order([*changed, "email"])


def _in_history_order(fields: list[str]) -> list[str]:
    """The fields in the order the member's own change lists them (``record_changes``)."""
    order = {field: index for index, field in enumerate(TRACKED_FIELDS)}
    return sorted(dict.fromkeys(fields), key=lambda field: order.get(field, len(order)))


def _withdraw(request: MembershipRequest) -> None:
    """The contact gave the member another address: the mailed link stops opening."""
    record_change(request.invitation, CONTACT, "member_request_withdrawn",
                  request.requested_name, "")
    db.session.delete(request)


def refuse(request: MembershipRequest) -> None:
    """The person does not join. The member shown with their address leaves with them
    (as a new member leaving on /my would: the contact sees them gone, nothing more),
    whether the contact added them at it or changed their address to it: a member kept
    without the address shown on them would tell the contact it was registered."""
    record_change(request.invitation, MEMBER, "member_request_refused", request.requested_name, "")
    shown = db.session.get(Delegate, request.replaces_delegate_id or 0)
    invitation_id = request.invitation_id
    db.session.delete(request)
    if (shown is not None and shown.invitation_id == invitation_id
            and shown.status != DelegateStatus.CANCELLED):
        registration.cancel_registration(shown, actor=MEMBER)  # commits it all
    db.session.commit()
