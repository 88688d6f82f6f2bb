"""How long a mailed request opens, and which requests have expired.

Two requests go by mail to a person whose data a contact wants: to join a delegation
(``joining``; the person is registered already) and to fill in a member from an earlier
edition's record (``returning``). Each link opens for ``REQUEST_LIFETIME`` after it was
mailed: by then the delegation has usually moved on, and a live link in an old mailbox
is a risk with no use. An expired request is kept no longer: ``retention.cleanup``
deletes it (a typed name, a link's hash, who asked whom), unless the contact's page
shows its address on a registered member (``joining``): its link stops, the row stays
while the member does (removing the member deletes it). A returning member's agreement
(``confirmed_at``) is not a request waiting for an answer: it stays, and with it the
contact's offer, until its edition is purged (``purge``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, delete, func, select

from ..clock import utcnow
from ..extensions import db
from ..registration.models import Delegate
from ..registration.places import registered
from .models import MembershipRequest, ReturningMember

REQUEST_LIFETIME = dt.timedelta(days=30)


def has_expired(mailed_at: dt.datetime) -> bool:
    """Whether a link mailed at ``mailed_at`` no longer opens."""
    return mailed_at < _oldest_open()


def _oldest_open() -> dt.datetime:
    return utcnow() - REQUEST_LIFETIME


def _expired() -> list[tuple[type, ColumnElement[bool]]]:
    oldest = _oldest_open()
    return [
        (MembershipRequest, (MembershipRequest.created_at < oldest) & ~_shown_on_member()),
        (ReturningMember,
         ReturningMember.confirmed_at.is_(None) & (ReturningMember.requested_at < oldest)),
    ]


def _shown_on_member() -> ColumnElement[bool]:
    replaced = MembershipRequest.replaces_delegate_id  # NULL: shown on nobody, not unknown
    return replaced.is_not(None) & replaced.in_(select(Delegate.id).where(registered()))


def count_expired_requests() -> int:
    return sum(
        db.session.execute(select(func.count(model.id)).where(expired)).scalar_one()
        for model, expired in _expired()
    )


def delete_expired_requests() -> None:
    """Within the caller's transaction."""
    for model, expired in _expired():
        db.session.execute(delete(model).where(expired))
