"""New messages with the standard library's SMTP policy, less its per-header class cost.

``email.headerregistry.HeaderRegistry`` builds a new class with ``type()`` for every
header it parses or folds (measured: about half of composing a confirmation, several
milliseconds a registration). The classes depend only on the header's name, so this
registry makes each once per process; the messages are byte for byte the same.
"""

from __future__ import annotations

from email.headerregistry import HeaderRegistry
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid

from flask import current_app

from ..links import public_host


class _OneClassPerName(HeaderRegistry):
    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type] = {}

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = super().__getitem__(name)
        return made


POLICY = SMTP.clone(header_factory=_OneClassPerName())


def new_message() -> EmailMessage:
    """An empty message whose headers are parsed and folded with ``POLICY``."""
    return EmailMessage(policy=POLICY)


def text_message(recipient: str, subject: str, body: str, language: str) -> EmailMessage:
    """A plain-text mail from the seminar's sender, in ``language``: every mail's headers."""
    message = new_message()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=public_host())
    message["Content-Language"] = language
    message.set_content(body, charset="utf-8")
    return message
