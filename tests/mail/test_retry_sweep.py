"""Retries sent while people use the site: after a request's own mail, the due ones, but
looked for at most every RETRY_SWEEP_SECONDS in a server process (the shortest back-off
is a minute: a look after every mail found nothing and cost a statement and a commit)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from seminar_reg import mail
from seminar_reg.extensions import db
from seminar_reg.mail.models import MailStatus, OutgoingMail

from ..registration.helpers import JAPANESE, payload, register_through_form


def _register(client, email: str) -> None:
    response = register_through_form(client, "japan", payload(JAPANESE, email=email))
    assert response.status_code == 302


def _first_mail_due_again() -> int:
    """The first mail, back in the outbox with its back-off over (a failed attempt)."""
    first = db.session.execute(select(OutgoingMail).order_by(OutgoingMail.id)).scalars().first()
    first.status, first.next_attempt_at = MailStatus.PENDING, dt.datetime(2000, 1, 1)
    db.session.commit()
    return first.id


def _status(mail_id: int) -> str:
    db.session.expire_all()
    return db.session.get(OutgoingMail, mail_id).status


def test_due_retries_go_out_after_a_request_at_most_every_so_often(client, seminar, monkeypatch):
    _register(client, "first@example.jp")
    waiting = _first_mail_due_again()
    monkeypatch.setattr(mail, "RETRY_SWEEP_SECONDS", 0.0)  # as if long since the last look
    _register(client, "second@example.jp")
    assert _status(waiting) == MailStatus.SENT

    _first_mail_due_again()
    monkeypatch.setattr(mail, "RETRY_SWEEP_SECONDS", 3600.0)  # looked a moment ago
    _register(client, "third@example.jp")
    assert _status(waiting) == MailStatus.PENDING  # left for the next look or the timer
    third = db.session.execute(
        select(OutgoingMail.status).where(OutgoingMail.recipient == "third@example.jp")
    ).scalar_one()
    assert third == MailStatus.SENT  # the request's own mail goes out regardless

    monkeypatch.setattr(mail, "RETRY_SWEEP_SECONDS", 0.0)
    _register(client, "fourth@example.jp")
    assert _status(waiting) == MailStatus.SENT
