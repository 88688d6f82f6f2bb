"""The secretariat's delegations page: invite, filter, remind, resend, revoke, deadline;
the delegate list and its export name each member's delegation."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from seminar_reg.delegations.models import Invitation
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.forms import form_of, open_form
from tests.mailbox import body, mails_to

from .helpers import INVITATION_PATH, MEMBER, add_member

CONTACT = "waiban@shenyang.example.cn"


def _invite_from_console(client, **values):
    form = open_form(client, "/console/delegations/", action="/console/delegations/invite")
    for name, value in values.items():
        form[name] = value
    return form.submit(client)


def _invitation() -> Invitation:
    db.session.expire_all()
    return db.session.execute(select(Invitation)).scalar_one()


def test_invite_remind_resend_revoke_from_the_console(app, seminar, login_as):
    client = login_as("secretariat")
    response = _invite_from_console(
        client, organization="沈阳市人民政府外事办公室", side="china",
        organization_type="national_government", email=CONTACT, language="zh",
        deadline="2017-07-01T18:00",
    )
    assert response.status_code == 302
    invitation = _invitation()
    assert (invitation.status, invitation.language) == ("invited", "zh")
    assert invitation.organization.name_ja  # the other side's rendering, derived
    assert invitation.deadline is not None and invitation.deadline.hour == 10  # 18:00 UTC+8
    (mail,) = mails_to(app, CONTACT)
    assert "/invitation/" in body(mail)

    # A Japanese-language page names the Chinese organisation in Japanese forms.
    listing = client.get("/console/delegations/?side=china").get_data(as_text=True)
    assert "瀋陽市人民政府外事弁公室" in listing
    assert "瀋陽市" not in client.get("/console/delegations/?side=japan").get_data(as_text=True)
    assert "瀋陽市" not in client.get(
        "/console/delegations/?status=registered").get_data(as_text=True)

    # The reminder goes to contacts who have not answered.
    page = client.get("/console/delegations/")
    assert form_of(page, action="/console/delegations/remind").submit(client).status_code == 302
    assert len(mails_to(app, CONTACT)) == 2

    detail = client.get(f"/console/delegations/{invitation.id}")
    response = form_of(detail, action=f"/console/delegations/{invitation.id}/revoke").submit(
        client)
    assert response.status_code == 302 and _invitation().status == "revoked"
    link = INVITATION_PATH.search(body(mails_to(app, CONTACT)[0])).group(1)
    assert app.test_client().get(link).status_code == 404

    detail = client.get(f"/console/delegations/{invitation.id}")
    form_of(detail, action=f"/console/delegations/{invitation.id}/resend").submit(client)
    assert _invitation().status == "invited"
    new_link = INVITATION_PATH.search(body(mails_to(app, CONTACT)[-1])).group(1)
    assert new_link != link and app.test_client().get(new_link).status_code == 302

    history = client.get(f"/console/delegations/{invitation.id}").get_data(as_text=True)
    assert "secretariat@seminar.example" in history  # staff see which account acted


def test_delegate_list_and_export_name_the_delegation(app, seminar, login_as):
    client = login_as("secretariat")
    _invite_from_console(client, organization="東京都羽村市", side="japan",
                         email="tanto@hamura.example.jp", language="ja")
    contact = app.test_client()
    link = INVITATION_PATH.search(body(mails_to(app, "tanto@hamura.example.jp")[0])).group(1)
    contact.get(link)
    assert add_member(contact, dict(MEMBER, email="")).status_code == 302
    listing = client.get("/console/delegates").get_data(as_text=True)
    assert listing.count("東京都羽村市") >= 2  # organisation and delegation columns
    rows = list(csv.reader(io.StringIO(
        client.get("/console/delegates/export.csv").data.decode("utf-8-sig"))))
    assert rows[0][-1].startswith("代表団") and rows[1][-1] == "東京都羽村市"
    listing = client.get("/console/delegations/").get_data(as_text=True)
    assert "東京都羽村市" in listing
    # The member without an address can be edited by the secretariat too.
    member = db.session.execute(select(Delegate)).scalar_one()
    form = open_form(client, f"/console/delegates/{member.id}", field="title")
    form["title"] = "課長"
    assert form.submit(client).status_code == 302
    db.session.expire_all()
    assert (db.session.get(Delegate, member.id).title, member.email) == ("課長", "")


def test_only_the_secretariat_and_admins_see_delegations(app, seminar, login_as):
    assert login_as("viewer").get("/console/delegations/").status_code == 403
    assert login_as("checkin").get("/console/delegations/").status_code == 403
    assert login_as("admin").get("/console/delegations/").status_code == 200
    assert app.test_client().get("/console/delegations/").status_code == 302


def test_an_import_can_go_into_a_delegation(app, seminar, login_as):
    from seminar_reg.registration.demo import demo_delegates
    from tests.registration.test_import import _csv, _row

    client = login_as("secretariat")
    _invite_from_console(client, organization="東京都羽村市", side="japan",
                         email="tanto@hamura.example.jp", language="ja")
    invitation = _invitation()
    upload = open_form(client, "/console/import", field="file")
    upload.attach("file", _csv([_row(d) for d in demo_delegates(japan=2, china=0)]), "x.csv")
    commit = form_of(upload.submit(client), action="/console/import/commit")
    commit["delegation"] = str(invitation.id)
    assert commit.submit(client).status_code == 302
    db.session.expire_all()
    members = db.session.execute(select(Delegate)).scalars().all()
    assert len(members) == 2 and {m.invitation_id for m in members} == {invitation.id}
    assert _invitation().status == "registered"
    detail = client.get(f"/console/delegations/{invitation.id}").get_data(as_text=True)
    assert all(m.family_name in detail for m in members)


def test_a_corrected_organisation_name_reaches_its_members(app, seminar, login_as):
    client = login_as("secretariat")
    _invite_from_console(client, organization="東京都羽村市", side="japan",
                         email="tanto@hamura.example.jp", language="ja")
    contact = app.test_client()
    contact.get(INVITATION_PATH.search(
        body(mails_to(app, "tanto@hamura.example.jp")[0])).group(1))
    assert add_member(contact, dict(MEMBER, email="")).status_code == 302
    invitation = _invitation()
    form = open_form(client, f"/console/delegations/{invitation.id}", field="name_zh")
    form["name_ja"], form["name_zh"] = "羽村市", "羽村市政府"
    form["head_name"], form["head_title"] = "並木 心", "市長"
    assert form.submit(client).status_code == 302
    db.session.expire_all()
    member = db.session.execute(select(Delegate)).scalar_one()
    assert (member.organization, member.cross_organization) == ("羽村市", "羽村市政府")
    assert {c.field for c in member.changes} >= {"organization", "cross_organization"}
    assert _invitation().organization.head_name == "並木 心"


def test_an_organisation_name_cannot_be_blanked_or_unprintable(app, seminar, login_as):
    """Saved as typed, a blank name reached every member (an empty organisation on their
    badges and rolls) and the page said 'Saved.'; a character no font has would stop
    the letters. Both are refused next to the field, and nothing changes."""
    client = login_as("secretariat")
    client.set_cookie("lang", "ja")
    _invite_from_console(client, organization="東京都羽村市", side="japan",
                         email="tanto@hamura.example.jp", language="ja")
    invitation = _invitation()
    page = f"/console/delegations/{invitation.id}"
    for name_ja, head_title in (("", "市長"), ("東京都羽村市", "市長😀")):
        form = open_form(client, page, field="name_zh")
        form["name_ja"], form["head_title"] = name_ja, head_title
        response = form.submit(client)
        assert response.status_code == 400
        assert 'class="field has-error"' in response.get_data(as_text=True)
        assert "保存しました" not in response.get_data(as_text=True)
    organization = _invitation().organization
    assert (organization.name_ja, organization.head_title) == ("東京都羽村市", "")
