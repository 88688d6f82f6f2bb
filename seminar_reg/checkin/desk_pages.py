"""The desk's pages beside the scanning: one person (undo a check-in, reprint the
badge) and the walk-in form. Plain forms that post and redirect, so they work from any
browser and their tests go through the rendered form."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.permissions import Permission, requires
from ..badges.operations import build_job, record_job
from ..badges.queries import Selection
from ..clock import venue_stamp
from ..program.queries import current_item_or_404, current_seminar
from ..registration.data import RegistrationError
from ..registration.forms import form_errors_from
from ..registration.models import Delegate, DelegateStatus
from ..web import download
from . import bp, queries
from .answers import delegate_card
from .forms import ReprintForm, UndoForm, WalkInForm
from .operations import NotCheckedInError, Outcome, undo_check_in
from .walk_in import WalkIn, admit_walk_in


def _person_or_404(item, delegate_id: int) -> Delegate:
    delegate = queries.delegate_by_id(item.seminar_id, delegate_id)
    if delegate is None:
        abort(404)
    return delegate


def _person_page(item, delegate: Delegate, undo: UndoForm, status: int = 200):
    checkin = queries.checkin_for(delegate.id, item.id)
    page = render_template(
        "checkin/person.html",
        item=item,
        delegate=delegate,
        card=delegate_card(delegate),
        cancelled=delegate.status == DelegateStatus.CANCELLED,
        place=queries.place_on_item(delegate.id, item.id),
        checked_in_at=venue_stamp(checkin.checked_in_at) if checkin else None,
        undo_form=undo,
        reprint_form=ReprintForm(),
    )
    return page, status


@bp.route("/<item_code>/people/<int:delegate_id>")
@requires(Permission.CHECK_IN)
def person(item_code: str, delegate_id: int):
    item = current_item_or_404(item_code)
    return _person_page(item, _person_or_404(item, delegate_id), UndoForm())


@bp.route("/<item_code>/people/<int:delegate_id>/undo", methods=["POST"])
@requires(Permission.CHECK_IN)
def undo(item_code: str, delegate_id: int):
    item = current_item_or_404(item_code)
    delegate = _person_or_404(item, delegate_id)
    form = UndoForm()
    if not form.validate():
        return _person_page(item, delegate, form, 400)
    try:
        undo_check_in(item, delegate, reason=form.reason.data)
    except NotCheckedInError:
        flash(_("This person is not checked in here; nothing was undone."), "error")
    else:
        flash(_("The check-in of %(name)s was undone.", name=delegate.full_name))
    return redirect(url_for("checkin.person", item_code=item.code, delegate_id=delegate.id))


@bp.route("/<item_code>/people/<int:delegate_id>/badge", methods=["POST"])
@requires(Permission.CHECK_IN)
def reprint(item_code: str, delegate_id: int):
    from ..badges.layout import EmptySelectionError, NothingPrintableError  # reportlab

    item = current_item_or_404(item_code)
    delegate = _person_or_404(item, delegate_id)
    if not ReprintForm().validate():
        return _person_page(item, delegate, UndoForm(), 400)
    try:
        seminar = current_seminar()
        job = build_job(seminar, Selection(delegate_id=delegate.id), layout="single")
    except (EmptySelectionError, NothingPrintableError):  # cancelled, or a name no font has
        flash(_("This badge cannot be printed."), "error")
        return _person_page(item, delegate, UndoForm(), 400)
    record_job(job, seminar, actor=current_user.email)
    return download(job.result.pdf, f"badge-{delegate.id}.pdf")


@bp.route("/<item_code>/walk-in", methods=["GET", "POST"])
@requires(Permission.CHECK_IN)
def walk_in(item_code: str):
    item = current_item_or_404(item_code)
    form = WalkInForm()
    if form.validate_on_submit():
        person = WalkIn(**{name: form[name].data or "" for name in WalkIn.__dataclass_fields__})
        try:
            delegate, result = admit_walk_in(
                current_seminar(), item, person, staff_id=current_user.id
            )
        except RegistrationError as error:
            form_errors_from(form, error)
        else:
            if result.outcome == Outcome.CHECKED_IN:
                flash(_("%(name)s is registered and checked in.", name=delegate.full_name))
            else:
                flash(
                    _(
                        "%(name)s is registered, but the item is full: on its waiting list.",
                        name=delegate.full_name,
                    ),
                    "error",
                )
            return redirect(url_for("checkin.person", item_code=item.code, delegate_id=delegate.id))
    status = 400 if form.errors else 200
    return render_template("checkin/walk_in.html", item=item, form=form), status
