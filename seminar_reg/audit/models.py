"""One row per staff action worth answering for later."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import db


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # The account when there is one (kept as text too: accounts are renamed or removed).
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    # A staff email, the address typed at a failed login, or "command line".
    actor: Mapped[str] = mapped_column(String(254))
    # The client address, or "command line".
    address: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(40))
    # What it was about: a file name, an account, a programme item.
    subject: Mapped[str] = mapped_column(String(300), default="")
    # How many people's data it concerned (exports, badge prints, imports).
    people: Mapped[int | None]
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_audit_event_kind_at", "kind", "at"),
        Index("ix_audit_event_actor_at", "actor", "at"),
    )
