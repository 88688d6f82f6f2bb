"""Waiting for the mail a live server sends just after its answer. On a loaded machine
that send can lose its turn; the mail is stored and pending, so every few seconds the
test does what the secretariat's timer does (`mail send`)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from seminar_reg.mail.outbox import deliver
from tests.browser.conftest import EXPECT_TIMEOUT_MS
from tests.mailbox import body, mails_to


def when_mailed(app, find: Callable[[], str | None], what: str) -> str:
    """What ``find`` reads from the outbox, once it is there."""
    start = last_send = time.monotonic()
    while True:
        if found := find():
            return found
        now = time.monotonic()
        assert now - start < 2 * EXPECT_TIMEOUT_MS / 1000, f"no {what} mailed"
        if now - last_send > 5:
            with app.app_context():
                deliver(due_only=False)
            last_send = now
        time.sleep(0.05)


def mailed_link(app, email: str, link: re.Pattern) -> str:
    """The path ``link`` (its first group) finds in the newest mail to ``email`` that has one."""

    def find() -> str | None:
        matches = [link.search(body(mail)) for mail in mails_to(app, email)]
        found = [match.group(1) for match in matches if match]
        return found[-1] if found else None

    return when_mailed(app, find, f"link {link.pattern!r} to {email}")

