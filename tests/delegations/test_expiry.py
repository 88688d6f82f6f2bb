"""Mailed requests expire (``delegations.expiry``): a request to join a delegation, and
a request to fill in a member from an earlier record that nobody answered, stop opening
30 days after they were mailed, and the daily ``cleanup`` deletes them; a returning
member's agreement stays. The requests are made through the contact's pages, and time
passes by moving their timestamps back."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select, update

from seminar_reg.clock import utcnow
from seminar_reg.delegations.models import MembershipRequest, ReturningMember
from seminar_reg.extensions import db
from seminar_reg.program.editions import create_edition, make_current
from tests.factories import add_japanese
from tests.forms import open_form
from tests.mailbox import body, mails_to
from tests.registration.helpers import fill

from .helpers import MEMBER, add_member, invite

OWNER = "owner@hachioji.example.jp"
RETURNING = "namiki@example.jp"
JOIN_LINK = re.compile(r"https?://[^\s/]+(/delegation/join/[A-Za-z0-9_\-]+)")
AGREE_LINK = re.compile(r"https?://[^\s/]+(/delegation/returning/[A-Za-z0-9_\-]+)")
LIFETIME = dt.timedelta(days=30)


def _contact(app):
    contact = app.test_client()
    contact.set_cookie("lang", "ja")
    assert contact.get(invite(app, "東京都羽村市", "tanto@hamura.example.jp")).status_code == 302
    return contact


def _links(app, email: str, pattern) -> list[str]:
    return [m.group(1) for mail in mails_to(app, email) if (m := pattern.search(body(mail)))]


def _ask_to_join(app, seminar):
    add_japanese(seminar, "八木", "やぎ", email=OWNER)
    contact = _contact(app)
    assert add_member(contact, dict(MEMBER, email=OWNER)).status_code == 302
    return contact


def _ask_returning(app, seminar):
    """Namiki registered for the 16th; the 17th is current and Hamura asks for them."""
    add_japanese(seminar, "並木", "なみき", email=RETURNING)
    create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    make_current(17)
    contact = _contact(app)
    form = open_form(contact, "/delegation", action="/delegation/returning")
    form["returning-email"] = RETURNING
    assert form.submit(contact).status_code == 302
    return contact


def _mailed_days_ago(column, days: int) -> None:
    db.session.execute(update(column.class_).values({column.key: utcnow() - dt.timedelta(days)}))
    db.session.commit()


def _count(model) -> int:
    db.session.expire_all()
    return db.session.execute(select(func.count(model.id))).scalar_one()


def _cleanup(app) -> str:
    result = app.test_cli_runner().invoke(args=["cleanup"])
    assert result.exit_code == 0, result.output
    return result.output


def test_an_expired_join_request_no_longer_opens_and_stays_while_its_member_does(app, seminar):
    contact = _ask_to_join(app, seminar)
    (link,) = _links(app, OWNER, JOIN_LINK)
    _mailed_days_ago(MembershipRequest.created_at, LIFETIME.days - 1)
    assert "0 expired delegation request(s)" in _cleanup(app)
    assert app.test_client().get(link).status_code == 302  # a day left

    _mailed_days_ago(MembershipRequest.created_at, LIFETIME.days + 1)
    assert app.test_client().get(link).status_code == 404
    # The contact's page shows its address on the member typed: the row stays with them.
    assert "0 expired delegation request(s)" in _cleanup(app)
    assert _count(MembershipRequest) == 1 and OWNER in contact.get("/delegation").get_data(
        as_text=True)
    # Adding the address again is answered as for a member on the page, asking nobody.
    again = add_member(contact, dict(MEMBER, email=OWNER))
    assert again.status_code == 400 and len(_links(app, OWNER, JOIN_LINK)) == 1

    # Removing the member deletes it; the contact may then add the person again.
    page = contact.get("/delegation").get_data(as_text=True)
    remove = re.search(r'href="(/delegation/members/\d+/remove)"', page).group(1)
    form = open_form(contact, remove, action="/remove")
    assert form.submit(contact).status_code == 302 and _count(MembershipRequest) == 0
    assert add_member(contact, dict(MEMBER, email=OWNER)).status_code == 302
    again = _links(app, OWNER, JOIN_LINK)[-1]
    assert again != link and app.test_client().get(again).status_code == 302


def test_cleanup_deletes_an_expired_request_shown_on_nobody(app, seminar):
    """The contact's own address, registered before the invitation: asked, not shown."""
    add_japanese(seminar, "担当", "たんとう", email="tanto@hamura.example.jp")
    contact = _contact(app)
    form = open_form(contact, "/delegation", action="/delegation/contact")
    fill(form, {f"contact-{k}": v for k, v in MEMBER.items() if k not in ("consent", "email")})
    form.check("contact-consent")
    assert form.submit(contact).status_code == 302 and _count(MembershipRequest) == 1
    _mailed_days_ago(MembershipRequest.created_at, LIFETIME.days + 1)
    assert "1 expired delegation request(s)" in _cleanup(app)
    assert _count(MembershipRequest) == 0


@pytest.mark.parametrize("agreed", [False, True])
def test_an_unanswered_returning_request_expires_and_an_agreement_stays(app, seminar, agreed):
    contact = _ask_returning(app, seminar)
    (link,) = _links(app, RETURNING, AGREE_LINK)
    if agreed:
        assert app.test_client().get(link).status_code == 302
    _mailed_days_ago(ReturningMember.requested_at, LIFETIME.days + 1)
    assert app.test_client().get(link).status_code == 404

    output = _cleanup(app)
    assert f"{0 if agreed else 1} expired delegation request(s)" in output
    assert _count(ReturningMember) == (1 if agreed else 0)
    offered = 'class="returning-offers"' in contact.get("/delegation").get_data(as_text=True)
    assert offered == agreed  # the agreement still lets the contact fill in the form
