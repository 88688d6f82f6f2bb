"""Error pages in the visitor's language."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, ServiceUnavailable

# How long a visitor (or a client) should wait before retrying after a 503.
RETRY_AFTER_SECONDS = 30


def _page(error: HTTPException, title: str, message: str):
    return (
        render_template("errors/error.html", code=error.code, title=title, message=message),
        error.code,
    )


def _discard_transaction() -> None:
    """Roll back what the failed request began, so the pooled connection is clean."""
    from .extensions import db

    try:
        db.session.rollback()
    except Exception:  # the connection may be gone already; the pool replaces it
        db.session.remove()


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_refused(error):
        return _page(
            error,
            _("Form expired"),
            _("The form has expired or was sent from elsewhere. Please reload it and try again."),
        )

    @app.errorhandler(400)
    def bad_request(error):
        return _page(error, _("Bad request"), _("The request could not be understood."))

    @app.errorhandler(403)
    def forbidden(error):
        return _page(error, _("Access denied"), _("You do not have permission to see this page."))

    @app.errorhandler(404)
    def not_found(error):
        return _page(error, _("Page not found"), _("There is no page at this address."))

    @app.errorhandler(413)
    def too_large(error):
        return _page(error, _("File too large"), _("The uploaded data is too large."))

    @app.errorhandler(429)
    def too_many(error):
        return _page(error, _("Too many requests"), _("Please wait a moment and try again."))

    @app.errorhandler(503)
    def unavailable(error):
        body, code = _page(
            error,
            _("Temporarily unavailable"),
            _("The service is temporarily unavailable. Please try again shortly."),
        )
        return body, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error):
        # Server down, connection lost, or SQLite busy beyond its timeout. Only the
        # error's class is logged: its text may quote the statement's values.
        _discard_transaction()
        current_app.logger.warning("database unavailable: %s", type(error.orig).__name__)
        return unavailable(ServiceUnavailable())

    @app.errorhandler(500)
    def internal_error(error):
        _discard_transaction()
        return _page(
            error,
            _("Something went wrong"),
            _("The request could not be completed. Please try again later."),
        )
