"""Defences that apply across the app: response headers, caching, rate limits, log
redaction and upload checks.

Everything here is configuration-driven and attached in ``create_app``; features only
use the decorators (``registration_rate_limit`` ...) and ``read_upload``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any

from flask import Flask, Response, abort, current_app, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge, SecurityError

from .extensions import limiter
from .names import find_control_character

# No inline scripts or styles anywhere: templates load /static files only. The
# check-in desk shows the camera (getUserMedia) in a <video>, hence mediastream:/blob:.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob: mediastream:",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # The self-service link carries its token in the URL, so no address may leave the
    # site; same-origin (not no-referrer) because Flask-WTF refuses HTTPS form posts
    # that arrive without a same-site Referer.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    # Only the check-in desk needs a device, and only the camera.
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=()",
}
HSTS = "max-age=31536000; includeSubDomains"
# Only pages that are the same for every visitor may be kept by browsers and proxies;
# everything else may show personal data or a session-bound CSRF token.
CACHEABLE_BLUEPRINTS = frozenset({"program"})
CACHEABLE_ENDPOINTS = frozenset({"static"})

# The self-service token in a path however it is spelled: slashes doubled (//my//), or
# percent-encoded once or twice (a ?next= parameter: %2Fmy%2F, %252Fmy%252F), and any
# of its characters percent-encoded (/my/ab%43d... is the token abCd...). Everything up
# to the end of the path segment goes; only /my/cancel is a page, not a token. A
# delegation's invitation link (/invitation/<token>) and a membership request's link
# (/delegation/join/<token>) are redacted the same way.
_SLASH = r"(?:/|%(?:25)?2[fF])"
_TOKEN_CHARACTER = r"(?:[A-Za-z0-9_.~\-]|%(?:25)?[0-9A-Fa-f]{2})"
TOKEN_IN_PATH = re.compile(
    rf"({_SLASH}+(?i:my|invitation|join){_SLASH}+)(?!cancel(?![A-Za-z0-9_\-%])){_TOKEN_CHARACTER}+"
)
# What staff type to find a person (a name in any script, an email, an organisation)
# travels in the query string of searches, exports and the desk's look-up, also
# percent-encoded inside a ?next= parameter.
SEARCH_IN_QUERY = re.compile(
    r"((?:[?&]|%3[fF]|%26)(?:q|query|email|organization)(?:=|%3[dD]))(?:(?!%26)[^&\s\"'])*"
)
REDACTED = "[redacted]"
# Loggers that write request lines or request paths.
REDACTED_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")

UPLOAD_SIGNATURES: dict[str, bytes] = {".csv": b"", ".xlsx": b"PK\x03\x04"}


def init_body_limits(app: Flask) -> None:
    """Before CSRFProtect, whose check reads the form: the cap must be set first."""
    app.before_request(limit_request_body)


def init_app(app: Flask) -> None:
    app.session_interface = SignedCookieSessions()
    app.before_request(refuse_control_characters_in_path)
    app.register_error_handler(SecurityError, refuse_untrusted_host)
    app.after_request(add_security_headers)
    install_log_redaction(app)


def refuse_control_characters_in_path() -> None:
    """No page's address holds a control character (item codes, badge codes and tokens
    are letters, digits and dashes), and PostgreSQL refuses a NUL in a query outright:
    such a path is a 404 in the visitor's language before any view looks it up."""
    if find_control_character(request.path) is not None:
        abort(404)


class SignedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed session cookie, its signing serializer built once per key.

    Flask builds the serializer (the keys, the signer's settings) for every request that
    reads the cookie and again for every answer that sets it, ~15 µs each time; the
    cookie it reads and writes is the same. A new SECRET_KEY or fallback builds anew."""

    _built: tuple = ((), None)

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        built_for, serializer = self._built
        if built_for != keys:
            serializer = super().get_signing_serializer(app)
            self._built = (keys, serializer)
        return serializer


# --- request bodies ------------------------------------------------------------------

BODY_LIMIT_ATTRIBUTE = "body_limit_setting"
BodyLimit = str | Callable[[Mapping[str, Any]], int]


def body_limit(setting: BodyLimit) -> Callable:
    """Cap this view's request body: a configuration key naming the bytes, or a function
    of the configuration. Views without one get FORM_MAX_BYTES.

    functools.wraps copies the mark, so it may sit anywhere among the view's decorators.
    """

    def mark(view: Callable) -> Callable:
        setattr(view, BODY_LIMIT_ATTRIBUTE, setting)
        return view

    return mark


def import_body_limit(config: Mapping[str, Any]) -> int:
    # Twice the file limit, so a file somewhat too large is still read far enough to
    # be refused next to the field in the user's language instead of by a 413 page.
    return 2 * config["IMPORT_MAX_BYTES"] + config["FORM_MAX_BYTES"]


def limit_request_body() -> None:
    """Set this request's body limits from its view, before anything reads the body:
    an oversized post is a 413 before a byte of it is parsed or checked."""
    view = current_app.view_functions.get(request.endpoint or "")
    setting = getattr(view, BODY_LIMIT_ATTRIBUTE, "FORM_MAX_BYTES")
    config = current_app.config
    limit = setting(config) if callable(setting) else config[setting]
    request.max_content_length = min(limit, config["MAX_CONTENT_LENGTH"])
    # A declared length over the cap is refused now, whether or not the view reads it.
    if request.content_length is not None and request.content_length > request.max_content_length:
        raise RequestEntityTooLarge()
    # Text fields are small everywhere; only a file part may be larger.
    request.max_form_memory_size = min(limit, config["FORM_MAX_BYTES"])


def refuse_untrusted_host(error: SecurityError) -> Response:
    """A Host outside TRUSTED_HOSTS (Flask checks it before routing). No page can be
    rendered, since every link on it would be built for that host: a short text."""
    return Response(
        _("This site is not served under this address."),
        status=400,
        mimetype="text/plain",
    )


# --- headers -------------------------------------------------------------------------


# (lower-case name, name, value): what a response lacks is found in one pass over it.
_SECURITY_HEADER_ITEMS = tuple(
    (name.lower(), name, value) for name, value in SECURITY_HEADERS.items()
)


def add_security_headers(response: Response) -> Response:
    """Every answer's headers, unless its view set its own.

    Werkzeug's ``Headers.setdefault`` scans the list for each name and, for a name not
    there (nearly always here), builds a KeyError (a BadRequestKeyError) before adding
    it: 5-6 headers took ~80 µs of every response. The names present are read once."""
    headers = response.headers
    present = set(headers.keys(lower=True))
    for lowered, name, value in _SECURITY_HEADER_ITEMS:
        if lowered not in present:
            headers.add(name, value)
    if "strict-transport-security" not in present and _served_over_https():
        headers.add("Strict-Transport-Security", HSTS)
    if not _is_cacheable():
        if "cache-control" in present:
            headers["Cache-Control"] = "no-store"
        else:
            headers.add("Cache-Control", "no-store")
    return response


def _served_over_https() -> bool:
    # Behind a TLS proxy request.is_secure needs ProxyFix; SESSION_COOKIE_SECURE=1 is
    # the deployer's own statement that the site is HTTPS only.
    return request.is_secure or bool(current_app.config.get("SESSION_COOKIE_SECURE"))


def _is_cacheable() -> bool:
    return request.endpoint in CACHEABLE_ENDPOINTS or request.blueprint in CACHEABLE_BLUEPRINTS


# --- rate limits ---------------------------------------------------------------------


def _configured_limit(key: str) -> Callable[[], str]:
    """Read the limit at request time, so each app (and each test) sets its own."""
    return lambda: current_app.config[key]


# Only POSTs count for forms: reading a form costs nothing and must stay possible.
registration_rate_limit = limiter.limit(
    _configured_limit("RATELIMIT_REGISTRATION"), methods=["POST"]
)
# Each answer may renew a link and send a mail: far fewer than the form.
lost_link_rate_limit = limiter.limit(_configured_limit("RATELIMIT_LOST_LINK"), methods=["POST"])
login_rate_limit = limiter.limit(_configured_limit("RATELIMIT_LOGIN"), methods=["POST"])
# One budget for the link and the pages behind it, whichever a guesser hits.
self_service_rate_limit = limiter.shared_limit(
    _configured_limit("RATELIMIT_SELF_SERVICE"), scope="self-service"
)


# --- logs ----------------------------------------------------------------------------


def redact(text: str) -> str:
    text = TOKEN_IN_PATH.sub(r"\1" + REDACTED, text)
    return SEARCH_IN_QUERY.sub(r"\1" + REDACTED, text)


class RedactTokens(logging.Filter):
    """Replaces self-service tokens and searched-for names in a log line before any
    handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install_log_redaction(app: Flask) -> None:
    # Filters on a logger see only records logged to it, so each logger that can
    # carry a request path gets one (once: create_app runs many times in tests).
    for logger in [logging.getLogger(name) for name in REDACTED_LOGGERS] + [app.logger]:
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())


# --- uploads -------------------------------------------------------------------------


class UploadRefused(ValueError):
    """The upload is not a file we accept; str() is a code for ``upload_error_message``."""


def read_upload(upload: FileStorage, max_bytes: int | None = None) -> bytes:
    """The uploaded bytes, if the file is a .csv or .xlsx within the size limit.

    The name and the first bytes must agree, so a renamed executable or archive is
    refused before any parser sees it.
    """
    limit = max_bytes if max_bytes is not None else current_app.config["IMPORT_MAX_BYTES"]
    suffix = PurePath(upload.filename or "").suffix.lower()
    if suffix not in UPLOAD_SIGNATURES:
        raise UploadRefused("type")
    content = upload.stream.read(limit + 1)
    if len(content) > limit:
        raise UploadRefused("size")
    if not content.startswith(UPLOAD_SIGNATURES[suffix]) or (
        suffix == ".csv" and b"\x00" in content
    ):
        raise UploadRefused("type")
    return content


def upload_error_message(error: UploadRefused) -> str:
    if str(error) == "size":
        megabytes = current_app.config["IMPORT_MAX_BYTES"] // (1024 * 1024)
        return _("The file is larger than %(size)s MB.", size=megabytes)
    return _("Please upload a .csv or .xlsx file.")
