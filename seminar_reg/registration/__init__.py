"""Delegate registration: the public form, the self-service link, import and counts."""

from flask import Blueprint

bp = Blueprint("registration", __name__, cli_group=None)

from . import cli, routes  # noqa: E402,F401
