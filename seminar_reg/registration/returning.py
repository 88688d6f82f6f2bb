"""Returning delegates (#13 item 5): someone who registered for an earlier edition gets
the registration form filled in with their name fields, readings and organisation.

Only after they opened the link mailed to that address: the form asks for the address,
answers every visitor the same ("if it registered before, a link is on its way"), and
after the response mails the newest earlier record's holder a fresh personal link
(`personal_link`, the same links as /my). Opening it (`manage_entry` in routes.py sends
a past edition's link here) remembers that record in this browser's session, and the
form reads from it. Nobody reads another person's data by typing their email.

A delegation's contact adding a member goes the same way (`delegations.returning`): the
same record (`earlier_record`), the same fields (`fill_form`), but the link mailed asks
the member whether their contact may fill in the member form from it.
"""

from __future__ import annotations

from flask import flash, redirect, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select

from ..extensions import db
from ..fields import email_field
from ..mail import after_response
from ..program.queries import current_seminar_or_404
from ..security import lost_link_rate_limit
from . import bp
from .models import Delegate, DelegateChange
from .notifications import MailKind, notify
from .personal_link import issue_token, renewed_recently
from .queries import delegate_by_hash

PREFILL_KEY = "prefill_from"
# What a returning delegate's earlier record fills in: who they are and where they work.
PREFILLED = (
    "family_name", "given_name", "family_reading", "given_reading", "family_latin",
    "given_latin", "organization", "organization_type", "title", "email",
)


class ReturningForm(FlaskForm):
    email = email_field()


def earlier_record(
    current_seminar_id: int, email: str, side: str | None = None
) -> Delegate | None:
    """The newest record of this address in an edition other than the current one (of
    this side only, when given: a form asks for one side's names)."""
    sides = () if side is None else (Delegate.side == side,)
    return db.session.execute(
        select(Delegate)
        .where(
            Delegate.email_key == email.casefold(),
            Delegate.seminar_id != current_seminar_id,
            Delegate.anonymised_at.is_(None),
            *sides,
        )
        .order_by(Delegate.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def mail_earlier_record(current_seminar_id: int, email: str) -> bool:
    """Mail the holder of the earlier record a fresh link to it; False when there is
    none (or one was mailed a moment ago: nobody fills a mailbox through this form)."""
    delegate = earlier_record(current_seminar_id, email)
    if delegate is None or renewed_recently(delegate):
        return False
    issue_token(delegate)
    delegate.changes.append(
        DelegateChange(actor="system", field="manage_link", before="", after="renewed")
    )
    notify(delegate, MailKind.RETURNING)
    db.session.commit()
    return True


def remember_earlier_record(delegate: Delegate) -> str:
    """The link of a past edition's record was opened: fill the form from it."""
    session[PREFILL_KEY] = delegate.manage_token_hash
    flash(_("Welcome back. The form is filled in from your earlier registration: check it."))
    return redirect(url_for("registration.register", side=delegate.side))


def fill_form(form, delegate: Delegate) -> None:
    """Fill an unsent form's fields from an earlier record: those of PREFILLED the form
    has (a delegation's member form has no organisation: it is the delegation's)."""
    for name in PREFILLED:
        if name in form:
            form[name].data = getattr(delegate, name)


def prefill(form, seminar, side: str) -> Delegate | None:
    """Fill an unsent form from the remembered earlier record of this side, if any."""
    delegate = delegate_by_hash(session.get(PREFILL_KEY) or "")
    if delegate is None or delegate.seminar_id == seminar.id or delegate.side != side:
        return None
    fill_form(form, delegate)
    return delegate


@bp.route("/register/<side>/returning", methods=["POST"])
@lost_link_rate_limit
def returning(side: str):
    seminar = current_seminar_or_404()
    form = ReturningForm(prefix="returning")
    if form.validate_on_submit():
        seminar_id, email = seminar.id, form.email.data
        after_response(lambda: mail_earlier_record(seminar_id, email))
        flash(_("If this address registered for an earlier seminar, a link is on its way."))
    else:
        flash(_("Please enter a valid email address."), "error")
    return redirect(url_for("registration.register", side=side))
