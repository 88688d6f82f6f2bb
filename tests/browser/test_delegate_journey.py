"""A delegate's whole self-service journey in a real browser, in their own language.

A Japanese delegate on a phone (390x844) and a Chinese delegate on a desktop (1280x800):
a first try refused (a name no badge can print, no item: the error summary takes the focus)
→ register → open the personal link from the mail → change items (one lands on a full
item's waiting list) → drop one item → cancel, confirming on the question page → undo.
Each step's screenshot is kept in test-artifacts/journey-<who>-<step>.png.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from tests.browser.devices import device_context, press, screenshot
from tests.browser.mailed import mailed_link
from tests.checkin.helpers import make_delegate
from tests.mailbox import LINK

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Journey:
    who: str
    locale: str
    viewport: dict
    phone: bool
    side_link: str
    fields: dict
    words: dict  # what the page says at each step, in the delegate's language


JAPANESE_PHONE = Journey(
    who="ja-phone",
    locale="ja-JP",
    viewport={"width": 390, "height": 844},
    phone=True,
    side_link="日本側",
    fields={
        "family_name": "並木", "given_name": "心", "family_reading": "なみき",
        "given_reading": "こころ", "organization": "東京都羽村市", "title": "市長",
        "email": "namiki@example.jp",
    },
    words={
        "registered": "メールをご確認ください", "my": "登録内容",
        "save": "変更を保存", "saved": "変更を保存しました", "waiting": "キャンセル待ち1番目",
        "cancel_link": "登録をキャンセルする…", "question": "登録をキャンセルしますか？",
        "yes": "はい、登録をキャンセルします", "cancelled": "なし（登録はキャンセルされています）",
        "undo": "再登録する", "undone": "再登録しました", "history": "変更履歴",
    },
)
CHINESE_DESKTOP = Journey(
    who="zh-desktop",
    locale="zh-CN",
    viewport={"width": 1280, "height": 800},
    phone=False,
    side_link="中方",
    fields={
        "family_name": "单", "given_name": "伟", "organization": "沈阳市人民政府外事办公室",
        "title": "处长", "email": "shanwei@example.cn",
    },
    words={
        "registered": "请查收邮件", "my": "我的报名",
        "save": "保存修改", "saved": "修改已保存", "waiting": "候补第 1 位",
        "cancel_link": "取消报名…", "question": "确定要取消报名吗？",
        "yes": "确认取消报名", "cancelled": "无（报名已取消）",
        "undo": "重新报名", "undone": "已重新报名", "history": "变更记录",
    },
)


def _context(chromium, live_server, journey: Journey):
    return device_context(chromium, live_server, journey, locale=journey.locale)


def _shot(page, journey: Journey, step: str) -> None:
    screenshot(page, journey, f"journey-{journey.who}-{step}")


def _tap(page, journey: Journey, locator) -> None:
    press(journey, locator)


def _items(page) -> str:
    return page.locator("ul.places").inner_text()


def _invalid_first(page, journey: Journey) -> None:
    """A name no badge can print and no item: refused at once, the summary takes the
    focus, each entry leads to its field, the field is marked red."""
    page.fill("#given_name", journey.fields["given_name"] + "😀")
    page.check("#consent")
    _tap(page, journey, page.locator("main form:not(.returning-link) button[type=submit]"))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("a[href='#given_name']")).to_contain_text("U+1F600")
    expect(summary.locator("a[href='#item_codes-0']")).to_be_visible()
    given = page.locator("#given_name")
    expect(given).to_have_attribute("aria-invalid", "true")
    border = given.evaluate("element => getComputedStyle(element).borderTopColor")
    assert border == "rgb(179, 38, 30)", border  # the red of the error text
    _shot(page, journey, "1-invalid")
    _tap(page, journey, summary.locator("a[href='#given_name']"))
    assert page.evaluate("location.hash") == "#given_name"


def _register(page, journey: Journey) -> None:
    page.goto("/register")
    _tap(page, journey, page.get_by_role("link", name=journey.side_link))
    for name, value in journey.fields.items():
        page.fill(f"#{name}", value)
    _invalid_first(page, journey)
    page.fill("#given_name", journey.fields["given_name"])
    page.check("input[name=item_codes][value=plenary]")
    page.check("input[name=item_codes][value=clair-reception]")
    page.check("#consent")
    _shot(page, journey, "1-form")
    _tap(page, journey, page.locator("main form:not(.returning-link) button[type=submit]"))
    expect(page.locator("h1")).to_have_text(journey.words["registered"])
    _shot(page, journey, "2-registered")


def _save(page, journey: Journey) -> None:
    _tap(page, journey, page.get_by_role("button", name=journey.words["save"]))
    expect(page.locator(".flash").first).to_contain_text(journey.words["saved"])


@pytest.mark.parametrize("journey", [JAPANESE_PHONE, CHINESE_DESKTOP], ids=lambda j: j.who)
def test_register_change_drop_cancel_and_undo(chromium, live_server, seminar, journey):
    # The site visit has one seat and someone already holds it.
    item_by_code(seminar, "site-visit").capacity = 1
    db.session.commit()
    make_delegate(seminar, "takahashi", ("site-visit",), email="first@example.jp")

    registering = _context(chromium, live_server, journey)
    page = registering.new_page()
    page.goto("/program")
    expect(page.locator("#item-site-visit .availability")).to_have_class(
        "availability availability-full"
    )
    _shot(page, journey, "0-program")
    _register(page, journey)
    registering.close()

    # The link from the mail, opened in a fresh browser as a mail app would.
    context = _context(chromium, live_server, journey)
    page = context.new_page()
    page.goto(mailed_link(live_server.app, journey.fields["email"], LINK))
    expect(page.locator("h1")).to_have_text(journey.words["my"])
    _shot(page, journey, "3-my-page")

    # Change items: add the full site visit (waiting list) and ask for a hotel room.
    page.check("input[name=item_codes][value=site-visit]")
    page.check("#needs_hotel")
    page.select_option("#dietary", "vegetarian")
    _save(page, journey)
    expect(page.locator("ul.places")).to_contain_text(journey.words["waiting"])
    status = page.locator(".status-line")
    expect(status).to_contain_text(journey.words["waiting"][:2])
    _shot(page, journey, "4-items-changed")

    # Drop one item: an edit, the registration stays.
    page.uncheck("input[name=item_codes][value=clair-reception]")
    _save(page, journey)
    reception = "自治体国際化協会" if journey.phone else "日本国自治体国际化协会"
    assert reception not in _items(page)
    expect(page.locator("#change-history")).to_have_text(journey.words["history"])
    _shot(page, journey, "5-item-dropped")

    # Cancel: a question first, then the registration shows as cancelled.
    _tap(page, journey, page.get_by_role("link", name=journey.words["cancel_link"]))
    expect(page.locator("h1")).to_have_text(journey.words["question"])
    _shot(page, journey, "6-cancel-question")
    _tap(page, journey, page.get_by_role("button", name=journey.words["yes"]))
    expect(page.locator("ul.places")).to_have_text(journey.words["cancelled"])
    _shot(page, journey, "7-cancelled")

    # Undo with the same link: the plenary seat comes back, the site visit queue too.
    _tap(page, journey, page.get_by_role("button", name=journey.words["undo"]))
    expect(page.locator(".flash").first).to_contain_text(journey.words["undone"])
    expect(page.locator("ul.places")).to_contain_text(journey.words["waiting"])
    _shot(page, journey, "8-undone")
    context.close()
