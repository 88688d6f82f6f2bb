from __future__ import annotations

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..audit.trail import Kind, record
from ..auth.permissions import Permission, requires
from ..delegations.queries import delegation_names, delegation_organizations
from ..i18n import localized
from ..program.queries import console_seminar_or_404, program_items
from ..registration import operations, places
from ..registration.data import RegistrationError
from ..registration.forms import form_errors_from
from ..registration.history import delegate_history, item_titles
from ..registration.models import DelegateStatus
from ..registration.queries import items_by_code
from ..web import download
from . import bp
from .delegate_queries import (
    DelegateFilters,
    all_matching,
    counts_by_side,
    delegate_for_console,
    page_of_delegates,
)
from .export_rows import export_header, export_rows
from .forms import DelegateEditForm, StatusForm


@bp.route("/delegates")
@requires(Permission.MANAGE_DELEGATES)
def delegates():
    seminar = console_seminar_or_404()
    filters = DelegateFilters.from_args(request.args)
    page = request.args.get("page", 1, type=int)
    counts = counts_by_side(seminar, filters)
    return render_template(
        "console/delegates.html",
        pagination=page_of_delegates(seminar, filters, page, total=counts["all"]),
        filters=filters,
        counts=counts,
        item_titles=item_titles(program_items(seminar)),
        delegations=delegation_organizations(seminar),
    )


@bp.route("/delegates/export.<fmt>")
@requires(Permission.MANAGE_DELEGATES)
def export_delegates(fmt: str):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    from ..documents.sheets import to_csv, to_xlsx  # openpyxl: only when someone exports

    seminar = console_seminar_or_404()
    filters = DelegateFilters.from_args(request.args)
    delegates = all_matching(seminar, filters)
    header, rows = export_header(), export_rows(delegates, delegation_names(seminar))
    record(
        Kind.EXPORT,
        subject=f"delegates.{fmt}",
        people=len(delegates),
        detail=" ".join(f"{key}={value}" for key, value in filters.as_args().items()),
    )
    body = to_csv(header, rows) if fmt == "csv" else to_xlsx(header, rows, title="delegates")
    return download(body, f"delegates.{fmt}")


@bp.route("/delegates/<int:delegate_id>", methods=["GET", "POST"])
@requires(Permission.MANAGE_DELEGATES)
def delegate_detail(delegate_id: int):
    seminar = console_seminar_or_404()
    delegate = delegate_for_console(seminar, delegate_id) or abort(404)
    defaults = _EditDefaults(delegate)
    form = DelegateEditForm(delegate=delegate, obj=defaults, item_choices=_all_items(seminar))
    if form.validate_on_submit():
        try:
            changed = operations.update(
                delegate, form.to_data(delegate.language), actor=current_user.email
            )
        except RegistrationError as error:
            form_errors_from(form, error)
        else:
            flash(_("Saved.") if changed else _("Nothing was changed."))
            return redirect(url_for("console.delegate_detail", delegate_id=delegate.id))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "console/delegate.html",
        delegate=delegate,
        form=form,
        status_form=StatusForm(),
        items=items_by_code(seminar),
        history=delegate_history(delegate, program_items(seminar), for_staff=True),
    ), status


def _all_items(seminar) -> list[tuple[str, str]]:
    return [(item.code, localized(item, "title")) for item in program_items(seminar)]


STATUS_ACTIONS = {
    "confirm": DelegateStatus.CONFIRMED,
    "cancel": DelegateStatus.CANCELLED,
    "waitlist": DelegateStatus.WAITLISTED,
}


@bp.route("/delegates/<int:delegate_id>/<action>", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def delegate_action(delegate_id: int, action: str):
    seminar = console_seminar_or_404()
    delegate = delegate_for_console(seminar, delegate_id) or abort(404)
    if not StatusForm().validate_on_submit():
        abort(400)
    if action == "renew-link":
        operations.revoke_token(delegate, actor=current_user.email)
        flash(_("A new personal link was sent; the old one no longer works."))
    elif action in STATUS_ACTIONS:
        waiting = places.set_status(delegate, STATUS_ACTIONS[action], actor=current_user.email)
        flash(_("Status changed."))
        if action == "confirm" and waiting:
            titles = ", ".join(localized(item, "title") for item in waiting)
            flash(_("No free seat, so still on the waiting list for: %(items)s", items=titles))
    else:
        abort(404)
    return redirect(url_for("console.delegate_detail", delegate_id=delegate.id))




class _EditDefaults:
    """The delegate as the edit form's initial values (inputs, not derived fields)."""

    def __init__(self, delegate) -> None:
        self._delegate = delegate

    def __getattr__(self, name: str):
        if name == "item_codes":
            return self._delegate.item_codes
        return getattr(self._delegate, name)
