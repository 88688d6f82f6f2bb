"""A contact sees and changes only their own delegation; links are kept out of logs."""

from __future__ import annotations

from sqlalchemy import select

from seminar_reg.delegations.models import Invitation
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from seminar_reg.security import redact
from tests.forms import open_form

from .helpers import MEMBER, add_member, invite


def _member_of_first_delegation(app, client_a):
    assert add_member(client_a, MEMBER).status_code == 302
    return db.session.execute(select(Delegate)).scalar_one()


def test_a_contact_cannot_see_or_change_another_delegation(app, seminar):
    client_a, client_b = app.test_client(), app.test_client()
    client_a.get(invite(app, "東京都羽村市", "a@hamura.example.jp"))
    client_b.get(invite(app, "大阪府", "b@osaka.example.jp"))
    member = _member_of_first_delegation(app, client_a)

    page_b = client_b.get("/delegation").get_data(as_text=True)
    assert "大阪府" in page_b and member.family_name not in page_b
    assert client_b.get(f"/delegation/members/{member.id}").status_code == 404
    # A's member's remove button, sent with B's session, is refused.
    assert client_b.post(f"/delegation/members/{member.id}/remove").status_code == 404
    form = open_form(client_b, "/delegation", action="/delegation/members")
    assert form.submit(client_b).status_code == 400  # B's own (empty) form, for contrast
    db.session.expire_all()
    assert db.session.get(Delegate, member.id).status == "confirmed"
    # Without a link, no delegation at all.
    assert app.test_client().get("/delegation").status_code == 404


def test_revoked_link_stops_working(app, seminar):
    from seminar_reg.delegations import operations
    from seminar_reg.delegations.models import Invitation

    path = invite(app, "東京都羽村市", "a@hamura.example.jp")
    client = app.test_client()
    assert client.get(path).status_code == 302
    operations.revoke(db.session.execute(select(Invitation)).scalar_one(), actor="secretariat")
    assert client.get("/delegation").status_code == 404
    client.set_cookie("lang", "zh")
    answer = client.get(path)
    assert answer.status_code == 404
    assert "此链接无法打开代表团页面" in answer.get_data(as_text=True)  # and what to do
    assert "请秘书处重新发送" in answer.get_data(as_text=True)


def test_invitation_tokens_are_redacted_from_log_lines(app, seminar):
    path = invite(app, "東京都羽村市", "a@hamura.example.jp")
    token = path.rsplit("/", 1)[1]
    line = f'127.0.0.1 - - "GET {path} HTTP/1.1" 302 -'
    assert token not in redact(line) and "/invitation/[redacted]" in redact(line)
    assert "/delegation/members/3" in redact('"GET /delegation/members/3 HTTP/1.1"')


def test_after_the_deadline_the_page_is_read_only(app, seminar):
    import datetime as dt

    from seminar_reg.clock import utcnow
    from seminar_reg.delegations import operations
    from seminar_reg.delegations.models import Invitation

    client = app.test_client()
    client.get(invite(app, "東京都羽村市", "a@hamura.example.jp"))
    form = open_form(client, "/delegation", action="/delegation/members")
    invitation = db.session.execute(select(Invitation)).scalar_one()
    operations.set_deadline(invitation, utcnow() - dt.timedelta(minutes=1), actor="s@x.example")
    page = client.get("/delegation").get_data(as_text=True)
    assert 'action="/delegation/members' not in page  # no form to add members any more
    for name, value in MEMBER.items():
        form[name] = value
    assert form.submit(client).status_code == 302  # refused, back to the page
    assert db.session.execute(select(Delegate)).first() is None


def test_a_contact_declines_for_the_organisation(app, seminar):
    from seminar_reg.delegations.models import Invitation

    client = app.test_client()
    client.get(invite(app, "東京都羽村市", "a@hamura.example.jp"))
    assert open_form(client, "/delegation", action="/delegation/decline").submit(
        client).status_code == 302
    db.session.expire_all()
    assert db.session.execute(select(Invitation)).scalar_one().status == "declined"


def test_a_new_contact_does_not_see_the_earlier_contacts_address(app, seminar, login_as):
    invite(app, "東京都羽村市", "earlier@hamura.example.jp")
    path = invite(app, "東京都羽村市", "now@hamura.example.jp")  # the secretariat's new contact
    contact = app.test_client()
    contact.get(path)
    page = contact.get("/delegation").get_data(as_text=True)
    assert "now@hamura.example.jp" in page and "earlier@hamura.example.jp" not in page
    assert "担当者のメールアドレス" in page  # that it changed is still in the history
    invitation = db.session.execute(select(Invitation)).scalar_one()
    staff = login_as("secretariat").get(f"/console/delegations/{invitation.id}")
    assert "earlier@hamura.example.jp" in staff.get_data(as_text=True)
