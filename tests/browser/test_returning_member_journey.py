"""A returning member in real browsers: Hamura's contact, on a phone, asks to fill in a
member who came to the 16th; the member opens the mailed link on a desktop; the contact's
page then fills the member form from the 16th's record, and the contact adds them.
Screenshots in test-artifacts/returning-member-<step>.png; no step scrolls sideways."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from seminar_reg.delegations import operations
from seminar_reg.extensions import db
from seminar_reg.mail.outbox import deliver
from seminar_reg.program.editions import create_edition, make_current
from seminar_reg.registration.models import Delegate
from tests.browser.devices import DESKTOP, PHONE, Device, device_context, screenshot
from tests.browser.mailed import mailed_link
from tests.factories import add_japanese

pytestmark = pytest.mark.browser


EMAIL = "namiki@example.jp"
AGREE_LINK = re.compile(r"https?://[^\s/]+(/delegation/returning/[A-Za-z0-9_\-]+)")
ADD_FORM = "form[action$='/delegation/members#add-member']"


def _shot(page, device: Device, step: str) -> None:
    screenshot(page, device, f"returning-member-{step}")


def _phone(chromium, live_server):
    return device_context(chromium, live_server, PHONE).new_page()


def test_a_member_agrees_and_the_contact_adds_them_filled_in(chromium, live_server, seminar):
    add_japanese(seminar, "並木", "なみき", "心", "こころ", email=EMAIL, title="市長")
    new = create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    make_current(17)
    organization = operations.organization_for("japan", "東京都羽村市", "local_government")
    _invitation, link = operations.invite(
        new, organization, "kokusai@hamura.example.jp", language="ja", actor="secretariat"
    )
    with live_server.app.app_context():  # the setup's mail, so the server sends only its own
        deliver(due_only=False)

    contact = _phone(chromium, live_server)
    contact.goto(urlsplit(link).path)
    contact.locator("details.returning summary").tap()
    contact.fill("#returning-email", EMAIL)
    contact.locator("form.returning-link button[type=submit]").tap()
    expect(contact.locator(".flash").first).to_contain_text("以前のセミナーに登録したアドレス")
    expect(contact.locator("main")).not_to_contain_text("並木")
    _shot(contact, PHONE, "1-asked")
    # The contact waits for the member and closes the browser (which also lets the
    # development server finish the answer: it reads the connection until it closes).
    contact.context.close()

    member = device_context(chromium, live_server, DESKTOP).new_page()
    member.goto(mailed_link(live_server.app, EMAIL, AGREE_LINK))
    expect(member.locator("h1")).to_have_text("ありがとうございます")
    expect(member.locator(".returning-agreed")).to_contain_text("東京都羽村市")
    _shot(member, DESKTOP, "2-agreed")

    contact = _phone(chromium, live_server)  # later, the mailed invitation link again
    contact.goto(urlsplit(link).path)
    contact.get_by_role("link", name="以前の登録内容でフォームに入力する").tap()
    form = contact.locator(ADD_FORM)
    expect(form.locator("[name=family_name]")).to_have_value("並木")
    expect(form.locator("[name=given_reading]")).to_have_value("こころ")
    expect(form.locator("[name=email]")).to_have_value(EMAIL)
    _shot(contact, PHONE, "3-filled")
    form.locator("input[name=item_codes][value=plenary]").check()
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").tap()
    expect(contact.locator(".flash").first).to_contain_text("代表団に追加しました")
    expect(contact.locator("ul.members > li")).to_have_count(1)
    _shot(contact, PHONE, "4-added")
    contact.context.close()
    member.context.close()

    db.session.expire_all()
    added = db.session.execute(
        select(Delegate).where(Delegate.seminar_id == new.id)
    ).scalar_one()
    assert (added.family_name, added.given_reading, added.title) == ("並木", "こころ", "市長")
