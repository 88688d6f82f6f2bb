"""The letters console page: choose the language and a delegation, download the PDF."""

from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext as _

from .. import web
from ..audit.trail import Kind, record
from ..auth.permissions import Permission, requires
from ..clock import venue_today
from ..delegations.queries import waiting_count
from ..program.models import Seminar
from ..program.queries import console_seminar
from . import bp
from .export import NoMembersError, make_letters, problem_reason
from .forms import LetterForm
from .queries import UnknownOrganizationError, delegations
from .wording import DOCUMENT_NAMES


@bp.route("/", methods=["GET", "POST"])
@requires(Permission.MANAGE_DELEGATES)
def index():
    seminar = console_seminar()  # the edition this staff member looks at
    if seminar is None:
        return render_template("letters/index.html", seminar=None, form=None, rows=[])
    rows = delegations(seminar)
    # A GET's query arguments (?organization=…&language=zh, the list's links) preset the form
    # (a POST reads the posted form, Flask-WTF's default when no formdata is passed)
    preset = {"formdata": request.args} if request.method == "GET" and request.args else {}
    form = LetterForm(
        organizations=[row.organization.name for row in rows if row.members],
        today=venue_today(),
        **preset,
    )
    if request.method == "GET" or not form.validate():
        return _page(seminar, form, rows, status=200 if request.method == "GET" else 400)
    return _letters(seminar, form, rows)


def _page(seminar: Seminar, form: LetterForm, rows, status: int = 200, problems=()):
    page = render_template(
        "letters/index.html",
        seminar=seminar,
        form=form,
        rows=rows,
        problems=list(problems),
        document_names=DOCUMENT_NAMES,
        waiting=waiting_count(seminar),
    )
    return page, status


def _letters(seminar: Seminar, form: LetterForm, rows):
    from ..documents.fonts import MissingGlyphError, describe_character
    from .content import UndrawableLetterError

    try:
        letters = make_letters(
            seminar, form.language.data, form.organization.data or None, form.issued.data
        )
    except (UnknownOrganizationError, NoMembersError):
        flash(_("No delegation has registered members, so no letter was written."), "error")
        return _page(seminar, form, rows, 400)
    except UndrawableLetterError as error:
        problems = [problem_reason(problem) for problem in error.problems]
        return _page(seminar, form, rows, 400, problems)
    except MissingGlyphError as error:
        problem = _(
            "No letter was written: %(text)s contains %(character)s, which no font can draw.",
            text=error.text,
            character=describe_character(error.character),
        )
        return _page(seminar, form, rows, 400, [problem])
    record(Kind.EXPORT, subject=letters.filename, people=letters.result.members)
    return web.download(
        letters.data,
        letters.filename,
        X_Letters=str(letters.result.letters),
        X_Letters_Pages=str(letters.result.pages),
        X_Letters_Members=str(letters.result.members),
    )
