"""The check-in desk: badge scans, look-up by name, offline replay."""

from flask import Blueprint

bp = Blueprint("checkin", __name__, cli_group=None)

from . import desk_pages, routes  # noqa: E402,F401
