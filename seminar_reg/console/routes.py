from __future__ import annotations

from flask import (
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..audit.trail import Kind, record
from ..auth.permissions import Permission, requires
from ..i18n import localized
from ..program.queries import current_seminar, program_items
from ..registration import operations, places
from ..registration.data import RegistrationError
from ..registration.history import delegate_history
from ..registration.importer import (
    ImportFileError,
    file_error_message,
    read_table,
    store_rows,
    validate_rows,
)
from ..registration.models import DelegateStatus
from ..security import (
    UploadRefused,
    body_limit,
    import_body_limit,
    read_upload,
    upload_error_message,
)
from . import bp, uploads
from .delegate_queries import (
    DelegateFilters,
    all_matching,
    counts_by_side,
    delegate_for_console,
    page_of_delegates,
)
from .export_rows import export_header, export_rows
from .exports import to_csv, to_xlsx
from .forms import DelegateEditForm, ImportCommitForm, ImportUploadForm, StatusForm
from .queries import dashboard_figures

IMPORT_SESSION_KEY = "import_upload"
# The file's own name, for the audit trail (the kept copy has an opaque one).
IMPORT_FILENAME_KEY = "import_filename"


def _seminar():
    seminar = current_seminar()
    if seminar is None:
        abort(404)
    return seminar


def _item_titles(seminar) -> dict[str, str]:
    return {item.code: localized(item, "title") for item in program_items(seminar)}


@bp.route("/")
@requires(Permission.VIEW_HEADCOUNTS)
def dashboard():
    seminar = current_seminar()
    return render_template(
        "console/dashboard.html",
        seminar=seminar,
        figures=dashboard_figures(seminar),
        item_titles=_item_titles(seminar) if seminar else {},
    )


@bp.route("/headcounts.json")
@requires(Permission.VIEW_HEADCOUNTS)
def headcounts_json():
    return jsonify(dashboard_figures(current_seminar()))


@bp.route("/delegates")
@requires(Permission.MANAGE_DELEGATES)
def delegates():
    seminar = _seminar()
    filters = DelegateFilters.from_args(request.args)
    page = request.args.get("page", 1, type=int)
    counts = counts_by_side(seminar, filters)
    return render_template(
        "console/delegates.html",
        pagination=page_of_delegates(seminar, filters, page, total=counts["all"]),
        filters=filters,
        counts=counts,
        item_titles=_item_titles(seminar),
    )


@bp.route("/delegates/export.<fmt>")
@requires(Permission.MANAGE_DELEGATES)
def export_delegates(fmt: str):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    seminar = _seminar()
    filters = DelegateFilters.from_args(request.args)
    delegates = all_matching(seminar, filters)
    header, rows = export_header(), export_rows(delegates)
    record(
        Kind.EXPORT,
        subject=f"delegates.{fmt}",
        people=len(delegates),
        detail=" ".join(f"{key}={value}" for key, value in filters.as_args().items()),
    )
    if fmt == "csv":
        body, mimetype = to_csv(header, rows), "text/csv; charset=utf-8"
    else:
        body = to_xlsx(header, rows, title="delegates")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f"attachment; filename=delegates.{fmt}"},
    )


@bp.route("/delegates/<int:delegate_id>", methods=["GET", "POST"])
@requires(Permission.MANAGE_DELEGATES)
def delegate_detail(delegate_id: int):
    seminar = _seminar()
    delegate = delegate_for_console(seminar, delegate_id) or abort(404)
    defaults = _EditDefaults(delegate)
    form = DelegateEditForm(delegate=delegate, obj=defaults, item_choices=_all_items(seminar))
    if form.validate_on_submit():
        try:
            changed = operations.update(
                delegate, form.to_data(delegate.language), actor=current_user.email
            )
        except RegistrationError as error:
            for field, message in error.messages().items():
                getattr(form, field).errors = [*getattr(form, field).errors, message]
        else:
            flash(_("Saved.") if changed else _("Nothing was changed."))
            return redirect(url_for("console.delegate_detail", delegate_id=delegate.id))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "console/delegate.html",
        delegate=delegate,
        form=form,
        status_form=StatusForm(),
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
    seminar = _seminar()
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


@bp.route("/import", methods=["GET", "POST"])
@body_limit(import_body_limit)
@requires(Permission.MANAGE_DELEGATES)
def import_upload():
    seminar = _seminar()
    form = ImportUploadForm()
    preview = None
    if form.validate_on_submit():
        preview = _preview_upload(seminar, form)
    refused = form.errors or (preview is not None and preview["errors"])
    status = 400 if request.method == "POST" and refused else 200
    return render_template(
        "console/import.html", form=form, preview=preview, commit_form=ImportCommitForm()
    ), status


def _preview_upload(seminar, form: ImportUploadForm) -> dict | None:
    """Read and validate the upload; keep it for the commit only when every row is valid."""
    upload = form.file.data
    try:
        content = read_upload(upload)
        rows = read_table(content, upload.filename)
    except UploadRefused as error:
        form.file.errors = [upload_error_message(error)]
        return None
    except ImportFileError as error:
        form.file.errors = [file_error_message(error)]
        return None
    good, errors = validate_rows(seminar, rows)
    if not errors:
        _replace_kept_upload(content, upload.filename)
    return {"rows": rows, "errors": errors, "valid": len(good)}


def _replace_kept_upload(content: bytes, filename: str) -> None:
    uploads.discard(session.pop(IMPORT_SESSION_KEY, ""))
    session[IMPORT_SESSION_KEY] = uploads.keep(content, filename)
    session[IMPORT_FILENAME_KEY] = filename[:200]


@bp.route("/import/commit", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def import_commit():
    seminar = _seminar()
    if not ImportCommitForm().validate_on_submit():
        abort(400)
    name = session.get(IMPORT_SESSION_KEY, "")
    content = uploads.read(name)
    if content is None:
        flash(_("Nothing to import: please upload the file again."), "error")
        return redirect(url_for("console.import_upload"))
    rows = read_table(content, name)  # read once already, at the preview
    good, errors = validate_rows(seminar, rows)
    if not errors:
        try:
            delegates = store_rows(seminar, good)
        except RegistrationError:  # someone registered with one of its emails meanwhile
            good, errors = validate_rows(seminar, rows)
    if errors:
        # Answered like a preview; the file stays kept for another try.
        flash(_("The file no longer validates; nothing was imported."), "error")
        preview = {"rows": rows, "errors": errors, "valid": len(good)}
        page = render_template(
            "console/import.html", form=ImportUploadForm(), preview=preview, commit_form=None
        )
        return page, 400
    session.pop(IMPORT_SESSION_KEY, None)
    uploads.discard(name)
    record(Kind.IMPORT, subject=session.pop(IMPORT_FILENAME_KEY, name), people=len(delegates))
    flash(_("%(count)s delegates imported.", count=len(delegates)))
    return redirect(url_for("console.delegates"))


@bp.route("/import/template.xlsx")
@requires(Permission.MANAGE_DELEGATES)
def import_template():
    from .import_template import template_workbook

    return Response(
        template_workbook(),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": "attachment; filename=delegates-template.xlsx"},
    )


class _EditDefaults:
    """The delegate as the edit form's initial values (inputs, not derived fields)."""

    def __init__(self, delegate) -> None:
        self._delegate = delegate

    def __getattr__(self, name: str):
        if name == "item_codes":
            return self._delegate.item_codes
        return getattr(self._delegate, name)
