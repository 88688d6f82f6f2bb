"""Handing a finished message to the world: SMTP when configured, else .eml files in
the instance outbox.

The outbox lets a development machine or an offline venue see exactly what would
have been sent, without a mail server.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import uuid
from pathlib import Path
from typing import Protocol

from flask import current_app

SECURITY_MODES = ("none", "starttls", "ssl")


class Transport(Protocol):
    def send(self, sender: str, recipient: str, message: bytes) -> None: ...

    def close(self) -> None: ...


def outbox_directory() -> Path:
    configured = current_app.config.get("OUTBOX_DIRECTORY")
    return Path(configured) if configured else Path(current_app.instance_path) / "outbox"


class OutboxTransport:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def send(self, sender: str, recipient: str, message: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{uuid.uuid4().hex}.eml"
        # Written under a temporary name and renamed, so a reader never sees half a mail.
        partial = path.with_suffix(".part")
        partial.write_bytes(message)
        os.replace(partial, path)

    def close(self) -> None:
        pass


class SmtpTransport:
    """One connection for a whole batch, opened on the first mail."""

    def __init__(self, config) -> None:
        self.config = config
        self.smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        host, port = self.config["MAIL_SMTP_HOST"], self.config["MAIL_SMTP_PORT"]
        timeout, security = self.config["MAIL_SMTP_TIMEOUT"], self.config["MAIL_SMTP_SECURITY"]
        context = ssl.create_default_context()
        if security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
            if security == "starttls":
                smtp.starttls(context=context)
        if self.config["MAIL_SMTP_USER"]:
            smtp.login(self.config["MAIL_SMTP_USER"], self.config["MAIL_SMTP_PASSWORD"])
        return smtp

    def send(self, sender: str, recipient: str, message: bytes) -> None:
        if self.smtp is None:
            self.smtp = self._connect()
        self.smtp.sendmail(sender, [recipient], message)

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None


def open_transport() -> Transport:
    config = current_app.config
    if config.get("MAIL_SMTP_HOST"):
        return SmtpTransport(config)
    return OutboxTransport(outbox_directory())
