"""The secretariat's console: delegates, audit log, import, exports, headcounts."""

from flask import Blueprint

bp = Blueprint("console", __name__, cli_group=None)

from . import dashboard, imports, routes  # noqa: E402,F401
from .navigation import console_navigation  # noqa: E402


@bp.app_context_processor
def navigation_helpers() -> dict:
    return {"console_navigation": console_navigation}
