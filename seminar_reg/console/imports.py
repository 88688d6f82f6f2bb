"""Import pages: upload, preview with every row's errors, commit, and the template file."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..audit.trail import Kind, record
from ..auth.permissions import Permission, requires
from ..delegations.operations import attach_members
from ..delegations.queries import delegation_names, invitation_in
from ..program.queries import console_seminar_or_404
from ..registration.data import RegistrationError
from ..registration.importer import (
    ImportFileError,
    file_error_message,
    preview_rows,
    read_table,
    store_rows,
    validate_rows,
)
from ..security import (
    UploadRefused,
    body_limit,
    import_body_limit,
    read_upload,
    upload_error_message,
)
from ..web import download
from . import bp, uploads
from .forms import ImportCommitForm, ImportUploadForm

IMPORT_SESSION_KEY = "import_upload"
# The file's own name, for the audit trail (the kept copy has an opaque one).
IMPORT_FILENAME_KEY = "import_filename"


@bp.route("/import", methods=["GET", "POST"])
@body_limit(import_body_limit)
@requires(Permission.MANAGE_DELEGATES)
def import_upload():
    seminar = console_seminar_or_404()
    form = ImportUploadForm()
    preview = None
    if form.validate_on_submit():
        preview = _preview_upload(seminar, form)
    refused = form.errors or (preview is not None and preview["errors"])
    status = 400 if request.method == "POST" and refused else 200
    return render_template(
        "console/import.html", form=form, preview=preview, commit_form=_commit_form(seminar)
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
    derived: dict[int, dict[str, str]] = {}
    good, errors = validate_rows(seminar, rows, derived)
    if not errors:
        _replace_kept_upload(content, upload.filename)
    return _preview(rows, errors, derived, len(good))


def _preview(rows, errors, derived, valid: int) -> dict:
    """What the preview shows: every row marked with its errors and derived fields."""
    return {"rows": preview_rows(rows, errors, derived), "errors": errors, "valid": valid}


def _replace_kept_upload(content: bytes, filename: str) -> None:
    uploads.discard(session.pop(IMPORT_SESSION_KEY, ""))
    session[IMPORT_SESSION_KEY] = uploads.keep(content, filename)
    session[IMPORT_FILENAME_KEY] = filename[:200]


@bp.route("/import/commit", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def import_commit():
    seminar = console_seminar_or_404()
    commit_form = _commit_form(seminar)
    if not commit_form.validate_on_submit():
        abort(400)
    name = session.get(IMPORT_SESSION_KEY, "")
    content = uploads.read(name)
    if content is None:
        flash(_("Nothing to import: please upload the file again."), "error")
        return redirect(url_for("console.import_upload"))
    rows = read_table(content, name)  # read once already, at the preview
    derived: dict[int, dict[str, str]] = {}
    good, errors = validate_rows(seminar, rows, derived)
    if not errors:
        try:
            delegates = store_rows(seminar, good)
        except RegistrationError:  # someone registered with one of its emails meanwhile
            derived = {}
            good, errors = validate_rows(seminar, rows, derived)
    if errors:
        # Answered like a preview; the file stays kept for another try.
        flash(_("The file no longer validates; nothing was imported."), "error")
        preview = _preview(rows, errors, derived, len(good))
        page = render_template(
            "console/import.html", form=ImportUploadForm(), preview=preview, commit_form=None
        )
        return page, 400
    if commit_form.delegation.data:
        invitation = invitation_in(seminar, int(commit_form.delegation.data))
        if invitation is not None:
            attach_members(invitation, delegates, actor=current_user.email)
    session.pop(IMPORT_SESSION_KEY, None)
    uploads.discard(name)
    record(Kind.IMPORT, subject=session.pop(IMPORT_FILENAME_KEY, name), people=len(delegates))
    flash(_("%(count)s delegates imported.", count=len(delegates)))
    return redirect(url_for("console.delegates"))


def _commit_form(seminar) -> ImportCommitForm:
    """The import can go into a delegation (its members, as if the contact added them)."""
    return ImportCommitForm(delegations=delegation_names(seminar))


@bp.route("/import/template.xlsx")
@requires(Permission.MANAGE_DELEGATES)
def import_template():
    from .import_template import template_workbook

    return download(template_workbook(), "delegates-template.xlsx")
