from flask import abort, render_template

from ..database import read_without_transaction
from . import bp, queries
from .queries import current_seminar, current_seminar_or_404, item_by_code


@bp.route("/")
def home():
    read_without_transaction()
    return render_template("program/home.html", seminar=current_seminar_or_404())


@bp.route("/program")
def program():
    read_without_transaction()
    # The seminar, its days, items and places left come from registration, in one
    # statement (current_programme_by_day_or_404, which the template calls: a 404
    # without a current edition).
    return render_template("program/program.html")


@bp.route("/program/<code>")
def item(code: str):
    seminar = current_seminar_or_404()
    program_item = item_by_code(seminar, code)
    if program_item is None:
        abort(404)
    return render_template("program/item.html", seminar=seminar, item=program_item)


@bp.route("/history")
def history():
    return render_template(
        "program/history.html", seminar=current_seminar(), rows=queries.history()
    )
