"""A real SMTP server on 127.0.0.1 (aiosmtpd, in a thread of this process) and an app
that sends to it; the port can be closed and opened again like a mail server's, and is
held (tests/ports.py) all along, so no other process takes it while it is closed."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.ports import held_port

SMTP_USER, SMTP_PASSWORD = "seminar", "mail-password"


class Sink:
    """Keeps every message it accepts, and who logged in to send it."""

    def __init__(self) -> None:
        self.messages: list = []
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, message))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode(),
            auth_data.password.decode(),
        ) == (SMTP_USER, SMTP_PASSWORD):
            self.logins.append(auth_data.login.decode())
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


class SmtpServer:
    """An SMTP server on a port of its own that is closed until ``start()``."""

    def __init__(self) -> None:
        # Connections to the held port are refused until the controller listens on it
        # (asyncio binds with SO_REUSEADDR); the port stays held after ``stop()``.
        self.holder = held_port()
        self.port = self.holder.getsockname()[1]
        self.sink = Sink()
        self.controller: Controller | None = None

    def start(self) -> Sink:
        self.controller = Controller(
            self.sink,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self.sink.authenticate,
            auth_require_tls=False,
        )
        self.controller.start()
        return self.sink

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def close(self) -> None:
        self.stop()
        self.holder.close()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    yield server
    server.close()


@pytest.fixture
def smtp_app(app, smtp_server):
    """The app sending through ``smtp_server`` (closed until the test starts it)."""
    app.config.update(
        MAIL_SMTP_HOST="127.0.0.1",
        MAIL_SMTP_PORT=smtp_server.port,
        MAIL_SMTP_TIMEOUT=5,
        MAIL_SMTP_USER=SMTP_USER,
        MAIL_SMTP_PASSWORD=SMTP_PASSWORD,
        PUBLIC_URL="https://seminar.example.org",
    )
    return app
