"""The one place that writes the audit trail; every feature calls ``record``.

An event is committed at once, on its own: a failed login or a download has nothing
else to commit, and a change is recorded after its own commit succeeded, so the
trail never claims something that was rolled back.
"""

from __future__ import annotations

import enum
import getpass

from flask import has_request_context, request
from flask_login import current_user

from ..extensions import db
from .models import AuditEvent

COMMAND_LINE = "command line"


class Kind(enum.StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_THROTTLED = "login_throttled"
    LOGOUT = "logout"
    EXPORT = "export"  # a file of personal data leaves the app
    BADGES = "badges"
    IMPORT = "import"
    PROGRAMME = "programme"
    EDITION = "edition"  # an edition created or made current
    ACCOUNT_CREATED = "account_created"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET = "password_reset"
    ACCOUNT_DEACTIVATED = "account_deactivated"
    ACCOUNT_ACTIVATED = "account_activated"
    PURGE = "purge"
    CLEANUP = "cleanup"
    CHECKIN_UNDONE = "checkin_undone"
    WALK_IN = "walk_in"
    JOIN_REQUEST_SENT = "join_request_sent"  # staff mailed a join request again


def _system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user without a passwd entry
        return "?"


def _who() -> tuple[int | None, str, str]:
    if not has_request_context():
        return None, f"{COMMAND_LINE} ({_system_user()})", COMMAND_LINE
    address = (request.remote_addr or "")[:64]
    if current_user and current_user.is_authenticated:
        return current_user.id, current_user.email, address
    return None, "", address


def record(
    kind: Kind,
    *,
    subject: str = "",
    people: int | None = None,
    detail: str = "",
    account=None,
    actor: str | None = None,
) -> AuditEvent:
    """Store one event for the current staff member, or for ``account`` (a login, before
    the session knows the user), or for ``actor`` (the address typed at a failed login)."""
    actor_id, who, address = _who()
    if account is not None:
        actor_id, who = account.id, account.email
    event = AuditEvent(
        actor_id=actor_id,
        actor=(actor if actor is not None else who)[:254],
        address=address,
        kind=str(kind),
        subject=subject[:300],
        people=people,
        detail=detail,
    )
    db.session.add(event)
    db.session.commit()
    return event
