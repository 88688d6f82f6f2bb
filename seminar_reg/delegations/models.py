"""Organisations, their invitations to a seminar, and the history of each invitation.

- ``Organization``: an invited body (a prefecture, a city and its office in China, a
  provincial foreign-affairs office, a travel agency): its names in ja/zh/en (the side's
  own script typed, the other side's derived as delegates' names are and editable), its
  side, its type (``vocabulary.OrganizationType``, which decides the items its members
  may attend through ``registration.rules``) and its head (name and title, to whom the
  formal letters are addressed). Organisations outlive a seminar: they are invited
  again each year.
- ``Invitation``: one organisation invited to one seminar (``seminar_id``), its contact
  (email, language), status (``vocabulary.InvitationStatus``), deadline and link. The
  link's token is derived and stored only as a hash, as the delegates' own links are
  (``registration.personal_link``). Its members are ordinary ``Delegate`` rows whose
  ``invitation_id`` points here (``queries.delegation_members``), so headcounts,
  badges, rolls and logistics count them as any delegate.
- ``InvitationChange``: one change of an invitation (status, deadline, contact, a
  member added or removed), who made it and when, read with ``registration.history``.
- ``ReturningMember``: a contact's request to fill in a member from that person's
  record of an earlier edition, and whether the person agreed (opened the mailed link).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import db
from ..registration.models import ChangeRecord, Delegate
from ..vocabulary import InvitationStatus, OrganizationType, Side


class Organization(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    side: Mapped[str] = mapped_column(String(10))
    organization_type: Mapped[str] = mapped_column(String(30), default=OrganizationType.OTHER)
    name_ja: Mapped[str] = mapped_column(String(200), default="")
    name_zh: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    # The head of the organisation (governor, mayor, director), for the formal letters.
    head_name: Mapped[str] = mapped_column(String(200), default="")
    head_title: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    invitations: Mapped[list[Invitation]] = relationship(back_populates="organization")

    @property
    def name(self) -> str:
        """The name in the organisation's own script (Japanese or Chinese)."""
        return self.name_ja if self.side == Side.JAPAN else self.name_zh

    @property
    def cross_name(self) -> str:
        """The name in the other side's script."""
        return self.name_zh if self.side == Side.JAPAN else self.name_ja

    def name_in(self, language: str) -> str:
        return getattr(self, f"name_{language}", "") or self.name


class Invitation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    seminar_id: Mapped[int] = mapped_column(ForeignKey("seminar.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE")
    )
    contact_email: Mapped[str] = mapped_column(String(254))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    # The language of the mails and of the delegation page when opened from the link.
    language: Mapped[str] = mapped_column(String(5), default="ja")
    status: Mapped[str] = mapped_column(String(20), default=InvitationStatus.INVITED)
    # Naive UTC, as every stored time; shown on the venue's clock.
    deadline: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # SHA-256 of the link's token, derived from the nonce and the secret key.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_nonce: Mapped[str | None] = mapped_column(String(64))
    invited_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reminded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The last change of anything the delegation did or had done to it.
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="invitations")
    changes: Mapped[list[InvitationChange]] = relationship(
        back_populates="invitation",
        cascade="all, delete-orphan",
        order_by="InvitationChange.id",
    )

    __table_args__ = (
        UniqueConstraint("seminar_id", "organization_id"),
        Index("ix_invitation_seminar_status", "seminar_id", "status"),
    )


class InvitationChange(ChangeRecord, db.Model):
    """One changed thing of an invitation, worded by ``registration.history``."""

    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitation.id", ondelete="CASCADE"))

    invitation: Mapped[Invitation] = relationship(back_populates="changes")


class MembershipRequest(db.Model):
    """A contact added a member whose address is registered already (on their own or in
    another delegation). The contact sees what a new address gives (``joining``): a
    member as typed, holding places, shown with the typed address, which this row keeps
    (``replaces_delegate_id``); the person at the address is mailed a link to join in
    that member's place or refuse. The joining delegate's own record stays as it is.
    One request per delegation and delegate."""

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitation.id", ondelete="CASCADE"))
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegate.id", ondelete="CASCADE"))
    requested_name: Mapped[str] = mapped_column(String(200), default="")
    # The member whose address the contact changed to this person's: joining replaces
    # them (their places go to the waiting list), so nobody is in the delegation twice.
    replaces_delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegate.id", ondelete="SET NULL")
    )
    # The address as the contact typed it: their page shows it on the member replaced
    # (the address is not stored on that member, as it is the person's own record's).
    requested_email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # SHA-256 of the mailed link's token, derived from the nonce and the secret key
    # (``mails.JOIN_PURPOSE``), so the mail is written when it is sent.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    link_nonce: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    invitation: Mapped[Invitation] = relationship()

    __table_args__ = (UniqueConstraint("invitation_id", "delegate_id"),)


class ReturningMember(db.Model):
    """A contact asked to fill in a member from that person's record of an earlier
    edition (#13 item 5, ``delegations.returning``). The record's holder is mailed a
    link (its token derived and kept as a hash, as the invitation's); opening it is
    their consent (``confirmed_at``), and only then may the contact's member form be
    filled from the record."""

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitation.id", ondelete="CASCADE"))
    # The earlier edition's record whose holder is asked.
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegate.id", ondelete="CASCADE"))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_nonce: Mapped[str | None] = mapped_column(String(64))
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    invitation: Mapped[Invitation] = relationship()
    delegate: Mapped[Delegate] = relationship()

    __table_args__ = (UniqueConstraint("invitation_id", "delegate_id"),)
