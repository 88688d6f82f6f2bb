"""Public pages about the seminar: home, programme, series history."""

from flask import Blueprint

bp = Blueprint("program", __name__, cli_group=None)

from . import cli, routes  # noqa: E402,F401  (routes attach themselves to bp)
