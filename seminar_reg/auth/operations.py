"""Creating accounts and checking passwords, with a lock after repeated failures."""

from __future__ import annotations

import datetime as dt
from functools import cache

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..clock import utcnow
from ..extensions import db
from ..names import find_control_character
from .models import StaffRole, StaffUser

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10


def _hash(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _dummy_hash(method: str) -> str:
    """Checked against when the account does not exist, so both paths cost the same."""
    return generate_password_hash("not-a-real-password-0000", method=method)


def _check_dummy(password: str) -> None:
    check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)


class AccountError(ValueError):
    """A refused account; ``message()`` says why in the current language."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def message(self) -> str:
        from flask_babel import gettext as _

        messages = {
            "unknown_role": lambda: _("Unknown role %(role)s.", **self.params),
            "short_password": lambda: _(
                "The password needs at least %(length)s characters.", **self.params
            ),
            "not_email": lambda: _("The account name must be an email address."),
            "exists": lambda: _("An account for %(email)s exists already.", **self.params),
        }
        return messages[self.code]()


def create_user(email: str, password: str, role: str) -> StaffUser:
    email = email.strip().casefold()
    if role not in set(StaffRole):
        raise AccountError("unknown_role", role=role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("short_password", length=MIN_PASSWORD_LENGTH)
    if "@" not in email:
        raise AccountError("not_email")
    if db.session.execute(select(StaffUser.id).where(StaffUser.email == email)).first():
        raise AccountError("exists", email=email)
    user = StaffUser(email=email, password_hash=_hash(password), role=role)
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> StaffUser | None:
    """The user for a correct password; None for anything else, saying nothing of why."""
    # No account's address has a control character, and PostgreSQL refuses NUL outright.
    if find_control_character(email) is not None:
        _check_dummy(password)
        return None
    email = email.strip().casefold()
    user = db.session.execute(
        select(StaffUser).where(StaffUser.email == email)
    ).scalar_one_or_none()
    if user is None:
        _check_dummy(password)
        return None
    now = utcnow()
    if user.locked_until and user.locked_until > now:
        _check_dummy(password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        _record_failure(user, now)
        return None
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    db.session.commit()
    return user


def _record_failure(user: StaffUser, now: dt.datetime) -> None:
    user.failed_logins += 1
    if user.failed_logins >= MAX_FAILURES:
        user.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
        user.failed_logins = 0
    db.session.commit()
