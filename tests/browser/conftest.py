"""Shared fixtures for end-to-end tests: a live server, headless Chromium, a login helper.

The live server is the real app (CSRF on) served by werkzeug on a free loopback port
in a thread, against the session's test database; tests create their data through the
``app`` fixture (which empties the tables afterwards) and drive Debian's
/usr/bin/chromium through Playwright. Mark browser tests ``@pytest.mark.browser``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import playwright
import pytest
from werkzeug.serving import make_server

from tests.conftest import STAFF_PASSWORD, make_test_app, require

CHROMIUM = os.environ.get("SEMINAR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Work Chromium 156 does for a browser window that no test looks at. Every new context
# opens a window whose address bar preloads its suggestion popup, a WebUI page in a
# renderer of its own (~0.5 s of CPU a context, a quarter of a journey's CPU); and a
# spare renderer is kept started for a next page that usually never comes.
UNUSED_FEATURES = (
    "WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup",
    "SpareRendererForSitePerProcess",
)
# Playwright waits this long for a page to show an expected state (ms).
EXPECT_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class LiveServer:
    url: str
    app: object


class _ServerThread(threading.Thread):
    def __init__(self, app) -> None:
        super().__init__(daemon=True, name="live-server")
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.port = self.server.server_port

    def run(self) -> None:
        self.server.serve_forever()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.join(timeout=5)


@pytest.fixture(scope="session")
def live_server_session(database_url, tmp_path_factory) -> Iterator[LiveServer]:
    app = make_test_app(
        database_url, tmp_path_factory.mktemp("live"), WTF_CSRF_ENABLED=True, TESTING=False
    )
    thread = _ServerThread(app)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{thread.port}", app)
    thread.stop()
    with app.app_context():
        from seminar_reg.extensions import db

        db.engine.dispose()


@pytest.fixture
def live_server(app, live_server_session, tmp_path) -> Iterator[LiveServer]:
    """The running app; depends on ``app`` so each test's rows are removed afterwards.

    Each test gets a mail outbox of its own, as ``app`` does: the server lives for the
    whole run, and an earlier test's mail to the same sample address must not be taken
    for this test's.

    Every browser context still open when the test ends is closed here, whether the
    test passed or failed: a context its failing test never reached the close of would
    stay open in the session's Chromium, its pages still polling the server (a desk
    sends its queued scans) while the next tests run. Here, before ``app`` empties the
    tables, so no page writes after that."""
    live_server_session.app.config["OUTBOX_DIRECTORY"] = str(tmp_path / "live-outbox")
    yield live_server_session
    for browser in _BROWSERS:
        for context in browser.contexts if browser.is_connected() else ():
            context.close()


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import expect, sync_playwright

    found = shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)
    require(found, f"{CHROMIUM} (scripts/test.sh installs Debian's chromium)")
    driver = sync_playwright().start()
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    yield driver
    driver.stop()


# The browsers this worker has started (live_server closes their contexts).
_BROWSERS: list = []


def launch_chromium(playwright_driver, extra_args: tuple[str, ...] = ()):
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_ARGS, *_disable_features(), *extra_args],
    )  # fmt: skip
    _BROWSERS[:] = [*(started for started in _BROWSERS if started.is_connected()), browser]
    return browser


@functools.cache
def _disable_features() -> tuple[str, ...]:
    """One --disable-features switch: Playwright's own list and ours. Chromium keeps the
    last switch of a name, so ours alone would undo Playwright's (HttpsUpgrades,
    ThirdPartyStoragePartitioning, ...). Playwright has no API for its defaults: they
    are read from its launcher, and if they cannot be found ours are left out."""
    launcher = Path(playwright.__file__).parent / "driver" / "package" / "lib"
    for source in sorted(launcher.rglob("*.js")):
        text = source.read_text(encoding="utf-8", errors="replace")
        listed = re.search(r"disabledFeatures = \[(.*?)\]", text, re.DOTALL)
        if listed:
            without_comments = re.sub(r"//[^\n]*", "", listed.group(1))
            theirs = re.findall(r"[\"']([A-Za-z0-9]+)[\"']", without_comments)
            return (f"--disable-features={','.join([*theirs, *UNUSED_FEATURES])}",)
    return ()


@pytest.fixture(scope="session")
def chromium(playwright_driver):
    browser = launch_chromium(playwright_driver)
    yield browser
    browser.close()


@pytest.fixture
def launch_browser(playwright_driver) -> Iterator[Callable]:
    """Start a Chromium with extra command-line switches (e.g. a fake camera)."""
    browsers = []

    def launch(*extra_args: str):
        browser = launch_chromium(playwright_driver, extra_args)
        browsers.append(browser)
        return browser

    yield launch
    for browser in browsers:
        browser.close()


@pytest.fixture
def browser_context(chromium, live_server):
    """A fresh English-speaking browser profile (cookies, storage) pointed at the server."""
    context = chromium.new_context(base_url=live_server.url, locale="en-US")
    yield context
    context.close()


def login(page, email: str, password: str = STAFF_PASSWORD) -> None:
    """Log in through the real form (CSRF token and all) and wait for the console."""
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture
def staff_page(request, staff_user):
    """A page logged in with a new account of the given role: ``staff_page("checkin")``,
    in the test's ``browser_context`` unless given another (then none is opened)."""

    def open_page(role: str = "checkin", context=None):
        page = (context or request.getfixturevalue("browser_context")).new_page()
        login(page, staff_user(role, f"{role}-browser@seminar.example"))
        return page

    return open_page
