"""The desk without the network: it reloads, answers scans and finds people from the
list on the device, and two desks offline make one check-in (headless Chromium)."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from playwright.sync_api import expect

from seminar_reg.clock import utcnow, venue_datetime
from tests.checkin.helpers import make_delegate, move_item_to_venue_today

from .conftest import login
from .media import on_table, write_y4m
from .test_checkin_desk import _badge_picture, scan, screenshot, stored_checkins

pytestmark = pytest.mark.browser

DESK = "/console/checkin/plenary"
LOOKUP_LABEL = "Name in any script: kanji, kana, Chinese, pinyin or Latin letters"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def people(seminar):
    move_item_to_venue_today(seminar, "plenary")
    return {
        "namiki": make_delegate(seminar, "namiki", ("plenary",)),
        "shan": make_delegate(seminar, "shan", ("plenary",)),
        "takahashi": make_delegate(seminar, "takahashi", ("site-visit",)),
    }


def open_desk_online(page, url: str = f"{DESK}?mode=scanner") -> None:
    """Open the desk and wait until it could work offline: the list is on the device
    and the service worker has kept the pages and scripts. The list came compressed
    (the browser asks for it; a venue's Wi-Fi is slow)."""
    with page.expect_response(lambda response: "/plenary/roster" in response.url) as listed:
        page.goto(url)
    assert listed.value.headers.get("content-encoding") in ("zstd", "br", "gzip")
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    expect(page.locator("#desk")).to_have_attribute("data-offline-ready", "yes")


def no_overflow(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def look_up(page, text: str):
    page.get_by_label(LOOKUP_LABEL).fill(text)
    return page.locator("#lookup-results li")


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_a_desk_reloads_scans_and_finds_people_offline(
    launch_browser, live_server, staff_user, people, tmp_path, screen
):
    delegate = people["namiki"]
    video = write_y4m(on_table(_badge_picture(delegate, tmp_path)), tmp_path / "badge.y4m")
    browser = launch_browser(
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    )
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", permissions=["camera"],
        **(PHONE if screen == "phone" else {}),
    )
    page = context.new_page()
    login(page, staff_user("checkin", f"offline-{screen}@seminar.example"))
    open_desk_online(page)

    context.set_offline(True)
    reloaded = page.reload()
    # the page came from the copy the service worker kept, not from the server
    assert reloaded.headers.get("x-desk-copy") == "offline"
    expect(page.locator("#desk-network")).to_contain_text("Offline")
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")

    page.get_by_role("link", name="Camera").click()  # offline too: the kept camera page
    expect(page.locator("#result-message")).to_have_text("Checked in", timeout=30_000)
    expect(page.locator("#person-name")).to_have_text("並木 心")
    expect(page.locator("#result-detail")).to_contain_text("answered from the list on this device")
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 1")
    expect(page.locator("#desk-count")).to_have_text("1")
    screenshot(page, f"checkin-offline-camera-{screen}.png")
    assert stored_checkins() == []

    # look-ups from the list: kana for the Japanese side, pinyin for the Chinese side
    found = look_up(page, "なみき")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("並木 心")
    expect(found).to_contain_text(re.compile(r"Already checked in at \d\d:\d\d"))
    expect(found.get_by_role("button")).to_have_count(0)  # admitted: no check-in button
    expect(page.locator("#lookup-status")).to_have_text("Found in the list on this device.")
    found = look_up(page, "Shan Wei")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("单伟")
    expect(found).to_contain_text("Registered for this item")
    expect(look_up(page, "タカハシ")).to_contain_text("Not registered for this item")
    screenshot(page, f"checkin-offline-lookup-{screen}.png")
    if screen == "phone":
        no_overflow(page)

    context.set_offline(False)
    expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    rows = stored_checkins()
    assert [(row.delegate_id, row.method) for row in rows] == [(delegate.id, "scan")]
    # The badge is still in front of the camera: read frame after frame for longer than
    # the desk's quiet time for a code it has just read, it is not sent again.
    scan_url = page.locator("#desk").get_attribute("data-scan-url")
    sent = []
    page.on("request", lambda request: request.url.endswith(scan_url) and sent.append(request))
    page.evaluate(RECORD_CAMERA_READS)
    page.wait_for_function(CAMERA_READ_FOR, arg=SAME_CODE_QUIET_MS + 500, timeout=30_000)
    assert sent == []
    assert len(stored_checkins()) == 1
    expect(page.locator("#desk-count")).to_have_text("1")
    context.close()


# desk.js: a code read again within this long of its last reading is not sent again.
SAME_CODE_QUIET_MS = 3000
# Notes when the camera reads a code (desk.js calls window.jsQR for every frame).
RECORD_CAMERA_READS = """() => {
  const decode = window.jsQR;
  window.cameraReads = [];
  window.jsQR = (...args) => {
    const found = decode(...args);
    if (found && found.data.trim()) window.cameraReads.push(Date.now());
    return found;
  };
}"""
# Until the camera has read a code in frames spanning more than ``ms``.
CAMERA_READ_FOR = """(ms) => {
  const reads = window.cameraReads;
  return reads.length > 1 && reads.at(-1) - reads[0] > ms;
}"""


def test_the_list_answers_every_outcome_offline(browser_context, staff_page, people, seminar):
    cancelled = make_delegate(seminar, "wang", ("plenary",), cancelled=True)
    page = staff_page("checkin")
    open_desk_online(page)
    browser_context.set_offline(True)
    scan(page, people["takahashi"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Not registered for this item")
    expect(page.locator("#person-name")).to_have_text("髙橋 健一")
    expect(page.locator("#admit-form")).to_be_visible()
    page.get_by_label("Reason for admitting (stored with the check-in)").fill("Speaker's aide")
    page.get_by_role("button", name="Admit with this note").click()
    expect(page.locator("#result-message")).to_have_text("Admitted with a note")
    scan(page, cancelled.checkin_code)
    expect(page.locator("#result-message")).to_have_text("Registration cancelled: do not admit")
    scan(page, "not-a-badge-0000")
    expect(page.locator("#result-message")).to_have_text(
        "Unknown code: not a badge of this seminar"
    )
    scan(page, people["takahashi"].checkin_code)
    expect(page.locator("#result-message")).to_have_text(
        re.compile(r"^Already checked in at \d\d:\d\d$")
    )
    # only the admitted scan waits to be sent; refusals are not sent later
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 1")
    browser_context.set_offline(False)
    expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    rows = stored_checkins()
    assert [(row.delegate_id, row.note) for row in rows] == [
        (people["takahashi"].id, "Speaker's aide")
    ]


# A slow phone: the list takes 2 s to come out of IndexedDB after the page loads.
SLOW_LIST = """
let slowRoster;
Object.defineProperty(window, "DeskRoster", {
  configurable: true,
  get: () => slowRoster,
  set(value) {
    const load = value.Roster.prototype.load;
    value.Roster.prototype.load = async function () {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return load.call(this);
    };
    slowRoster = value;
  },
});
"""


def test_a_scan_before_the_list_is_read_waits_for_it(browser_context, staff_page, people):
    """The camera can decode a badge before the device has read its list: that scan is
    answered from the list, not kept unanswered (seen on a phone in CI)."""
    page = staff_page("checkin")
    open_desk_online(page)
    browser_context.set_offline(True)
    browser_context.add_init_script(SLOW_LIST)
    page.reload()
    expect(page.locator("#desk-network")).to_contain_text("Offline")
    scan(page, people["namiki"].checkin_code)  # the list is still being read
    expect(page.locator("#result-message")).to_have_text("Checked in")
    expect(page.locator("#result-detail")).to_contain_text("answered from the list on this device")
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 1")


def test_two_desks_offline_make_one_check_in_at_the_first_time(
    chromium, live_server, staff_user, people
):
    desks = []
    for name in ("east", "west"):
        context = chromium.new_context(base_url=live_server.url, locale="en-US")
        page = context.new_page()
        login(page, staff_user("checkin", f"{name}@seminar.example"))
        open_desk_online(page)
        desks.append((context, page))
    (east_context, east), (west_context, west) = desks
    code = people["namiki"].checkin_code

    east_context.set_offline(True)
    west_context.set_offline(True)
    before_east = utcnow()
    scan(east, code)
    expect(east.locator("#result-message")).to_have_text("Checked in")
    after_east = utcnow()
    # The person walks round to the other entrance: the west desk's clock (in whole
    # milliseconds) is past the east scan, so which time is kept can be told apart.
    west.wait_for_function("after => Date.now() > after", arg=epoch_ms(after_east) + 1)
    scan(west, code)  # the other entrance does not know yet: it admits too
    expect(west.locator("#result-message")).to_have_text("Checked in")

    west_context.set_offline(False)  # the later scan reaches the server first
    expect(west.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    east_context.set_offline(False)
    expect(east.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    expect(east.locator("#result-message")).to_have_text(
        re.compile(r"^Already checked in at \d\d:\d\d$")
    )

    rows = stored_checkins()
    assert len(rows) == 1
    first = rows[0].checked_in_at
    # the east desk's time (the desk's clock keeps milliseconds), not the west desk's
    assert before_east - dt.timedelta(milliseconds=1) <= first <= after_east  # the first time
    # both desks, their lists synced, now say "already" with that time, even offline
    already = f"Already checked in at {venue_datetime(first):%H:%M}"
    for context, page in desks:
        expect(page.locator("#desk-count")).to_have_text("1", timeout=20_000)
        # Until its list holds the stored time (a desk asks every 5 s), the desk that
        # reached the server first answers with its own, later time.
        wait_for_listed_time(page, people["namiki"].id, first)
        context.set_offline(True)
        scan(page, code)
        expect(page.locator("#result-message")).to_have_text(already)
        context.set_offline(False)
    screenshot(west, "checkin-two-desks-west.png")
    figures = east_context.request.get("/console/headcounts.json").json()  # the dashboard's
    (plenary,) = [row for row in figures["items"] if row["code"] == "plenary"]
    assert plenary["checked_in"] == {"japan": 1, "china": 0, "all": 1}
    assert len(stored_checkins()) == 1
    for context, _page in desks:
        context.close()


def wait_for_listed_time(page, delegate_id: int, stored: dt.datetime) -> None:
    """Until the list kept on the device says the person came in at ``stored`` (written
    after the list in memory, which answers scans, took the server's answer). Polled
    here: page.wait_for_function takes the promise an IndexedDB read returns for true."""
    expected = epoch_ms(stored)  # as roster.py sends
    deadline = time.monotonic() + 20
    while (listed := listed_checkins(page).get(str(delegate_id))) != expected:
        assert time.monotonic() < deadline, f"the desk's list says {listed}, not {expected}"
        page.wait_for_timeout(200)


def epoch_ms(utc: dt.datetime) -> int:
    return int(utc.replace(tzinfo=dt.UTC).timestamp() * 1000)


def listed_checkins(page) -> dict[str, int]:
    """The check-ins in the plenary's list kept on the device: delegate id -> epoch ms."""
    return page.evaluate(
        """() => new Promise((resolve) => {
             const open = indexedDB.open("seminar-reg-desk");
             open.onsuccess = () => {
               const db = open.result;
               if (!db.objectStoreNames.contains("rosters")) { db.close(); resolve({}); return; }
               const read = db.transaction("rosters").objectStore("rosters").get("plenary");
               read.onsuccess = () => {
                 db.close();
                 resolve(read.result ? read.result.checkins : {});
               };
             };
           })"""
    )


def roster_items(page) -> list[str]:
    return page.evaluate(
        """() => new Promise((resolve) => {
             const open = indexedDB.open("seminar-reg-desk");
             open.onsuccess = () => {
               const db = open.result;
               if (!db.objectStoreNames.contains("rosters")) { db.close(); resolve([]); return; }
               const keys = db.transaction("rosters").objectStore("rosters").getAllKeys();
               keys.onsuccess = () => { db.close(); resolve(keys.result); };
             };
           })"""
    )


def test_closing_the_desk_and_logging_out_remove_the_list(staff_page, people):
    page = staff_page("secretariat")
    open_desk_online(page)
    assert roster_items(page) == ["plenary"]
    page.get_by_role("button", name="Close the desk").click()
    page.wait_for_url(re.compile(r"/console/checkin/$"))
    assert roster_items(page) == []

    open_desk_online(page)
    assert roster_items(page) == ["plenary"]
    assert page.evaluate("caches.keys()") != []
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(lambda url: "/console" not in url)
    assert roster_items(page) == []
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


QUERIES = [
    "なみき", "ナミキ", "ﾅﾐｷ", "ＮＡＭＩＫＩ", "namiki", "Namiki Kokoro", "kokoro", "miki",
    "并木", "並木心", "shan", "Shàn Wěi", "单伟", "單偉", "wei", "dan", "takahashi", "髙橋",
    "高桥", "たかはし けんいち", "ouyang", "zhou", "x", "nami", "koko", "ﾀｶ", "sha", "并",
]


def test_the_browser_matches_names_by_the_servers_rule(staff_page, people):
    """The desk's offline look-up gives, for every person and query, the rank
    names.search.match_rank gives on the server (0 exact, 1 a name part starts with it)."""
    from seminar_reg.names.search import match_rank

    page = staff_page("checkin")
    open_desk_online(page)
    blobs = [person.search_text for person in people.values()]
    in_browser = page.evaluate(
        """([blobs, queries]) => queries.map((q) => blobs.map(
             (blob) => DeskRoster.matchRank(blob, DeskRoster.queryTerms(q))))""",
        [blobs, QUERIES],
    )
    on_server = [[match_rank(blob, q) for blob in blobs] for q in QUERIES]
    assert in_browser == on_server
    assert any(rank == 0 for row in on_server for rank in row)  # the samples are telling
    assert any(rank == 1 for row in on_server for rank in row)


def test_a_list_for_a_day_that_is_over_is_not_kept(staff_page, seminar):
    make_delegate(seminar, "namiki", ("plenary",))  # the plenary stays on 27 July 2017
    page = staff_page("checkin")
    page.goto(DESK)
    page.get_by_role("button", name="Open the desk for this item anyway").click()
    # used while the page is open, never stored on the device: the desk says so once the
    # list has come and its saving has finished (roster.js sync, then showNetwork)
    expect(page.locator("#desk-fresh")).to_contain_text(
        "not kept on this device: this item's day is over"
    )
    assert roster_items(page) == []


def test_a_session_ended_elsewhere_removes_the_list(staff_page, people):
    from sqlalchemy import select

    from seminar_reg.auth.models import StaffUser
    from seminar_reg.auth.operations import log_out
    from seminar_reg.extensions import db

    page = staff_page("checkin")
    open_desk_online(page)
    assert roster_items(page) == ["plenary"]
    db.session.rollback()
    user = db.session.execute(
        select(StaffUser).where(StaffUser.email == "checkin-browser@seminar.example")
    ).scalar_one()
    log_out(user)  # e.g. an administrator deactivated the account, or "log out everywhere"
    expect(page.locator("#desk-fresh")).to_have_text(
        "Not logged in: the list was removed from this device. Log in again.", timeout=20_000
    )
    assert roster_items(page) == []


def send_then_lose_the_list(page, browser_context, code: str) -> None:
    """The desk holds a scan of ``code`` offline and sends it once back online, then the
    list it asks for after sending does not come (the Wi-Fi drops again); the list's
    address stays refused until the caller unroutes it."""
    browser_context.set_offline(True)
    scan(page, code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    page.route("**/plenary/roster*", lambda route: route.abort("connectionrefused"))
    with page.expect_event("requestfailed", lambda r: "/plenary/roster" in r.url):
        browser_context.set_offline(False)
        expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)


def test_a_list_that_does_not_come_after_sending_keeps_the_sent_scans(
    browser_context, staff_page, people
):
    """The desk sends what it kept, then the list it asks for does not come (the Wi-Fi
    drops again): the person it sent is still in on the device, not a new check-in."""
    page = staff_page("checkin")
    open_desk_online(page)
    send_then_lose_the_list(page, browser_context, people["namiki"].checkin_code)
    browser_context.set_offline(True)
    scan(page, people["namiki"].checkin_code)
    expect(page.locator("#result-message")).to_have_text(
        re.compile(r"^Already checked in at \d\d:\d\d$")
    )
    expect(page.locator("#desk-count")).to_have_text("1")
    assert len(stored_checkins()) == 1


def test_online_without_answers_the_list_answers(staff_page, people):
    """Hotel Wi-Fi that says "connected" but reaches nothing: the device believes it is
    online, every scan request fails, and the list answers."""
    page = staff_page("checkin")
    open_desk_online(page)
    page.route("**/scans", lambda route: route.abort("connectionrefused"))
    scan(page, people["takahashi"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Not registered for this item")
    expect(page.locator("#desk-network")).not_to_contain_text("waiting")
    scan(page, people["shan"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 1")
    assert stored_checkins() == []
    page.unroute("**/scans")
    expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    assert [row.delegate_id for row in stored_checkins()] == [people["shan"].id]


# What a desk page kept by the version before the place and outcome codes came in the
# page looks like: the same page without the "desk-places" and "desk-outcomes" blocks.
KEEP_OLDER_COPY = """async (url) => {
  const names = (await caches.keys()).filter((name) => name.startsWith("seminar-reg-desk-"));
  if (names.length !== 1) throw new Error(`not one release's copies: ${names}`);
  const cache = await caches.open(names[0]);
  const kept = await cache.match(url);
  const html = (await kept.text()).replace(
    /<script type="application\\/json" id="desk-(places|outcomes)">[^<]*<\\/script>/g, "");
  if (html.includes("desk-places")) throw new Error("the blocks are still there");
  await cache.put(url, new Response(html, { headers: kept.headers }));
}"""


def test_a_copy_kept_by_the_version_before_works_with_the_new_scripts(
    browser_context, staff_page, people
):
    """A page copy without the codes (kept by the version before them) with the scripts
    kept since, as a service worker from before versioned static addresses served them
    after an upgrade. The desk still answers from its list."""
    page = staff_page("checkin")
    open_desk_online(page)
    page.evaluate(KEEP_OLDER_COPY, page.url)
    browser_context.set_offline(True)
    reloaded = page.reload()
    assert reloaded.headers.get("x-desk-copy") == "offline"
    assert page.locator("#desk-places").count() == 0
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    scan(page, people["namiki"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    scan(page, people["takahashi"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Not registered for this item")
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 1")
