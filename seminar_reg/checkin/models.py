"""Who walked into which programme item, when, and at whose desk."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import StaffUser
from ..clock import utcnow
from ..extensions import db
from ..program.models import ProgramItem
from ..registration.models import Delegate


class CheckIn(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegate.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("program_item.id", ondelete="CASCADE"))
    checked_in_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    # Admitted although not registered for the item: the desk's reason.
    note: Mapped[str] = mapped_column(String(300), default="")
    # How the person was found: "scan" (badge QR or USB scanner) or "lookup" (by name).
    method: Mapped[str] = mapped_column(String(10), default="scan")
    # The browser's id for an offline scan, so a replay is recognised, not counted twice.
    client_scan_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    delegate: Mapped[Delegate] = relationship()
    item: Mapped[ProgramItem] = relationship()
    staff: Mapped[StaffUser | None] = relationship()

    # One check-in per person per item: a second scan is answered, not stored. Every scan
    # answers with the item's count: by item_id, not a walk over the seminar's check-ins.
    __table_args__ = (
        UniqueConstraint("delegate_id", "item_id"),
        Index("ix_check_in_item_id", "item_id"),
    )
