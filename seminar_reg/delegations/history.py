"""An invitation's history: every change of a delegation (status, deadline, contact,
members added, removed or asked to join) is one ``InvitationChange`` row, written here
by whichever module makes the change (``operations``, ``joining``) in the same
transaction. ``registration.history`` words the rows for the contact and the console."""

from __future__ import annotations

from ..clock import utcnow
from .models import Invitation, InvitationChange


def record_change(invitation: Invitation, actor: str, field: str, before: str, after: str) -> None:
    invitation.changes.append(
        InvitationChange(actor=actor, field=field, before=str(before), after=str(after))
    )
    invitation.changed_at = utcnow()


def set_status(invitation: Invitation, status: str, actor: str) -> None:
    """A new status, recorded when it differs from the current one."""
    if invitation.status != status:
        record_change(invitation, actor, "invitation_status", invitation.status, status)
        invitation.status = status
