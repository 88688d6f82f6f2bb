"""Delegate registration: the public form, the self-service link, import and counts."""

from flask import Blueprint

bp = Blueprint("registration", __name__, cli_group=None)

from . import cli, returning, routes  # noqa: E402,F401
from .availability import current_programme_by_day_or_404  # noqa: E402

# The programme page shows how full each item is. The programme does not import
# registration (registration builds on it), so registration lends its templates this:
# the seminar, its days, items and places left, in one statement.
bp.add_app_template_global(current_programme_by_day_or_404)
