"""The delegate's personal link (``/my/<token>``).

Every mail to a delegate carries it, yet the database keeps only the token's hash.
The token is therefore derived, not stored: HMAC of a random per-delegate nonce under
the app's secret key. Reading the database alone gives no working link; a new nonce
(a renewed link) makes the old one stop working.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

from flask import current_app
from sqlalchemy import select

from ..clock import utcnow
from ..extensions import db
from ..links import public_url
from .models import Delegate, DelegateChange

PURPOSE = b"seminar_reg personal link\x00"
# A visitor may ask for a delegate's link to be renewed (and mailed) this often at most,
# so nobody can fill a delegate's mailbox through the "I lost my link" form.
RENEWAL_COOLDOWN = dt.timedelta(minutes=5)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# Every link's token is 43 characters (a derived one) or fewer; what a visitor sends is
# not hashed beyond this length, whatever the link.
LONGEST_TOKEN = 100


def presented_token_hash(token: str) -> str:
    """The hash to look up a token from a visitor's address by, or "" for what cannot
    be a token (empty or too long): personal, invitation and membership links alike."""
    if not token or len(token) > LONGEST_TOKEN:
        return ""
    return token_hash(token)


def row_by_token_hash(column, digest: str, *options):
    """The row whose ``column`` (a model's token-hash attribute) holds ``digest``, or
    None: the delegate, invitation or request a link opens. The index finds the row by
    hash; the constant-time compare keeps the final check free of timing differences
    however the database compares strings."""
    if not digest:
        return None
    row = db.session.execute(
        select(column.class_).where(column == digest).options(*options)
    ).scalar_one_or_none()
    if row is None or not hmac.compare_digest(getattr(row, column.key) or "", digest):
        return None
    return row


def derive_token(nonce: str, purpose: bytes) -> str:
    """HMAC-SHA-256 of the nonce under the secret key, for one purpose (the personal
    link here; delegations' invitation links use their own), URL-safe base64."""
    key = current_app.secret_key
    key = key.encode("utf-8") if isinstance(key, str) else key
    digest = hmac.new(key, purpose + nonce.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def issue_derived_token(row, purpose: bytes, hash_field: str = "token_hash") -> str:
    """A new link for ``row`` (a delegate, an invitation, a returning member's request:
    its ``link_nonce`` and ``hash_field``); any earlier one stops working."""
    row.link_nonce = secrets.token_urlsafe(24)
    token = derive_token(row.link_nonce, purpose)
    setattr(row, hash_field, token_hash(token))
    return token


def current_derived_token(row, purpose: bytes, hash_field: str = "token_hash") -> str:
    """The link ``row``'s holder has. One whose stored hash no longer matches (made
    before derived links, revoked and sent again, or under another SECRET_KEY) gets a
    new one, so the newest mail's link always works."""
    if row.link_nonce:
        token = derive_token(row.link_nonce, purpose)
        if hmac.compare_digest(token_hash(token), getattr(row, hash_field) or ""):
            return token
    return issue_derived_token(row, purpose, hash_field)


def issue_token(delegate: Delegate) -> str:
    """A new link for the delegate; any earlier one stops working."""
    return issue_derived_token(delegate, PURPOSE, "manage_token_hash")


def current_token(delegate: Delegate) -> str:
    return current_derived_token(delegate, PURPOSE, "manage_token_hash")


def personal_link(delegate: Delegate) -> str:
    return public_url("registration.manage_entry", token=current_token(delegate))


def renew_on_request(seminar_id: int, email: str) -> bool:
    """"I lost my link", or the registration form sent again with a registered address:
    mail that delegate a fresh link (the old one stops working). Nothing happens for an
    unknown address; the visitor is answered the same either way, by the caller."""
    delegate = db.session.execute(
        select(Delegate).where(
            Delegate.seminar_id == seminar_id, Delegate.email_key == email.casefold()
        )
    ).scalar_one_or_none()
    if delegate is None or renewed_recently(delegate):
        return False
    from .operations import revoke_token  # operations builds on this module

    revoke_token(delegate, actor="system")
    return True


def renewed_recently(delegate: Delegate) -> bool:
    return (
        db.session.execute(
            select(DelegateChange.id).where(
                DelegateChange.delegate_id == delegate.id,
                DelegateChange.field == "manage_link",
                DelegateChange.changed_at > utcnow() - RENEWAL_COOLDOWN,
            )
        ).first()
        is not None
    )
