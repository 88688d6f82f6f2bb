"""A delegation's link (``/invitation/<token>``), made as the delegates' own links are
(``registration.personal_link``): the token is HMAC of a random nonce under the secret
key, the database keeps only its SHA-256, and a new nonce ends the old link. Revoking an
invitation clears both, so no link opens it again."""

from __future__ import annotations

from ..links import public_url
from ..registration.personal_link import (
    current_derived_token,
    issue_derived_token,
    presented_token_hash,
    row_by_token_hash,
)
from .models import Invitation

PURPOSE = b"seminar_reg invitation link\x00"


def issue_token(invitation: Invitation) -> str:
    return issue_derived_token(invitation, PURPOSE)


def current_token(invitation: Invitation) -> str:
    """The token the contact holds; a new one when the stored hash no longer matches
    (a revoked invitation invited again, or a changed SECRET_KEY)."""
    return current_derived_token(invitation, PURPOSE)


def invitation_link(invitation: Invitation) -> str:
    return public_url("delegations.entry", token=current_token(invitation))


def clear_token(invitation: Invitation) -> None:
    invitation.link_nonce = None
    invitation.token_hash = None


def invitation_by_token(token: str) -> Invitation | None:
    return invitation_by_hash(presented_token_hash(token))


def invitation_by_hash(digest: str) -> Invitation | None:
    return row_by_token_hash(Invitation.token_hash, digest)
