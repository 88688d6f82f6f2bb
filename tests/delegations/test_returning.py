"""Returning members (#13 item 5): a contact adds a member who registered for an earlier
edition. The contact's member form is filled from that record only after the member has
opened the link mailed to the record's address; until then the contact sees nothing of
it, not even whether there is one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select, update

from seminar_reg.clock import utcnow
from seminar_reg.delegations.models import Invitation, ReturningMember
from seminar_reg.extensions import db
from seminar_reg.program.editions import create_edition, make_current
from seminar_reg.registration.models import Delegate
from seminar_reg.registration.personal_link import RENEWAL_COOLDOWN
from tests.factories import add_japanese
from tests.forms import open_form
from tests.mailbox import body, mails_to
from tests.registration.helpers import JAPANESE, register_through_form

from .helpers import invite

EMAIL = "namiki@example.jp"
CONTACT = "kokusai@hamura.example.jp"
AGREE_LINK = re.compile(r"https?://[^\s/]+(/delegation/returning/[A-Za-z0-9_\-]+)")


@pytest.fixture
def seventeen(app, seminar):
    """Namiki registered for the 16th (phone and dietary needs too); the 17th is current
    and Hamura's contact has opened its invitation."""
    namiki = add_japanese(seminar, "並木", "なみき", "心", "こころ", email=EMAIL,
                          title="市長", organization="羽村市役所")
    namiki.phone, namiki.dietary_note = "+81-42-555-0100", "そばアレルギー"
    db.session.commit()
    create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    make_current(17)
    contact = app.test_client()
    contact.set_cookie("lang", "ja")
    assert contact.get(invite(app, "東京都羽村市", CONTACT)).status_code == 302
    return contact


def _ask(contact, email: str):
    form = open_form(contact, "/delegation", action="/delegation/returning")
    form["returning-email"] = email
    return form.submit(contact, follow_redirects=True)


def _agree_mails(app) -> list:
    return [mail for mail in mails_to(app, EMAIL) if AGREE_LINK.search(body(mail))]


def _member_form(contact, url: str = "/delegation"):
    return open_form(contact, url, action="/delegation/members")


def test_the_contact_fills_in_a_member_only_after_the_member_agrees(app, seventeen):
    contact = seventeen
    answered = _ask(contact, EMAIL).get_data(as_text=True)
    stranger = _ask(contact, "nobody@example.jp").get_data(as_text=True)
    answer = "以前のセミナーに登録したアドレスであれば"
    assert answer in answered and answer in stranger
    assert "並木" not in answered and "並木" not in stranger
    assert mails_to(app, "nobody@example.jp") == []

    # The member is asked, in the language they registered in, who asks and what for.
    (mail,) = _agree_mails(app)
    text = body(mail)
    assert "第17回" in mail["Subject"] and CONTACT in text and "東京都羽村市" in text
    assert "第16回" in text and "並木" in text
    link = AGREE_LINK.search(text).group(1)

    # Before the member opens it, the contact gets nothing of the record.
    offer_id = db.session.execute(select(ReturningMember.id)).scalar_one()
    page = contact.get(f"/delegation?returning={offer_id}").get_data(as_text=True)
    assert "並木" not in page and 'value="なみき"' not in page
    assert 'class="returning-offers"' not in page
    assert _member_form(contact, f"/delegation?returning={offer_id}")["family_name"] == ""

    member = app.test_client()
    opened = member.get(link)
    assert opened.status_code == 302 and link not in opened.location
    thanks = member.get(opened.location).get_data(as_text=True)
    assert "東京都羽村市" in thanks and CONTACT in thanks

    # Now the contact's page offers the record, and the form fills in from it.
    page = contact.get("/delegation").get_data(as_text=True)
    assert 'class="returning-offers"' in page and "並木 心" in page
    form = _member_form(contact, f"/delegation?returning={offer_id}")
    assert (form["family_name"], form["given_name"]) == ("並木", "心")
    assert (form["family_reading"], form["given_reading"]) == ("なみき", "こころ")
    assert (form["title"], form["email"]) == ("市長", EMAIL)
    filled = contact.get(f"/delegation?returning={offer_id}").get_data(as_text=True)
    # What the member agreed to, nothing more: not their phone or dietary note.
    assert "+81-42-555-0100" not in filled and "そばアレルギー" not in filled
    form["item_codes"] = ["plenary"]
    form.check("consent")
    assert form.submit(contact).status_code == 302

    db.session.expire_all()
    invitation = db.session.execute(select(Invitation)).scalar_one()
    added = db.session.execute(
        select(Delegate).where(Delegate.invitation_id == invitation.id)
    ).scalar_one()
    assert (added.family_name, added.family_reading, added.seminar_id) == (
        "並木", "なみき", invitation.seminar_id,
    )
    assert added.organization == "東京都羽村市"  # the delegation's, not the earlier one
    # Registered: nothing left to offer.
    assert 'class="returning-offers"' not in contact.get("/delegation").get_data(as_text=True)


def test_another_delegation_cannot_use_the_agreement(app, seventeen):
    _ask(seventeen, EMAIL)
    (mail,) = _agree_mails(app)
    app.test_client().get(AGREE_LINK.search(body(mail)).group(1))
    offer_id = db.session.execute(select(ReturningMember.id)).scalar_one()

    other = app.test_client()
    assert other.get(invite(app, "東京都八王子市", "hachioji@example.jp")).status_code == 302
    page = other.get(f"/delegation?returning={offer_id}").get_data(as_text=True)
    assert "並木" not in page
    assert _member_form(other, f"/delegation?returning={offer_id}")["family_name"] == ""


def test_asking_again_at_once_mails_nothing_more_and_a_bad_link_is_404(app, seventeen):
    _ask(seventeen, EMAIL)
    _ask(seventeen, EMAIL.upper())
    assert len(_agree_mails(app)) == 1
    assert app.test_client().get("/delegation/returning/not-a-token").status_code == 404
    assert app.test_client().get("/delegation/agreed").status_code == 404


def test_a_bad_address_is_refused_beside_the_field(app, seventeen):
    form = open_form(seventeen, "/delegation", action="/delegation/returning")
    form["returning-email"] = "not an address"
    response = form.submit(seventeen)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="returning-email-errors"' in page
    assert _agree_mails(app) == []


def test_asking_again_for_a_member_who_agreed_mails_them_nothing(app, seventeen):
    """Once the member has agreed, the contact's page already offers their record: a
    second request (past the resend pause) mails them nothing and keeps their link, and
    the contact is answered as for any address."""
    _ask(seventeen, EMAIL)
    (mail,) = _agree_mails(app)
    link = AGREE_LINK.search(body(mail)).group(1)
    assert app.test_client().get(link).status_code == 302
    db.session.execute(
        update(ReturningMember).values(requested_at=utcnow() - RENEWAL_COOLDOWN * 2)
    )
    db.session.commit()

    again = _ask(seventeen, EMAIL).get_data(as_text=True)
    stranger = _ask(seventeen, "nobody@example.jp").get_data(as_text=True)

    answer = "以前のセミナーに登録したアドレスであれば"
    assert answer in again and answer in stranger
    assert len(_agree_mails(app)) == 1
    assert app.test_client().get(link).status_code == 302  # the link they have still opens
    assert 'class="returning-offers"' in seventeen.get("/delegation").get_data(as_text=True)


def test_an_offer_stays_when_its_holder_registers_on_their_own(app, seventeen):
    """The offer going would tell the contact that the holder registered; it stays, and
    adding them from it is answered as any member (the holder is asked to join)."""
    contact = seventeen
    _ask(contact, EMAIL)
    app.test_client().get(AGREE_LINK.search(body(_agree_mails(app)[0])).group(1))
    on_their_own = dict(JAPANESE, family_name="並木", family_reading="なみき", email=EMAIL,
                        organization="羽村市役所", item_codes=["plenary"])
    assert register_through_form(app.test_client(), "japan", on_their_own).status_code == 302
    assert 'class="returning-offers"' in contact.get("/delegation").get_data(as_text=True)

    offer_id = db.session.execute(select(ReturningMember.id)).scalar_one()
    form = _member_form(contact, f"/delegation?returning={offer_id}")
    form["item_codes"] = ["plenary"]
    form.check("consent")
    assert form.submit(contact).status_code == 302
    page = contact.get("/delegation").get_data(as_text=True)
    assert page.count('class="member"') == 1 and EMAIL in page  # the address, as typed
    assert 'class="returning-offers"' not in page  # on the page now: nothing to fill
    assert "/delegation/join/" in body(mails_to(app, EMAIL)[-1])
