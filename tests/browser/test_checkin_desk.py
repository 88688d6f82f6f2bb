"""The check-in desk end to end in headless Chromium against the live server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from seminar_reg.checkin.models import CheckIn
from seminar_reg.clock import utcnow
from seminar_reg.extensions import db
from tests.checkin.helpers import make_delegate, move_item_to_venue_today
from tests.conftest import ARTIFACTS

from .conftest import login
from .media import on_table, write_y4m

pytestmark = pytest.mark.browser


DESK = "/console/checkin/plenary"


def stored_checkins() -> list[CheckIn]:
    # End the test's own read transaction first: the server committed in another one.
    db.session.rollback()
    return list(db.session.execute(select(CheckIn).order_by(CheckIn.id)).scalars())


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def scan(page, code: str) -> None:
    """What a USB badge scanner does: type the code into the focused field, then Enter."""
    page.locator("#scan-code").focus()
    page.keyboard.type(code)
    page.keyboard.press("Enter")


@pytest.fixture
def people(seminar):
    move_item_to_venue_today(seminar, "plenary")  # the desk is used on the item's day
    return {
        "namiki": make_delegate(seminar, "namiki", ("plenary", "clair-reception")),
        "shan": make_delegate(seminar, "shan", ("plenary",)),
        "takahashi": make_delegate(seminar, "takahashi", ("site-visit",)),
    }


def test_scanner_checks_in_then_answers_already(staff_page, people):
    page = staff_page("checkin")
    page.goto(DESK)
    expect(page.locator("#scan-code")).to_be_focused()
    scan(page, people["namiki"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    expect(page.locator("#person-name")).to_have_text("並木 心")
    expect(page.locator("#person-name")).to_have_attribute("lang", "ja")
    expect(page.locator("#person-cross")).to_have_text("并木心")
    expect(page.locator("#person-side")).to_have_text("Japanese side")
    expect(page.locator("#desk-count")).to_have_text("1")
    screenshot(page, "checkin-desk-checked-in.png")

    scan(page, people["namiki"].checkin_code)
    expect(page.locator("#result-message")).to_have_text(
        re.compile(r"^Already checked in at \d\d:\d\d$")
    )
    expect(page.locator("#scan-log li")).to_have_count(2)
    screenshot(page, "checkin-desk-already.png")
    rows = stored_checkins()
    assert len(rows) == 1 and rows[0].method == "scan"
    assert rows[0].staff.email == "checkin-browser@seminar.example"


def test_a_desk_for_another_day_opens_only_when_confirmed(staff_page, seminar):
    person = make_delegate(seminar, "namiki", ("plenary",))  # plenary stays on 27 July 2017
    page = staff_page("checkin")
    page.goto(DESK)
    warning = page.locator("#day-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("This item is not today")
    expect(page.locator("#scan-code")).to_be_hidden()
    screenshot(page, "checkin-desk-other-day.png")

    page.get_by_role("button", name="Open the desk for this item anyway").click()
    expect(warning).to_be_hidden()
    expect(page.locator("#scan-code")).to_be_focused()
    scan(page, person.checkin_code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    # Asked once per tab and day: a reload opens the desk straight away.
    page.reload()
    expect(page.locator("#scan-code")).to_be_focused()
    expect(page.locator("#day-warning")).to_be_hidden()
    assert len(stored_checkins()) == 1


def test_offline_scans_are_kept_and_sent_once_when_back_online(browser_context, staff_page, people):
    page = staff_page("checkin")
    page.goto(DESK)
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    browser_context.set_offline(True)
    expect(page.locator("#desk-network")).to_contain_text("Offline")
    scan(page, people["namiki"].checkin_code)
    # answered from the list on the device, and kept to be sent
    expect(page.locator("#result-message")).to_have_text("Checked in")
    expect(page.locator("#result-detail")).to_contain_text("sent when the network is back")
    scan(page, people["shan"].checkin_code)
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 2")
    queued = page.evaluate("JSON.parse(localStorage.getItem('seminar-reg.checkin.queue'))")
    assert (
        len(queued) == 2
        and queued[0]["body"]["client_scan_id"] != queued[1]["body"]["client_scan_id"]
    )
    scanned_by = utcnow()  # both answered: both scans taken
    screenshot(page, "checkin-desk-offline.png")
    assert stored_checkins() == []

    back_online = utcnow()
    browser_context.set_offline(False)
    expect(page.locator("#desk-count")).to_have_text("2")
    expect(page.locator("#desk-network")).not_to_contain_text("waiting")
    rows = stored_checkins()
    assert sorted(row.delegate.given_name for row in rows) == ["伟", "心"]
    assert {row.client_scan_id for row in rows} == {
        entry["body"]["client_scan_id"] for entry in queued
    }
    # stored with the time each badge was scanned, not when the network came back
    assert scanned_by < back_online
    assert all(row.checked_in_at <= scanned_by for row in rows)
    assert page.evaluate("localStorage.getItem('seminar-reg.checkin.queue')") == "[]"


def test_a_lost_answer_is_replayed_without_counting_twice(browser_context, staff_page, people):
    page = staff_page("checkin")
    page.goto(DESK)
    lost = []
    network_back = []

    def drop_the_answer(route):
        # The server stores the scan; the reply is lost after a while, in which the desk
        # refreshed its list (every 5 s): the list now holds this very check-in, which is
        # not an "already". The network stays down until the test has read the desk's own
        # answer: a retry that got through (every 5 s too) would replace it before then.
        if not lost:
            lost.append(route.fetch().status)
            refresh = page.wait_for_event("request", lambda r: "/plenary/roster" in r.url)
            refresh.response().finished()
            route.abort("connectionreset")
        elif not network_back:
            route.abort("connectionrefused")
        else:
            route.continue_()

    page.route("**/scans", drop_the_answer)
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    scan(page, people["namiki"].checkin_code)
    # no answer from the server: answered from the list on the device, kept to be sent
    expect(page.locator("#result-detail")).to_contain_text("sent when the network is back")
    expect(page.locator("#result-message")).to_have_text("Checked in")
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 1")
    assert lost == [200] and len(stored_checkins()) == 1
    network_back.append(True)
    # The periodic retry sends the same client_scan_id: answered, not stored again.
    expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    expect(page.locator("#result-detail")).to_be_hidden()
    assert len(stored_checkins()) == 1


def test_dashboard_shows_the_new_count_without_reload(browser_context, staff_page, people):
    desk = staff_page("checkin")
    desk.goto(DESK)
    dashboard = browser_context.new_page()
    dashboard.goto("/console/")
    row = dashboard.locator('[data-item="plenary"]')
    expect(row.locator('[data-count="checked_in.all"]')).to_have_text("0")
    china_bar = row.locator('[data-bar="checked_in.china"]')
    expect(china_bar).to_have_attribute("width", "0.0")
    dashboard.evaluate("window.__notReloaded = true")

    scan(desk, people["shan"].checkin_code)
    expect(desk.locator("#result-message")).to_have_text("Checked in")
    expect(row.locator('[data-count="checked_in.china"]')).to_have_text("1")
    expect(row.locator('[data-count="checked_in.all"]')).to_have_text("1")
    expect(row.locator('[data-count="checked_in.japan"]')).to_have_text("0")
    # shan is the one confirmed Chinese-side delegate of two on the plenary: half the bar
    expect(china_bar).to_have_attribute("width", "60.0")
    expect(row.locator('[data-bar="checked_in.japan"]')).to_have_attribute("width", "0.0")
    expect(row.locator("svg.bar")).to_have_attribute("aria-label", "1 of 2 checked in")
    assert dashboard.evaluate("window.__notReloaded") is True
    screenshot(dashboard, "checkin-dashboard-after-scan.png")


def test_not_registered_then_admitted_with_a_note(staff_page, people):
    page = staff_page("secretariat")
    page.goto(DESK)
    scan(page, people["takahashi"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Not registered for this item")
    expect(page.locator("#admit-form")).to_be_visible()
    expect(page.locator("#admit-note")).to_be_focused()
    page.get_by_label("Reason for admitting (stored with the check-in)").fill("Speaker's guest")
    page.get_by_role("button", name="Admit with this note").click()
    expect(page.locator("#result-message")).to_have_text("Admitted with a note")
    expect(page.locator("#admit-form")).to_be_hidden()
    rows = stored_checkins()
    assert [(row.note, row.method) for row in rows] == [("Speaker's guest", "scan")]


def test_forgotten_badge_found_by_name_in_kana(staff_page, people):
    page = staff_page("checkin")
    page.goto(DESK)
    page.get_by_label("Name in any script: kanji, kana, Chinese, pinyin or Latin letters").fill(
        "なみき"
    )
    result = page.locator("#lookup-results li")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("並木 心")
    result.get_by_role("button", name="Check in: 並木 心").click()
    expect(page.locator("#result-message")).to_have_text("Checked in")
    assert [row.method for row in stored_checkins()] == ["lookup"]
    # found again: shown as admitted, with no check-in button (#16)
    page.get_by_role("button", name="Search").click()
    expect(result).to_contain_text(re.compile(r"Already checked in at \d\d:\d\d"))
    expect(result.get_by_role("button")).to_have_count(0)
    expect(result.get_by_role("link", name="Undo or reprint… 並木 心")).to_be_visible()


def test_desk_fits_a_phone_screen(chromium, live_server, staff_user, people):
    phone = chromium.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    try:
        page = phone.new_page()
        login(page, staff_user("checkin", "phone@seminar.example"))
        page.goto(DESK)
        scan(page, people["shan"].checkin_code)
        expect(page.locator("#person-name")).to_have_text("单伟")
        expect(page.locator("#person-name")).to_have_attribute("lang", "zh-Hans")
        expect(page.locator("#person-side")).to_have_text("中方")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        screenshot(page, "checkin-desk-phone-zh.png")
    finally:
        phone.close()


def _badge_picture(delegate, tmp_path):
    from seminar_reg.badges.layout import build_badges
    from seminar_reg.badges.operations import badge_data
    from tests.badges.samples import TEXTS
    from tests.pdf_tools import rasterise

    pdf = build_badges([badge_data(delegate)], layout="single", texts=TEXTS).pdf
    (page,) = rasterise(pdf, tmp_path)
    return page


def test_camera_reads_a_real_badge(launch_browser, live_server, staff_user, people, tmp_path):
    import zxingcpp

    delegate = people["namiki"]
    frame = on_table(_badge_picture(delegate, tmp_path))
    frame.save(ARTIFACTS / "checkin-camera-frame.png")
    # The fixture itself is sound: the picture's QR code carries the delegate's code.
    assert [code.text for code in zxingcpp.read_barcodes(frame)] == [delegate.checkin_code]
    video = write_y4m(frame, tmp_path / "badge.y4m")

    browser = launch_browser(
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    )
    context = browser.new_context(base_url=live_server.url, locale="en-US", permissions=["camera"])
    page = context.new_page()
    login(page, staff_user("checkin", "camera@seminar.example"))
    page.goto(f"{DESK}?mode=camera")
    expect(page.locator("#result-message")).to_have_text("Checked in", timeout=30_000)
    expect(page.locator("#person-name")).to_have_text("並木 心")
    screenshot(page, "checkin-desk-camera.png")
    rows = stored_checkins()
    assert [(row.delegate_id, row.method) for row in rows] == [(delegate.id, "scan")]
    context.close()
