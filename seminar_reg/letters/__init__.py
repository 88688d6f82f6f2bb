"""Formal invitation letters (招へい状 / 邀请函), one per delegation: the command and the
console page. The renderer is pure (content, wording, pdf); queries read delegations."""

from flask import Blueprint

bp = Blueprint("letters", __name__, cli_group=None)

from . import cli, routes  # noqa: E402,F401
