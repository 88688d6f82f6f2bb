"""State changes of delegations: organisations, invitations (invite, send again, remind,
revoke, deadline, open, decline) and members (add, edit, remove).

Members are registered, edited and cancelled by ``registration.operations``, so places,
the waiting list and its row lock (``registration.places``), the delegate's own history
and mail are the registration's; this module adds what belongs to the delegation and
records it in the invitation's history. Every function commits a complete change or
raises and leaves nothing stored.

Actors, as the histories keep them: "contact" (the delegation's link), "member" (a
member's own /my link, see ``registration.history``), "system", or a staff account's
email (the secretariat).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import delete, select

from ..clock import utcnow
from ..extensions import db
from ..names import cross_script_for_side
from ..program.models import Seminar
from ..program.queries import accepts_changes
from ..registration import operations as registration
from ..registration.availability import registration_closed
from ..registration.data import DelegateData
from ..registration.history import record_changes, snapshot
from ..registration.models import Delegate, DelegateChange
from ..registration.places import registered
from ..registration.rules import places_refused
from ..vocabulary import InvitationStatus, Side
from .history import record_change, set_status
from .links import clear_token, current_token, invitation_link, issue_token
from .mails import InvitationMail, notify_contact
from .models import Invitation, MembershipRequest, Organization
from .queries import changeable_members, member_count

CONTACT = "contact"
# Statuses whose contact has not answered yet: the reminder goes to these.
UNANSWERED = (InvitationStatus.INVITED, InvitationStatus.OPENED)


class DelegationError(Exception):
    """A refused delegation change; str() is a code (``forms.delegation_error_message``)."""


# --- organisations ---------------------------------------------------------------------------


def organization_for(
    side: str, name: str, organization_type: str, *, name_en: str = ""
) -> Organization:
    """The organisation of this side with this name in its own script, or a new one
    (added to the session) whose other-script name is derived, as delegates' are."""
    if side not in (Side.JAPAN, Side.CHINA):
        raise DelegationError("side")
    own = "name_ja" if side == Side.JAPAN else "name_zh"
    organization = db.session.execute(
        select(Organization)
        .where(Organization.side == side, getattr(Organization, own) == name)
        .order_by(Organization.id)
        .limit(1)
    ).scalar_one_or_none()
    if organization is None:
        organization = Organization(side=side, organization_type=organization_type)
        set_names(organization, name, cross_script_for_side(side, name), name_en)
        db.session.add(organization)
    return organization


def set_names(organization: Organization, own: str, cross: str, english: str) -> None:
    if organization.side == Side.JAPAN:
        organization.name_ja, organization.name_zh = own, cross
    else:
        organization.name_zh, organization.name_ja = own, cross
    organization.name_en = english


def update_organization(organization: Organization, values: dict[str, str], *, actor: str) -> None:
    """The secretariat corrects names (the derived one too), type or head. A new type
    reaches the current edition's members, and their places on items it does not admit
    are taken (the waiting lists move up; ``queries.type_change_conflicts`` is what the
    form shows first), all in one transaction."""
    retyped = values.get("organization_type", organization.organization_type)
    retyped = retyped != organization.organization_type
    for invitation in organization.invitations:
        for field, value in values.items():
            if getattr(organization, field) != value:
                record_change(invitation, actor, field, getattr(organization, field), value)
    for field, value in values.items():
        setattr(organization, field, value)
    _rename_members(organization, actor)
    if retyped:
        _retype_members(organization, actor)
    db.session.commit()


def _retype_members(organization: Organization, actor: str) -> None:
    new_type = organization.organization_type
    for member in changeable_members(organization):
        refused = {item.code for item in places_refused(member, organization.side, new_type)}
        data = registration.data_from_delegate(member)
        kept = tuple(code for code in data.item_codes if code not in refused)
        data = dataclasses.replace(data, organization_type=new_type, item_codes=kept)
        registration.update(member, data, actor=actor, commit=False)


def _rename_members(organization: Organization, actor: str) -> None:
    """Members carry their organisation's names (badges, rolls, lists): a corrected
    name reaches them, in each one's change history."""
    members = db.session.execute(select(Delegate).where(
        Delegate.invitation_id.in_([i.id for i in organization.invitations]), registered(),
    )).scalars()
    for member in members:
        before = snapshot(member)
        member.organization, member.cross_organization = organization.name, organization.cross_name
        record_changes(member, before, actor)


# --- invitations -----------------------------------------------------------------------------


def invite(
    seminar: Seminar,
    organization: Organization,
    contact_email: str,
    *,
    language: str,
    actor: str,
    deadline: dt.datetime | None = None,
) -> tuple[Invitation, str]:
    """Invite the organisation to the seminar and mail its contact; return the
    invitation and its link. Inviting an organisation already invited updates the
    contact and sends the link again (a revoked one gets a new link)."""
    invitation = None
    if organization.id is not None:
        invitation = db.session.execute(
            select(Invitation).where(
                Invitation.seminar_id == seminar.id,
                Invitation.organization_id == organization.id,
            )
        ).scalar_one_or_none()
    if invitation is None:
        invitation = Invitation(
            seminar_id=seminar.id,
            organization=organization,
            contact_email=contact_email,
            language=language,
            deadline=deadline,
            status=InvitationStatus.INVITED,
        )
        db.session.add(invitation)
        issue_token(invitation)
        record_change(invitation, actor, "invitation_status", "", InvitationStatus.INVITED)
    else:
        if invitation.contact_email != contact_email:
            before = invitation.contact_email
            record_change(invitation, actor, "contact_email", before, contact_email)
        invitation.contact_email, invitation.language = contact_email, language
        if deadline is not None:
            _set_deadline(invitation, deadline, actor)
        if invitation.status == InvitationStatus.REVOKED:
            set_status(invitation, InvitationStatus.INVITED, actor)
    return invitation, _send(invitation, actor)


def resend(invitation: Invitation, *, actor: str) -> str:
    """Mail the contact the link again (the same link; a revoked invitation is
    invited again with a new one)."""
    if invitation.status == InvitationStatus.REVOKED:
        set_status(invitation, InvitationStatus.INVITED, actor)
    return _send(invitation, actor)


def _send(invitation: Invitation, actor: str) -> str:
    current_token(invitation)  # a revoked invitation gets its new token here
    invitation.sent_at = utcnow()
    record_change(invitation, actor, "invitation_mail", "", "sent")
    notify_contact(invitation, InvitationMail.INVITATION)
    db.session.commit()
    return invitation_link(invitation)


def remind(invitations: list[Invitation], *, actor: str) -> int:
    """A reminder to each contact who has not answered (invited or opened, no member
    yet); returns how many were mailed."""
    reminded = 0
    for invitation in invitations:
        if invitation.status not in UNANSWERED:
            continue
        invitation.reminded_at = utcnow()
        record_change(invitation, actor, "invitation_mail", "", "reminded")
        notify_contact(invitation, InvitationMail.REMINDER)
        reminded += 1
    db.session.commit()
    return reminded


def revoke(invitation: Invitation, *, actor: str) -> None:
    """The link stops working at once; members already registered stay registered."""
    clear_token(invitation)
    set_status(invitation, InvitationStatus.REVOKED, actor)
    db.session.commit()


def set_deadline(invitation: Invitation, deadline: dt.datetime | None, *, actor: str) -> None:
    _set_deadline(invitation, deadline, actor)
    db.session.commit()


def _set_deadline(invitation: Invitation, deadline: dt.datetime | None, actor: str) -> None:
    if invitation.deadline != deadline:
        before = invitation.deadline.isoformat() if invitation.deadline else ""
        after = deadline.isoformat() if deadline else ""
        record_change(invitation, actor, "deadline", before, after)
        invitation.deadline = deadline


def mark_opened(invitation: Invitation) -> None:
    """The contact opened the link (the first time counts)."""
    if invitation.opened_at is None:
        invitation.opened_at = utcnow()
    if invitation.status == InvitationStatus.INVITED:
        set_status(invitation, InvitationStatus.OPENED, CONTACT)
    db.session.commit()


def decline(invitation: Invitation) -> None:
    """The contact declines for the organisation; only while no member is registered."""
    if member_count(invitation):
        raise DelegationError("has_members")
    set_status(invitation, InvitationStatus.DECLINED, CONTACT)
    db.session.commit()


def may_change(invitation: Invitation, seminar: Seminar) -> bool:
    """Whether the contact may add, change or remove members now: the invitation's own
    deadline when it has one, else the seminar's registration deadline; and only while
    its edition is the current one (nobody registers for a past edition)."""
    if not is_open(invitation) or not accepts_changes(seminar):
        return False
    return invitation.deadline is not None or not registration_closed(seminar)


def is_open(invitation: Invitation, now: dt.datetime | None = None) -> bool:
    """Whether the contact may still add, change or remove members."""
    if invitation.status == InvitationStatus.REVOKED:
        return False
    return invitation.deadline is None or (now or utcnow()) <= invitation.deadline


# --- members ---------------------------------------------------------------------------------


def add_member(
    invitation: Invitation, data: DelegateData, *, actor: str = CONTACT, commit: bool = True
) -> Delegate:
    """Register one member: a seat on each item where one is free, else its waiting list
    (under the items' lock, so racing contacts never overbook); a member with an email
    is mailed their own link. With ``commit=False`` the caller commits (``joining``)."""
    check_may_change(invitation)
    seminar = db.session.get(Seminar, invitation.seminar_id)
    delegate, _token = registration.register(seminar, data, source="delegation", commit=False)
    delegate.invitation_id = invitation.id
    delegate.changes.append(
        DelegateChange(actor=actor, field="delegation", before="", after=_org_name(invitation))
    )
    record_change(invitation, actor, "member_added", "", delegate.full_name)
    if invitation.status != InvitationStatus.REGISTERED:
        set_status(invitation, InvitationStatus.REGISTERED, actor)
    if commit:
        db.session.commit()
    else:
        db.session.flush()
    return delegate


def attach_members(invitation: Invitation, delegates: list[Delegate], *, actor: str) -> None:
    """Delegates just imported become members of the delegation (the import's target)."""
    for delegate in delegates:
        delegate.invitation_id = invitation.id
        delegate.changes.append(
            DelegateChange(actor=actor, field="delegation", before="", after=_org_name(invitation))
        )
        record_change(invitation, actor, "member_added", "", delegate.full_name)
    if delegates:
        set_status(invitation, InvitationStatus.REGISTERED, actor)
    db.session.commit()


def update_member(
    invitation: Invitation, delegate: Delegate, data: DelegateData, *, actor: str = CONTACT
) -> list[str]:
    _check_member(invitation, delegate)
    check_may_change(invitation)
    invitation.changed_at = utcnow()
    return registration.update(delegate, data, actor=actor)


def remove_member(invitation: Invitation, delegate: Delegate, *, actor: str = CONTACT) -> None:
    """Cancel the member's registration (their seats go to the waiting list); the row
    and its history stay, as for any cancellation."""
    _check_member(invitation, delegate)
    check_may_change(invitation)
    record_change(invitation, actor, "member_removed", delegate.full_name, "")
    if member_count(invitation) <= 1 and invitation.status == InvitationStatus.REGISTERED:
        set_status(invitation, InvitationStatus.OPENED, actor)
    # A person asked to join in the member's place is asked no more: the link stops.
    db.session.execute(
        delete(MembershipRequest).where(MembershipRequest.replaces_delegate_id == delegate.id)
    )
    registration.cancel_registration(delegate, actor=actor)


def _check_member(invitation: Invitation, delegate: Delegate) -> None:
    if delegate.invitation_id != invitation.id:
        raise DelegationError("not_member")


def check_may_change(invitation: Invitation) -> None:
    """Raise ``DelegationError("closed")`` unless the contact may change the delegation
    now (``may_change``): every change of its members asks this first."""
    if not may_change(invitation, db.session.get(Seminar, invitation.seminar_id)):
        raise DelegationError("closed")


def _org_name(invitation: Invitation) -> str:
    return invitation.organization.name
