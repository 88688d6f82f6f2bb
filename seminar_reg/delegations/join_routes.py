"""The mailed link of a membership request (``joining``): the person at a registered
address reads which delegation asks, then joins or refuses. The token is in the path,
so it is redacted from logs as /my and /invitation links are (``security.redact``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..registration.personal_link import current_token
from ..security import body_limit, self_service_rate_limit
from . import bp, joining
from .forms import JoinForm


@bp.route("/delegation/join/<token>", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def join_request(token: str):
    request_row = joining.request_by_token(token)
    if request_row is None:
        abort(404)
    form = JoinForm()
    refusal = joining.refusal(request_row)
    if form.validate_on_submit():
        if form.refuse.data:
            joining.refuse(request_row)
            flash(_("You have not joined the delegation. Your registration stays as it was."))
            return redirect(url_for("program.home"))
        if not refusal:
            delegate = joining.join(request_row)
            flash(_("You have joined the delegation."))
            # Their own page, as their mailed link opens it (the link proved the address).
            return redirect(url_for("registration.manage_entry", token=current_token(delegate)))
    invitation = request_row.invitation
    return render_template(
        "delegations/join.html", form=form, refusal=refusal, invitation=invitation,
        organization=invitation.organization, token=token,
    ), 400 if form.is_submitted() else 200
