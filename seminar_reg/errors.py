"""Error pages in the visitor's language."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, ServiceUnavailable

# How long a visitor (or a client) should wait before retrying after a 503.
RETRY_AFTER_SECONDS = 30


# Status -> (title, message); CSRFError is a 400 with its own words.
PAGES = {
    "csrf": (
        _l("Form expired"),
        _l("The form has expired or was sent from elsewhere. Please reload it and try again."),
    ),
    400: (_l("Bad request"), _l("The request could not be understood.")),
    403: (_l("Access denied"), _l("You do not have permission to see this page.")),
    404: (_l("Page not found"), _l("There is no page at this address.")),
    413: (_l("File too large"), _l("The uploaded data is too large.")),
    429: (_l("Too many requests"), _l("Please wait a moment and try again.")),
    500: (
        _l("Something went wrong"),
        _l("The request could not be completed. Please try again later."),
    ),
    503: (
        _l("Temporarily unavailable"),
        _l("The service is temporarily unavailable. Please try again shortly."),
    ),
}
# Extra headers per status: a visitor (or a client) should wait before retrying a 503.
HEADERS = {503: {"Retry-After": str(RETRY_AFTER_SECONDS)}}


def _page(error: HTTPException, key: int | str | None = None):
    title, message = PAGES[key or error.code]
    body = render_template("errors/error.html", code=error.code, title=title, message=message)
    return body, error.code, HEADERS.get(error.code, {})


def _discard_transaction() -> None:
    """Roll back what the failed request began, so the pooled connection is clean."""
    from .extensions import db

    try:
        db.session.rollback()
    except Exception:  # the connection may be gone already; the pool replaces it
        db.session.remove()


def _failed(error: HTTPException):
    _discard_transaction()
    return _page(error)


def _database_unavailable(error):
    # Server down, connection lost, or SQLite busy beyond its timeout. Only the error's
    # class is logged: its text may quote the statement's values.
    _discard_transaction()
    current_app.logger.warning("database unavailable: %s", type(error.orig).__name__)
    return _page(ServiceUnavailable())


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, lambda error: _page(error, "csrf"))
    for code in (400, 403, 404, 413, 429, 503):
        app.register_error_handler(code, _page)
    app.register_error_handler(500, _failed)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(InterfaceError, _database_unavailable)
