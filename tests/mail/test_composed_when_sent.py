"""A delegate's mail is queued with the change (what to send: kind, address, language)
and written when it is sent: the registration's transaction composes no MIME, stores no
link, and still never commits without its mail (README, "Mail")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.mail.models import MailStatus, OutgoingMail
from seminar_reg.registration import operations
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.models import Delegate
from seminar_reg.retention.cleanup import cleanup
from tests.forms import open_form

from ..mailbox import body, calendar, personal_link, sent_mails
from ..registration.helpers import JAPANESE, fill, register_through_form


def _count(model) -> int:
    return db.session.execute(select(func.count(model.id))).scalar_one()


def test_the_registration_stores_what_to_send_and_the_mail_is_written_after_it(app, seminar):
    client = app.test_client()
    form = open_form(client, "/register/japan?lang=zh", field="consent")
    fill(form, {k: v for k, v in JAPANESE.items() if k != "consent"})
    form.check("consent")
    response = form.submit(client, buffered=False)  # the mail goes when it is closed
    assert response.status_code == 302
    delegate = db.session.execute(select(Delegate)).scalar_one()
    mail = db.session.execute(select(OutgoingMail)).scalar_one()
    # Committed with the registration: the intent, no message and so no link.
    assert (mail.kind, mail.recipient, mail.about_id, mail.language, mail.message) == (
        "confirmation", JAPANESE["email"], delegate.id, "zh", None
    )
    assert sent_mails(app) == []
    response.close()
    (sent,) = sent_mails(app)
    assert "报名" in sent["Subject"] and "並木" in body(sent)
    assert calendar(sent) is not None
    visitor = app.test_client()
    assert visitor.get(personal_link(sent)).status_code == 302
    assert "並木" in visitor.get("/my").get_data(as_text=True)


def test_a_registration_and_its_mail_are_committed_together_or_not_at_all(app, seminar):
    data = demo_delegates(1, 0, seed=7)[0]
    operations.register(seminar, data, commit=False)
    db.session.rollback()
    assert (_count(Delegate), _count(OutgoingMail)) == (0, 0)
    delegate, _token = operations.register(seminar, data, commit=False)
    db.session.commit()
    mail = db.session.execute(select(OutgoingMail)).scalar_one()
    assert (mail.about_id, mail.recipient, mail.status) == (
        delegate.id, data.email, MailStatus.PENDING
    )


def test_a_late_mail_whose_link_has_ended_is_given_up_and_brings_no_link_back(
    smtp_app, smtp_server, seminar
):
    register_through_form(smtp_app.test_client(), "japan", JAPANESE)  # the server is away
    seminar.start_date, seminar.end_date = dt.date(2000, 1, 1), dt.date(2000, 1, 2)
    db.session.commit()
    cleanup()  # the seminar is long over: its delegates' links end
    sink = smtp_server.start()
    result = smtp_app.test_cli_runner().invoke(args=["mail", "send"])
    assert "failed 1" in result.output, result.output
    assert sink.messages == []
    db.session.expire_all()
    assert db.session.execute(select(Delegate.manage_token_hash)).scalar_one() is None
    mail = db.session.execute(select(OutgoingMail)).scalar_one()
    assert mail.status == MailStatus.FAILED and "nothing to send" in mail.last_error
    # Reviving given-up mail leaves it alone: there is nothing to write.
    result = smtp_app.test_cli_runner().invoke(args=["mail", "send", "--failed"])
    assert "sent 0" in result.output and sink.messages == []
