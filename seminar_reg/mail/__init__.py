"""Outgoing mail: stored with the change that causes it, sent after the response.

``outbox.defer`` queues a mail inside a transaction; ``init_app`` stores deferred mail
when that transaction commits and sends what a request queued once its response has
gone out (``call_on_close``), so a slow or absent mail server never delays or breaks
the page. ``flask --app seminar_reg mail status|send`` does the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

from flask import Flask, Response, after_this_request, current_app, g

from ..extensions import db
from . import models  # noqa: F401  (the table, for migrations)
from .outbox import (
    QUEUED_IN_REQUEST,
    ClaimedMail,
    QueuedMail,
    composes,
    defer,
    deliver,
    install_session_events,
)

# Besides its own mail, a request that queued mail sends this many others whose
# back-off has passed: retries happen while people use the site, timer or not.
RETRIES_AFTER_REQUEST = 20
# ... looking for them at most this often in a server process: the shortest back-off is
# a minute, so a look after every request's mail found nothing nearly every time and cost
# it a statement and a commit after its response (0.6 of a registration's 6.5 ms of CPU
# after its answer, beside its next request on a small machine).
RETRY_SWEEP_SECONDS = 30.0
_LAST_SWEEP = "seminar_reg.mail.last_retry_sweep"  # app.extensions: monotonic seconds


def init_app(app: Flask) -> None:
    from .cli import mail_group

    install_session_events(db.session)
    app.after_request(_send_after_response)
    app.wsgi_app = _ClosedWhenSent(app.wsgi_app)
    app.cli.add_command(mail_group)


class _ClosedWhenSent:
    """Close each response (running its ``call_on_close`` work) once its last byte is
    handed to the server, not only when the server calls ``close``.

    werkzeug's server (``flask run``, the browser tests' live server) drains the request
    socket before ``close`` and skips ``close`` when that read fails: a client that
    resets the connection after reading a redirect (3 POSTs in 30 in
    tests/mail/test_sent_after_response.py) left its registration's mail pending,
    unsent and unlogged, until the next request or the timer."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response) -> Iterable[bytes]:
        body = self.wsgi_app(environ, start_response)
        file_wrapper = environ.get("wsgi.file_wrapper")
        if file_wrapper is not None and isinstance(body, file_wrapper):
            return body  # gunicorn's sendfile for send_file; such answers queue no mail
        return _closing_when_exhausted(body)


def _closing_when_exhausted(body: Iterable[bytes]) -> Iterator[bytes]:
    # Runs ``close`` once: when the server asks for a chunk after the last, when it
    # closes this generator, or when the generator is collected. A loop, not ``yield
    # from``, which passes this generator's close on to ``body`` too: closed before its
    # end (the test client, a client gone), the request's mail was sent twice over (the
    # second claim finding it taken: a statement and a commit for nothing).
    try:
        for chunk in body:  # noqa: UP028 (see above)
            yield chunk
    finally:
        if hasattr(body, "close"):
            body.close()


def _send_after_response(response: Response) -> Response:
    ids = g.pop(QUEUED_IN_REQUEST, None)
    if ids:
        app = current_app._get_current_object()
        response.call_on_close(lambda: send_quietly(app, ids))
    return response


def after_response(work: Callable[[], None]) -> None:
    """Run ``work`` once this request's response has gone out, then send what it queued.

    For answers that must not depend on what the work finds: the response is the same,
    and as fast, whether or not there was anything to do."""
    app = current_app._get_current_object()

    @after_this_request
    def schedule(response: Response) -> Response:
        response.call_on_close(lambda: _work_then_send(app, work))
        return response


def _work_then_send(app: Flask, work: Callable[[], None]) -> None:
    with app.app_context():
        try:
            work()
        except Exception:
            app.logger.exception("work after the response failed")
            return
        send_quietly(app, g.pop(QUEUED_IN_REQUEST, []))


def send_quietly(app: Flask, ids: list[int]) -> None:
    """Send a request's mail, then any due retries; whatever fails stays pending."""
    if not ids:
        return
    with app.app_context():
        try:
            delivery = deliver(ids=ids, due_only=False)
            if not delivery.interrupted and _retry_sweep_due(app):
                deliver(due_only=True, limit=RETRIES_AFTER_REQUEST)
        except Exception:  # the response is gone; the mail waits for the next try
            app.logger.exception("sending mail after the response failed; it stays pending")


def _retry_sweep_due(app: Flask) -> bool:
    """True, and noted, when this process last looked for due retries long enough ago."""
    now = time.monotonic()
    last = app.extensions.get(_LAST_SWEEP)
    if last is not None and now - last < RETRY_SWEEP_SECONDS:
        return False
    app.extensions[_LAST_SWEEP] = now
    return True


__all__ = ["ClaimedMail", "QueuedMail", "after_response", "composes", "defer", "init_app"]
