"""Waiting for the mail a live server sends just after its answer. The test only reads
the outbox: the server must send the mail itself (tests/mail/test_sent_after_response.py
shows it does on werkzeug's server even when the client resets the connection)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from tests.browser.conftest import EXPECT_TIMEOUT_MS
from tests.mailbox import body, mails_to


def when_mailed(find: Callable[[], str | None], what: str) -> str:
    """What ``find`` reads from the outbox, once it is there."""
    start = time.monotonic()
    while not (found := find()):
        assert time.monotonic() - start < 2 * EXPECT_TIMEOUT_MS / 1000, f"no {what} mailed"
        time.sleep(0.05)
    return found


def mailed_link(app, email: str, link: re.Pattern) -> str:
    """The path ``link`` (its first group) finds in the newest mail to ``email`` that has one."""

    def find() -> str | None:
        matches = [link.search(body(mail)) for mail in mails_to(app, email)]
        found = [match.group(1) for match in matches if match]
        return found[-1] if found else None

    return when_mailed(find, f"link {link.pattern!r} to {email}")
