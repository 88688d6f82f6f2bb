"""Staff login, roles and permissions."""

from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group=None)

from . import accounts, cli, routes  # noqa: E402,F401
from .passwords import MIN_LENGTH  # noqa: E402
from .permissions import can  # noqa: E402


@bp.app_context_processor
def permission_helpers() -> dict:
    return {"can": can, "min_password_length": MIN_LENGTH}
