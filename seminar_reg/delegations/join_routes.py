"""The mailed link of a membership request (``joining``): the person at a registered
address reads which delegation asks, then joins or refuses. As with /my and
/invitation links, the token leaves the address bar at once (the session keeps its
hash) and is redacted from logs (``security.redact``)."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _

from ..registration.personal_link import current_token
from ..security import body_limit, self_service_rate_limit
from ..web import link_not_working
from . import bp, joining
from .expiry import REQUEST_LIFETIME
from .forms import JoinForm

SESSION_KEY = "membership_request_hash"


def _link_not_working():
    """Joined, declined, expired, or the page reopened after the browser was closed."""
    link_not_working("delegations/join_link_not_working.html",
                     lifetime_days=REQUEST_LIFETIME.days)


@bp.route("/delegation/join/<token>")
@self_service_rate_limit
def join_entry(token: str):
    request_row = joining.request_by_token(token)
    if request_row is None:
        _link_not_working()
    session[SESSION_KEY] = request_row.token_hash
    return redirect(url_for("delegations.join_request"))


@bp.route("/delegation/join", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def join_request():
    request_row = joining.request_by_hash(session.get(SESSION_KEY, ""))
    if request_row is None:
        _link_not_working()
    form = JoinForm()
    refusal = joining.refusal(request_row)
    if form.validate_on_submit():
        if form.refuse.data:
            joining.refuse(request_row)
            session.pop(SESSION_KEY, None)
            flash(_("You have not joined the delegation. Your registration stays as it was."))
            return redirect(url_for("program.home"))
        if not refusal:
            delegate = joining.join(request_row)
            session.pop(SESSION_KEY, None)
            flash(_("You have joined the delegation."))
            # Their own page, as their mailed link opens it (the link proved the address).
            return redirect(url_for("registration.manage_entry", token=current_token(delegate)))
    invitation = request_row.invitation
    return render_template(
        "delegations/join.html", form=form, refusal=refusal, invitation=invitation,
        organization=invitation.organization,
    ), 400 if form.is_submitted() else 200
