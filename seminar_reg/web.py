"""What every feature's routes share: a safe redirect target, file downloads and the
page a mailed link answers when it no longer opens anything."""

from __future__ import annotations

from io import BytesIO
from typing import NoReturn
from urllib.parse import urlsplit

from flask import Response, abort, make_response, render_template, send_file, url_for

# The one MIME table: every file the app hands out, by extension.
MIME_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def safe_next(target: str | None, fallback_endpoint: str) -> str:
    """`target` when it is a path on this site, else the fallback page: a ?next= link
    must not send anyone to another host (no open redirect)."""
    if not target:
        return url_for(fallback_endpoint)
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for(fallback_endpoint)
    return target


def download(data: bytes | str, filename: str, **headers: str) -> Response:
    """`data` as an attachment named `filename`, typed by its extension. Downloads carry
    names and organisations of real people: never kept in a shared cache."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    extension = filename.rpartition(".")[2]
    response = send_file(
        BytesIO(data),
        mimetype=MIME_TYPES[extension],
        as_attachment=True,
        download_name=filename,
        max_age=0,
    )
    response.headers["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response.headers[name.replace("_", "-")] = value
    return response


def link_not_working(template: str, **context) -> NoReturn:
    """A 404 that says what happened and what to do, not "no page at this address": a
    mailed link replaced, used or expired, or its page reopened after the browser was
    closed, is what people meet, not a mistyped address. ``template`` extends
    ``_link_not_working.html`` with the link's own words."""
    abort(make_response(render_template(template, **context), 404))
