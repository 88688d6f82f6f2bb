"""Console pages of the editions (mounted under /console/editions): the list with live
and reported figures, the switcher (which edition this staff member's console shows),
making an edition current and creating the next one. While the console shows another
edition than the current one, its pages can be read but not changed (`read_only_guard`),
except the programme settings of an edition still to come."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.permissions import Permission, can, requires
from ..program.editions import EditionError, create_edition, make_current
from ..program.queries import (
    CONSOLE_EDITION_KEY,
    console_seminar,
    current_seminar,
    read_only_message,
    seminars,
)
from ..vocabulary import LANGUAGES
from ..web import safe_next
from . import bp
from .forms import ChooseEditionForm, NewEditionForm
from .queries import edition_rows

# Blueprints whose changes concern one edition's delegates, plans or programme.
EDITION_BOUND = {"console", "logistics", "rolls", "program_admin", "delegations",
                 "delegations_admin", "letters"}
# Forms of those blueprints that are posted to make a document and change nothing:
# printing a past edition's papers is reading it.
PRINTED_BY_POST = {"letters.index"}


def _numbers() -> list[int]:
    return [seminar.edition for seminar in seminars()]


def _page(new_form: NewEditionForm | None = None, status: int = 200):
    numbers, viewed, current = _numbers(), console_seminar(), current_seminar()
    return render_template(
        "editions/index.html",
        rows=edition_rows(),
        viewed=viewed,
        choose_form=ChooseEditionForm(
            numbers, formdata=None, edition=viewed.edition if viewed else None
        ),
        current_form=ChooseEditionForm(
            numbers, formdata=None, prefix="current", edition=current.edition if current else None
        ),
        new_form=new_form or NewEditionForm(numbers, formdata=None),
        may_manage=can(Permission.MANAGE_DELEGATES),
    ), status


@bp.route("/")
@requires(Permission.VIEW_HEADCOUNTS)
def index():
    return _page()


@bp.route("/view", methods=["POST"])
@requires(Permission.VIEW_HEADCOUNTS)
def view():
    form = ChooseEditionForm(_numbers())
    if not form.validate_on_submit():
        abort(400)
    current = current_seminar()
    if current is not None and form.edition.data == current.edition:
        session.pop(CONSOLE_EDITION_KEY, None)
    else:
        session[CONSOLE_EDITION_KEY] = form.edition.data
    return redirect(safe_next(request.args.get("next"), "console.dashboard"))


@bp.route("/current", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def make_edition_current():
    form = ChooseEditionForm(_numbers(), prefix="current")
    if not form.validate_on_submit():
        abort(400)
    try:
        seminar = make_current(form.edition.data)
    except EditionError as error:  # removed since the page was drawn
        flash(str(error), "error")
    else:
        session.pop(CONSOLE_EDITION_KEY, None)
        flash(_("Edition %(number)s is now current.", number=seminar.edition), "success")
    return redirect(url_for(".index"))


@bp.route("/new", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def new_edition():
    form = NewEditionForm(_numbers())
    if not form.validate_on_submit():
        return _page(form, 400)
    cities = {lang: form[f"city_{lang}"].data or "" for lang in LANGUAGES}
    try:
        seminar = create_edition(
            form.number.data, source_number=form.source.data, start=form.start.data, cities=cities
        )
    except EditionError as error:
        form.number.errors = [*form.number.errors, str(error)]
        return _page(form, 400)
    session[CONSOLE_EDITION_KEY] = seminar.edition  # next: its programme settings
    flash(_("Edition %(number)s has been created.", number=seminar.edition), "success")
    return redirect(url_for("program_admin.index"))


@bp.before_app_request
def read_only_guard():
    """Refuse a change to an edition other than the current one (its pages stay
    readable); an edition still to come may have its programme prepared."""
    if request.method in ("GET", "HEAD", "OPTIONS") or request.blueprint not in EDITION_BOUND:
        return None
    if request.endpoint in PRINTED_BY_POST:
        return None
    if not current_user.is_authenticated or CONSOLE_EDITION_KEY not in session:
        return None
    viewed, current = console_seminar(), current_seminar()
    if viewed is None or current is None or viewed.id == current.id:
        return None
    if request.blueprint == "program_admin" and viewed.edition > current.edition:
        return None
    flash(read_only_message(viewed.edition), "error")
    return redirect(url_for("editions.index"))


@bp.app_context_processor
def edition_shown():
    def console_edition():
        """(the edition the console shows, the current one) for the console's header."""
        if not current_user.is_authenticated or CONSOLE_EDITION_KEY not in session:
            return None, None  # the current edition: nothing to say, nothing to query
        return console_seminar(), current_seminar()

    return {"console_edition": console_edition}
