"""Finding 11 ("outbox files / uploads pile up") and item 6: what is kept only for a
while is deleted by `flask --app seminar_reg cleanup`, run daily."""

import datetime as dt
import os
import time

import pytest
from sqlalchemy import func, select

from seminar_reg.audit.models import AuditEvent
from seminar_reg.auth.models import LoginFailure
from seminar_reg.clock import utcnow
from seminar_reg.extensions import db
from seminar_reg.mail.models import OutgoingMail
from seminar_reg.program.models import Seminar
from seminar_reg.registration.models import Delegate
from seminar_reg.registration.operations import register
from tests.factories import delegate_data

DAY = 24 * 60 * 60
HOURS_2 = dt.timedelta(hours=2)  # past the 15-minute throttling window


def _file(directory, name: str, age_days: float):
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(b"personal data")
    stamp = time.time() - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def leftovers(app, seminar, tmp_path):
    """Old and fresh files, failures, events, and a delegate with a live link."""
    outbox, uploads = tmp_path / "outbox", tmp_path / "uploads"
    files = {
        "old_mail": _file(outbox, "old.eml", 8), "new_mail": _file(outbox, "new.eml", 1),
        "old_upload": _file(uploads, "a" * 32 + ".xlsx", 0.5),
        "new_upload": _file(uploads, "b" * 32 + ".csv", 0.01),
    }
    now = utcnow()
    db.session.add_all([
        LoginFailure(email_key="x@y.example", address="1.2.3.4", failed_at=now - HOURS_2),
        LoginFailure(email_key="x@y.example", address="1.2.3.4", failed_at=now),
        AuditEvent(actor="old", kind="login", at=now - dt.timedelta(days=800)),
        AuditEvent(actor="recent", kind="login", at=now - dt.timedelta(days=10)),
        OutgoingMail(kind="confirmation", recipient="a@x.jp", status="sent",
                     created_at=now - dt.timedelta(days=8), sent_at=now - dt.timedelta(days=8)),
        OutgoingMail(kind="confirmation", recipient="b@x.jp", status="pending",
                     message=b"link", created_at=now - dt.timedelta(days=8)),
    ])
    db.session.commit()
    _delegate, token = register(seminar, delegate_data("japan", "並木", "心", ("なみき", "こころ")))
    return files, token


def _count(model, *where) -> int:
    return db.session.execute(select(func.count(model.id)).where(*where)).scalar_one()


def test_cleanup_deletes_what_has_expired_and_keeps_the_rest(app, seminar, leftovers):
    files, token = leftovers
    assert app.test_client().get(f"/my/{token}").status_code == 302  # 2017 ended long ago

    result = app.test_cli_runner().invoke(args=["cleanup"])
    assert result.exit_code == 0, result.output
    assert ("deleted: 1 outbox mail file(s), 1 sent or failed mail(s), 1 personal link(s), "
            "0 expired delegation request(s), "
            "1 old login failure(s), 1 stale upload(s), 1 audit event(s)") in result.output
    recipients = {m.recipient for m in db.session.execute(select(OutgoingMail)).scalars()}
    assert "a@x.jp" not in recipients and "b@x.jp" in recipients  # b's is still to go

    assert not files["old_mail"].exists() and files["new_mail"].exists()
    assert not files["old_upload"].exists() and files["new_upload"].exists()
    assert app.test_client().get(f"/my/{token}").status_code == 404
    assert _count(LoginFailure) == 1
    assert [e.actor for e in db.session.execute(select(AuditEvent)).scalars()
            if e.kind == "login"] == ["recent"]
    assert _count(AuditEvent, AuditEvent.kind == "cleanup") == 1


def test_the_dry_run_deletes_nothing(app, seminar, leftovers):
    files, token = leftovers
    result = app.test_cli_runner().invoke(args=["cleanup", "--dry-run"])
    assert "would delete: 1 outbox mail file(s), 1 sent or failed mail(s)" in result.output
    assert all(path.exists() for path in files.values())
    assert app.test_client().get(f"/my/{token}").status_code == 302
    assert _count(LoginFailure) == 2


def test_links_of_a_seminar_that_has_not_ended_are_kept(app, seminar, leftovers):
    _files, token = leftovers
    db.session.execute(db.update(Seminar).values(end_date=dt.date.today() + dt.timedelta(days=3)))
    db.session.commit()
    app.test_cli_runner().invoke(args=["cleanup"])
    assert _count(Delegate, Delegate.manage_token_hash.is_not(None)) == 1
    assert app.test_client().get(f"/my/{token}").status_code == 302


def test_the_admin_page_shows_and_runs_the_cleanup(app, seminar, leftovers, login_as):
    from tests.forms import open_form

    admin = login_as("admin")
    admin.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = admin.get("/console/retention/").get_data(as_text=True)
    assert ("Waiting to be deleted: 1 outbox files, 1 personal links of finished seminars, "
            "0 expired delegation requests, 1 uploads") in page
    form = open_form(admin, "/console/retention/", action="/console/retention/cleanup")
    done = form.submit(admin, follow_redirects=True).get_data(as_text=True)
    assert ("Deleted 1 outbox files, 1 personal links, 0 expired delegation requests, "
            "1 uploads and 1 audit events.") in done
    assert not leftovers[0]["old_mail"].exists()
