"""The delegation page: the contact opens the invitation link and registers themselves
and their members on one page; the session remembers the delegation, never another."""

from __future__ import annotations

import dataclasses

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..clock import venue_stamp
from ..extensions import db
from ..i18n import current_language, explicit_language, localized, remember_language, word_list
from ..mail import after_response
from ..program.models import Seminar
from ..program.queries import program_days
from ..registration import operations as registration
from ..registration.availability import delegate_places, item_availability
from ..registration.data import RegistrationError
from ..registration.forms import form_errors_from
from ..registration.history import field_label, readable_changes
from ..registration.models import DelegateStatus
from ..registration.queries import item_choices, items_by_code
from ..registration.returning import ReturningForm
from ..registration.routes import FormDefaults
from ..registration.rules import fields_kept_from_delegate
from ..security import body_limit, lost_link_rate_limit, self_service_rate_limit
from ..web import link_not_working
from . import bp, joining, operations, returning
from .expiry import REQUEST_LIFETIME
from .forms import ActionForm, ContactForm, EditMemberForm, MemberForm, delegation_error_message
from .links import invitation_by_hash, invitation_by_token
from .operations import DelegationError
from .queries import (
    contact_delegate,
    delegation_members,
    member_of,
    own_requests,
    shown_addresses,
)

SESSION_KEY = "delegation_token_hash"
AGREED_KEY = "returning_member_agreed"


@bp.route("/invitation/<token>")
@self_service_rate_limit
def entry(token: str):
    """The mailed link: remember the delegation, then drop the token from the address."""
    invitation = invitation_by_token(token)
    if invitation is None:
        _link_not_working()
    operations.mark_opened(invitation)
    session[SESSION_KEY] = invitation.token_hash
    response = redirect(url_for("delegations.page"))
    if not explicit_language():
        remember_language(response, invitation.language)
    return response


def _invitation():
    invitation = invitation_by_hash(session.get(SESSION_KEY, ""))
    if invitation is None:
        _link_not_working()
    return invitation


def _link_not_working():
    link_not_working("delegations/link_not_working.html")


def _returning_link_not_working():
    link_not_working("delegations/returning_link_not_working.html",
                     lifetime_days=REQUEST_LIFETIME.days)


def _seminar(invitation) -> Seminar:
    """The delegation's own edition (not necessarily the newest)."""
    return db.session.get(Seminar, invitation.seminar_id)


def _choices(seminar, invitation):
    return item_choices(seminar, invitation.organization.side, localized)


def _contact_form(seminar, invitation, contact, formdata=None):
    if contact is None:
        return ContactForm(
            formdata=formdata, organization=invitation.organization,
            contact_email=invitation.contact_email, item_choices=_choices(seminar, invitation),
        )
    return _edit_form(seminar, invitation, contact, formdata=formdata, prefix="contact",
                      kept=("email",))


def _edit_form(seminar, invitation, delegate, formdata=None, prefix="", kept=()):
    data = registration.data_from_delegate(delegate)
    if shown := shown_addresses(invitation).get(delegate.id):
        data = dataclasses.replace(data, email=shown)  # the address the contact typed
    return EditMemberForm(
        formdata=formdata, obj=FormDefaults(data), prefix=prefix,
        organization=invitation.organization, stored=data,
        kept=(*kept, *fields_kept_from_delegate(delegate)),
        item_choices=_choices(seminar, invitation),
    )


def _member_form(seminar, invitation, formdata=None):
    return MemberForm(formdata=formdata, organization=invitation.organization,
                      item_choices=_choices(seminar, invitation))


@bp.route("/delegation")
@self_service_rate_limit
def page(member_form=None, contact_form=None, returning_form=None, status=200):
    invitation = _invitation()
    seminar = _seminar(invitation)
    contact = contact_delegate(invitation)
    members = delegation_members(invitation)
    filled_from = None
    if member_form is None:  # ?returning=<offer>: filled from a record its holder agreed to
        member_form = _member_form(seminar, invitation, formdata=None)
        filled_from = returning.fill_member_form(
            invitation, member_form, request.args.get("returning")
        )
    return render_template(
        "delegations/page.html",
        invitation=invitation,
        organization=invitation.organization,
        seminar=seminar,
        days=program_days(seminar),
        contact=contact,
        members=[(member, delegate_places(member)) for member in members],
        contact_form=contact_form or _contact_form(seminar, invitation, contact, formdata=None),
        form=member_form,
        filled_from=filled_from,
        offers=returning.offers(invitation),
        returning_form=returning_form or ReturningForm(prefix="returning", formdata=None),
        action_form=ActionForm(),
        availability=item_availability(seminar),
        items=items_by_code(seminar),
        editable=operations.may_change(invitation, seminar),
        deadline=venue_stamp(invitation.deadline) if invitation.deadline else None,
        history=readable_changes(invitation.changes, {}, for_staff=False),
        shown_addresses=shown_addresses(invitation),
        requests=own_requests(invitation),
    ), status


def _refuse_if_closed(invitation, seminar):
    if not operations.may_change(invitation, seminar):
        flash(delegation_error_message("closed"), "error")
        return redirect(url_for("delegations.page"))
    return None


@bp.route("/delegation/contact", methods=["POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def save_contact():
    invitation = _invitation()
    seminar = _seminar(invitation)
    if (refused := _refuse_if_closed(invitation, seminar)) is not None:
        return refused
    contact = contact_delegate(invitation)
    form = _contact_form(seminar, invitation, contact, formdata=request.form)
    if form.validate():
        data = form.to_data(invitation.language)
        try:
            if contact is None:
                operations.add_member(invitation, data)
                flash(_("Your registration has been saved."))
            else:
                _flash_saved(operations.update_member(invitation, contact, data))
        except RegistrationError as error:
            # The contact registered on their own already (the invitation's address is
            # theirs, so they may hear it): their registration joins by the mailed link.
            if not (error.only_email_taken() and joining.request_membership(invitation, data)):
                form_errors_from(form, error)
                return page(contact_form=form, status=400)
            flash(_("You are registered already: we have mailed you a link to bring your "
                    "registration into this delegation."))
        return redirect(url_for("delegations.page"))
    return page(contact_form=form, status=400)


@bp.route("/delegation/members", methods=["POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def add_member():
    invitation = _invitation()
    seminar = _seminar(invitation)
    if (refused := _refuse_if_closed(invitation, seminar)) is not None:
        return refused
    form = _member_form(seminar, invitation, formdata=request.form)
    if form.validate():
        try:  # registered elsewhere: answered as a new address, the owner asked by mail
            member = joining.add_member_or_ask(invitation, form.to_data(invitation.language))
        except RegistrationError as error:
            form_errors_from(form, error)
            return page(member_form=form, status=400)
        flash(_("%(name)s has been added to your delegation.", name=member.full_name))
        return redirect(url_for("delegations.page") + "#members")
    return page(member_form=form, status=400)


@bp.route("/delegation/returning", methods=["POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@lost_link_rate_limit
def ask_returning_member():
    """The contact gives a member's address: the same answer for every address; its
    earlier record's holder, if any, is mailed a link asking for their agreement."""
    invitation = _invitation()
    if (refused := _refuse_if_closed(invitation, _seminar(invitation))) is not None:
        return refused
    form = ReturningForm(prefix="returning")
    if not form.validate():
        return page(returning_form=form, status=400)
    invitation_id, email = invitation.id, form.email.data
    after_response(lambda: returning.ask(invitation_id, email))
    flash(_("If this address registered for an earlier seminar, we have mailed it a link. "
            "Once its holder opens it, you can fill in this form from their registration."))
    return redirect(url_for("delegations.page") + "#add-member")


@bp.route("/delegation/returning/<token>")
@self_service_rate_limit
def returning_agreed(token: str):
    """The member opened the mailed link: their agreement (the token then leaves the
    address bar, as the other links' do)."""
    agreed = returning.agree(token)
    if agreed is None:
        _returning_link_not_working()
    session[AGREED_KEY] = agreed.id
    response = redirect(url_for("delegations.returning_thanks"))
    if not explicit_language():
        remember_language(response, agreed.delegate.language)
    return response


@bp.route("/delegation/agreed")
def returning_thanks():
    agreed = returning.agreed(session.get(AGREED_KEY))
    if agreed is None:
        _returning_link_not_working()
    invitation = agreed.invitation
    return render_template(
        "delegations/returning_agreed.html",
        organization=invitation.organization.name_in(current_language()),
        contact_email=invitation.contact_email,
    )


@bp.route("/delegation/members/<int:delegate_id>", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def edit_member(delegate_id: int):
    invitation = _invitation()
    seminar = _seminar(invitation)
    member = member_of(invitation, delegate_id)
    if member is None or member.status == DelegateStatus.CANCELLED:
        abort(404)
    if (refused := _refuse_if_closed(invitation, seminar)) is not None:
        return refused
    formdata = request.form if request.method == "POST" else None
    form = _edit_form(seminar, invitation, member, formdata=formdata)
    if request.method == "POST" and form.validate():
        try:
            changed = joining.update_member_or_ask(invitation, member,
                                                   form.to_data(member.language))
        except RegistrationError as error:
            form_errors_from(form, error)
        else:
            _flash_saved(changed)
            return redirect(url_for("delegations.page") + "#members")
    return render_template(
        "delegations/member.html", invitation=invitation, member=member, form=form,
        side=member.side, availability=item_availability(seminar),
        items=items_by_code(seminar),
        places=delegate_places(member),
    ), 400 if request.method == "POST" else 200


@bp.route("/delegation/members/<int:delegate_id>/remove", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def remove_member(delegate_id: int):
    """A page that asks first, as cancelling on /my does: a removed member's seats go to
    the waiting list at once, and one tap on a phone must not give them away."""
    invitation = _invitation()
    member = member_of(invitation, delegate_id)
    if member is None or member.status == DelegateStatus.CANCELLED:
        abort(404)
    if request.method == "GET":
        return render_template("delegations/remove.html", member=member, form=ActionForm(),
                               places=delegate_places(member))
    if not ActionForm().validate_on_submit():
        abort(404)
    try:
        operations.remove_member(invitation, member)
    except DelegationError as error:
        flash(delegation_error_message(str(error)), "error")
    else:
        flash(_("%(name)s has been removed from your delegation.", name=member.full_name))
    return redirect(url_for("delegations.page") + "#members")


@bp.route("/delegation/decline", methods=["POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def decline():
    invitation = _invitation()
    if ActionForm().validate_on_submit():
        try:
            operations.decline(invitation)
        except DelegationError as error:
            flash(delegation_error_message(str(error)), "error")
        else:
            flash(_("You have declined the invitation. Thank you for letting us know."))
    return redirect(url_for("delegations.page"))


def _flash_saved(changed: list[str]) -> None:
    if not changed:
        flash(_("Nothing was changed."))
        return
    flash(_("Your changes have been saved: %(fields)s",
            fields=word_list(field_label(field) for field in changed)))
