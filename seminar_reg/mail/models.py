"""Mail waiting to be sent, stored with the change that caused it."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import db


class MailStatus(enum.StrEnum):
    PENDING = "pending"
    # Claimed by one sender until next_attempt_at; after that anyone may try again.
    SENDING = "sending"
    SENT = "sent"
    # Given up after MAIL_MAX_ATTEMPTS, or refused for good by the server.
    FAILED = "failed"


class OutgoingMail(db.Model):
    __tablename__ = "outgoing_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the mail is about (confirmation, link_renewed ...), for the figures only.
    kind: Mapped[str] = mapped_column(String(30))
    recipient: Mapped[str] = mapped_column(String(254))
    # A mail composed when it was queued (a delegation's invitation, and every mail
    # stored before 0014): the whole RFC 5322 message. It holds a live link, so it is
    # emptied as soon as the mail is sent: the link then lives only in the mailbox.
    message: Mapped[bytes | None] = mapped_column(LargeBinary)
    # A mail composed when it is sent (a delegate's mails): what it is about (for a
    # delegate's kinds, the delegate's id) and its language. No link is ever stored:
    # the composer derives it (registration.personal_link).
    about_id: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(10), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_outgoing_mail_status_next", "status", "next_attempt_at"),)
