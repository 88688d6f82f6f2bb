"""Error pages in the visitor's language."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException


def _page(error: HTTPException, title: str, message: str):
    return (
        render_template("errors/error.html", code=error.code, title=title, message=message),
        error.code,
    )


def init_app(app: Flask) -> None:
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
        return _page(
            error,
            _("Temporarily unavailable"),
            _("The service is temporarily unavailable. Please try again shortly."),
        )
