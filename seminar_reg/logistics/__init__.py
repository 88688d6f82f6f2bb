"""Site-visit buses, reception catering and seating, arrivals and rooming lists."""

from flask import Blueprint

bp = Blueprint("logistics", __name__, cli_group=None)

from . import cli, models, routes  # noqa: E402,F401
