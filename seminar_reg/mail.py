"""Outgoing mail: SMTP when configured, else .eml files in the instance outbox.

The outbox lets a development machine or an offline venue see exactly what would
have been sent, without a mail server.
"""

from __future__ import annotations

import os
import smtplib
import uuid
from email.message import EmailMessage
from pathlib import Path

from flask import current_app


def outbox_directory() -> Path:
    configured = current_app.config.get("OUTBOX_DIRECTORY")
    return Path(configured) if configured else Path(current_app.instance_path) / "outbox"


def send_mail(to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{uuid.uuid4().hex}@seminar-reg>"
    message.set_content(body, charset="utf-8")
    host = current_app.config.get("MAIL_SMTP_HOST")
    if host:
        with smtplib.SMTP(host, current_app.config["MAIL_SMTP_PORT"], timeout=20) as smtp:
            smtp.send_message(message)
        return
    directory = outbox_directory()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{uuid.uuid4().hex}.eml"
    # Written under a temporary name and renamed, so a reader never sees half a mail.
    partial = path.with_suffix(".part")
    partial.write_bytes(message.as_bytes())
    os.replace(partial, path)
