"""New messages with the standard library's SMTP policy, less its per-header costs.

``email.headerregistry.HeaderRegistry`` builds a new class with ``type()`` for every
header it parses or folds (measured: about half of composing a confirmation, several
milliseconds a registration). The classes depend only on the header's name, so this
registry makes each once per process. Parsing a header into its tree and folding that
tree back into lines were then most of what was left of building a mail (about 0.4 of
0.7 ms): both depend only on the name and the value, and most headers come back mail
after mail with the same value (the sender, a kind's subject in a language, the content
headers), so those are parsed once and folded once per process too. Header objects are
immutable strings; the messages are byte for byte the same (tests/mail/test_message.py).
"""

from __future__ import annotations

from email.headerregistry import HeaderRegistry
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from functools import lru_cache

from flask import current_app

from ..links import public_host

# Values that differ from one mail to the next: not worth keeping.
_PER_MESSAGE = frozenset({"to", "cc", "date", "message-id"})


class _FoldedOnce:
    """Mixed into every header class: a header object (an immutable string) keeps its
    folded lines for the policy that last asked."""

    def fold(self, *, policy) -> str:
        folded = self.__dict__.get("_folded")
        if folded is None or folded[0] is not policy:
            folded = self.__dict__["_folded"] = (policy, super().fold(policy=policy))
        return folded[1]


class _OneClassPerName(HeaderRegistry):
    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type] = {}
        # Bounded: a new subject (another seminar's title) pushes out what is not used.
        self._parsed = lru_cache(maxsize=256)(super().__call__)

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            cls = self.registry.get(key, self.default_class)
            bases = (_FoldedOnce, cls, self.base_class)
            made = self._made[key] = type("_" + cls.__name__, bases, {})
        return made

    def __call__(self, name: str, value):
        if not isinstance(value, str) or name.lower() in _PER_MESSAGE or "boundary=" in value:
            return super().__call__(name, value)
        return self._parsed(name, value)


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
