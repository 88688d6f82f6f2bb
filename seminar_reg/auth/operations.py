"""Staff accounts: creating them, checking passwords, changing them, ending sessions.

Every change here is recorded in the audit trail after it is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..audit.trail import Kind, record
from ..clock import utcnow
from ..extensions import db
from ..names import find_control_character
from . import throttle
from .models import StaffRole, StaffUser
from .passwords import MIN_LENGTH, password_problem

MIN_PASSWORD_LENGTH = MIN_LENGTH


def _hash(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _dummy_hash(method: str) -> str:
    """Checked against when the account does not exist, so both paths cost the same."""
    return generate_password_hash("not-a-real-password-0000", method=method)


def _check_dummy(password: str) -> None:
    check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)


class AccountError(ValueError):
    """A refused account change; ``message()`` says why in the current language."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def message(self) -> str:
        from flask_babel import gettext as _

        messages = {
            "unknown_role": lambda: _("Unknown role %(role)s.", **self.params),
            "short_password": lambda: _(
                "The password needs at least %(length)s characters.", length=MIN_LENGTH
            ),
            "long_password": lambda: _("The password is too long."),
            "common_password": lambda: _(
                "This password is too easy to guess: it is a common password or "
                "an easy pattern. Choose a longer, less predictable one."
            ),
            "not_email": lambda: _("The account name must be an email address."),
            "exists": lambda: _("An account for %(email)s exists already.", **self.params),
            "unknown_account": lambda: _("There is no account %(email)s.", **self.params),
            "wrong_password": lambda: _("The current password is not correct."),
            "own_account": lambda: _("You cannot deactivate your own account."),
            "last_admin": lambda: _("The last active administrator cannot be deactivated."),
        }
        return messages[self.code]()


def _check_password(password: str, email: str) -> None:
    problem = password_problem(password, email)
    if problem:
        raise AccountError(problem)


def create_user(email: str, password: str, role: str) -> StaffUser:
    email = email.strip().casefold()
    if role not in set(StaffRole):
        raise AccountError("unknown_role", role=role)
    if "@" not in email or find_control_character(email) is not None:
        raise AccountError("not_email")
    _check_password(password, email)
    if db.session.execute(select(StaffUser.id).where(StaffUser.email == email)).first():
        raise AccountError("exists", email=email)
    user = StaffUser(email=email, password_hash=_hash(password), role=role)
    db.session.add(user)
    db.session.commit()
    record(Kind.ACCOUNT_CREATED, subject=user.email, detail=role)
    return user


def find_user(email: str) -> StaffUser:
    key = email.strip().casefold()
    user = db.session.execute(select(StaffUser).where(StaffUser.email == key)).scalar_one_or_none()
    if user is None:
        raise AccountError("unknown_account", email=key)
    return user


@dataclass(frozen=True)
class LoginResult:
    user: StaffUser | None = None
    throttled: bool = False


def authenticate(email: str, password: str, address: str) -> LoginResult:
    """The user for a correct password from a client that is not throttled for this
    address; nothing else says whether the account exists."""
    # No account's address has a control character, and PostgreSQL refuses NUL outright.
    if find_control_character(email) is not None:
        _check_dummy(password)
        return LoginResult()
    email_key = email.strip().casefold()[:254]
    if throttle.is_throttled(email_key, address):
        _check_dummy(password)
        record(Kind.LOGIN_THROTTLED, actor=email_key)
        return LoginResult(throttled=True)
    user = db.session.execute(
        select(StaffUser).where(StaffUser.email == email_key)
    ).scalar_one_or_none()
    if user is None:
        _check_dummy(password)
    valid = user is not None and check_password_hash(user.password_hash, password)
    if user is None or not valid or not user.active:
        now_throttled = throttle.add_failure(email_key, address)
        record(Kind.LOGIN_FAILED, actor=email_key, detail="" if user else "no such account")
        return LoginResult(throttled=now_throttled)
    throttle.forget_failures(email_key, address)
    user.last_login_at = utcnow()
    db.session.commit()
    record(Kind.LOGIN, account=user)
    return LoginResult(user=user)


def end_sessions(user: StaffUser) -> None:
    """Every cookie issued for this account stops working on its next request."""
    user.session_version = (user.session_version or 0) + 1


def log_out(user: StaffUser) -> None:
    end_sessions(user)
    db.session.commit()
    record(Kind.LOGOUT, account=user)


def change_own_password(user: StaffUser, current: str, new: str) -> None:
    if not check_password_hash(user.password_hash, current):
        raise AccountError("wrong_password")
    _set_password(user, new)
    record(Kind.PASSWORD_CHANGED, subject=user.email)


def reset_password(user: StaffUser, new: str) -> None:
    """An administrator (or the command line) sets a new password for someone."""
    _set_password(user, new)
    record(Kind.PASSWORD_RESET, subject=user.email)


def _set_password(user: StaffUser, new: str) -> None:
    _check_password(new, user.email)
    user.password_hash = _hash(new)
    end_sessions(user)
    db.session.commit()


def set_active(user: StaffUser, active: bool, *, by: StaffUser | None = None) -> None:
    if not active:
        if by is not None and by.id == user.id:
            raise AccountError("own_account")
        if user.active and user.role == StaffRole.ADMIN and _active_admins() <= 1:
            raise AccountError("last_admin")
        end_sessions(user)
    user.active = active
    db.session.commit()
    kind = Kind.ACCOUNT_ACTIVATED if active else Kind.ACCOUNT_DEACTIVATED
    record(kind, subject=user.email)


def _active_admins() -> int:
    return db.session.execute(
        select(func.count(StaffUser.id)).where(
            StaffUser.role == StaffRole.ADMIN, StaffUser.active.is_(True)
        )
    ).scalar_one()
