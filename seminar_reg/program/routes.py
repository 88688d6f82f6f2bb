from flask import abort, render_template

from ..registration.availability import item_availability
from . import bp
from .queries import current_seminar, editions, item_by_code, program_days


def _seminar_or_404():
    seminar = current_seminar()
    if seminar is None:
        abort(404)
    return seminar


@bp.route("/")
def home():
    return render_template("program/home.html", seminar=_seminar_or_404())


@bp.route("/program")
def program():
    seminar = _seminar_or_404()
    return render_template(
        "program/program.html",
        seminar=seminar,
        days=program_days(seminar),
        availability=item_availability(seminar),
    )


@bp.route("/program/<code>")
def item(code: str):
    seminar = _seminar_or_404()
    program_item = item_by_code(seminar, code)
    if program_item is None:
        abort(404)
    return render_template("program/item.html", seminar=seminar, item=program_item)


@bp.route("/history")
def history():
    return render_template("program/history.html", seminar=current_seminar(), editions=editions())
