"""Persisted logistics plans: site-visit buses and reception seating.

Plans are stored so the secretariat's manual moves survive; re-planning replaces the
whole plan. Seats of delegates who cancel (or leave the item) stay in the table until
newcomers are placed, but queries skip them and they never count against capacity.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import db
from ..registration.models import Delegate


class Bus(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    seminar_id: Mapped[int] = mapped_column(ForeignKey("seminar.id", ondelete="CASCADE"))
    number: Mapped[int]
    capacity: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    seats: Mapped[list[BusSeat]] = relationship(
        back_populates="bus", cascade="all, delete-orphan", order_by="BusSeat.id"
    )
    __table_args__ = (UniqueConstraint("seminar_id", "number"),)


class BusSeat(db.Model):
    """One delegate on one bus; a delegate rides one bus only (unique delegate_id)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    bus_id: Mapped[int] = mapped_column(ForeignKey("bus.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), unique=True
    )

    bus: Mapped[Bus] = relationship(back_populates="seats")
    delegate: Mapped[Delegate] = relationship()


class ReceptionTable(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("program_item.id", ondelete="CASCADE"))
    number: Mapped[int]
    capacity: Mapped[int]
    is_head: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    seats: Mapped[list[TableSeat]] = relationship(
        back_populates="table", cascade="all, delete-orphan", order_by="TableSeat.id"
    )
    __table_args__ = (UniqueConstraint("item_id", "number"),)


class TableSeat(db.Model):
    """One delegate at one table of one reception (unique per reception and delegate)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(
        ForeignKey("reception_table.id", ondelete="CASCADE"), index=True
    )
    # Repeats the table's item so the database itself keeps one seat per reception.
    item_id: Mapped[int] = mapped_column(ForeignKey("program_item.id", ondelete="CASCADE"))
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegate.id", ondelete="CASCADE"))

    table: Mapped[ReceptionTable] = relationship(back_populates="seats")
    delegate: Mapped[Delegate] = relationship()
    __table_args__ = (UniqueConstraint("item_id", "delegate_id"),)
