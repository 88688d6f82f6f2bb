"""The secretariat at a desktop (1280x800, English): a contact added a member at an
address registered already, so the dashboard says one member may be counted twice; the
notice leads to the pair, the pair to the delegation's page, where the request is sent
again. Screenshots in test-artifacts/waiting-members-<step>.png."""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from seminar_reg.delegations import operations
from tests.browser.devices import screenshot
from tests.browser.mailed import mailed_link, when_mailed
from tests.checkin.helpers import make_delegate
from tests.mailbox import body, mails_to

pytestmark = pytest.mark.browser

JOIN_LINK = re.compile(r"https?://[^\s/]+(/delegation/join/[A-Za-z0-9_\-]+)")
DESKTOP = SimpleNamespace(viewport={"width": 1280, "height": 800}, phone=False)
TYPED = {"family_name": "高橋", "given_name": "健一", "family_reading": "たかはし",
         "given_reading": "けんいち", "title": "課長"}


def _contact_adds_the_registered_address(chromium, live_server, seminar, email: str) -> None:
    organization = operations.organization_for("japan", "東京都羽村市", "local_government")
    _invitation, link = operations.invite(
        seminar, organization, "contact@hamura.example.jp", language="ja",
        actor="secretariat@seminar.example",
    )
    context = chromium.new_context(base_url=live_server.url, locale="ja-JP")
    page = context.new_page()
    page.goto(urlsplit(link).path)
    form = page.locator("form[action$='/delegation/members#add-member']")
    for name, value in (TYPED | {"email": email}).items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("input[name=item_codes][value=plenary]").check()
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("ul.members > li")).to_have_count(1)
    context.close()


def test_the_secretariat_sees_the_pair_and_sends_the_request_again(
    chromium, live_server, seminar, staff_page
):
    owner = make_delegate(seminar, "takahashi", ("plenary",), email="takahashi@example.org")
    _contact_adds_the_registered_address(chromium, live_server, seminar, owner.email)
    first_link = mailed_link(live_server.app, owner.email, JOIN_LINK)
    context = chromium.new_context(base_url=live_server.url, locale="en-US",
                                   viewport=DESKTOP.viewport)
    page = staff_page("secretariat", context=context)

    page.goto("/console/")
    notice = page.locator("#waiting-notice")
    expect(notice).to_contain_text("1 member added by a delegation may be a person "
                                   "registered already (waiting for their answer).")
    screenshot(page, DESKTOP, "waiting-members-1-dashboard")

    notice.get_by_role("link").click()
    row = page.locator("table.waiting-pairs tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("高橋 健一")
    expect(row).to_contain_text(owner.full_name)
    screenshot(page, DESKTOP, "waiting-members-2-pairs")

    row.get_by_role("link", name="東京都羽村市").click()
    requests = page.locator("ul.member-requests > li")
    expect(requests).to_have_count(1)
    requests.get_by_role("button", name="Send the request again (new link)").click()
    expect(page.locator(".flash").first).to_contain_text(
        f"The request to join was sent again to {owner.email}, with a new link.")
    screenshot(page, DESKTOP, "waiting-members-3-sent-again")
    context.close()

    def links() -> list[str] | None:
        found = [m.group(1) for mail in mails_to(live_server.app, owner.email)
                 if (m := JOIN_LINK.search(body(mail)))]
        return found if len(found) == 2 else None

    assert when_mailed(links, "a second join link")[0] == first_link
    assert links()[1] != first_link
