"""Shared fixtures for end-to-end tests: a live server, headless Chromium, a login helper.

The live server is the real app (CSRF on) served by werkzeug on a free loopback port
in a thread, against the session's test database; tests create their data through the
``app`` fixture (which empties the tables afterwards) and drive Debian's
/usr/bin/chromium through Playwright. Mark browser tests ``@pytest.mark.browser``.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

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
def live_server(app, live_server_session, tmp_path) -> LiveServer:
    """The running app; depends on ``app`` so each test's rows are removed afterwards.

    Each test gets a mail outbox of its own, as ``app`` does: the server lives for the
    whole run, and an earlier test's mail to the same sample address must not be taken
    for this test's."""
    live_server_session.app.config["OUTBOX_DIRECTORY"] = str(tmp_path / "live-outbox")
    return live_server_session


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import expect, sync_playwright

    found = shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)
    require(found, f"{CHROMIUM} (scripts/test.sh installs Debian's chromium)")
    driver = sync_playwright().start()
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    yield driver
    driver.stop()


def launch_chromium(playwright_driver, extra_args: tuple[str, ...] = ()):
    return playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *extra_args]
    )


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
def staff_page(browser_context, staff_user):
    """A page logged in with a new account of the given role: ``staff_page("checkin")``."""

    def open_page(role: str = "checkin", context=None):
        page = (context or browser_context).new_page()
        login(page, staff_user(role, f"{role}-browser@seminar.example"))
        return page

    return open_page
