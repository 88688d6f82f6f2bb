"""The programme settings' content forms (routes on manage.py's blueprint): the
edition's texts, sub-themes, organisers, days and items' titles, descriptions, kind
and audience, in ja/zh/en. A refused form comes back with the errors beside its fields."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..auth.permissions import Permission, requires
from ..extensions import db
from . import content
from .content_forms import (
    DayForm,
    ItemContentForm,
    OrganizationForm,
    SeminarTextsForm,
    SubThemeForm,
)
from .manage import bp, render_page
from .models import ProgramDay, SeminarOrganization, SubTheme
from .queries import console_seminar_or_404, item_by_code, program_days


def content_forms(seminar) -> dict:
    """Every content form of the page, filled from the stored edition."""
    return {
        "texts": SeminarTextsForm(obj=seminar, prefix="texts"),
        "subthemes": [
            (row, SubThemeForm(obj=row, prefix=f"subtheme-{row.id}")) for row in seminar.subthemes
        ],
        "new_subtheme": SubThemeForm(prefix="subtheme-new", formdata=None),
        "organizations": [
            (row, OrganizationForm(obj=row, prefix=f"organization-{row.id}"))
            for row in seminar.organizations
        ],
        "new_organization": OrganizationForm(prefix="organization-new", formdata=None),
        "days": [(day, DayForm(obj=day, prefix=f"day-{day.id}")) for day in program_days(seminar)],
        "items": {},  # filled by manage.render_page per item
    }


def _refused(seminar, **override):
    return render_page(seminar, content_override=override, status=400)


def _saved():
    flash(_("The programme has been saved."), "success")
    return redirect(url_for(".index"))


@bp.route("/texts", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def update_texts():
    seminar = console_seminar_or_404()
    form = SeminarTextsForm(prefix="texts")
    if not form.validate_on_submit():
        return _refused(seminar, texts=form)
    content.update_texts(seminar, form.texts(*form.NAMES))
    return _saved()


def _row(model, seminar, row_id: int):
    row = db.session.get(model, row_id)
    if row is None or row.seminar_id != seminar.id:
        abort(404)
    return row


@bp.route("/subthemes/new", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def add_subtheme():
    return save_subtheme(None)


@bp.route("/subthemes/<int:row_id>", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def save_subtheme(row_id: int | None):
    seminar = console_seminar_or_404()
    row = _row(SubTheme, seminar, row_id) if row_id else None
    form = SubThemeForm(prefix=f"subtheme-{row_id or 'new'}")
    if row is not None and form.remove.data and form.validate_on_submit():
        content.remove(seminar, row)
        return _saved()
    if not form.validate_on_submit():
        return _refused(seminar, **{f"subtheme-{row_id or 'new'}": form})
    content.save_subtheme(seminar, row, form.texts(*form.NAMES))
    return _saved()


@bp.route("/organizations/new", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def add_organization():
    return save_organization(None)


@bp.route("/organizations/<int:row_id>", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def save_organization(row_id: int | None):
    seminar = console_seminar_or_404()
    row = _row(SeminarOrganization, seminar, row_id) if row_id else None
    form = OrganizationForm(prefix=f"organization-{row_id or 'new'}")
    if row is not None and form.remove.data and form.validate_on_submit():
        content.remove(seminar, row)
        return _saved()
    if not form.validate_on_submit():
        return _refused(seminar, **{f"organization-{row_id or 'new'}": form})
    content.save_organization(seminar, row, {"role": form.role.data, **form.texts(*form.NAMES)})
    return _saved()


@bp.route("/days/<int:row_id>", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def move_day(row_id: int):
    seminar = console_seminar_or_404()
    day = _row(ProgramDay, seminar, row_id)
    form = DayForm(prefix=f"day-{row_id}")
    if form.validate_on_submit():
        taken = db.session.execute(
            select(ProgramDay.id).where(
                ProgramDay.seminar_id == seminar.id,
                ProgramDay.date == form.date.data,
                ProgramDay.id != day.id,
            )
        ).first()
        if taken is None:
            content.move_day(seminar, day, form.date.data)
            return _saved()
        form.date.errors = [*form.date.errors, _("Another day of the programme has this date.")]
    return _refused(seminar, **{f"day-{row_id}": form})


@bp.route("/items/<code>/content", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def update_item_content(code: str):
    seminar = console_seminar_or_404()
    item = item_by_code(seminar, code) or abort(404)
    form = ItemContentForm(prefix=f"{code}-content")
    if not form.validate_on_submit():
        return _refused(seminar, **{f"{code}-content": form})
    values = {"kind": form.kind.data, "audience": form.audience.data}
    content.update_item_content(item, values | form.texts(*form.NAMES))
    return _saved()
