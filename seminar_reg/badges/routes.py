"""The badge console page: choose a selection and a layout, count, download the PDF."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from flask import Response, flash, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.permissions import Permission, requires
from ..delegations.queries import waiting_pairs
from ..i18n import localized
from ..program.models import Seminar
from ..program.queries import console_seminar, program_items
from ..web import download
from . import bp
from .forms import BadgeJobForm
from .operations import PrintJob, build_job, record_job
from .queries import count_by_side, first_selected
from .texts import skipped_reason

if TYPE_CHECKING:
    from .layout import SkippedBadge


# Whose badges a selection holds, the first few named as the delegate list names them.
PREVIEW = 10


@bp.route("/", methods=["GET", "POST"])
@requires(Permission.MANAGE_DELEGATES)
def index():
    seminar = console_seminar()
    if seminar is None:
        return render_template("badges/index.html", seminar=None, form=None)
    form = _form(seminar)
    if request.method == "GET":
        # A GET only counts; query arguments (?delegate=12&layout=single) preset the form.
        return _page(seminar, form) if form.selection_is_valid() else _page(seminar, form, 400)
    if not form.validate():
        return _page(seminar, form, 400)
    if form.wants_pdf():
        return _print(seminar, form)
    return _page(seminar, form)


def _form(seminar: Seminar) -> BadgeJobForm:
    items = {item.code: localized(item, "title") for item in program_items(seminar)}
    if request.method == "GET":
        return BadgeJobForm(formdata=request.args or None, item_choices=items)
    return BadgeJobForm(item_choices=items)


def _page(
    seminar: Seminar,
    form: BadgeJobForm,
    status: int = 200,
    skipped: Sequence[SkippedBadge] = (),
    printable: int = 0,
):
    valid = not any(field.errors for field in form)
    counts = count_by_side(seminar, form.selection()) if valid else None
    shown = first_selected(seminar, form.selection(), PREVIEW) if counts and counts["all"] else []
    page = render_template(
        "badges/index.html",
        seminar=seminar,
        form=form,
        counts=counts,
        shown=shown,
        skipped=[skipped_reason(badge) for badge in skipped],
        printable=printable,
        waiting=waiting_pairs(seminar),
    )
    return page, status


def _print(seminar: Seminar, form: BadgeJobForm):
    from .layout import EmptySelectionError, NothingPrintableError  # reportlab: lazily


    try:
        job = build_job(seminar, form.selection(), layout=form.layout.data)
    except NothingPrintableError as error:
        flash(_("None of the selected badges can be printed."), "error")
        return _page(seminar, form, 400, skipped=error.skipped)
    except EmptySelectionError:
        flash(_("No badges match this selection, so nothing was printed."), "error")
        return _page(seminar, form, 400)
    if job.result.skipped and not form.make_pdf_anyway.data:
        # Say which badges cannot be printed before anything is marked as printed;
        # one more click prints the others.
        return _page(seminar, form, skipped=job.result.skipped, printable=len(job.result.printed))
    record_job(job, seminar, actor=current_user.email)
    return _pdf_response(job, form.layout.data)


def _pdf_response(job: PrintJob, layout: str) -> Response:
    result = job.result
    return download(
        result.pdf,
        f"badges-{layout}-{job.started_at:%Y%m%d-%H%M%S}.pdf",
        X_Badges_Printed=str(len(result.printed)),
        X_Badges_Skipped=str(len(result.skipped)),
        X_Badges_Pages=str(result.pages),
    )
