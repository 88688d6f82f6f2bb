"""Badge print jobs: selection, ordering, PDF, and the print log."""

from flask import Blueprint

bp = Blueprint("badges", __name__, cli_group=None)

from . import cli, routes  # noqa: E402,F401
