"""The secretariat's delegations (``/console/delegations``): every invitation with its
status, members, last change and contact, filtered by side and status; invite, send
again, remind, revoke, set a deadline, correct the organisation."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..auth.permissions import Permission, requires
from ..clock import venue_stamp, venue_zone
from ..fields import cleaned
from ..program.queries import console_seminar_or_404
from ..registration.availability import delegate_places
from ..registration.history import readable_changes
from ..registration.rules import refusal_reasons
from ..security import lost_link_rate_limit
from ..vocabulary import SIDES, InvitationStatus
from . import joining, operations
from .forms import (
    SIDE_CHOICES,
    STATUS_CHOICES,
    ActionForm,
    DeadlineForm,
    InviteForm,
    OrganizationForm,
)
from .queries import (
    delegation_members,
    invitation_in,
    invitation_rows,
    request_of,
    staff_view,
    type_change_conflicts,
    waiting_count,
    waiting_pairs,
)

bp = Blueprint("delegations_admin", __name__)


def _filters() -> dict[str, str]:
    side = request.args.get("side", "")
    status = request.args.get("status", "")
    return {
        "side": side if side in SIDES else "",
        "status": status if status in set(InvitationStatus) else "",
    }


@bp.route("/")
@requires(Permission.MANAGE_DELEGATES)
def index(invite_form=None, status=200):
    seminar = console_seminar_or_404()
    filters = _filters()
    rows = invitation_rows(seminar, **filters)
    return render_template(
        "delegations/console.html",
        rows=rows,
        filters=filters,
        side_choices=SIDE_CHOICES,
        status_choices=STATUS_CHOICES,
        unanswered=sum(1 for row in rows if row.invitation.status in operations.UNANSWERED),
        waiting=waiting_count(seminar),  # members counted beside the person they may be
        invite_form=invite_form or InviteForm(formdata=None),
        action_form=ActionForm(),
        stamp=venue_stamp,
    ), status


@bp.route("/invite", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def invite():
    seminar = console_seminar_or_404()
    form = InviteForm()
    if not form.validate_on_submit():
        return index(invite_form=form, status=400)
    organization = operations.organization_for(
        form.side.data, cleaned(form.organization.data), form.organization_type.data
    )
    invitation, _link = operations.invite(
        seminar, organization, form.email.data, language=form.language.data,
        actor=current_user.email, deadline=_utc(form.deadline.data),
    )
    flash(_("Invitation sent to %(email)s.", email=invitation.contact_email))
    return redirect(url_for("delegations_admin.detail", invitation_id=invitation.id))


@bp.route("/remind", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def remind():
    seminar = console_seminar_or_404()
    if not ActionForm().validate_on_submit():
        abort(400)
    filters = _filters()
    rows = invitation_rows(seminar, **filters)
    count = operations.remind([row.invitation for row in rows], actor=current_user.email)
    flash(ngettext("A reminder was sent to %(num)s contact.",
                   "A reminder was sent to %(num)s contacts.", count))
    return redirect(url_for("delegations_admin.index", **{k: v for k, v in filters.items() if v}))


@bp.route("/waiting")
@requires(Permission.MANAGE_DELEGATES)
def waiting():
    """Members a contact typed at an address registered already, beside the person
    registered there: both count until the person answers."""
    return render_template("delegations/waiting.html",
                           pairs=waiting_pairs(console_seminar_or_404()), stamp=venue_stamp)


def _invitation_or_404(invitation_id: int):
    invitation = invitation_in(console_seminar_or_404(), invitation_id)
    if invitation is None:
        abort(404)
    return invitation


@bp.route("/<int:invitation_id>", methods=["GET", "POST"])
@requires(Permission.MANAGE_DELEGATES)
def detail(invitation_id: int):
    invitation = _invitation_or_404(invitation_id)
    organization = invitation.organization
    form = OrganizationForm(obj=organization)
    conflicts = []
    if form.validate_on_submit():
        conflicts = type_change_conflicts(organization, form.organization_type.data)
        if conflicts and not form.take_places.data:
            form.take_places.errors.append(_("Please confirm, or keep the type."))
        else:
            operations.update_organization(organization, form.values(), actor=current_user.email)
            flash(_("Saved."))
            return redirect(url_for("delegations_admin.detail", invitation_id=invitation.id))
    deadline_form = DeadlineForm(formdata=None, deadline=_local(invitation.deadline))
    members = delegation_members(invitation)
    return render_template(
        "delegations/console_detail.html",
        invitation=invitation,
        organization=organization,
        form=form,
        deadline_form=deadline_form,
        action_form=ActionForm(),
        members=[(member, delegate_places(member)) for member in members],
        requests=staff_view(invitation),
        history=readable_changes(invitation.changes, {}, for_staff=True),
        stamp=venue_stamp,
        conflicts=conflicts,
        reasons=refusal_reasons(list({i.id: i for c in conflicts for i in c.items}.values())),
    ), 400 if request.method == "POST" else 200


@bp.route("/<int:invitation_id>/<action>", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def action(invitation_id: int, action: str):
    invitation = _invitation_or_404(invitation_id)
    if action == "deadline":
        form = DeadlineForm()
        if form.validate_on_submit():
            operations.set_deadline(invitation, _utc(form.deadline.data),
                                    actor=current_user.email)
            flash(_("Saved."))
        else:
            flash(_("Please correct the fields marked below."), "error")
    elif not ActionForm().validate_on_submit():
        abort(400)
    elif action == "resend":
        operations.resend(invitation, actor=current_user.email)
        flash(_("Invitation sent to %(email)s.", email=invitation.contact_email))
    elif action == "revoke":
        operations.revoke(invitation, actor=current_user.email)
        flash(_("The invitation has been revoked; its link no longer works."))
    else:
        abort(404)
    return redirect(url_for("delegations_admin.detail", invitation_id=invitation.id))


@bp.route("/<int:invitation_id>/requests/<int:request_id>/send", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
@lost_link_rate_limit  # each one mails a person a new link
def ask_again(invitation_id: int, request_id: int):
    invitation = _invitation_or_404(invitation_id)
    asked = request_of(invitation, request_id)
    if asked is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    joining.ask_again(asked, actor=current_user.email)
    flash(_("The request to join was sent again to %(email)s, with a new link.",
            email=joining.delegate_of(asked).email))
    return redirect(url_for("delegations_admin.detail", invitation_id=invitation.id,
                            _anchor="requests"))


def _utc(local: dt.datetime | None) -> dt.datetime | None:
    """A time typed on the venue's clock, stored as naive UTC."""
    if local is None:
        return None
    aware = local.replace(tzinfo=venue_zone())
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def _local(stored: dt.datetime | None) -> dt.datetime | None:
    if stored is None:
        return None
    return stored.replace(tzinfo=dt.UTC).astimezone(venue_zone()).replace(tzinfo=None)
