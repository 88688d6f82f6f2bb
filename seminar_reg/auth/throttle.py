"""Failed logins counted per typed account *and* client address.

Five wrong passwords for one address from one client hold further attempts from that
client for that address for LOGIN_THROTTLE_MINUTES; the owner at the desk, on another
address, is never locked out by a stranger. The per-address rate limit (security.py)
bounds how many accounts one client can try.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import delete, func, select

from ..clock import utcnow
from ..extensions import db
from .models import LoginFailure


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=current_app.config["LOGIN_THROTTLE_MINUTES"])


def _recent_failures(email_key: str, address: str) -> int:
    since = utcnow() - _window()
    return db.session.execute(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.email_key == email_key,
            LoginFailure.address == address,
            LoginFailure.failed_at > since,
        )
    ).scalar_one()


def is_throttled(email_key: str, address: str) -> bool:
    return _recent_failures(email_key, address) >= current_app.config["LOGIN_THROTTLE_FAILURES"]


def add_failure(email_key: str, address: str) -> bool:
    """Count one failure; True when it makes this pair throttled."""
    db.session.add(LoginFailure(email_key=email_key[:254], address=address[:64]))
    db.session.commit()
    return is_throttled(email_key, address)


def forget_failures(email_key: str, address: str) -> None:
    db.session.execute(
        delete(LoginFailure).where(
            LoginFailure.email_key == email_key, LoginFailure.address == address
        )
    )


def _expired():
    return LoginFailure.failed_at <= utcnow() - _window()


def count_expired_failures() -> int:
    return db.session.execute(select(func.count(LoginFailure.id)).where(_expired())).scalar_one()


def delete_expired_failures() -> int:
    """Failures older than the window no longer count; ``cleanup`` removes them."""
    result = db.session.execute(delete(LoginFailure).where(_expired()))
    db.session.commit()
    return result.rowcount or 0
