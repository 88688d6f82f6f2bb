"""Console pages for attendance rolls: the overview and the downloads."""

from flask import abort, render_template

from .. import web
from ..audit.trail import Kind, record
from ..auth.permissions import Permission, requires
from ..delegations.queries import waiting_count
from ..program.queries import console_seminar, console_seminar_or_404
from ..vocabulary import LANGUAGE_NAMES
from . import bp
from .export import FORMATS, LANGUAGES, make_roll
from .queries import UnknownRollError, roll_overview


@bp.route("/")
@requires(Permission.MANAGE_DELEGATES)
def index():
    seminar = console_seminar()
    return render_template(
        "rolls/index.html",
        seminar=seminar,
        rolls=roll_overview(seminar) if seminar else [],
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        formats=list(FORMATS),
        waiting=waiting_count(seminar),
    )


@bp.route("/<code>/<any(ja, zh, en):language>.<any(pdf, xlsx):file_format>")
@requires(Permission.MANAGE_DELEGATES)
def download(code: str, language: str, file_format: str):
    seminar = console_seminar_or_404()
    try:
        roll = make_roll(seminar, code, language=language, file_format=file_format)
    except UnknownRollError:
        abort(404)
    record(Kind.EXPORT, subject=roll.filename, people=roll.result.total)
    return web.download(
        roll.data,
        roll.filename,
        X_Roll_Rows=str(roll.result.total),
        X_Roll_Problems=str(len(roll.result.problems)),
    )
