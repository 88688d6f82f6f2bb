"""Delegations: the secretariat invites organisations, and each one's contact registers
and manages its members (ordinary delegates) from one page. Models in ``models.py``."""

from flask import Blueprint

bp = Blueprint("delegations", __name__, cli_group=None)

from . import cli, demo, join_routes, models, routes  # noqa: E402,F401
