"""A contact adds someone who registered on their own, then a colleague at a new address;
in a real browser the contact sees the two alike (address, places, Change and Remove),
and the person opens the mailed link and joins in place of the member typed. A Japanese
pair on a phone (390x844), a Chinese pair on a desktop (1280x800); screenshots in
test-artifacts/delegation-join-<who>-<step>.png, and no step may scroll sideways."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from seminar_reg.delegations import operations
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.browser.devices import device_context, press, screenshot
from tests.browser.mailed import mailed_link
from tests.checkin.helpers import make_delegate

pytestmark = pytest.mark.browser

JOIN_LINK = re.compile(r"https?://[^\s/]+(/delegation/join/[A-Za-z0-9_\-]+)")


@dataclass(frozen=True)
class Pair:
    who: str
    side: str
    language: str
    organization: str
    owner: str  # tests/checkin/helpers.PEOPLE
    typed: dict
    colleague: dict
    viewport: dict
    phone: bool
    words: dict


JAPANESE_PHONE = Pair(
    who="ja-phone", side="japan", language="ja", organization="東京都羽村市", owner="takahashi",
    typed={"family_name": "高橋", "given_name": "健一", "family_reading": "たかはし",
           "given_reading": "けんいち", "title": "課長"},
    colleague={"family_name": "新井", "given_name": "花", "family_reading": "あらい",
               "given_reading": "はな", "title": "主事"},
    viewport={"width": 390, "height": 844}, phone=True,
    words={"added": "高橋 健一 さんを代表団に追加しました",
           "asked": "メールで確認をお願いしています",
           "join": "代表団に参加する", "joined": "代表団に参加しました"},
)
CHINESE_DESKTOP = Pair(
    who="zh-desktop", side="china", language="zh", organization="大连市人民政府外事办公室",
    owner="shan", typed={"family_name": "单", "given_name": "伟", "title": "处长"},
    colleague={"family_name": "李", "given_name": "娜", "title": "科员"},
    viewport={"width": 1280, "height": 800}, phone=False,
    words={"added": "单伟", "asked": "已发邮件请本人确认", "join": "加入代表团",
           "joined": "您已加入代表团"},
)


def _shot(page, pair: Pair, step: str) -> None:
    screenshot(page, pair, f"delegation-join-{pair.who}-{step}")


def _context(chromium, live_server, pair: Pair):
    return device_context(chromium, live_server, pair, locale=pair.language)


def _tap(page, pair: Pair, locator) -> None:
    press(pair, locator)


def _add(page, pair: Pair, typed: dict) -> None:
    form = page.locator("form[action$='/delegation/members#add-member']")
    for name, value in typed.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("input[name=item_codes][value=plenary]").check()
    form.locator("input[name=consent]").check()
    _tap(page, pair, form.locator("button[type=submit]"))


@pytest.mark.parametrize("pair", [JAPANESE_PHONE, CHINESE_DESKTOP], ids=lambda p: p.who)
def test_a_self_registered_person_joins_the_delegation_that_added_them(
    chromium, live_server, seminar, pair
):
    owner = make_delegate(seminar, pair.owner, ("plenary",), email=f"{pair.owner}@example.org")
    organization = operations.organization_for(pair.side, pair.organization, "local_government")
    _invitation, link = operations.invite(
        seminar, organization, f"contact-{pair.who}@example.org", language=pair.language,
        actor="secretariat@seminar.example",
    )
    contact_context = _context(chromium, live_server, pair)
    page = contact_context.new_page()
    page.goto(urlsplit(link).path)
    _add(page, pair, pair.typed | {"email": owner.email})
    expect(page.locator(".flash").first).to_contain_text(pair.words["added"])
    # A colleague at a new address, for the look of the two side by side.
    _add(page, pair, pair.colleague | {"email": f"new-{pair.who}@example.org"})
    members = page.locator("ul.members > li")
    expect(members).to_have_count(2)
    addresses = {member.locator(".hint").inner_text() for member in members.all()}
    assert addresses == {owner.email, f"new-{pair.who}@example.org"}  # in name order
    for member in members.all():
        expect(member.locator("ul.places > li")).to_have_count(1)
        expect(member.locator(".member-actions a")).to_have_count(2)
    expect(page.locator("body")).not_to_contain_text(pair.words["asked"])
    expect(page.locator("ul.member-requests")).to_have_count(0)
    _shot(page, pair, "1-contact-two-members")

    person = _context(chromium, live_server, pair).new_page()
    person.goto(mailed_link(live_server.app, owner.email, JOIN_LINK))
    assert urlsplit(person.url).path == "/delegation/join"  # the token left the address bar
    expect(person.locator("h1")).to_contain_text(pair.organization)
    _shot(person, pair, "2-join-page")
    _tap(person, pair, person.get_by_role("button", name=pair.words["join"]))
    expect(person.locator(".flash").first).to_contain_text(pair.words["joined"])
    assert urlsplit(person.url).path == "/my"
    _shot(person, pair, "3-joined")
    person.context.close()

    page.reload()
    expect(page.locator("ul.members > li")).to_have_count(2)  # the person, not twice
    expect(page.locator("ul.members")).to_contain_text(owner.full_name)
    expect(page.locator("ul.member-requests")).to_have_count(0)
    _shot(page, pair, "4-contact-member")
    contact_context.close()
    db.session.expire_all()
    assert db.session.get(Delegate, owner.id).organization == pair.organization


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_the_secretariat_sees_what_a_new_type_takes_then_confirms(
    chromium, live_server, seminar, staff_page, phone
):
    """Console: a type that the PR session does not admit lists the member's place there,
    and saves only once that is confirmed."""
    organization = operations.organization_for("japan", "東京都羽村市", "local_government")
    invitation, _link = operations.invite(
        seminar, organization, "contact@hamura.example.jp", language="ja",
        actor="secretariat@seminar.example",
    )
    member = make_delegate(seminar, "namiki", ("plenary", "pr-session"), email="n@example.org")
    operations.attach_members(invitation, [member], actor="secretariat@seminar.example")
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 800}
    context = chromium.new_context(base_url=live_server.url, locale="en-US", viewport=viewport,
                                   is_mobile=phone, has_touch=phone)
    page = staff_page("secretariat", context=context)
    page.goto(f"/console/delegations/{invitation.id}")
    page.select_option("#organization_type", "other")
    page.get_by_role("button", name="Save", exact=True).click()
    conflicts = page.locator(".type-change-conflicts")
    expect(conflicts).to_contain_text(member.full_name)
    expect(conflicts).to_contain_text("PR")
    pair = JAPANESE_PHONE if phone else CHINESE_DESKTOP
    _shot(page, Pair(**{**pair.__dict__, "who": f"console-{pair.who}", "viewport": viewport}),
          "type-change")
    page.check("#take_places")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flash").first).to_contain_text("Saved")
    expect(page.locator(".type-change-conflicts")).to_have_count(0)
    context.close()
    db.session.expire_all()
    assert [a.item.code for a in db.session.get(Delegate, member.id).attendances] == ["plenary"]
