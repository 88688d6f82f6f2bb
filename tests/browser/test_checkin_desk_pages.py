"""The desk's own pages in a browser: a walk-in registered, admitted, badge printed,
then undone; in Chinese on a phone and in Japanese on a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.checkin.helpers import make_delegate, move_item_to_venue_today

from .conftest import login
from .test_checkin_desk import screenshot, stored_checkins

pytestmark = pytest.mark.browser

SCREENS = {
    "phone-zh": dict(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True,
                     has_touch=True),
    "desktop-ja": dict(locale="ja-JP", viewport={"width": 1280, "height": 800}),
}
WORDS = {
    "phone-zh": dict(walk_in="登记现场报名者", side="日方", submit="登记并签到",
                     done="已为松本 花子登记并签到。", print="打印此胸卡（PDF）",
                     undo="撤销签到", reason="撤销签到的原因（记入审计日志）",
                     undone="已撤销松本 花子的签到。"),
    "desktop-ja": dict(walk_in="当日参加者を登録", side="日本側", submit="登録して受付する",
                       done="松本 花子 さんを登録し、受付しました。", print="この名札を印刷（PDF）",
                       undo="受付を取り消す", reason="取り消す理由（操作記録に残ります）",
                       undone="松本 花子 さんの受付を取り消しました。"),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_walk_in_at_the_desk(chromium, live_server, staff_user, seminar, screen):
    move_item_to_venue_today(seminar, "plenary")
    make_delegate(seminar, "shan", ("plenary",))
    words = WORDS[screen]
    context = chromium.new_context(base_url=live_server.url, accept_downloads=True,
                                   **SCREENS[screen])
    page = context.new_page()
    login(page, staff_user("checkin", f"walk-in-{screen}@seminar.example"))
    page.goto("/console/checkin/plenary")
    page.get_by_role("link", name=words["walk_in"]).click()
    page.get_by_label(words["side"]).check()
    page.locator("#family_name").fill("松本")
    page.locator("#given_name").fill("花子")
    page.locator("#family_reading").fill("まつもと")
    page.locator("#given_reading").fill("はなこ")
    page.locator("#organization").fill("鳥取県")
    screenshot(page, f"checkin-walk-in-form-{screen}.png")
    page.get_by_role("button", name=words["submit"]).click()
    expect(page.get_by_text(words["done"])).to_be_visible()
    expect(page.locator("#person-status")).to_contain_text(re.compile(r"\d\d:\d\d \(UTC\+8\)"))
    screenshot(page, f"checkin-person-{screen}.png")
    assert len(stored_checkins()) == 1

    with page.expect_download() as download:
        page.get_by_role("button", name=words["print"]).click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.get_by_label(words["reason"]).fill("テスト")
    page.get_by_role("button", name=words["undo"]).click()
    expect(page.get_by_text(words["undone"])).to_be_visible()
    assert stored_checkins() == []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    context.close()


def test_one_clock_whatever_the_devices_zone(chromium, live_server, staff_user, seminar):
    """#16: the answer and the recent-scans list both show venue time (UTC+8), on a
    device set to New York time (12 or 13 hours behind)."""
    from .test_checkin_desk import scan

    move_item_to_venue_today(seminar, "plenary")
    person = make_delegate(seminar, "namiki", ("plenary",))
    context = chromium.new_context(base_url=live_server.url, locale="en-US",
                                   timezone_id="America/New_York")
    page = context.new_page()
    login(page, staff_user("checkin", "new-york@seminar.example"))
    page.goto("/console/checkin/plenary")
    expect(page.locator(".desk-zone")).to_contain_text("Asia/Shanghai, UTC+8")
    scan(page, person.checkin_code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    scan(page, person.checkin_code)
    expect(page.locator("#result-message")).to_have_text(re.compile(r"Already checked in at"))
    answered = page.locator("#result-message").text_content()[-5:]
    logged = page.locator("#scan-log li time").all_text_contents()
    assert len(logged) == 2 and logged[-1] == answered, (answered, logged)
    device = page.evaluate("new Date().toTimeString().slice(0, 5)")
    assert device != answered  # the device's own clock would have shown another time
    context.close()
