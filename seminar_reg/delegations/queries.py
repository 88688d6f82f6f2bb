"""Read-only look-ups for delegations: invitations, their members, the console's list."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..registration.models import Delegate
from ..registration.places import registered
from .models import Invitation


def delegation_members(invitation: Invitation) -> list[Delegate]:
    """The registered (not cancelled) members of the delegation, in each side's name order."""
    return list(
        db.session.execute(
            select(Delegate)
            .where(Delegate.invitation_id == invitation.id, registered())
            .order_by(Delegate.sort_key, Delegate.id)
        ).scalars()
    )
