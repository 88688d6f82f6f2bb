"""Staff login, roles and permissions."""

from flask import Blueprint

bp = Blueprint("auth", __name__, cli_group=None)

from . import accounts, cli, routes  # noqa: E402,F401
from .passwords import MIN_LENGTH  # noqa: E402
from .permissions import can  # noqa: E402


@bp.app_context_processor
def permission_helpers() -> dict:
    return {"can": can, "staff_role_label": staff_role_label, "min_password_length": MIN_LENGTH}


def staff_role_label(role: str) -> str:
    from .forms import STAFF_ROLE_LABELS

    return str(STAFF_ROLE_LABELS.get(role, role))
