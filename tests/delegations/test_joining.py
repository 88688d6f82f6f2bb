"""A contact adds a member whose address is registered already: the contact's answer is
the one for a new address, nothing of the owner's is shown or changed, and the owner
joins (or not) through the mailed link. Everything through the rendered pages."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from seminar_reg.delegations.models import Invitation, MembershipRequest
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from seminar_reg.security import redact
from tests.forms import open_form
from tests.mailbox import body, mails_to
from tests.registration.helpers import JAPANESE, fill, register_through_form

from .helpers import MEMBER, add_member, invite

OWNER = dict(JAPANESE, organization="東京都八王子市", email="owner@hachioji.example.jp",
             title="課長", item_codes=["plenary", "pr-session"])
TAKEN = "このメールアドレスは登録済み"  # the form's answer to an address registered already
JOIN_LINK = re.compile(r"https?://[^\s/]+(/delegation/join/[A-Za-z0-9_\-]+)")


def _self_registered_owner(app) -> Delegate:
    assert register_through_form(app.test_client(), "japan", OWNER).status_code == 302
    return db.session.execute(select(Delegate)).scalar_one()


def _contact(app, organization_type: str = "local_government"):
    client = app.test_client()
    client.get(invite(app, "東京都羽村市", "tanto@hamura.example.jp",
                      "--organization-type", organization_type))
    return client


def _flash_after(client, response) -> str:
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    return re.search(r'class="flash[^"]*"[^>]*>([^<]+)<', page).group(1).strip()


def _join_path(app, email: str) -> str:
    return JOIN_LINK.search(body(mails_to(app, email)[-1])).group(1)


def _count(model) -> int:
    db.session.expire_all()
    return db.session.execute(select(func.count(model.id))).scalar_one()


def test_the_contact_is_answered_as_for_a_new_address_and_sees_nothing_of_the_owner(app, seminar):
    owner = _self_registered_owner(app)
    contact = _contact(app)
    typed = dict(MEMBER, family_name="八木", family_reading="やぎ", email=OWNER["email"].upper())

    taken = add_member(contact, typed)
    taken_answer = _flash_after(contact, taken)
    new = add_member(contact, dict(typed, family_name="新井", family_reading="あらい",
                                   email="arai@hamura.example.jp"))
    assert (taken.status_code, taken.headers["Location"]) == (new.status_code,
                                                              new.headers["Location"])
    assert taken_answer == "八木 心 さんを代表団に追加しました。"
    assert _flash_after(contact, new) == taken_answer.replace("八木", "新井")

    page = contact.get("/delegation").get_data(as_text=True)
    assert page.count('class="member"') == 2 and OWNER["email"].upper() in page  # as typed
    for private in (owner.full_name, owner.organization, owner.title, TAKEN, "メールで確認"):
        assert private not in page  # the owner's own record is not the contact's to see
    db.session.refresh(owner)
    assert owner.invitation_id is None and owner.organization == "東京都八王子市"
    typed_member = db.session.execute(select(Delegate).where(Delegate.family_name == "八木")
                                      ).scalar_one()
    assert typed_member.email == "" and typed_member.invitation_id is not None  # not stored

    # The owner is asked, in their language; adding them again is answered as adding
    # a member of the page again (the address is on it), and asks no second time.
    (mail,) = mails_to(app, OWNER["email"])[1:]
    assert "東京都羽村市" in mail["Subject"] and "tanto@hamura.example.jp" in body(mail)
    again = add_member(contact, typed)
    assert again.status_code == 400 and TAKEN in again.get_data(as_text=True)
    assert _count(MembershipRequest) == 1 and len(mails_to(app, OWNER["email"])) == 2


def test_the_owner_joins_through_the_mailed_link(app, seminar):
    owner = _self_registered_owner(app)
    contact = _contact(app)
    add_member(contact, dict(MEMBER, email=OWNER["email"]))
    person = app.test_client()
    path = _join_path(app, OWNER["email"])
    opened = person.get(path)
    assert opened.status_code == 302 and opened.headers["Location"] == "/delegation/join"
    assert "tanto@hamura.example.jp" in person.get("/delegation/join").get_data(as_text=True)
    response = open_form(person, path).submit(person, button="join")
    assert response.status_code == 302 and "/my/" in response.headers["Location"]
    assert "代表団に参加しました" in person.get(
        person.get(response.headers["Location"]).headers["Location"]).get_data(as_text=True)

    db.session.expire_all()
    joined = db.session.get(Delegate, owner.id)
    invitation = db.session.execute(select(Invitation)).scalar_one()
    assert joined.invitation_id == invitation.id and joined.organization == "東京都羽村市"
    assert [a.item.code for a in joined.attendances] == ["plenary", "pr-session"]  # kept
    assert invitation.status == "registered" and _count(MembershipRequest) == 0
    page = contact.get("/delegation").get_data(as_text=True)
    assert joined.full_name in page and "メールで確認をお願いしています" not in page
    assert person.get(_join_path(app, OWNER["email"])).status_code == 404  # used up
    assert person.get("/delegation/join").status_code == 404


def test_the_owner_may_refuse_and_stays_as_they_were(app, seminar):
    owner = _self_registered_owner(app)
    contact = _contact(app)
    add_member(contact, dict(MEMBER, email=OWNER["email"]))
    person = app.test_client()
    response = open_form(person, _join_path(app, OWNER["email"])).submit(person, button="refuse")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Delegate, owner.id).invitation_id is None
    assert _count(MembershipRequest) == 0
    # The member typed for them leaves, as a new member leaving on /my: no word of why.
    page = contact.get("/delegation").get_data(as_text=True)
    assert 'class="member"' not in page and "参加を断りました" not in page
    typed = db.session.execute(select(Delegate).where(Delegate.id != owner.id)).scalar_one()
    assert typed.status == "cancelled"


def test_a_place_the_delegation_may_not_hold_is_left_first(app, seminar):
    owner = _self_registered_owner(app)  # holds the PR session (a local government may)
    contact = _contact(app, organization_type="other")
    add_member(contact, dict(MEMBER, email=OWNER["email"]))
    person = app.test_client()
    path = _join_path(app, OWNER["email"])
    form = open_form(person, path)
    assert [button.name for button in form.buttons] == ["refuse"]
    assert "自治体" in person.get("/delegation/join").get_data(as_text=True)
    # The button the page leaves out, sent anyway, joins nothing.
    sent = form.data()
    sent.pop("refuse", None)
    sent["join"] = "y"
    hostile = person.post("/delegation/join", data=sent)
    assert hostile.status_code == 400
    db.session.expire_all()
    assert db.session.get(Delegate, owner.id).invitation_id is None


def test_join_links_are_unguessable_and_kept_out_of_logs(app, seminar):
    _self_registered_owner(app)
    add_member(_contact(app), dict(MEMBER, email=OWNER["email"]))
    path = _join_path(app, OWNER["email"])
    assert app.test_client().get(path[:-1] + ("A" if path[-1] != "A" else "B")).status_code == 404
    assert app.test_client().get("/delegation/join/" + "x" * 500).status_code == 404
    assert app.test_client().get("/delegation/join").status_code == 404  # no link opened
    token = path.rsplit("/", 1)[1]
    assert token not in redact(f'"GET {path} HTTP/1.1" 200 -')
    assert db.session.execute(select(MembershipRequest.token_hash)).scalar_one() != token


def test_the_contact_still_hears_about_their_own_member(app, seminar):
    contact = _contact(app)
    add_member(contact, MEMBER)
    again = add_member(contact, dict(MEMBER, family_name="別人"))
    assert again.status_code == 400 and 'id="email-errors"' in again.get_data(as_text=True)
    assert TAKEN in again.get_data(as_text=True)  # their own member: they see the address


def _edit_email(contact, member_id: int, email: str):
    form = open_form(contact, f"/delegation/members/{member_id}", field="email")
    form["email"] = email
    return form.submit(contact)


def test_changing_a_members_address_cannot_probe_who_is_registered(app, seminar):
    owner = _self_registered_owner(app)
    contact = _contact(app)
    add_member(contact, dict(MEMBER, email=""))
    add_member(contact, dict(MEMBER, family_name="新井", family_reading="あらい", email=""))
    first, second = db.session.execute(
        select(Delegate).where(Delegate.invitation_id.is_not(None)).order_by(Delegate.id)
    ).scalars()

    taken = _edit_email(contact, first.id, OWNER["email"])
    taken_answer = _flash_after(contact, taken)
    new = _edit_email(contact, second.id, "arai@hamura.example.jp")
    assert (taken.status_code, taken.headers["Location"]) == (new.status_code,
                                                              new.headers["Location"])
    assert taken_answer == _flash_after(contact, new)
    db.session.expire_all()
    assert db.session.get(Delegate, first.id).email == ""  # never stored twice
    assert TAKEN not in contact.get(f"/delegation/members/{first.id}").get_data(as_text=True)

    # The person joins in the member's place: one of them in the delegation, not two.
    person = app.test_client()
    open_form(person, _join_path(app, OWNER["email"])).submit(person, button="join")
    db.session.expire_all()
    assert db.session.get(Delegate, first.id).status == "cancelled"
    assert db.session.get(Delegate, owner.id).invitation_id == second.invitation_id
    page = contact.get("/delegation").get_data(as_text=True)
    assert page.count('class="member"') == 2 and "並木 心" in page


def test_a_contact_registered_on_their_own_brings_that_registration_in(app, seminar):
    contact_self = dict(OWNER, email="tanto@hamura.example.jp")
    assert register_through_form(app.test_client(), "japan", contact_self).status_code == 302
    contact = _contact(app)
    form = open_form(contact, "/delegation", action="/delegation/contact")
    fill(form, {f"contact-{k}": v for k, v in MEMBER.items() if k not in ("consent", "email")})
    form.check("contact-consent")
    answer = form.submit(contact)
    assert answer.status_code == 302
    assert "登録済み" in _flash_after(contact, answer)  # their own address: they may hear it
    assert _count(Delegate) == 1
    person = app.test_client()
    open_form(person, _join_path(app, "tanto@hamura.example.jp")).submit(person, button="join")
    page = contact.get("/delegation").get_data(as_text=True)
    assert "(ご本人)" in page and _count(Delegate) == 1


def test_the_join_mail_is_written_when_sent_as_a_new_members_is(app, seminar):
    """The contact's answer composes no mail for either address (so neither takes
    longer); the join mail is written after it, with a link that opens."""
    from seminar_reg.mail.models import OutgoingMail

    _self_registered_owner(app)
    contact = _contact(app)
    form = open_form(contact, "/delegation", action="/delegation/members")
    fill(form, {k: v for k, v in dict(MEMBER, email=OWNER["email"]).items() if k != "consent"})
    form.check("consent")
    answer = form.submit(contact, buffered=False)  # its mail goes when it is closed
    assert answer.status_code == 302
    request = db.session.execute(select(MembershipRequest)).scalar_one()
    queued = db.session.execute(
        select(OutgoingMail).where(OutgoingMail.kind == "membership_request")
    ).scalar_one()
    assert (queued.message, queued.about_id, queued.recipient) == (None, request.id,
                                                                  OWNER["email"])
    assert len(mails_to(app, OWNER["email"])) == 1  # their own confirmation only
    answer.close()
    assert app.test_client().get(_join_path(app, OWNER["email"])).status_code == 302
