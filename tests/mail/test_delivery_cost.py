"""What sending a request's own mail after its answer costs the database: its claim,
one read of all the mail shows, and its record: three statements and two commits
(README, "Performance": a registration's worker pays this before its next request)."""

from __future__ import annotations

from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.mail.models import MailStatus, OutgoingMail
from seminar_reg.mail.outbox import deliver
from tests.forms import open_form
from tests.statements import counted_work

from ..mailbox import body, calendar, sent_mails
from ..registration.helpers import CHINESE, JAPANESE, fill


def _registered(app, side: str, person: dict, lang: str):
    """The answer to a registration made through the form, its mail not yet sent."""
    client = app.test_client()
    form = open_form(client, f"/register/{side}?lang={lang}", field="consent")
    fill(form, {k: v for k, v in person.items() if k != "consent"})
    form.check("consent")
    response = form.submit(client, buffered=False)  # the mail goes when it is closed
    assert response.status_code == 302
    return response


def test_a_registrations_mail_is_claimed_read_and_recorded_in_three_statements(app, seminar):
    # The first mail of a process also looks for due retries (at most every 30 s).
    _registered(app, "japan", JAPANESE, "ja").close()
    response = _registered(app, "china", CHINESE, "zh")
    with counted_work() as seen:
        response.close()
    claim, read, record = seen.sql  # no look for it first, no lazy load composing
    assert claim.startswith("UPDATE outgoing_mail SET") and "RETURNING" in claim
    assert read.startswith("SELECT delegate.") and "program_day" in read
    assert record.startswith("UPDATE outgoing_mail SET")
    assert seen.commits == 2  # the claim, seen before the mail goes; the record
    # ... and the mail is whole: the delegate's name, both items on their days, calendar.
    sent = [mail for mail in sent_mails(app) if mail["To"] == CHINESE["email"]]
    assert len(sent) == 1
    text = body(sent[0])
    assert "单伟" in text.replace(" ", "") and text.count("\n- ") == 2
    assert len(calendar(sent[0]).walk("VEVENT")) == 2


def test_a_mail_already_sent_is_not_sent_again_for_its_request(app, seminar):
    _registered(app, "japan", JAPANESE, "ja").close()
    mail_id, status = db.session.execute(select(OutgoingMail.id, OutgoingMail.status)).one()
    assert status == MailStatus.SENT
    db.session.commit()
    with counted_work() as seen:
        delivery = deliver(ids=[mail_id], due_only=False)
    assert (delivery.sent, len(seen.sql)) == (0, 1)  # the claim finds nothing to take
    assert len(sent_mails(app)) == 1
