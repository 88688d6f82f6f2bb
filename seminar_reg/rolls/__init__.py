"""Attendance rolls per programme item, split by side."""

from flask import Blueprint

bp = Blueprint("rolls", __name__, cli_group=None)

from . import cli, routes  # noqa: E402,F401
