"""The desk across an upgrade: the page and the scripts it runs are always one release's,
online and offline, and a desk offline through the upgrade keeps working (headless
Chromium; the live server's static folder is changed the way a new release changes it)."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

import seminar_reg

from . import test_checkin_offline
from .test_checkin_desk import scan, screenshot, stored_checkins
from .test_checkin_offline import PHONE, open_desk_online, wait_for_listed_time

pytestmark = pytest.mark.browser

STATIC = Path(seminar_reg.__file__).parent / "static"
PREFIX = "seminar-reg-desk-"
# What the next release's desk.js does besides the desk: say which release runs.
NEXT_RELEASE_MARK = '\ndocument.documentElement.dataset.release = "next";\n'
# The offline desk's three people (a fixture).
people = test_checkin_offline.people


@pytest.fixture
def upgrade(live_server, tmp_path):
    """The live server on a copy of its static files; ``upgrade()`` changes desk.js and
    restarts the app's static versions, as installing the next release would."""
    app = live_server.app
    original = app.static_folder
    folder = tmp_path / "static"
    shutil.copytree(STATIC, folder)
    app.static_folder = str(folder)
    app.extensions["static_versions"] = None  # as a restart on these files would

    def install_next_release() -> None:
        with (folder / "checkin" / "desk.js").open("a", encoding="utf-8") as script:
            script.write(NEXT_RELEASE_MARK)
        app.extensions["static_versions"] = None  # a restart hashes the files again

    yield install_next_release
    app.static_folder = original
    app.extensions["static_versions"] = None


def release_of(page) -> str:
    """The release the page says it belongs to (the version its worker is asked for)."""
    return re.search(r"\?v=([0-9a-f]{12})$", page.locator("#desk").get_attribute("data-sw-url"))[1]


def desk_script(page) -> str:
    return page.locator('script[src*="/checkin/desk.js"]').get_attribute("src")


def kept(page) -> dict[str, list[str]]:
    """Each release's copies on the device: cache name -> kept addresses (path + query)."""
    return page.evaluate(
        """async () => {
             const kept = {};
             for (const name of await caches.keys()) {
               const requests = await (await caches.open(name)).keys();
               kept[name] = requests.map((r) => new URL(r.url).pathname + new URL(r.url).search)
                 .sort();
             }
             return kept;
           }"""
    )


def wait_for_copies(page, release: str, desk_js: str) -> list[str]:
    """Until the device holds this release's copies only, with the desk page and its
    script among them (the worker installs, keeps, then drops the earlier copies)."""
    deadline = time.monotonic() + 20
    while True:
        copies = kept(page)
        names = list(copies)
        if names == [PREFIX + release] and {"/console/checkin/plenary?mode=scanner",
                                            desk_js} <= set(copies[names[0]]):
            return copies[names[0]]
        assert time.monotonic() < deadline, f"copies on the device: {copies}"
        page.wait_for_timeout(200)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_a_new_release_reloads_its_own_page_and_scripts_offline_and_online(
    chromium, live_server, staff_page, people, upgrade, screen
):
    browser_context = chromium.new_context(
        base_url=live_server.url, locale="en-US", **(PHONE if screen == "phone" else {})
    )
    page = staff_page("checkin", browser_context)
    open_desk_online(page)
    first, first_script = release_of(page), desk_script(page)
    wait_for_copies(page, first, first_script)

    # the desk is offline while the next release is installed, and reloads
    browser_context.set_offline(True)
    upgrade()
    reloaded = page.reload()
    assert reloaded.headers.get("x-desk-copy") == "offline"
    assert (release_of(page), desk_script(page)) == (first, first_script)  # its own release
    assert page.evaluate("document.documentElement.dataset.release") is None
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    scan(page, people["namiki"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    expect(page.locator("#desk-network")).to_contain_text("Scans waiting to be sent: 1")

    # back online: the next release's page with the next release's scripts
    browser_context.set_offline(False)
    reloaded = page.reload()
    assert reloaded.headers.get("x-desk-copy") is None
    following, following_script = release_of(page), desk_script(page)
    assert following != first and following_script != first_script
    expect(page.locator("html")).to_have_attribute("data-release", "next")
    expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    (stored,) = stored_checkins()
    assert stored.delegate_id == people["namiki"].id
    # the list on the device hears of it at its next sync (every 5 s)
    wait_for_listed_time(page, people["namiki"].id, stored.checked_in_at)
    # the new worker keeps the new release's copies and drops the earlier ones
    copies = wait_for_copies(page, following, following_script)
    assert first_script not in copies
    assert all("?v=" in address for address in copies if address.startswith("/static/"))

    # offline again: the kept page is the new one, and so are its scripts
    browser_context.set_offline(True)
    reloaded = page.reload()
    assert reloaded.headers.get("x-desk-copy") == "offline"
    assert (release_of(page), desk_script(page)) == (following, following_script)
    expect(page.locator("html")).to_have_attribute("data-release", "next")
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    scan(page, people["takahashi"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Not registered for this item")
    scan(page, people["namiki"].checkin_code)
    expect(page.locator("#result-message")).to_have_text(
        re.compile(r"^Already checked in at \d\d:\d\d$")
    )
    screenshot(page, f"checkin-next-release-offline-{screen}.png")
    browser_context.close()


# The device as the release before versioned addresses left it: its worker's copies
# ("seminar-reg-desk-v1") of the desk pages, naming their files without a version, and
# of those files (its desk.js marked, to see which one runs); this release's copies not
# made yet (the network dropped before the new worker could keep the pages again).
KEEP_AS_THE_RELEASE_BEFORE = """async () => {
  const [name] = (await caches.keys()).filter((key) => key.startsWith("seminar-reg-desk-"));
  const current = await caches.open(name);
  const older = await caches.open("seminar-reg-desk-v1");
  for (const request of await current.keys()) {
    const url = new URL(request.url);
    const response = await current.match(request);
    let body = await response.text();
    if (url.pathname.startsWith("/static/")) {
      if (url.pathname.endsWith("/desk.js")) {
        body = 'document.documentElement.dataset.release = "v1";\\n' + body;
      }
      await older.put(url.origin + url.pathname, new Response(body, { headers: response.headers }));
    } else {
      body = body.replace(/(\\/static\\/[^"?]+|\\/sw\\.js)\\?v=[0-9a-f]{12}/g, "$1");
      await older.put(request, new Response(body, { headers: response.headers }));
    }
  }
  await caches.delete(name);
}"""


def test_a_page_kept_before_versioned_addresses_opens_offline_with_its_own_scripts(
    browser_context, staff_page, people
):
    """Old page kept, new worker: the page from the earlier copies runs the scripts kept
    with it, not this release's; once online, this release's copies replace them."""
    page = staff_page("checkin")
    open_desk_online(page)
    release, script = release_of(page), desk_script(page)
    wait_for_copies(page, release, script)
    page.evaluate(KEEP_AS_THE_RELEASE_BEFORE)
    assert list(kept(page)) == [PREFIX + "v1"]

    browser_context.set_offline(True)
    reloaded = page.reload()
    assert reloaded.headers.get("x-desk-copy") == "offline"
    assert desk_script(page) == "/static/checkin/desk.js"
    expect(page.locator("html")).to_have_attribute("data-release", "v1")
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    scan(page, people["shan"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Checked in")
    screenshot(page, "checkin-page-kept-before-versions-offline.png")

    browser_context.set_offline(False)
    page.reload()
    assert desk_script(page) == script
    expect(page.locator("#desk-network")).not_to_contain_text("waiting", timeout=20_000)
    assert [row.delegate_id for row in stored_checkins()] == [people["shan"].id]
    wait_for_copies(page, release, script)  # the earlier copies dropped


UPDATE_SETTLED = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(registration && registration.active && !registration.installing
    && !registration.waiting && registration.active.state === "activated");
}"""


def test_a_new_worker_that_cannot_keep_the_pages_leaves_the_earlier_copies(
    browser_context, staff_page, people, upgrade
):
    """The browser finds the new release's worker, then the Wi-Fi drops before it can
    fetch the desk pages again: the earlier release's copies stay, and the desk still
    reloads offline with its earlier page and that page's scripts."""
    page = staff_page("checkin")
    open_desk_online(page)
    first, first_script = release_of(page), desk_script(page)
    wait_for_copies(page, first, first_script)

    upgrade()
    # the desk pages (not the worker's script) no longer reach the server
    browser_context.route(re.compile(r"/console/checkin/plenary(\?|$)"),
                          lambda route: route.abort("internetdisconnected"))
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    deadline = time.monotonic() + 20
    while len(names := list(kept(page))) < 2 or not page.evaluate(UPDATE_SETTLED):
        assert time.monotonic() < deadline, f"copies on the device: {names}"
        page.wait_for_timeout(200)
    assert PREFIX + first in names  # the new release's worker runs; the copies stay

    browser_context.set_offline(True)
    reloaded = page.reload()
    assert reloaded.headers.get("x-desk-copy") == "offline"
    assert (release_of(page), desk_script(page)) == (first, first_script)
    assert page.evaluate("document.documentElement.dataset.release") is None
    expect(page.locator("#desk-fresh")).to_contain_text("List of 3 people on this device")
    scan(page, people["namiki"].checkin_code)
    expect(page.locator("#result-message")).to_have_text("Checked in")

    browser_context.unroute_all()
    browser_context.set_offline(False)
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-release", "next")
    wait_for_copies(page, release_of(page), desk_script(page))
