"""Mail that never loses a link: stored with the change, sent after the response,
retried with back-off, delivered by ``flask mail send`` once the server is back."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.mail.models import MailStatus, OutgoingMail
from seminar_reg.mail.outbox import _claim, deliver
from seminar_reg.program.seeding import seed_program
from seminar_reg.registration.models import Delegate

from ..mailbox import LINK
from ..registration.helpers import JAPANESE, payload, register_through_form


def register_through_the_form(client, email="namiki@example.jp"):
    return register_through_form(client, "japan", payload(JAPANESE, email=email))


def mail_status(app) -> dict:
    result = app.test_cli_runner().invoke(args=["mail", "status", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_registration_survives_a_closed_smtp_port_and_mail_send_delivers_later(
    smtp_app, smtp_server
):
    seed_program()
    client = smtp_app.test_client()
    response = register_through_the_form(client)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/register/complete"
    )
    assert client.get("/register/complete").status_code == 200
    assert db.session.execute(select(Delegate.email)).scalar_one() == "namiki@example.jp"
    assert mail_status(smtp_app) == {"pending": 1, "sent": 0, "failed": 0}
    # While it waits, no link is stored: the mail is written when it is sent.
    assert db.session.execute(select(OutgoingMail.message)).scalar_one() is None

    sink = smtp_server.start()  # the mail server is back
    result = smtp_app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0 and "sent 1" in result.output, result.output
    assert mail_status(smtp_app) == {"pending": 0, "sent": 1, "failed": 0}
    ((sender, recipients, message),) = sink.messages
    assert recipients == ["namiki@example.jp"] and sink.logins == ["seminar"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    link = LINK.search(text)
    assert link.group(0).startswith("https://seminar.example.org/my/")
    # The link works, and once sent the stored copy no longer holds it.
    assert client.get(link.group(1)).status_code == 302
    assert db.session.execute(select(OutgoingMail.message)).scalar_one() is None


def test_mail_goes_out_right_after_the_request_when_the_server_answers(smtp_app, smtp_server):
    seed_program()
    sink = smtp_server.start()
    register_through_the_form(smtp_app.test_client())
    assert [recipients for _s, recipients, _m in sink.messages] == [["namiki@example.jp"]]
    assert mail_status(smtp_app) == {"pending": 0, "sent": 1, "failed": 0}


def test_failed_sends_back_off_then_give_up_and_can_be_revived(smtp_app, smtp_server):
    seed_program()
    smtp_app.config["MAIL_MAX_ATTEMPTS"] = 2
    register_through_the_form(smtp_app.test_client())  # first attempt, refused
    mail = db.session.execute(select(OutgoingMail)).scalar_one()
    assert (mail.status, mail.attempts) == (MailStatus.PENDING, 1)
    assert "ConnectionRefusedError" in mail.last_error
    assert mail.next_attempt_at > dt.datetime.now(dt.UTC).replace(tzinfo=None)
    # Not due yet: a timer run with --due leaves it alone.
    assert deliver(due_only=True).sent + deliver(due_only=True).retrying == 0
    result = smtp_app.test_cli_runner().invoke(args=["mail", "send"])  # whatever the back-off
    assert "failed 1" in result.output, result.output
    assert mail_status(smtp_app) == {"pending": 0, "sent": 0, "failed": 1}

    sink = smtp_server.start()
    result = smtp_app.test_cli_runner().invoke(args=["mail", "send", "--failed"])
    assert "sent 1" in result.output, result.output
    assert len(sink.messages) == 1


def test_a_mail_is_stored_only_with_the_change_that_caused_it(smtp_app):
    seed_program()
    register_through_the_form(smtp_app.test_client())
    # The same address again stores nothing and so queues no confirmation: its owner
    # is sent a new link instead (the lost-link answer).
    register_through_the_form(smtp_app.test_client())
    kinds = db.session.execute(select(OutgoingMail.kind).order_by(OutgoingMail.id)).scalars()
    assert list(kinds) == ["confirmation", "link_renewed"]
    assert len(db.session.execute(select(Delegate)).scalars().all()) == 1


def test_one_sender_claims_a_mail_so_it_never_goes_out_twice(smtp_app):
    seed_program()
    register_through_the_form(smtp_app.test_client())
    mail_id = db.session.execute(select(OutgoingMail.id)).scalar_one()
    overdue = dt.datetime(2000, 1, 1)
    db.session.execute(
        OutgoingMail.__table__.update().values(status=MailStatus.PENDING, next_attempt_at=overdue)
    )
    db.session.commit()
    assert _claim(mail_id, due_only=True) is not None
    assert _claim(mail_id, due_only=False) is None  # taken by the first, lease running


def test_ssl_setting_speaks_tls_from_the_first_byte(smtp_app, smtp_server):
    seed_program()
    smtp_server.start()  # a plain server: a TLS handshake with it fails
    smtp_app.config["MAIL_SMTP_SECURITY"] = "ssl"
    register_through_the_form(smtp_app.test_client())
    mail = db.session.execute(select(OutgoingMail)).scalar_one()
    assert mail.status == MailStatus.PENDING and "SSL" in mail.last_error
    assert smtp_server.sink.messages == []
