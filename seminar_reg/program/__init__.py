"""The seminar and its programme: public pages (home, programme, series history) and the
secretariat's programme settings (manage.py, a blueprint of its own under /console/program)."""

from flask import Blueprint

bp = Blueprint("program", __name__, cli_group=None)

from . import cli, routes  # noqa: E402,F401  (routes attach themselves to bp)
