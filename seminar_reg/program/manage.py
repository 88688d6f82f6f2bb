"""The secretariat's programme page: what the report left open (times, venues,
capacities), when registration closes, and (manage_content.py) everything the edition
says in ja/zh/en. Works on the edition the console shows. Mounted under /console/program."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..auth.permissions import Permission, requires
from ..clock import venue_datetime
from ..i18n import localized
from . import operations
from .content_forms import validate_venues_together
from .forms import DeadlineForm, ItemForm
from .queries import console_seminar_or_404, item_by_code, program_items

bp = Blueprint("program_admin", __name__)


def render_page(
    seminar,
    forms: dict | None = None,
    deadline_form: DeadlineForm | None = None,
    status: int = 200,
    content_override: dict | None = None,
):
    from .content_forms import ItemContentForm
    from .manage_content import content_forms

    forms = forms or _item_forms(seminar)
    content = content_forms(seminar)
    for item, _form in forms.values():
        content["items"][item.code] = ItemContentForm(obj=item, prefix=f"{item.code}-content")
    for key, form in (content_override or {}).items():
        _override(content, key, form)
    return render_template(
        "program/manage.html",
        seminar=seminar,
        forms=forms,
        deadline_form=deadline_form or _deadline_form(seminar),
        content=content,
    ), status


def _override(content: dict, key: str, form) -> None:
    """Put a refused form (with its errors) in the place of the stored one."""
    if key in ("texts", "subtheme-new", "organization-new"):
        content[{"texts": "texts", "subtheme-new": "new_subtheme"}.get(key, "new_organization")] = (
            form
        )
    elif key.endswith("-content"):
        content["items"][key.removesuffix("-content")] = form
    else:
        group = {"subtheme": "subthemes", "organization": "organizations", "day": "days"}
        name, _sep, row_id = key.partition("-")
        content[group[name]] = [
            (row, form if str(row.id) == row_id else old) for row, old in content[group[name]]
        ]


def _page(seminar, forms: dict, deadline_form: DeadlineForm, status: int = 200):
    return render_page(seminar, forms, deadline_form, status)


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
    seminar = console_seminar_or_404()
    return _page(seminar, _item_forms(seminar), _deadline_form(seminar))


@bp.route("/items/<code>", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def update_item(code: str):
    seminar = console_seminar_or_404()
    item = item_by_code(seminar, code) or abort(404)
    form = ItemForm(prefix=code)
    if not (form.validate_on_submit() and validate_venues_together(form)):
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
    seminar = console_seminar_or_404()
    form = DeadlineForm()
    if not form.validate_on_submit():
        return _page(seminar, _item_forms(seminar), form, 400)
    operations.set_registration_deadline(seminar, form.registration_deadline.data)
    flash(_("The registration deadline has been saved."), "success")
    return redirect(url_for(".index"))


from . import manage_content  # noqa: E402,F401  (the content forms' routes attach to bp)
