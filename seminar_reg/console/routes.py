from flask import jsonify, render_template

from ..auth.permissions import Permission, requires
from ..i18n import localized
from ..program.queries import current_seminar, program_items
from . import bp
from .queries import dashboard_figures


@bp.route("/")
@requires(Permission.VIEW_HEADCOUNTS)
def dashboard():
    seminar = current_seminar()
    titles = (
        {item.code: localized(item, "title") for item in program_items(seminar)} if seminar else {}
    )
    return render_template(
        "console/dashboard.html",
        seminar=seminar,
        figures=dashboard_figures(seminar),
        item_titles=titles,
    )


@bp.route("/headcounts.json")
@requires(Permission.VIEW_HEADCOUNTS)
def headcounts_json():
    return jsonify(dashboard_figures(current_seminar()))


@bp.route("/delegates")
@requires(Permission.MANAGE_DELEGATES)
def delegates():
    return render_template("console/delegates.html")


@bp.route("/import")
@requires(Permission.MANAGE_DELEGATES)
def import_upload():
    return render_template("console/import.html")


@bp.route("/accounts")
@requires(Permission.MANAGE_ACCOUNTS)
def accounts():
    return render_template("console/accounts.html")
