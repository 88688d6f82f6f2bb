"""Mails to delegates, written in the delegate's own language."""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..mail import send_mail
from ..program.models import Seminar
from .models import Delegate


def send_confirmation(delegate: Delegate, seminar: Seminar, token: str) -> None:
    with force_locale(delegate.language):
        link = url_for("registration.manage_entry", token=token, _external=True)
        subject = _("Your registration: %(title)s", title=_seminar_title(seminar, delegate))
        body = render_template(
            "registration/confirmation_email.txt", delegate=delegate, seminar=seminar, link=link
        )
    send_mail(delegate.email, subject, body)


def _seminar_title(seminar: Seminar, delegate: Delegate) -> str:
    return getattr(seminar, f"title_{delegate.language}", None) or seminar.title_ja
