"""The headcount dashboard: figures only, no personal data, for every staff role."""

from __future__ import annotations

from flask import jsonify, render_template

from ..auth.permissions import Permission, requires
from ..program.queries import current_seminar, program_items
from ..registration.history import item_titles
from . import bp
from .queries import dashboard_figures


@bp.route("/")
@requires(Permission.VIEW_HEADCOUNTS)
def dashboard():
    seminar = current_seminar()
    return render_template(
        "console/dashboard.html",
        seminar=seminar,
        figures=dashboard_figures(seminar),
        item_titles=item_titles(program_items(seminar)) if seminar else {},
    )


@bp.route("/headcounts.json")
@requires(Permission.VIEW_HEADCOUNTS)
def headcounts_json():
    return jsonify(dashboard_figures(current_seminar()))
