"""Which role may do what; routes ask for a permission, never for a role by name."""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from ..extensions import login_manager
from .models import StaffRole


class Permission(enum.StrEnum):
    VIEW_HEADCOUNTS = "view_headcounts"
    CHECK_IN = "check_in"
    MANAGE_DELEGATES = "manage_delegates"
    MANAGE_ACCOUNTS = "manage_accounts"


GRANTS: dict[str, frozenset[Permission]] = {
    StaffRole.ADMIN: frozenset(Permission),
    StaffRole.SECRETARIAT: frozenset(
        {Permission.VIEW_HEADCOUNTS, Permission.CHECK_IN, Permission.MANAGE_DELEGATES}
    ),
    StaffRole.CHECKIN: frozenset({Permission.VIEW_HEADCOUNTS, Permission.CHECK_IN}),
    StaffRole.VIEWER: frozenset({Permission.VIEW_HEADCOUNTS}),
}


def can(permission: Permission) -> bool:
    return current_user.is_authenticated and permission in GRANTS.get(current_user.role, ())


def requires(permission: Permission) -> Callable:
    """Anonymous visitors go to the login page; logged-in staff without the right get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not can(permission):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
