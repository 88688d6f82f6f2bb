"""Read-only look-ups for delegations: invitations, their members, the console's list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, selectinload

from ..extensions import db
from ..program.models import ProgramItem, Seminar
from ..registration.models import Attendance, Delegate
from ..registration.places import registered
from ..registration.rules import places_refused
from .expiry import has_expired
from .models import Invitation, MembershipRequest, Organization


def delegation_members(invitation: Invitation) -> list[Delegate]:
    """The registered (not cancelled) members of the delegation, in each side's name order."""
    return list(
        db.session.execute(
            select(Delegate)
            .where(Delegate.invitation_id == invitation.id, registered())
            .options(selectinload(Delegate.attendances).selectinload(Attendance.item))
            .order_by(Delegate.sort_key, Delegate.id)
        ).scalars()
    )


def member_count(invitation: Invitation) -> int:
    return db.session.execute(
        select(func.count(Delegate.id)).where(
            Delegate.invitation_id == invitation.id, registered()
        )
    ).scalar_one()


def contact_delegate(invitation: Invitation) -> Delegate | None:
    """The contact's own registration: the member with the contact's address."""
    return db.session.execute(
        select(Delegate)
        .where(
            Delegate.invitation_id == invitation.id,
            Delegate.email_key == invitation.contact_email.casefold(),
            registered(),
        )
        .limit(1)
    ).scalar_one_or_none()


def member_of(invitation: Invitation, delegate_id: int) -> Delegate | None:
    """One of this delegation's members, or None (another delegation's, or nobody)."""
    delegate = db.session.get(Delegate, delegate_id)
    if delegate is None or delegate.invitation_id != invitation.id:
        return None
    return delegate


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation
    organization: Organization
    members: int

    @property
    def last_change(self) -> dt.datetime:
        return self.invitation.changed_at


def invitation_rows(
    seminar: Seminar, *, side: str = "", status: str = ""
) -> list[InvitationRow]:
    """Each invitation of the seminar with its number of registered members, in the
    order of sides then organisation names; filtered by side and status when given."""
    counts = (
        select(Delegate.invitation_id, func.count(Delegate.id).label("members"))
        .where(registered(), Delegate.invitation_id.is_not(None))
        .group_by(Delegate.invitation_id)
        .subquery()
    )
    query = (
        select(Invitation, Organization, func.coalesce(counts.c.members, 0))
        .join(Organization, Organization.id == Invitation.organization_id)
        .outerjoin(counts, counts.c.invitation_id == Invitation.id)
        .where(Invitation.seminar_id == seminar.id)
        .order_by(Organization.side.desc(), Organization.name_ja, Organization.name_zh)
    )
    if side:
        query = query.where(Organization.side == side)
    if status:
        query = query.where(Invitation.status == status)
    return [InvitationRow(i, o, n) for i, o, n in db.session.execute(query).all()]


def invitations_as_json(seminar: Seminar) -> list[dict]:
    """What ``delegations --json`` prints: one object per invitation."""
    return [
        {
            "organization": row.organization.name,
            "side": row.organization.side,
            "contact_email": row.invitation.contact_email,
            "status": row.invitation.status,
            "members": row.members,
        }
        for row in invitation_rows(seminar)
    ]


def invitation_in(seminar: Seminar, invitation_id: int) -> Invitation | None:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.seminar_id != seminar.id:
        return None
    return invitation


def delegation_organizations(seminar: Seminar) -> dict[int, Organization]:
    """Invitation id -> its organisation, for the delegate list (which shows it as its
    reader reads it, templates/_organization.html)."""
    rows = db.session.execute(
        select(Invitation.id, Organization)
        .join(Organization, Organization.id == Invitation.organization_id)
        .where(Invitation.seminar_id == seminar.id)
    ).all()
    return dict(rows)


def delegation_names(seminar: Seminar) -> dict[int, str]:
    """Invitation id -> the organisation's name in its own script, for exports and imports."""
    organizations = delegation_organizations(seminar)
    return {id_: organization.name for id_, organization in organizations.items()}


def changeable_members(organization: Organization) -> list[Delegate]:
    """The organisation's registered members in editions that may still change (the
    current one): a past edition's records stay as they were."""
    return list(db.session.execute(
        select(Delegate)
        .join(Invitation, Invitation.id == Delegate.invitation_id)
        .join(Seminar, Seminar.id == Invitation.seminar_id)
        .where(Invitation.organization_id == organization.id, Seminar.is_current, registered())
        .options(selectinload(Delegate.attendances).selectinload(Attendance.item))
        .order_by(Delegate.sort_key, Delegate.id)
    ).scalars())


@dataclass(frozen=True)
class PlaceConflict:
    """A member's places that the organisation's new type would not admit."""

    member: Delegate
    items: list[ProgramItem]


def type_change_conflicts(
    organization: Organization, organization_type: str
) -> list[PlaceConflict]:
    """What changing the organisation's type would take: each member's places on items
    the new type may not attend (``registration.rules``); empty when nothing breaks."""
    if organization_type == organization.organization_type:
        return []
    conflicts = (
        PlaceConflict(member, places_refused(member, organization.side, organization_type))
        for member in changeable_members(organization)
    )
    return [conflict for conflict in conflicts if conflict.items]


# --- membership requests (``joining``) --------------------------------------------------------


def pending_requests(invitation: Invitation) -> list[MembershipRequest]:
    return list(db.session.execute(
        select(MembershipRequest)
        .where(MembershipRequest.invitation_id == invitation.id)
        .order_by(MembershipRequest.id)
    ).scalars())


def request_of(invitation: Invitation, request_id: int) -> MembershipRequest | None:
    return db.session.execute(select(MembershipRequest).where(
        MembershipRequest.id == request_id, MembershipRequest.invitation_id == invitation.id
    )).scalar_one_or_none()


def own_requests(invitation: Invitation) -> list[MembershipRequest]:
    """The requests the contact's page lists as asked by mail: the contact's own (the
    others show as the member whose place they would take)."""
    return [r for r in pending_requests(invitation) if r.replaces_delegate_id is None]


@dataclass(frozen=True)
class AskedPerson:
    """A request as the secretariat reads it (``console``): who typed what, whose
    registration it is, which member it would replace, whether its link still opens."""

    request: MembershipRequest
    owner: Delegate
    replaces: Delegate | None
    expired: bool


def staff_view(invitation: Invitation) -> list[AskedPerson]:
    return [
        AskedPerson(request, db.session.get(Delegate, request.delegate_id),
                    db.session.get(Delegate, request.replaces_delegate_id or 0),
                    has_expired(request.created_at))
        for request in pending_requests(invitation)
    ]


def shown_addresses(invitation: Invitation) -> dict[int, str]:
    """Member id -> the address the contact's page shows on them instead of the stored
    one: the address the contact typed, whose owner is asked to join in their place."""
    return {
        request.replaces_delegate_id: request.requested_email
        for request in pending_requests(invitation)
        if request.replaces_delegate_id is not None
    }


# --- members whose join request is waiting (one owner for every page that counts people) ----


@dataclass(frozen=True)
class WaitingPair:
    """A member as a contact typed them and the person registered at the address typed,
    both registered: until the person joins or declines, one person may be counted
    twice (headcounts, badges, rolls, logistics)."""

    request: MembershipRequest
    typed: Delegate
    owner: Delegate
    expired: bool


def _waiting_pairs_query(seminar: Seminar):
    typed, owner = aliased(Delegate), aliased(Delegate)
    return (
        select(MembershipRequest, typed, owner)
        .join(typed, typed.id == MembershipRequest.replaces_delegate_id)
        .join(owner, owner.id == MembershipRequest.delegate_id)
        .where(typed.seminar_id == seminar.id,
               typed.id.in_(select(Delegate.id).where(registered())),
               owner.id.in_(select(Delegate.id).where(registered())))
    )


def waiting_pairs(seminar: Seminar) -> list[WaitingPair]:
    """Every such pair of ``seminar``, oldest request first (an expired link too: the
    member stays until the person answers, or staff send the request again)."""
    rows = db.session.execute(_waiting_pairs_query(seminar).order_by(MembershipRequest.id))
    return [WaitingPair(request, typed, owner, has_expired(request.created_at))
            for request, typed, owner in rows]


def waiting_count(seminar: Seminar | None) -> int:
    """How many members may be people registered already (the pages' notice)."""
    if seminar is None:
        return 0
    query = _waiting_pairs_query(seminar).with_only_columns(func.count(MembershipRequest.id))
    return db.session.execute(query).scalar_one()


def waiting_member_ids(seminar: Seminar):
    """The typed members of the pairs, as a subquery (the badge run holds them back)."""
    return _waiting_pairs_query(seminar).with_only_columns(MembershipRequest.replaces_delegate_id)
