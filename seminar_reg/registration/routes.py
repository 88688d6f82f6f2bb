from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..clock import venue_stamp
from ..database import read_without_transaction
from ..i18n import current_language, explicit_language, localized, remember_language, word_list
from ..mail import after_response
from ..program.queries import current_seminar_or_404, program_items
from ..security import (
    body_limit,
    lost_link_rate_limit,
    registration_rate_limit,
    self_service_rate_limit,
)
from ..vocabulary.labels import SIDE_LABELS
from ..web import link_not_working
from . import bp, operations
from .availability import (
    current_items_or_404,
    current_programme_or_404,
    delegate_places,
    item_availability,
    registration_closed,
)
from .data import RegistrationError
from .forms import CancelForm, DelegateForm, LostLinkForm, SelfServiceForm, form_errors_from
from .history import delegate_history, field_label
from .models import DelegateStatus, Side
from .personal_link import renew_on_request
from .queries import (
    choices_for_side,
    delegate_by_hash,
    delegate_by_token,
    items_by_code,
)
from .returning import ReturningForm, prefill, remember_earlier_record
from .rules import fields_kept_from_delegate

SESSION_KEY = "manage_token_hash"


def _is_closed(seminar) -> bool:
    return registration_closed(seminar)


def _side_or_404(side: str) -> str:
    if side not in (Side.JAPAN, Side.CHINA):
        abort(404)
    return side


def _form(items, side: str) -> DelegateForm:
    return DelegateForm(side=side, item_choices=choices_for_side(items, side, localized))


@bp.route("/register")
def choose_side():
    seminar = current_seminar_or_404()
    if _is_closed(seminar):
        return render_template("registration/closed.html", seminar=seminar)
    return render_template("registration/choose_side.html", seminar=seminar, sides=SIDE_LABELS)


@bp.route("/register/<side>", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@registration_rate_limit
def register(side: str):
    side = _side_or_404(side)
    if request.method == "GET":
        read_without_transaction()  # the empty form only reads
        # One statement: the seminar, and its items' choices, times and places left.
        seminar, rows = current_programme_or_404()
        items = [item for item, _places in rows]
    else:
        # An answer is checked and stored without what only the page shows (places
        # left, whose count walks each limited item's places; days): read if it comes back.
        seminar, items = current_items_or_404()
        rows = None
    if _is_closed(seminar):
        return render_template("registration/closed.html", seminar=seminar)
    # The items also check the answer (operations.check): not read a second time.
    form = _form(items, side)
    returning = prefill(form, seminar, side) if request.method == "GET" else None
    if form.validate_on_submit():
        try:
            operations.register(seminar, form.to_data(current_language()), items=items)
        except RegistrationError as error:
            if not error.only_email_taken():
                form_errors_from(form, error)
            else:
                # Registered already: the lost-link answer, so that the form tells no
                # stranger who is attending. The delegate is mailed a fresh link.
                _renew_link_after_response(seminar, form.email.data)
                return redirect(url_for("registration.complete"))
        else:
            # The same page as for a registered address; the mailed link opens /my.
            return redirect(url_for("registration.complete"))
    status = 400 if request.method == "POST" else 200
    if rows is None:  # the answer comes back: now with the places left
        seminar, rows = current_programme_or_404()
    return render_template(
        "registration/form.html",
        form=form,
        side=side,
        seminar=seminar,
        availability={item.code: places for item, places in rows},
        items={item.code: item for item, _places in rows},
        # Nothing filled in yet: the fields render as for every visitor (fragments.py).
        fields_content=(side, rows) if request.method == "GET" and returning is None else None,
        returning=returning,
        returning_form=ReturningForm(prefix="returning", formdata=None),
    ), status


def _renew_link_after_response(seminar, email: str) -> None:
    # After the response, so that it is the same, and as fast, for any address.
    seminar_id = seminar.id
    after_response(lambda: renew_on_request(seminar_id, email))


@bp.route("/register/complete")
def complete():
    return render_template("registration/complete.html")


@bp.route("/lost-link", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@lost_link_rate_limit
def lost_link():
    """"I lost my link": the same answer for every address, a new link for a registered one."""
    seminar = current_seminar_or_404()
    form = LostLinkForm()
    if form.validate_on_submit():
        _renew_link_after_response(seminar, form.email.data)
        flash(_("If this address is registered, a new link is on its way."))
        return redirect(url_for("registration.lost_link"))
    status = 400 if request.method == "POST" else 200
    return render_template("registration/lost_link.html", form=form), status


@bp.route("/my/<token>")
@self_service_rate_limit
def manage_entry(token: str):
    """The emailed link: remember the delegate, then drop the token from the address bar."""
    delegate = delegate_by_token(token)
    if delegate is None:
        _link_not_working()
    if delegate.seminar_id != current_seminar_or_404().id:
        return remember_earlier_record(delegate)  # a past edition's record: register anew
    session[SESSION_KEY] = delegate.manage_token_hash
    response = redirect(url_for("registration.manage"))
    if not explicit_language():
        # Opens in the language the delegate registered in, unless this browser has
        # chosen one with the switcher (which goes on working).
        remember_language(response, delegate.language)
    return response


def _managed_delegate(seminar):
    """The delegate whose link this browser opened, of the current edition only: a past
    edition's registration is closed (its record stays for the secretariat)."""
    delegate = delegate_by_hash(session.get(SESSION_KEY, ""))
    if delegate is None or delegate.seminar_id != seminar.id:
        _link_not_working()
    return delegate


def _link_not_working():
    link_not_working("registration/link_not_working.html")


@bp.route("/my", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def manage():
    seminar = current_seminar_or_404()
    delegate = _managed_delegate(seminar)
    # Read before the delegate's places: each place finds its item in the session.
    items = program_items(seminar)
    data = operations.data_from_delegate(delegate)
    form = SelfServiceForm(
        obj=FormDefaults(data),
        stored=data,
        kept=fields_kept_from_delegate(delegate),
        item_choices=choices_for_side(items, delegate.side, localized),
    )
    if delegate.status != DelegateStatus.CANCELLED and form.validate_on_submit():
        try:
            changed = operations.update(
                delegate, form.to_data(delegate.language), actor="self", items=items
            )
        except RegistrationError as error:
            form_errors_from(form, error)
        else:
            _flash_saved(changed)
            return redirect(url_for("registration.manage"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "registration/manage.html",
        delegate=delegate,
        form=form,
        cancel_form=CancelForm(),
        history=delegate_history(delegate, items),
        places=delegate_places(delegate),
        availability=item_availability(seminar),
        items=items_by_code(seminar),
        deadline=_deadline(seminar),
        can_undo=not _is_closed(seminar),
    ), status


def _flash_saved(changed: list[str]) -> None:
    if not changed:
        flash(_("Nothing was changed."))
        return
    labels = word_list(field_label(field) for field in changed)
    flash(_("Your changes have been saved: %(fields)s", fields=labels))


@bp.route("/my/cancel", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def cancel():
    """A page that asks first (no JavaScript needed); the POST from it cancels."""
    seminar = current_seminar_or_404()
    delegate = _managed_delegate(seminar)
    if delegate.status == DelegateStatus.CANCELLED:
        return redirect(url_for("registration.manage"))
    form = CancelForm()
    if form.validate_on_submit():
        operations.cancel_registration(delegate, actor="self")
        flash(_("Your registration has been cancelled."))
        return redirect(url_for("registration.manage"))
    return render_template(
        "registration/cancel.html", delegate=delegate, form=form, deadline=_deadline(seminar),
        can_undo=not _is_closed(seminar),
    )


@bp.route("/my/undo", methods=["POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@self_service_rate_limit
def undo_cancel():
    seminar = current_seminar_or_404()
    delegate = _managed_delegate(seminar)
    if not CancelForm().validate_on_submit() or delegate.status != DelegateStatus.CANCELLED:
        return redirect(url_for("registration.manage"))
    if _is_closed(seminar):
        flash(_("The registration deadline has passed. Please contact the secretariat."), "error")
        return redirect(url_for("registration.manage"))
    waitlisted = operations.undo_cancellation(delegate, actor="self")
    if waitlisted:
        titles = word_list(localized(item, "title") for item in waitlisted)
        flash(_("You are registered again. Some places were taken in the meantime: you are on "
                "the waiting list for %(items)s.", items=titles))
    else:
        flash(_("You are registered again."))
    return redirect(url_for("registration.manage"))


def _deadline(seminar) -> str | None:
    deadline = seminar.registration_deadline
    return venue_stamp(deadline) if deadline is not None else None


class FormDefaults:
    """Presents stored delegate data under the form's field names."""

    def __init__(self, data) -> None:
        self._data = data

    def __getattr__(self, name: str):
        if name == "consent":
            return True
        value = getattr(self._data, name)
        return list(value) if isinstance(value, tuple) else value
