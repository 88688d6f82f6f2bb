"""A desk back online after holding scans: its own held scans count at once, before and
while it sends them and syncs its list, so a repeat scan of the same person says
"Already checked in" (headless Chromium, phone and desktop width)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import login
from .devices import DESKTOP, PHONE, device_context, screenshot
from .test_checkin_desk import scan, stored_checkins
from .test_checkin_offline import (  # noqa: F401 (people: a fixture)
    open_desk_online,
    people,
    send_then_lose_the_list,
)

pytestmark = pytest.mark.browser

DESK = "/console/checkin/plenary"
ALREADY = re.compile(r"^Already checked in at \d\d:\d\d$")


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_held_scan_counts_at_once_after_an_online_reload(
    chromium, live_server, staff_user, people, device  # noqa: F811
):
    """A scan held offline on a desk whose list had not come (nothing on the device to
    answer it), then the page is reloaded online and its list comes: until the server
    has the held scan (its request is held back here), the same badge again is
    "already", although the list the server sent does not know it yet."""
    context = device_context(chromium, live_server, device, locale="en-US")
    page = context.new_page()
    login(page, staff_user("checkin", f"resync-{device.phone}@seminar.example"))
    page.route("**/plenary/roster*", lambda route: route.abort("connectionrefused"))
    page.goto(f"{DESK}?mode=scanner")
    expect(page.locator("#desk-fresh")).to_contain_text("No list on this device yet")
    code = people["namiki"].checkin_code
    context.set_offline(True)
    scan(page, code)
    expect(page.locator("#result-message")).to_contain_text("Saved on this device")
    page.unroute("**/plenary/roster*")

    held = []
    # the held scan's request waits here until the test lets it go
    page.route("**/plenary/scans", lambda route: held.append(route))
    with page.expect_request("**/plenary/scans"):
        context.set_offline(False)
        page.reload()
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    scan(page, code)  # the person comes by again before the server has the first scan
    expect(page.locator("#result-message")).to_have_text(ALREADY)
    expect(page.locator("#desk-count")).to_have_text("1")
    screenshot(page, device, f"checkin-resync-{'phone' if device.phone else 'desktop'}")

    for route in held:  # the server gets the held scan now
        route.continue_()
    page.unroute("**/plenary/scans")
    expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    assert [row.delegate_id for row in stored_checkins()] == [people["namiki"].id]
    expect(page.locator("#desk-count")).to_have_text("1")
    context.close()


def test_scans_held_after_a_send_whose_list_did_not_come_count_until_sent(
    staff_page, browser_context, people  # noqa: F811
):
    """The desk sent what it held, the list it asked for then did not come; later it holds
    a new scan offline. Back online, the first list that comes (the desk's regular ask,
    while the new scan's request is held back here) answers the earlier send, not this
    scan: the person is still in on the device, so the badge again is "already"."""
    page = staff_page("checkin")
    open_desk_online(page)
    send_then_lose_the_list(page, browser_context, people["shan"].checkin_code)
    browser_context.set_offline(True)
    code = people["namiki"].checkin_code
    scan(page, code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    held = []
    page.route("**/plenary/scans", lambda route: held.append(route))
    page.unroute("**/plenary/roster*")
    with page.expect_response(lambda response: "/plenary/roster" in response.url):
        browser_context.set_offline(False)
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 1")
    scan(page, code)
    expect(page.locator("#result-message")).to_have_text(ALREADY)
    expect(page.locator("#desk-count")).to_have_text("2")
    for route in held:
        route.continue_()
    page.unroute("**/plenary/scans")
    expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    assert sorted(row.delegate_id for row in stored_checkins()) == sorted(
        [people["shan"].id, people["namiki"].id]
    )
