"""The secretariat's console: delegates, audit log, import, exports, headcounts."""

from flask import Blueprint

bp = Blueprint("console", __name__, cli_group=None)

from . import dashboard, imports, routes  # noqa: E402,F401
