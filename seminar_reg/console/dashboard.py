"""The headcount dashboard: figures only, no personal data, for every staff role."""

from __future__ import annotations

from flask import jsonify, render_template

from ..auth.permissions import Permission, can, requires
from ..delegations.queries import waiting_count
from ..editions.queries import reported_figures
from ..program.queries import console_seminar, program_items
from ..registration.history import item_titles
from . import bp
from .queries import dashboard_figures


@bp.route("/")
@requires(Permission.VIEW_HEADCOUNTS)
def dashboard():
    seminar = console_seminar()
    return render_template(
        "console/dashboard.html",
        seminar=seminar,
        figures=dashboard_figures(seminar),
        # This edition's live figures beside what earlier editions reported (and its own
        # reported figures once the organisers published them).
        reported=reported_figures(seminar),
        item_titles=item_titles(program_items(seminar)) if seminar else {},
        waiting=waiting_count(seminar),
        # The pairs are personal data: the count is for every role, the list is not.
        waiting_link=can(Permission.MANAGE_DELEGATES),
    )


@bp.route("/headcounts.json")
@requires(Permission.VIEW_HEADCOUNTS)
def headcounts_json():
    return jsonify(dashboard_figures(console_seminar()))
