"""Data retention: anonymising delegates of finished seminars (`purge`), and deleting
what is kept only for a while (`cleanup`: outbox mail, expired links and login
failures, stale uploads, an old audit trail)."""

from flask import Blueprint

bp = Blueprint("retention", __name__, cli_group=None)

from . import cli, routes  # noqa: E402,F401
