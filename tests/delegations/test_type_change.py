"""The secretariat changes a delegation's organisation type: the page first lists the
members' places the new type does not admit; confirmed, those places go (the waiting
list moves up), every member takes the new type, and each change is in the histories."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from seminar_reg.delegations.models import Invitation
from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.models import Delegate
from tests.forms import FormError, form_of, open_form
from tests.mailbox import body, mails_to
from tests.registration.helpers import JAPANESE, register_through_form

from .helpers import MEMBER, add_member, invite

PR_MEMBER = dict(MEMBER, email="pr@hamura.example.jp", item_codes=["plenary", "pr-session"])
PLAIN_MEMBER = dict(MEMBER, family_name="佐藤", family_reading="さとう", email="",
                    item_codes=["plenary"])
WAITING = dict(JAPANESE, email="waiting@example.jp", item_codes=["pr-session"])


def _delegate(email: str) -> Delegate:
    db.session.expire_all()
    return db.session.execute(select(Delegate).where(Delegate.email == email)).scalar_one()


def _delegation(app, seminar):
    item_by_code(seminar, "pr-session").capacity = 1
    db.session.commit()
    contact = app.test_client()
    contact.get(invite(app, "東京都羽村市", "tanto@hamura.example.jp"))
    assert add_member(contact, PR_MEMBER).status_code == 302  # holds the one seat
    assert add_member(contact, PLAIN_MEMBER).status_code == 302
    assert register_through_form(app.test_client(), "japan", WAITING).status_code == 302
    assert _delegate(WAITING["email"]).attendances[0].status == "waitlisted"
    return db.session.execute(select(Invitation)).scalar_one()


def test_the_form_shows_what_a_new_type_takes_before_saving(app, seminar, login_as):
    invitation = _delegation(app, seminar)
    client = login_as("secretariat")
    path = f"/console/delegations/{invitation.id}"
    form = open_form(client, path, field="organization_type")
    with pytest.raises(FormError):
        form.check("take_places")  # not offered while nothing would be taken
    form["organization_type"] = "other"
    shown = form.submit(client)
    page = shown.get_data(as_text=True)
    assert shown.status_code == 400
    assert "並木 心" in page and "PR" in page and "佐藤" not in page.split("type-change")[1][:600]
    assert "自治体" in page  # why: the audience rule, worded
    db.session.expire_all()
    assert db.session.get(Invitation, invitation.id).organization.organization_type == (
        "local_government")
    assert [a.item.code for a in _delegate(PR_MEMBER["email"]).attendances] == [
        "plenary", "pr-session"]

    confirm = form_of(shown, field="organization_type")  # the page as it was shown
    confirm.check("take_places")
    assert confirm.submit(client).status_code == 302

    member = _delegate(PR_MEMBER["email"])
    assert member.organization_type == "other"
    assert [a.item.code for a in member.attendances] == ["plenary"]
    assert {c.field for c in member.changes if c.actor == "secretariat@seminar.example"} >= {
        "organization_type", "item_codes"}
    promoted = _delegate(WAITING["email"])
    assert promoted.attendances[0].status == "confirmed"  # the waiting list moved up
    assert len(mails_to(app, WAITING["email"])) == 2  # told of the seat
    told = body(mails_to(app, PR_MEMBER["email"])[-1])  # their places as they are now
    assert "事務局" in told and "本会議" in told and "PR" not in told
    plain = db.session.execute(select(Delegate).where(Delegate.family_name == "佐藤")).scalar_one()
    assert plain.organization_type == "other" and len(plain.attendances) == 1
    history = client.get(path).get_data(as_text=True)
    assert "secretariat@seminar.example" in history


def test_a_type_that_takes_nothing_saves_at_once(app, seminar, login_as):
    invitation = _delegation(app, seminar)
    client = login_as("secretariat")
    form = open_form(client, f"/console/delegations/{invitation.id}", field="organization_type")
    form["organization_type"] = "travel_agency"  # a Japanese travel agency: no PR session
    assert form.submit(client).status_code == 400
    form = open_form(client, f"/console/delegations/{invitation.id}", field="organization_type")
    form["organization_type"] = "local_government"
    form["head_name"] = "並木 心"
    assert form.submit(client).status_code == 302


def test_a_confirmation_sent_without_a_type_change_changes_nothing_else(app, seminar, login_as):
    invitation = _delegation(app, seminar)
    client = login_as("secretariat")
    form = open_form(client, f"/console/delegations/{invitation.id}", field="organization_type")
    sent = form.data()
    sent["take_places"] = "y"  # hostile: the box is not on the page
    assert client.post(f"/console/delegations/{invitation.id}", data=sent).status_code == 302
    assert [a.item.code for a in _delegate(PR_MEMBER["email"]).attendances] == [
        "plenary", "pr-session"]
