"""Reading the mail the app sent: the .eml files of the development outbox (no SMTP
host configured), parsed as a mail program would."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from icalendar import Calendar

LINK = re.compile(r"https?://[^\s/]+(/my/[A-Za-z0-9_\-]+)")


def sent_mails(app) -> list[EmailMessage]:
    """Every mail written to the outbox, oldest first."""
    paths = sorted(
        Path(app.config["OUTBOX_DIRECTORY"]).glob("*.eml"), key=lambda p: p.stat().st_mtime_ns
    )
    return [message_from_bytes(p.read_bytes(), policy=policy.default) for p in paths]


def mails_to(app, address: str) -> list[EmailMessage]:
    return [mail for mail in sent_mails(app) if mail["To"] == address]


def body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def personal_link(message: EmailMessage) -> str:
    """The path of the personal link in a mail (``/my/<token>``)."""
    return LINK.search(body(message)).group(1)


def latest_link(app, address: str | None = None) -> str:
    mails = mails_to(app, address) if address else sent_mails(app)
    return personal_link(mails[-1])


def calendar(message: EmailMessage) -> Calendar | None:
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_payload(decode=True))
    return None
