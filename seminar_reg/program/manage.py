"""The secretariat's programme page: what the report left open (times, venues,
capacities) and when registration closes. Mounted under /console/program."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..auth.permissions import Permission, requires
from ..clock import venue_datetime
from ..i18n import localized
from . import operations
from .forms import DeadlineForm, ItemForm
from .queries import current_seminar_or_404, item_by_code, program_items

bp = Blueprint("program_admin", __name__)


def _page(seminar, forms: dict, deadline_form: DeadlineForm, status: int = 200):
    return render_template(
        "program/manage.html", seminar=seminar, forms=forms, deadline_form=deadline_form
    ), status


def _item_forms(seminar) -> dict:
    return {
        item.code: (item, ItemForm(obj=item, prefix=item.code)) for item in program_items(seminar)
    }


def _deadline_form(seminar) -> DeadlineForm:
    stored = seminar.registration_deadline
    return DeadlineForm(registration_deadline=venue_datetime(stored) if stored else None)


@bp.route("/")
@requires(Permission.MANAGE_DELEGATES)
def index():
    seminar = current_seminar_or_404()
    return _page(seminar, _item_forms(seminar), _deadline_form(seminar))


@bp.route("/items/<code>", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def update_item(code: str):
    seminar = current_seminar_or_404()
    item = item_by_code(seminar, code) or abort(404)
    form = ItemForm(prefix=code)
    if not form.validate_on_submit():
        forms = _item_forms(seminar) | {code: (item, form)}
        return _page(seminar, forms, _deadline_form(seminar), 400)
    promoted = operations.update_item(
        item,
        start_time=form.start_time.data,
        end_time=form.end_time.data,
        capacity=form.capacity.data,
        venues={name: getattr(form, name).data or "" for name in operations.VENUE_FIELDS},
    )
    flash(_("%(item)s has been updated.", item=localized(item, "title")), "success")
    if promoted:
        flash(_("Given a seat from the waiting list: %(count)s", count=len(promoted)), "success")
    return redirect(url_for(".index"))


@bp.route("/deadline", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def update_deadline():
    seminar = current_seminar_or_404()
    form = DeadlineForm()
    if not form.validate_on_submit():
        return _page(seminar, _item_forms(seminar), form, 400)
    operations.set_registration_deadline(seminar, form.registration_deadline.data)
    flash(_("The registration deadline has been saved."), "success")
    return redirect(url_for(".index"))
