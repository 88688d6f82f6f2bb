"""Staff accounts of the secretariat, the check-in desk and the organisers."""

from __future__ import annotations

import datetime as dt
import enum

from flask_login import UserMixin
from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import db


class StaffRole(enum.StrEnum):
    ADMIN = "admin"  # everything, including accounts
    SECRETARIAT = "secretariat"  # delegates, printing, exports, logistics
    CHECKIN = "checkin"  # the check-in desk and name look-up only
    VIEWER = "viewer"  # organisers: headcounts and totals, no personal data


class StaffUser(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    # Part of every session's identity: raising it ends every session of this account
    # (logout, password change, deactivation), because old cookies no longer match.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class LoginFailure(db.Model):
    """One wrong password for an address typed at the login form, from one client.

    Failures count per account *and* client address, so a stranger guessing elsewhere
    slows down only himself and never locks the desk out on the day.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    # As typed (case-folded), whether or not such an account exists: the answer must
    # not tell a guesser which addresses are accounts.
    email_key: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        Index("ix_login_failure_email_key_address", "email_key", "address", "failed_at"),
    )
