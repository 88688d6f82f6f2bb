"""What ``purge`` removes from delegations of finished seminars (``retention.purge``):
the contacts' addresses and names, the links, the names in the invitations' history, the
mail to the contacts, open membership requests (a typed name and a live link), requests
to fill in members from these seminars' records (``returning``), and the
heads' names of organisations invited to nothing else.
Organisations keep their names (public bodies, invited again next year); invitations
keep their status and the number of members (their members are anonymised delegates)."""

from __future__ import annotations

from sqlalchemy import delete, func, or_, select, update

from ..extensions import db
from ..mail.models import OutgoingMail
from ..registration.models import Delegate
from .models import (
    Invitation,
    InvitationChange,
    MembershipRequest,
    Organization,
    ReturningMember,
)


def anonymise_invitations(seminar_ids: list[int]) -> int:
    """Within the caller's transaction; returns how many invitations were anonymised."""
    # Requests to fill in a member from a record of these seminars, or for their
    # invitations: the people asked and who asked are personal data too.
    db.session.execute(delete(ReturningMember).where(or_(
        ReturningMember.invitation_id.in_(
            select(Invitation.id).where(Invitation.seminar_id.in_(seminar_ids))),
        ReturningMember.delegate_id.in_(
            select(Delegate.id).where(Delegate.seminar_id.in_(seminar_ids))),
    )))
    targets = select(Invitation.id).where(Invitation.seminar_id.in_(seminar_ids))
    ids = list(db.session.execute(targets).scalars())
    if not ids:
        return 0
    emails = list(db.session.execute(
        select(func.lower(Invitation.contact_email)).where(Invitation.id.in_(ids))).scalars())
    still_invited = select(func.lower(Invitation.contact_email)).where(Invitation.id.not_in(ids))
    db.session.execute(delete(OutgoingMail).where(
        func.lower(OutgoingMail.recipient).in_(emails),
        func.lower(OutgoingMail.recipient).not_in(still_invited)))
    for invitation_id in ids:
        db.session.execute(update(Invitation).where(Invitation.id == invitation_id).values(
            contact_email=f"anonymised-invitation-{invitation_id}@anonymised.invalid",
            contact_name="", token_hash=None, link_nonce=None))
    db.session.execute(delete(MembershipRequest).where(MembershipRequest.invitation_id.in_(ids)))
    db.session.execute(update(InvitationChange).where(
        InvitationChange.invitation_id.in_(ids)).values(before="", after=""))
    elsewhere = select(Invitation.organization_id).where(Invitation.id.not_in(ids))
    db.session.execute(update(Organization).where(
        Organization.id.in_(select(Invitation.organization_id).where(Invitation.id.in_(ids))),
        Organization.id.not_in(elsewhere),
    ).values(head_name="", head_title=""))
    return len(ids)
