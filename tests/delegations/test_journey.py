"""A contact is invited, opens the link, registers three members (one without an
email), changes one and removes one; everything through the rendered pages."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from seminar_reg.delegations.models import Invitation
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate, DelegateChange
from tests.forms import FormError, form_of, open_form
from tests.mailbox import body, mails_to, personal_link
from tests.registration.helpers import fill

from .helpers import MEMBER, add_member, invite

ORGANIZATION = "東京都羽村市"
CONTACT = "tanto@hamura.example.jp"


def _members() -> list[Delegate]:
    db.session.expire_all()
    return list(db.session.execute(
        select(Delegate).where(Delegate.invitation_id.is_not(None)).order_by(Delegate.id)
    ).scalars())


def _invitation() -> Invitation:
    db.session.expire_all()
    return db.session.execute(select(Invitation)).scalar_one()


def test_invite_open_add_three_change_one_remove_one(app, seminar):
    client = app.test_client()
    path = invite(app, ORGANIZATION, CONTACT, "--lang", "ja")
    (mail,) = mails_to(app, CONTACT)
    assert path in body(mail) and "第16回" in mail["Subject"]
    assert _invitation().status == "invited"

    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].endswith("/delegation")
    assert _invitation().status == "opened"
    page = client.get("/delegation").get_data(as_text=True)
    assert ORGANIZATION in page and "site-visit" in page  # the programme's items to tick

    # The add-member form is the registration form without the organisation.
    form = open_form(client, "/delegation", action="/delegation/members")
    with pytest.raises(FormError):
        form["organization"] = "別の組織"
    assert add_member(client, MEMBER).status_code == 302
    assert add_member(client, dict(MEMBER, family_name="佐藤", family_reading="さとう",
                                   email="sato@hamura.example.jp",
                                   item_codes=["plenary"])).status_code == 302
    no_email = dict(MEMBER, family_name="鈴木", family_reading="すずき", email="",
                    title="通訳", role="interpreter")
    assert add_member(client, no_email).status_code == 302

    members = _members()
    assert [m.family_name for m in members] == ["並木", "佐藤", "鈴木"]
    assert {m.organization for m in members} == {ORGANIZATION}
    assert {m.organization_type for m in members} == {"local_government"}
    assert members[2].email == "" and members[2].email_key is None
    assert _invitation().status == "registered"
    # Members with an address get their own link; the one without gets nothing.
    assert personal_link(mails_to(app, "sato@hamura.example.jp")[-1]).startswith("/my/")
    assert mails_to(app, "") == []
    page = client.get("/delegation").get_data(as_text=True)
    assert all(f'id="member-{m.id}"' in page for m in members)

    # Change one: the member's form, prefilled, through the same page's link.
    suzuki = members[2]
    form = open_form(client, f"/delegation/members/{suzuki.id}")
    assert form["family_name"] == "鈴木"
    form["title"] = "主任通訳"
    assert form.submit(client).status_code == 302
    assert _members()[2].title == "主任通訳"
    change = db.session.execute(
        select(DelegateChange).where(DelegateChange.delegate_id == suzuki.id,
                                     DelegateChange.field == "title")
    ).scalar_one()
    assert (change.actor, change.before, change.after) == ("contact", "通訳", "主任通訳")

    # Remove one: the link on the page asks first, naming the places given up.
    sato = members[1]
    page = client.get("/delegation").get_data(as_text=True)
    assert f'href="/delegation/members/{sato.id}/remove"' in page
    question = client.get(f"/delegation/members/{sato.id}/remove")
    assert "本会議" in question.get_data(as_text=True)
    assert [m.status for m in _members()] == ["confirmed", "confirmed", "confirmed"]
    response = form_of(question).submit(client)
    assert response.status_code == 302
    assert [m.status for m in _members()] == ["confirmed", "cancelled", "confirmed"]
    history = client.get("/delegation").get_data(as_text=True)
    assert "佐藤" in history  # the invitation's history names who was removed

    result = app.test_cli_runner().invoke(args=["delegations", "--json"])
    assert json.loads(result.output) == [{
        "organization": ORGANIZATION, "side": "japan", "contact_email": CONTACT,
        "status": "registered", "members": 2,
    }]


def _invalid(html: str, field_id: str) -> bool:
    tags = re.findall(rf'<input[^>]*\bid="{field_id}"[^>]*>', html)
    return any('aria-invalid="true"' in tag for tag in tags)


def test_member_form_keeps_the_registration_rules(app, seminar):
    client = app.test_client()
    client.get(invite(app, ORGANIZATION, CONTACT))
    # A Japanese name needs its kana reading, exactly as on /register.
    response = add_member(client, dict(MEMBER, family_reading="", given_reading="kokoro"))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert _invalid(html, "family_reading") and _invalid(html, "given_reading")
    assert not _invalid(html, "contact-family_reading")  # only the form that was sent
    # Consent is asked for each member.
    assert add_member(client, MEMBER, consent=False).status_code == 400
    assert _members() == []


def test_contact_registers_themselves_on_the_same_page(app, seminar):
    client = app.test_client()
    client.get(invite(app, ORGANIZATION, CONTACT))
    form = open_form(client, "/delegation", action="/delegation/contact")
    fill(form, {f"contact-{k}": v for k, v in MEMBER.items()
                if k not in ("consent", "email")})
    form.check("contact-consent")
    assert form.submit(client).status_code == 302
    (contact,) = _members()
    assert contact.email == CONTACT
    form = open_form(client, "/delegation", action="/delegation/contact")
    assert form["contact-family_name"] == MEMBER["family_name"]
    form["contact-title"] = "主事"
    assert form.submit(client).status_code == 302
    assert _members()[0].title == "主事"


def test_a_member_with_an_address_hears_of_the_contacts_change(app, seminar):
    client = app.test_client()
    client.get(invite(app, ORGANIZATION, CONTACT, "--lang", "ja"))
    assert add_member(client, MEMBER).status_code == 302
    (member,) = _members()
    assert "/my/" in body(mails_to(app, MEMBER["email"])[-1])  # their own link
    form = open_form(client, f"/delegation/members/{member.id}")
    form["title"] = "副市長"
    assert form.submit(client).status_code == 302
    changed = body(mails_to(app, MEMBER["email"])[-1])
    assert "代表団のご担当者" in changed  # not "the secretariat has changed"
