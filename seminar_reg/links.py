"""Absolute links for mails and documents.

They are built from PUBLIC_URL alone, never from the request: a request's Host header
is whatever the sender typed, and a link mailed from the official sender must not
point anywhere else (``Host: evil.example`` would otherwise be mailed to a delegate).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def public_host() -> str:
    return urlsplit(current_app.config["PUBLIC_URL"]).hostname or "localhost"


def public_url(endpoint: str, **values) -> str:
    """The absolute address of ``endpoint`` on the public site, inside or outside a request."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)
