"""Delegates, the programme items they attend, and the history of their changes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import db
from ..names.display import cross_display_name, display_name, display_reading
from ..program.models import ProgramItem
from ..vocabulary import (  # noqa: F401  (the codes stored here, importable with the models)
    AttendanceStatus,
    DelegateStatus,
    Dietary,
    OrganizationType,
    Role,
    Side,
)


class Delegate(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    seminar_id: Mapped[int] = mapped_column(ForeignKey("seminar.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(10))

    # The name as the delegate writes it; family may be empty (买买提·吐尔逊).
    family_name: Mapped[str] = mapped_column(String(100), default="")
    given_name: Mapped[str] = mapped_column(String(100))
    # Kana for the Japanese side, toneless pinyin for the Chinese side.
    family_reading: Mapped[str] = mapped_column(String(200), default="")
    given_reading: Mapped[str] = mapped_column(String(200), default="")
    family_latin: Mapped[str] = mapped_column(String(100), default="")
    given_latin: Mapped[str] = mapped_column(String(100), default="")
    # The other side's rendering, derived then editable by the secretariat.
    cross_family_name: Mapped[str] = mapped_column(String(100), default="")
    cross_given_name: Mapped[str] = mapped_column(String(100), default="")
    # Sorts in the side's own order (gojūon / pinyin) with plain string comparison.
    sort_key: Mapped[str] = mapped_column(String(400), default="")
    # Every script variant of the name, lower-cased, for search in any script.
    search_text: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[str] = mapped_column(String(200), default="")
    cross_organization: Mapped[str] = mapped_column(String(200), default="")
    organization_type: Mapped[str] = mapped_column(String(30), default="other")
    title: Mapped[str] = mapped_column(String(200), default="")
    # Empty for a delegation member registered without an address of their own.
    email: Mapped[str] = mapped_column(String(254))
    # Lower-cased copy: the unique key, so Taro@X.jp and taro@x.jp are one person;
    # NULL when there is no address (NULLs never collide in a unique constraint).
    email_key: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(20), default=Role.DELEGATE)
    dietary: Mapped[str] = mapped_column(String(20), default=Dietary.NONE)
    dietary_note: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(5), default="ja")

    arrival_date: Mapped[dt.date | None]
    arrival_time: Mapped[dt.time | None]
    arrival_transport: Mapped[str] = mapped_column(String(40), default="")
    arrival_place: Mapped[str] = mapped_column(String(100), default="")
    departure_date: Mapped[dt.date | None]
    departure_time: Mapped[dt.time | None]
    departure_transport: Mapped[str] = mapped_column(String(40), default="")
    departure_place: Mapped[str] = mapped_column(String(100), default="")
    needs_hotel: Mapped[bool] = mapped_column(Boolean, default=False)

    consent_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default=DelegateStatus.CONFIRMED)
    source: Mapped[str] = mapped_column(String(20), default="form")
    # SHA-256 of the self-service token: the token itself lives only in the mail.
    manage_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The token is derived from this nonce and the secret key (personal_link.py).
    link_nonce: Mapped[str | None] = mapped_column(String(64))
    # Opaque code printed as the badge QR; carries no personal data.
    checkin_code: Mapped[str] = mapped_column(String(40), unique=True)
    badge_printed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Set when `purge` removed everything personal (names, contacts, travel, notes);
    # the row stays so that headcounts per side and item do not change.
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The delegation (an organisation's invitation, delegations/) registering this delegate.
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitation.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="delegate", cascade="all, delete-orphan", order_by="Attendance.id"
    )
    changes: Mapped[list[DelegateChange]] = relationship(
        back_populates="delegate", cascade="all, delete-orphan", order_by="DelegateChange.id"
    )

    __table_args__ = (
        UniqueConstraint("seminar_id", "email_key"),
        Index("ix_delegate_seminar_side_sort", "seminar_id", "side", "sort_key"),
    )

    @property
    def full_name(self) -> str:
        return display_name(self.side, self.family_name, self.given_name)

    @property
    def cross_name(self) -> str:
        """The name in the other side's script ('并木心', '単偉'): names.display owns the
        spacing, by this delegate's side."""
        return cross_display_name(self.cross_family_name, self.cross_given_name)

    @property
    def printed_reading(self) -> str:
        """The kana that badges and rolls print with the name ('' for the Chinese side,
        whose reading is its Latin name)."""
        return display_reading(self.side, self.family_reading, self.given_reading)

    @property
    def latin_name(self) -> str:
        return " ".join(part for part in (self.family_latin.upper(), self.given_latin) if part)

    @property
    def item_codes(self) -> list[str]:
        return [attendance.item.code for attendance in self.attendances]


# The console's list order (Japanese side first, each side by its sort key) read from an
# index, so a page of 50 does not sort every delegate: "japan" > "china", hence DESC.
Index(
    "ix_delegate_console_order",
    Delegate.seminar_id,
    Delegate.side.desc(),
    Delegate.sort_key,
    Delegate.id,
)


class Attendance(db.Model):
    """A delegate's place at one programme item: confirmed, or on its waiting list."""

    id: Mapped[int] = mapped_column(primary_key=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegate.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("program_item.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default=AttendanceStatus.CONFIRMED)
    # Arrival order decides who leaves the waiting list first.
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    delegate: Mapped[Delegate] = relationship(back_populates="attendances")
    item: Mapped[ProgramItem] = relationship()

    __table_args__ = (
        UniqueConstraint("delegate_id", "item_id"),
        Index("ix_attendance_item_status", "item_id", "status"),
    )


class ChangeRecord:
    """The columns of one changed field: who changed it, when, from what to what.

    Shared by a delegate's history and an invitation's (``delegations.models``), which
    ``registration.history`` words alike."""

    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.now()
    )
    # Who: "self" (the delegate's link), "contact", "member", "import", "system", "cli",
    # or a staff account's email.
    actor: Mapped[str] = mapped_column(String(254))
    field: Mapped[str] = mapped_column(String(50))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


class DelegateChange(ChangeRecord, db.Model):
    """One changed field of a delegate."""

    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegate.id", ondelete="CASCADE"))

    delegate: Mapped[Delegate] = relationship(back_populates="changes")


class ItemHeadcount(db.Model):
    """How many registered delegates of a side hold a place of one status with one
    dietary need on an item ("confirmed", "waitlisted"), or have checked in at it
    ("checked_in", dietary ""). Kept by database triggers (headcounts.py): never
    written by the application."""

    item_id: Mapped[int] = mapped_column(
        ForeignKey("program_item.id", ondelete="CASCADE"), primary_key=True
    )
    side: Mapped[str] = mapped_column(String(10), primary_key=True)
    figure: Mapped[str] = mapped_column(String(20), primary_key=True)
    dietary: Mapped[str] = mapped_column(String(20), primary_key=True)
    people: Mapped[int]


class SeminarHeadcount(db.Model):
    """How many delegates of a side an edition has per status ("confirmed",
    "waitlisted", "cancelled"), and how many registered ones have checked in anywhere
    ("present"). Kept by database triggers (headcounts.py)."""

    seminar_id: Mapped[int] = mapped_column(
        ForeignKey("seminar.id", ondelete="CASCADE"), primary_key=True
    )
    side: Mapped[str] = mapped_column(String(10), primary_key=True)
    figure: Mapped[str] = mapped_column(String(20), primary_key=True)
    people: Mapped[int]


# Code-point order on both databases: SQLite compares text bytewise, PostgreSQL by its
# collation unless told "C", and "starts with" is a range in that order (token_range).
SEARCH_TOKEN_TYPE = Text().with_variant(Text(collation="C"), "postgresql")


class DelegateSearchToken(db.Model):
    """One token of a delegate's search_text (names/search.py), so that a look-up finds
    "a token starts with the term" as a range on this primary key instead of reading every
    delegate's text. Kept by database triggers on delegate (migration 0019) whichever path
    writes search_text: never written by the application."""

    token: Mapped[str] = mapped_column(SEARCH_TOKEN_TYPE, primary_key=True)
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), primary_key=True, index=True
    )
