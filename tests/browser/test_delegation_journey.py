"""A delegation's contact in a real browser: a Japanese contact on a phone (390x844) and
a Chinese contact on a desktop (1280x800) open the invitation link, add two members (one
without an email address), change one and remove the other. Each step's screenshot is
kept in test-artifacts/delegation-<who>-<step>.png, and no step may scroll sideways.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from seminar_reg.delegations import operations
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.browser.devices import device_context, press, screenshot
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Contact:
    who: str
    side: str
    language: str
    organization: str
    viewport: dict
    phone: bool
    members: tuple[dict, dict]
    words: dict


JAPANESE_PHONE = Contact(
    who="ja-phone", side="japan", language="ja", organization="東京都羽村市",
    viewport={"width": 390, "height": 844}, phone=True,
    members=(
        {"family_name": "並木", "given_name": "心", "family_reading": "なみき",
         "given_reading": "こころ", "title": "市長", "email": "namiki@example.jp"},
        {"family_name": "鈴木", "given_name": "花子", "family_reading": "すずき",
         "given_reading": "はなこ", "title": "通訳"},
    ),
    words={"added": "代表団に追加しました", "removed": "代表団から外しました",
           "change": "変更", "remove": "削除", "yes": "はい、代表団から外します",
           "save": "変更を保存", "saved": "変更を保存しました"},
)
CHINESE_DESKTOP = Contact(
    who="zh-desktop", side="china", language="zh", organization="沈阳市人民政府外事办公室",
    viewport={"width": 1280, "height": 800}, phone=False,
    members=(
        {"family_name": "单", "given_name": "伟", "title": "处长", "email": "shanwei@example.cn"},
        {"family_name": "王", "given_name": "芳", "title": "翻译"},
    ),
    words={"added": "加入代表团", "removed": "移出代表团",
           "change": "修改", "remove": "移除", "yes": "确认移除该成员",
           "save": "保存修改", "saved": "修改已保存"},
)

ADD_FORM = "form[action$='/delegation/members#add-member']"


def _shot(page, contact: Contact, step: str) -> None:
    screenshot(page, contact, f"delegation-{contact.who}-{step}")


def _tap(page, contact: Contact, locator) -> None:
    press(contact, locator)


def _add(page, contact: Contact, member: dict) -> None:
    form = page.locator(ADD_FORM)
    for name, value in member.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("input[name=item_codes][value=plenary]").check()
    form.locator("input[name=consent]").check()
    _tap(page, contact, form.locator("button[type=submit]"))
    expect(page.locator(".flash").first).to_contain_text(contact.words["added"])


@pytest.mark.parametrize("contact", [JAPANESE_PHONE, CHINESE_DESKTOP], ids=lambda c: c.who)
def test_contact_adds_changes_and_removes_members(chromium, live_server, seminar, contact):
    organization = operations.organization_for(contact.side, contact.organization,
                                               "local_government")
    _invitation, link = operations.invite(
        seminar, organization, f"contact-{contact.who}@example.org",
        language=contact.language, actor="secretariat@seminar.example",
    )
    context = device_context(chromium, live_server, contact)
    page = context.new_page()
    page.goto(urlsplit(link).path)  # the mailed link, on the live server
    expect(page.locator("h1")).to_contain_text(contact.organization)
    lang = page.locator("html").get_attribute("lang")
    assert lang.startswith(contact.language), lang  # the invitation's language
    # The add-member form asks no organisation: it is the delegation's.
    expect(page.locator(f"{ADD_FORM} [name=organization]")).to_have_count(0)
    _shot(page, contact, "1-opened")

    first, second = contact.members
    _add(page, contact, first)
    _add(page, contact, second)
    members = page.locator("ul.members > li")
    expect(members).to_have_count(2)
    _shot(page, contact, "2-two-members")

    # Change the first member's title on their own page.
    _tap(page, contact, members.filter(has_text=first["family_name"]).get_by_role(
        "link", name=contact.words["change"]))
    page.fill("#title", first["title"] + "（代理）")
    _shot(page, contact, "3-change")
    _tap(page, contact, page.get_by_role("button", name=contact.words["save"]))
    expect(page.locator(".flash").first).to_contain_text(contact.words["saved"])

    # Remove the member without an address: a question first (their seats would go to
    # the waiting list at one tap), then the answer.
    _tap(page, contact, members.filter(has_text=second["family_name"]).get_by_role(
        "link", name=contact.words["remove"]))
    expect(page.locator("h1")).to_contain_text(second["family_name"])
    _shot(page, contact, "4-remove-question")
    _tap(page, contact, page.get_by_role("button", name=contact.words["yes"]))
    expect(page.locator(".flash").first).to_contain_text(contact.words["removed"])
    expect(members).to_have_count(1)
    _shot(page, contact, "5-removed")
    context.close()

    db.session.expire_all()
    stored = {d.family_name: d for d in db.session.execute(select(Delegate)).scalars()}
    assert stored[first["family_name"]].title == first["title"] + "（代理）"
    assert stored[second["family_name"]].status == "cancelled"
    assert stored[second["family_name"]].email == ""


def test_secretariat_sees_the_delegations(live_server, seminar, staff_page):
    from seminar_reg.registration.demo import load_demo_data

    load_demo_data(seminar, japan=4, china=4)
    page = staff_page("secretariat")
    page.goto("/console/delegations/")
    rows = page.locator("table.delegations tbody tr")
    expect(rows.first).to_contain_text("registered".capitalize())
    count = rows.count()
    page.select_option("#f-side", "china")
    page.click("form.filters button[type=submit]")
    expect(rows).not_to_have_count(count)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "delegation-console.png"), full_page=True)
    expect(page.locator("nav a[aria-current=page]")).to_contain_text("Delegations")

    # Revoking stops a contact's link at once: the button asks first, and "Cancel"
    # leaves the invitation as it was.
    rows.first.locator("a").first.click()
    revoke = page.get_by_role("button", name="Revoke the invitation")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    revoke.click()
    expect(revoke).to_be_visible()
    assert questions == ["Revoke this invitation? Its link stops working at once."]
    page.once("dialog", lambda dialog: dialog.accept())
    revoke.click()
    expect(page.locator(".flash").first).to_be_visible()
    expect(revoke).to_have_count(0)
